import StewardApp

/// `steward evidence ID`: the auditor's page for one connector, with the commit (and pull
/// request) behind each event when the governance repository is a git repository.
extension ReportCommands {
    static func evidence(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .json, .markdown])
        let id = try inv.connectorID()
        let root = try inv.root()
        try requireConnector(id, in: root)
        let (ev, problem) = try EvidenceRun.build(root, id: id, now: try inv.now())
        if format == .json { Output.json(EvidencePack.json(ev)) } else { Output.out(EvidencePack.markdown(ev)) }
        if let problem { Output.error("\(StateStore.shown(id)): \(problem)") }
        return problem == nil ? 0 : ExitStatus.violation.rawValue
    }

    /// Throws `not-found` when `State/<id>.json` does not exist, suggesting the nearest id.
    static func requireConnector(_ id: ConnectorID, in root: GovernanceRoot) throws {
        let store = StateStore(root: root)
        guard !store.exists(id) else { return }
        let known = (try? store.listing().ids) ?? []
        throw RuleViolation(rule: "not-found", "no connector '\(id)' (State/\(id).json does not exist)" + didYouMean(id.rawValue, among: known.map(\.rawValue)))
    }

    /// "; did you mean 'crm-sync'?" for the closest known id (a few edits away, or one that
    /// starts with or contains what was typed), or "".
    static func didYouMean(_ typed: String, among ids: [String]) -> String {
        let limit = max(2, typed.count / 3)
        let scored = ids.map { ($0, Suggestion.editDistance(typed, $0)) }.filter { $0.1 <= limit }
        if let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) { return "; did you mean '\(best.0)'?" }
        if let near = ids.sorted().first(where: { $0.hasPrefix(typed) || $0.contains(typed) }) { return "; did you mean '\(near)'?" }
        return ""
    }
}
