import StewardApp

/// `steward evidence ID`: the auditor's page for one connector, with the commit (and pull
/// request) behind each event when the governance repository is a git repository.
extension ReportCommands {
    static func evidence(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .json, .markdown])
        let id = try inv.connectorID()
        let root = try inv.root()
        let store = StateStore(root: root)
        guard store.exists(id) else {
            let known = (try? store.listing().ids) ?? []
            throw RuleViolation(rule: "not-found", "no connector '\(id)' (State/\(id).json does not exist)" + didYouMean(id.rawValue, among: known.map(\.rawValue)))
        }
        let doc = try store.load(id)
        let file = StateStore.shown(id)
        let workflows = try WorkflowSet.load(root)
        let wf = workflows.workflows[doc.workflow]
        var problem: String?
        if let wf {
            if case .failure(let p) = Replay.run(doc, workflow: wf, file: file) { problem = p.description }
        } else {
            problem = Replay.verifyChain(doc)?.description ?? "workflow: unknown workflow '\(doc.workflow.prefix(40))', so the history cannot be replayed"
        }
        var commits: [String: EventCommit]?
        var gitUnavailable: String?
        switch EventProvenance.read(root: root, id: id.rawValue) {
        case .commits(let c): commits = c
        case .unavailable(let why): gitUnavailable = why
        }
        let ev = Evidence.build(doc, workflow: wf, chainProblem: problem, commits: commits, gitUnavailable: gitUnavailable, now: try inv.now())
        if format == .json { Output.json(EvidencePack.json(ev)) } else { Output.out(EvidencePack.markdown(ev)) }
        if let problem { Output.error("\(file): \(problem)") }
        return problem == nil ? 0 : ExitStatus.violation.rawValue
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
