/// Scanning a decoded connector document for credentials without first turning it back
/// into a JSON tree.
extension SecretScanner {
    /// The matches `scan(DocumentEncoding.document(doc), skipping: ["hash", "prev"])` gives,
    /// in the same order and with the same paths, read straight from the model: every string
    /// the file holds is examined (the fixed field names are short words no rule matches);
    /// only the chain hashes (`hash`, `prev`) are skipped, as there.
    public static func scan(document doc: ConnectorDocument) -> [SecretMatch] {
        var s = DocumentScan()
        // Keys in sorted order, as the tree walk visits them.
        for (name, t) in [("approval", doc.due.approval), ("review", doc.due.review), ("rotation", doc.due.rotation),
                          ("until", doc.due.until)] {
            if let t { s.text(t.iso8601, "due.\(name)") }
        }
        for (i, e) in doc.history.enumerated() {
            let at = "[\(i)]"
            s.text(e.actor, "history\(at).actor")
            s.text(e.at.iso8601, "history\(at).at")
            s.tree(.object(e.data), "history", at, ".data")
            s.text(e.event, "history\(at).event")
            if let from = e.from { s.text(from, "history\(at).from") }
            s.text(e.note, "history\(at).note")
            s.text(e.to, "history\(at).to")
        }
        s.text(doc.id.rawValue, "id")
        s.spec(doc.spec)
        s.text(doc.state, "state")
        for (i, t) in doc.tasks.enumerated() {
            let at = "[\(i)]"
            if let c = t.closedAt { s.text(c.iso8601, "tasks\(at).closedAt") }
            if let d = t.dueAt { s.text(d.iso8601, "tasks\(at).dueAt") }
            if let e = t.evidence { s.text(e, "tasks\(at).evidence") }
            s.text(t.id, "tasks\(at).id")
            s.text(t.kind, "tasks\(at).kind")
            s.text(t.openedAt.iso8601, "tasks\(at).openedAt")
            s.text(t.status.rawValue, "tasks\(at).status")
        }
        s.text(doc.workflow, "workflow")
        return s.out
    }
}

/// The matches found so far while scanning one document.
struct DocumentScan {
    var out: [SecretMatch] = []

    /// Examines one string; `path` is only built for a match.
    mutating func text(_ value: String, _ path: @autoclosure () -> String) {
        if let k = SecretScanner.kind(of: value) { out.append(SecretMatch(path: path(), kind: k)) }
    }

    /// Walks a free-form value (event data) at the path made of `components`.
    mutating func tree(_ value: JSONValue, _ components: String...) {
        var c = components
        SecretScanner.walk(value, components: &c, skipping: ["hash", "prev"], into: &out)
    }

    /// The spec's strings, keys in sorted order.
    mutating func spec(_ spec: Spec) {
        for (i, b) in spec.bindings.enumerated() {
            text(b.platform, "spec.bindings[\(i)].platform")
            text(b.ref, "spec.bindings[\(i)].ref")
        }
        text(spec.environment, "spec.environment")
        text(spec.kind, "spec.kind")
        text(spec.owners.business, "spec.owners.business")
        text(spec.owners.technical, "spec.owners.technical")
        text(spec.purpose, "spec.purpose")
        for (i, r) in spec.reaches.enumerated() { text(r, "spec.reaches[\(i)]") }
        text(spec.risk.rawValue, "spec.risk")
        for (i, sc) in spec.scopes.enumerated() { text(sc, "spec.scopes[\(i)]") }
        if let r = spec.secretRef { text(r, "spec.secretRef") }
        text(spec.system, "spec.system")
        if let u = spec.until { text(u.iso8601, "spec.until") }
    }
}
