/// What a run is given: values only (times, paths, flags), parsed by the CLI. The pipeline
/// (`RunPipeline`) turns them into reads and writes.
public struct RunOptions: Sendable {
    public var now: Timestamp
    public var people: PeopleDirectory?
    public var dryRun = false
    /// Seconds to wait for the state lock.
    public var wait: Double = 0
    /// `--observed` exports to reconcile with the estate (read before the lock).
    public var observed: [String] = []
    /// `--observed-format`: forces the format of every export (else it is sniffed).
    public var observedFormat: String?
    /// `--outbox`: the directory that receives each newly opened task before the state is written.
    public var outbox: String?
    /// `--findings`: the file that receives the findings after the state is written.
    public var findingsFile: String?
    /// `--commit`: commit the changed files with git after the run.
    public var commit = false

    public init(now: Timestamp) { self.now = now }
}

/// The per-connector step of `steward run`: replays one loaded connector and applies the
/// pure `RunPlan` to it. One unreadable or broken file is reported and never stops the others.
enum Runner {
    enum Outcome: Sendable {
        case idle
        case planned(RunPlan.ConnectorPlan)
        case failed(RunError)
    }

    /// What the run does with `loaded` at `now`, given reconciliation's `signals` for it.
    static func plan(_ loaded: LoadedConnector, workflows: WorkflowSet, broken: Set<String>, now: Timestamp,
                     people: PeopleDirectory?, signals: RunSignals?) -> Outcome {
        let file = loaded.file
        do {
            let doc = try loaded.result.get()
            if workflows.workflows[doc.workflow] == nil, broken.contains("Workflows/\(doc.workflow).json") {
                return .failed(RunError(file: file, message: "\(file): workflow: its workflow file Workflows/\(doc.workflow).json could not be loaded (reported above); left unchanged"))
            }
            let wf = try workflows.workflow(named: doc.workflow, for: file)
            // Every connector is replayed (without re-hashing): the stored projection is not
            // trusted to say what is due, so a hand-edited due date cannot hide a connector.
            let state: LifecycleState
            switch Replay.run(doc, workflow: wf, file: file, options: Replay.Options(verifyHashes: false)) {
            case .success(let s): state = s
            case .failure(let p): return .failed(RunError(file: file, message: "\(p.location): \(p.message) (rule \(p.rule)); left unchanged"))
            }
            // An event dated ahead of this run's clock would freeze the connector in silence.
            if let at = RunPlan.futureEvent(state, now: now) {
                return .failed(RunError(file: file, message: "\(file): history[\(state.seq - 1)].at: event \(state.seq) is dated \(at), more than 5 minutes after this run's NOW (\(now)) (rule future-event); left unchanged"))
            }
            guard RunPlan.next(state, workflow: wf, now: now, people: people, signals: signals) != nil else { return .idle }
            // About to write: verify the hash chain too (the replay above skipped the hashes).
            if let p = Replay.verifyChain(doc) {
                return .failed(RunError(file: file, message: "\(p.location): \(p.message) (rule \(p.rule)); left unchanged"))
            }
            guard let p = try RunPlan.plan(doc, state: state, workflow: wf, now: now, people: people,
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
