import StewardApp

/// `steward evidence ID`: the auditor's page for one connector, with the commit (and pull
/// request) behind each event when the governance repository is a git repository.
extension ReportCommands {
    static func evidence(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .json, .markdown])
        let id = try inv.connectorID()
        let root = try inv.root()
        try ConnectorLookup.require(id, in: StateStore(root: root))
        let (ev, problem) = try EvidenceRun.build(root, id: id, now: try inv.now())
        if format == .json { Output.json(EvidencePack.json(ev)) } else { Output.out(EvidencePack.markdown(ev)) }
        if let problem { Output.error("\(StateStore.shown(id)): \(problem)") }
        return problem == nil ? 0 : ExitStatus.violation.rawValue
    }
}
