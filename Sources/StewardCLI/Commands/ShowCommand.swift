import StewardApp

/// `steward show ID`: the whole connector, verified: its history is replayed (hashes
/// included) and a projection that does not match is invalid data, never shown.
enum ShowCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let id = try inv.connectorID()
        let root = try inv.root()
        let store = StateStore(root: root)
        guard store.exists(id) else { throw RuleViolation(rule: "not-found", "no connector '\(id)' (State/\(id).json does not exist)") }
        let doc = try store.load(id)
        try StateStore.verify(doc, workflows: try WorkflowSet.load(root), hashes: true)
        if format == .json {
            Output.json(DocumentEncoding.document(doc))
        } else {
            Output.out(ConnectorView.text(doc))
        }
        return 0
    }
}
