/// Turns a parsed JSON value into a `ConnectorDocument`, refusing anything that breaks the
/// format: missing or unknown fields, wrong types, non-integer numbers, malformed times,
/// unknown task statuses. Whether states and events exist is the workflow's to say
/// (see `Replay`), not the format's.
public enum DocumentDecoding {
    /// Decodes a whole connector file. `file` is used in error messages.
    public static func document(_ value: JSONValue, file: String) throws(DataError) -> ConnectorDocument {
        var r = try FieldReader(value, path: "", file: file)
        let schema = try r.int("schema")
        guard schema == ConnectorDocument.schemaVersion else {
            throw r.error("schema", "unsupported schema \(schema); this steward reads schema 1")
        }
        let idText = try r.string("id")
        guard let id = ConnectorID(checking: idText) else {
            // Shown so it can be found and fixed, with anything that looks like a credential redacted.
            let shown = SecretScanner.redact(String(idText.prefix(64)))
            throw r.error("id", "'\(shown)' is not a connector id: \(ConnectorID.rule)")
        }
        let version = try r.int("version")
        let state = try r.nonEmptyString("state")
        let workflow = try r.nonEmptyString("workflow")
        let spec = try self.spec(try r.required("spec"), path: "spec", file: file)
        let due = try self.due(try r.required("due"), path: "due", file: file)
        var tasks: [ConnectorTask] = []
        for (i, t) in try r.array("tasks").enumerated() {
            tasks.append(try task(t, path: "tasks[\(i)]", file: file))
        }
        var history: [Event] = []
        let rawHistory = try r.array("history")
        history.reserveCapacity(rawHistory.count)
        for (i, e) in rawHistory.enumerated() {
            history.append(try event(e, path: "history[\(i)]", file: file))
        }
        try r.finish()
        guard version >= 0, version <= Int64(Int32.max) else { throw r.error("version", "out of range") }
        let doc = ConnectorDocument(id: id, version: Int(version), state: state, workflow: workflow, spec: spec,
                                    due: due, tasks: tasks, history: history)
        try Identity.check(doc, file: file)
        return doc
    }

    /// Decodes a spec object (the document's `spec`, or `data.spec` of a request or amend).
    public static func spec(_ value: JSONValue, path: String, file: String) throws(DataError) -> Spec {
        var r = try FieldReader(value, path: path, file: file)
        let system = try r.nonEmptyString("system")
        let purpose = try r.nonEmptyString("purpose")
        let kind = try r.nonEmptyString("kind")
        let environment = try r.nonEmptyString("environment")
        let riskText = try r.string("risk")
        guard let risk = Risk(rawValue: riskText) else {
            throw r.error("risk", "unknown risk '\(riskText.prefix(32))'; expected low, medium or high")
        }
        var o = try FieldReader(try r.required("owners"), path: r.pathOf("owners"), file: file)
        let owners = Owners(business: try o.nonEmptyString("business"), technical: try o.nonEmptyString("technical"))
        try o.finish()
        let scopes = try r.strings("scopes")
        let reaches = try r.strings("reaches")
        let secretRef = try r.optionalString("secretRef")
        let until = try r.optionalTimestamp("until")
        var bindings: [Binding] = []
        for (i, b) in try r.array("bindings").enumerated() {
            var br = try FieldReader(b, path: "\(r.pathOf("bindings"))[\(i)]", file: file)
            bindings.append(Binding(platform: try br.nonEmptyString("platform"), ref: try br.nonEmptyString("ref")))
            try br.finish()
        }
        try r.finish()
        return Spec(system: system, purpose: purpose, kind: kind, environment: environment, risk: risk,
                    owners: owners, scopes: scopes, reaches: reaches, secretRef: secretRef, until: until,
                    bindings: bindings)
    }

    static func due(_ value: JSONValue, path: String, file: String) throws(DataError) -> Due {
        var r = try FieldReader(value, path: path, file: file)
        let d = Due(review: try r.optionalTimestamp("review"), rotation: try r.optionalTimestamp("rotation"),
                    approval: try r.optionalTimestamp("approval"), until: try r.optionalTimestamp("until"))
        try r.finish()
        return d
    }

    static func task(_ value: JSONValue, path: String, file: String) throws(DataError) -> ConnectorTask {
        var r = try FieldReader(value, path: path, file: file)
        let id = try r.nonEmptyString("id")
        let kind = try r.nonEmptyString("kind")
        let statusText = try r.string("status")
        guard let status = TaskStatus(rawValue: statusText) else {
            throw r.error("status", "unknown task status '\(statusText.prefix(32))'; expected open or done")
        }
        let t = ConnectorTask(id: id, kind: TaskKind(rawValue: kind), status: status, openedAt: try r.timestamp("openedAt"),
                              dueAt: try r.optionalTimestamp("dueAt"), closedAt: try r.optionalTimestamp("closedAt"),
                              evidence: try r.optionalString("evidence"))
        try r.finish()
        return t
    }

    /// Decodes one history event.
    public static func event(_ value: JSONValue, path: String, file: String) throws(DataError) -> Event {
        var r = try FieldReader(value, path: path, file: file)
        let seq = try r.int("seq")
        guard seq >= 1, seq <= Int64(Int32.max) else { throw r.error("seq", "must be a positive integer") }
        var e = Event(seq: Int(seq), event: try r.nonEmptyString("event"), from: try r.optionalString("from"),
                      to: try r.nonEmptyString("to"), actor: try r.nonEmptyString("actor"), at: try r.timestamp("at"),
                      note: try r.string("note"), data: try r.object("data"), prev: try r.string("prev"),
                      hash: try r.string("hash"))
        try r.finish()
        // Decode a request's or amend's spec once here, for replay (a bad one is left to replay to report).
        if e.event == EventKind.request.rawValue || e.event == EventKind.amend.rawValue, let v = e.data["spec"] {
            e.decodedSpec = DecodedSpec(try? spec(v, path: "data.spec", file: file))
        }
        return e
    }
}
