/// What a run is given besides the estate: the time, who still works here, reconciliation
/// signals, and whether to write.
public struct RunOptions: Sendable {
    public var now: Timestamp
    public var people: PeopleDirectory?
    /// Connector id → what reconciliation says about it.
    public var signals: [String: RunSignals] = [:]
    public var findings: [Finding] = []
    public var dryRun = false
    /// Seconds to wait for the state lock.
    public var wait: Double = 0
    /// Writes each newly opened task here before the state is written.
    public var outbox: Outbox?

    public init(now: Timestamp) { self.now = now }
}

/// `steward run`: reads every connector, applies the pure `RunPlan` to each, writes the
/// changed files in one durable batch, and reports. One unreadable file is reported and
/// never stops the others.
public struct Runner: Sendable {
    public let root: GovernanceRoot
    public init(root: GovernanceRoot) { self.root = root }

    enum Outcome: Sendable {
        case idle
        case planned(RunPlan.ConnectorPlan)
        case failed(RunError)
    }

    /// Runs once. `progress(done, total)` is called between chunks of work.
    public func run(_ options: RunOptions, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> RunReport {
        var lock: StateLock?
        if !options.dryRun {
            lock = try StateLock.acquire(stateDirectory: root.statePath, wait: options.wait)
            AtomicWriter(directory: root.statePath, shown: "State").removeStaleTemporaries()
        }
        defer { lock?.release() }
        // A broken workflow or roles file is reported and costs only the connectors that need it.
        let (workflows, workflowProblems) = try WorkflowSet.loadForRunner(root)
        let store = StateStore(root: root)
        let (ids, listingProblems) = try store.listing()
        var report = RunReport(now: options.now)
        report.dryRun = options.dryRun
        report.errors = (workflowProblems.map { RunError(file: $0.file, message: $0.description) }
            + listingProblems.map { RunError(file: $0.file, message: $0.description) })
        report.findings = options.findings
        var plans: [RunPlan.ConnectorPlan] = []
        let broken = Set(workflowProblems.map(\.file))
        let chunk = 4096
        var start = 0
        while start < ids.count {
            let slice = Array(ids[start..<min(ids.count, start + chunk)])
            for outcome in ParallelMap.map(slice, { plan($0, store: store, workflows: workflows, broken: broken, options: options) }) {
                switch outcome {
                case .idle: break
                case .planned(let p): plans.append(p)
                case .failed(let e): report.errors.append(e)
                }
            }
            start += chunk
            progress?(min(start, ids.count), ids.count)
        }
        report.scanned = ids.count
        report.errors.sort { $0.file < $1.file }
        for p in plans {
            let id = p.document.id
            report.changed.append(id)
            for (i, e) in p.events.enumerated() {
                report.events.append((id, e))
                if e.from != e.to {
                    report.transitions.append(RunTransition(id: id, event: e.event, from: e.from ?? "", to: e.to,
                                                            reason: p.reasons[i], cause: p.causes[i]))
                }
            }
            for e in p.events where e.event == EventKind.closeTask.rawValue {
                if let id = e.dataString("task"), let t = p.document.tasks.first(where: { $0.id == id }) {
                    report.closedTasks.append(OpenedTask(id: id, kind: t.kind, connector: p.document.id, reason: e.dataString("evidence") ?? "",
                                                         cause: .removalVerified))
                }
            }
            for t in p.opened {
                let i = p.events.firstIndex { "\(id)#\($0.seq)-\(t.kind)" == t.id }
                let reason = i.map { p.events[$0].dataString("reason") ?? "" } ?? ""
                report.tasks.append(OpenedTask(id: t.id, kind: t.kind, connector: id, reason: reason, cause: i.map { p.causes[$0] }))
            }
        }
        if !options.dryRun && !plans.isEmpty {
            // Nothing outside State/ stops the lifecycle: a template or outbox problem costs
            // only tickets, is reported, and the transitions are still written.
            if let outbox = options.outbox {
                do { report.errors += try outbox.write(plans.map(\.document), opened: report.tasks, workflows: workflows) } catch {
                    report.errors.append(RunError(file: outbox.directory, message: "\(outbox.directory): the tickets were not written: \(error)"))
                }
            }
            try store.write(plans.map(\.document))
        }
        return report
    }

    func plan(_ id: String, store: StateStore, workflows: WorkflowSet, broken: Set<String>, options: RunOptions) -> Outcome {
        let file = StateStore.shown(id)
        do {
            let doc = try store.load(id)
            if workflows.workflows[doc.workflow] == nil, broken.contains("Workflows/\(doc.workflow).json") {
                return .failed(RunError(file: file, message: "\(file): workflow: its workflow file Workflows/\(doc.workflow).json could not be loaded (reported above); left unchanged"))
            }
            let wf = try workflows.workflow(named: doc.workflow, for: file)
            let signals = options.signals[id]
            // Every connector is replayed (without re-hashing): the stored projection is not
            // trusted to say what is due, so a hand-edited due date cannot hide a connector.
            let state: LifecycleState
            switch Replay.run(doc, workflow: wf, file: file, options: Replay.Options(verifyHashes: false)) {
            case .success(let s): state = s
            case .failure(let p): return .failed(RunError(file: file, message: "\(p.location): \(p.message) (rule \(p.rule)); left unchanged"))
            }
            // An event dated ahead of this run's clock would freeze the connector in silence.
            if let at = RunPlan.futureEvent(state, now: options.now) {
                return .failed(RunError(file: file, message: "\(file): history[\(state.seq - 1)].at: event \(state.seq) is dated \(at), more than 5 minutes after this run's NOW (\(options.now)) (rule future-event); left unchanged"))
            }
            guard RunPlan.next(state, workflow: wf, now: options.now, people: options.people, signals: signals) != nil else { return .idle }
            // About to write: verify the hash chain too (the replay above skipped the hashes).
            if let p = Replay.verifyChain(doc) {
                return .failed(RunError(file: file, message: "\(p.location): \(p.message) (rule \(p.rule)); left unchanged"))
            }
            guard let p = try RunPlan.plan(doc, state: state, workflow: wf, now: options.now, people: options.people,
                                           signals: signals, file: file) else { return .idle }
            return .planned(p)
        } catch let e as DataError {
            return .failed(RunError(file: e.file, message: e.description))
        } catch let e as RuleViolation {
            return .failed(RunError(file: file, message: "the runner's step was refused: \(e.description); left unchanged"))
        } catch {
            return .failed(RunError(file: file, message: "\(error)"))
        }
    }
}
