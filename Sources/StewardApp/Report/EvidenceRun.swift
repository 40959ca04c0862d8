/// `steward evidence ID`: one connector's evidence, with the commit (and pull request)
/// behind each event when the governance repository is a git repository. A history that
/// does not replay (or verify, under an unknown workflow) is reported as `problem`, and
/// the evidence is still built from what is there.
public enum EvidenceRun {
    /// The evidence of connector `id` at `now`, and why its history cannot be trusted, if so.
    public static func build(_ root: GovernanceRoot, id: ConnectorID, now: Timestamp) throws -> (evidence: Evidence, problem: String?) {
        let doc = try StateStore(root: root).load(id)
        let wf = try WorkflowSet.load(root).workflows[doc.workflow]
        var problem: String?
        if let wf {
            if case .failure(let p) = Replay.run(doc, workflow: wf, file: StateStore.shown(id)) { problem = p.description }
        } else {
            problem = Replay.verifyChain(doc)?.description ?? "workflow: unknown workflow '\(doc.workflow.prefix(40))', so the history cannot be replayed"
        }
        var commits: [String: EventCommit]?
        var gitUnavailable: String?
        switch EventProvenance.read(root: root, id: id.rawValue) {
        case .commits(let c): commits = c
        case .unavailable(let why): gitUnavailable = why
        }
        let ev = Evidence.build(doc, workflow: wf, chainProblem: problem, commits: commits, gitUnavailable: gitUnavailable, now: now)
        return (ev, problem)
    }
}
