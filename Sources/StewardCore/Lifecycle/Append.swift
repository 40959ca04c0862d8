/// Appends one event to a connector: applies it through the workflow, chains and hashes it,
/// rebuilds the projection, and refuses the result if it would store a credential.
/// Pure: the caller reads and writes the file.
public enum Append {
    /// The result of appending: the new document and the replay state after it.
    public struct Outcome: Sendable {
        public var document: ConnectorDocument
        public var state: LifecycleState
        public var event: Event
    }

    /// Appends `event` to `doc` (nil for a new connector `id`), whose replay state is `state`.
    public static func event(_ event: EventKind, to doc: ConnectorDocument?, state: LifecycleState?, id: ConnectorID,
                             actor: String, at: Timestamp, note: String, data: [String: JSONValue],
                             workflow wf: Workflow, roles: Roles?, file: String) throws(RuleViolation) -> Outcome {
        let s = state ?? LifecycleState(connector: id)
        for (field, text) in [("note", note), ("actor", actor)] where SecretScanner.kind(of: text) != nil {
            throw RuleViolation(rule: "secret-in-file", "the \(field) looks like it contains a credential (\(SecretScanner.kind(of: text) ?? "secret")); store only a reference such as vault://…")
        }
        let found = SecretScanner.scan(.object(data), path: "data")
        if let m = found.first {
            throw RuleViolation(rule: "secret-in-file", "\(m.path) looks like a credential (\(m.kind)); it was not written. Store only a reference such as vault://…, and rotate the credential if it was real")
        }
        let (to, next) = try Transition.apply(s, event: event, actor: actor, at: at, data: data, workflow: wf,
                                              roles: roles, file: file)
        var e = Event(seq: next.seq, event: event.rawValue, from: s.state, to: to, actor: actor, at: at,
                      note: note, data: data, prev: s.head)
        e.hash = DocumentEncoding.hash(of: e)
        var n = next
        n.head = e.hash
        let history = (doc?.history ?? []) + [e]
        guard let newDoc = n.document(workflow: wf.name, history: history) else {
            throw RuleViolation(rule: "illegal-transition", "\(id) has no request yet")
        }
        return Outcome(document: newDoc, state: n, event: e)
    }
}
