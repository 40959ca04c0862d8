/// `steward run`, end to end, reading each connector file once:
///
/// 1. read the `--observed` exports (all or nothing) and, with `--commit`, check git;
/// 2. take the state lock (not for `--dry-run`) and read the workflows, once;
/// 3. one scan of `State/` in chunks: each connector is planned as if no export said
///    anything, and only a small summary of it is kept for reconciliation (plus the whole
///    document when an export observes or covers one of its bindings);
/// 4. reconcile the exports with every summary, then plan again the few connectors that
///    reconciliation gave a signal;
/// 5. build the report; then the effects: tickets, the state, the findings file, the commit.
public struct RunPipeline: Sendable {
    public let root: GovernanceRoot
    public init(root: GovernanceRoot) { self.root = root }

    /// Runs once. `progress(done, total)` is called between chunks of the scan.
    public func run(_ options: RunOptions, progress: ((Int, Int) -> Void)? = nil) throws -> RunReport {
        let exports = try Reconciliation.readExports(options.observed, formatName: options.observedFormat)
        let reconciling = !options.observed.isEmpty && exports.errors.isEmpty
        let writing = !options.dryRun
        if options.commit && writing { try RunCommit.preflight(root: root) }
        var lock: StateLock?
        if writing {
            lock = try StateLock.acquire(stateDirectory: root.statePath, wait: options.wait)
            AtomicWriter(directory: root.statePath, shown: "State").removeStaleTemporaries()
        }
        defer { lock?.release() }
        // Workflows/ is read once, under the lock. A broken workflow or roles file is reported
        // and costs only the connectors that need it; reconciliation needs every workflow
        // file to read, as it always has.
        let workflowFiles = try WorkflowSet.read(root)
        let reconcileWorkflows = reconciling ? try workflowFiles.strict() : nil
        let (workflows, workflowProblems) = try workflowFiles.forRunner()
        let scan = EstateScan(root: root)
        let (ids, listingProblems) = try scan.listing()
        var report = RunReport(now: options.now)
        report.dryRun = options.dryRun
        report.errors = (workflowProblems + listingProblems).map { RunError(file: $0.file, message: $0.description) }

        let pass = RunScan(workflows: workflows, broken: Set(workflowProblems.map(\.file)), options: options,
                           inventories: reconciling ? exports.inventories : nil)
        var results = RunScan.Results()
        scan.forEachChunk(ids, map: pass.first, progress: progress) { results.add($0) }
        report.scanned = ids.count
        if let reconcileWorkflows {
            let outcome = Reconcile.run(docs: results.summaries, inventories: exports.inventories,
                                        workflows: reconcileWorkflows.workflows, now: options.now)
            report.findings = outcome.findings
            results.summaries = []
            pass.replan(&results, signals: outcome.signals)
        }
        let plans = results.plans
        report.errors += results.errors
        report.errors.sort { $0.file < $1.file }
        report.add(plans)

        guard writing else { return merged(report, exports.errors) }
        if !plans.isEmpty {
            // Nothing outside State/ stops the lifecycle: a template or outbox problem costs
            // only tickets, is reported, and the transitions are still written.
            if let dir = options.outbox {
                let outbox = Outbox(directory: dir, root: root)
                do { report.errors += try outbox.write(plans.map(\.document), opened: report.tasks, workflows: workflows) } catch {
                    report.errors.append(RunError(file: dir, message: "\(dir): the tickets were not written: \(error)"))
                }
            }
            try scan.store.write(plans.map(\.document))
        }
        report = merged(report, exports.errors)
        if let file = options.findingsFile { try FindingsReport.write(report.findings, to: file, now: report.now) }
        if options.commit && !report.changed.isEmpty { try RunCommit.commit(report, root: root) }
        return report
    }

    /// The report with the exports' problems among its errors, in file order.
    func merged(_ report: RunReport, _ exportErrors: [RunError]) -> RunReport {
        guard !exportErrors.isEmpty else { return report }
        var r = report
        r.errors = (r.errors + exportErrors).sorted { $0.file < $1.file }
        return r
    }
}
