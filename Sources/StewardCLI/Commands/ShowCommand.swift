import StewardApp

/// `steward show ID`: the whole connector, verified: its history is replayed (hashes
/// included) and a projection that does not match is invalid data, never shown.
enum ShowCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let id = try inv.connectorID()
        let root = try inv.root()
        try ConnectorLookup.require(id, in: StateStore(root: root))
        let doc = try StateStore(root: root).load(id)
        try StateStore.verify(doc, workflows: try WorkflowSet.load(root), hashes: true)
        if format == .json {
            Output.json(DocumentEncoding.document(doc))
        } else {
            Output.out(ConnectorView.text(doc))
        }
        return 0
    }
}
