/// The writing side of the lifecycle commands: take the lock, load the workflows and the
/// connector, verify its history, append the event, and write the file atomically. A
/// refused command leaves every byte as it was.
public struct ConnectorService: Sendable {
    public let root: GovernanceRoot
    /// Seconds to wait for `State/.lock`.
    public var wait: Double

    public init(root: GovernanceRoot, wait: Double = 0) {
        self.root = root
        self.wait = wait
    }

    var store: StateStore { StateStore(root: root) }

    /// Loads and fully verifies one connector; problems become data errors naming the file.
    public func verified(_ id: ConnectorID, workflows: WorkflowSet) throws(DataError) -> (ConnectorDocument, LifecycleState, Workflow) {
        let doc = try store.load(id)
        let file = StateStore.shown(id)
        let wf = try workflows.workflow(named: doc.workflow, for: file)
        switch Replay.run(doc, workflow: wf, file: file) {
        case .success(let s): return (doc, s, wf)
        case .failure(let p):
            throw DataError(file: file, location: p.location, message: "\(p.message) (rule \(p.rule)); nothing was changed. Run 'steward check' for details")
        }
    }

    /// Applies a lifecycle command to connector `id` (or creates it, for a request).
    public func perform(_ command: LifecycleCommand, on id: ConnectorID, actor: String, at now: Timestamp,
                        note: String = "", workflowName: String = WorkflowSet.defaultWorkflow) throws -> Append.Outcome {
        let lock = try StateLock.acquire(stateDirectory: root.statePath, wait: wait)
        defer { lock.release() }
        let workflows = try WorkflowSet.load(root)
        let outcome = try append(command, on: id, actor: actor, at: now, note: note,
                                 workflowName: workflowName, workflows: workflows)
        try store.write([outcome.document])
        return outcome
    }

    func append(_ command: LifecycleCommand, on id: ConnectorID, actor: String, at now: Timestamp, note: String,
                workflowName: String, workflows: WorkflowSet) throws -> Append.Outcome {
        let file = StateStore.shown(id)
        if case .request = command {
            if store.exists(id) {
                throw RuleViolation(rule: "exists", "connector \(id) already exists (\(file)); choose another id")
            }
            let wf = try workflows.workflow(named: workflowName, for: file)
            return try Append.event(.request, to: nil, state: nil, id: id, actor: actor, at: now, note: note,
                                    data: try command.data(currentSpec: nil), workflow: wf, roles: workflows.roles, file: file)
        }
        try ConnectorLookup.require(id, in: store)
        let (doc, state, wf) = try verified(id, workflows: workflows)
        try OverdueTimers.check(command.event, state: state, workflow: wf, at: now, id: id, file: file)
        return try Append.event(command.event, to: doc, state: state, id: id, actor: actor, at: now, note: note,
                                data: try command.data(currentSpec: state.spec), workflow: wf, roles: workflows.roles, file: file)
    }

    /// Applies `command` to several connectors as one all-or-nothing change: if any is
    /// refused, none is written. Used by `decommission ID…` and the `--system` kill switch.
    public func performAll(_ command: LifecycleCommand, on ids: [ConnectorID], actor: String, at now: Timestamp,
                           note: String = "") throws -> [Append.Outcome] {
        let lock = try StateLock.acquire(stateDirectory: root.statePath, wait: wait)
        defer { lock.release() }
        let workflows = try WorkflowSet.load(root)
        var outcomes: [Append.Outcome] = []
        for id in ids {
            do {
                outcomes.append(try append(command, on: id, actor: actor, at: now, note: note, workflowName: WorkflowSet.defaultWorkflow, workflows: workflows))
            } catch let e as RuleViolation {
                throw RuleViolation(rule: e.rule, "\(id): \(e.message); nothing was changed")
            }
        }
        try store.write(outcomes.map(\.document))
        return outcomes
    }

    /// The ids of the connectors of `system` not yet in their workflow's terminal state (the kill
    /// switch's target), every system of the estate with its number of live connectors (so
    /// a mistyped system can be told from one already switched off), and the files that
    /// could not be read. A broken neighbour never stops the kill switch: it is reported,
    /// and the readable connectors are still acted on.
    public func liveConnectors(ofSystem system: String) throws(DataError) -> (ids: [ConnectorID], systems: [String: Int], problems: [DataError]) {
        let scan = EstateScan(root: root)
        let (ids, listingProblems) = try scan.listing()
        let workflows = try WorkflowSet.loadForRunner(root).set
        let wanted = system.lowercased()
        var out: [ConnectorID] = []
        var systems: [String: Int] = [:]
        var problems = listingProblems
        // Each connector is reduced to its system and liveness on the scan's workers.
        scan.forEachChunk(ids, map: { loaded in
            loaded.result.map { d in (id: d.id, system: d.spec.system.lowercased(), live: d.state != workflows.terminal(of: d)) }
        }) { chunk in
            for r in chunk {
                switch r {
                case .success(let c):
                    systems[c.system, default: 0] += c.live ? 1 : 0
                    if c.system == wanted && c.live { out.append(c.id) }
                case .failure(let e):
                    problems.append(e)
                }
            }
        }
        return (out, systems, problems)
    }
}
