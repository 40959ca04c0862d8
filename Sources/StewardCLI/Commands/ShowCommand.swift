import StewardCore

/// `steward show ID`: the whole connector, verified.
enum ShowCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let id = try inv.connectorID()
        let root = try inv.root()
        let store = StateStore(root: root)
        guard store.exists(id) else { throw RuleViolation(rule: "not-found", "no connector '\(id)' (State/\(id).json does not exist)") }
        let doc = try store.load(id.rawValue)
        if format == .json {
            Output.json(DocumentEncoding.document(doc))
        } else {
            Output.out(ConnectorView.text(doc))
        }
        return 0
    }
}
