/// `steward report`: reads the estate once (each file replayed first, so a hand-edited
/// projection is unreadable, never counted as fact), optionally as it stood at an earlier
/// time, with the people directory and platform exports, and builds the report. Every file
/// that cannot be used is named in the report's `unreadable`.
public enum EstateReportRun {
    /// What the report is built from: values only.
    public struct Options: Sendable {
        /// The time the report speaks of: NOW, or the `--as-of` time.
        public var at: Timestamp
        /// True when `at` is an `--as-of` time (each connector is rebuilt as it stood then).
        public var asOf = false
        public var peopleFile: String?
        public var observedFiles: [String] = []
        public var observedFormat: String?

        public init(at: Timestamp) { self.at = at }
    }

    /// Builds the report of the estate under `root`.
    public static func build(_ root: GovernanceRoot, options: Options) throws -> EstateReport {
        let workflows = try WorkflowSet.load(root)
        let scan = EstateScan(root: root)
        let (ids, problems) = try scan.listing()
        var unreadable = problems.map { UnreadableFile(file: $0.file, message: $0.description) }
        var entries: [EstateReport.Entry] = []
        scan.forEachChunk(ids, verifiedBy: workflows) { chunk in
            for l in chunk {
                let doc: ConnectorDocument
                switch l.result {
                case .success(let d): doc = d
                case .failure(let e):
                    unreadable.append(UnreadableFile(file: l.file, message: e.description))
                    continue
                }
                guard let wf = workflows.workflows[doc.workflow] else {
                    unreadable.append(UnreadableFile(file: l.file, message: "workflow: unknown workflow '\(doc.workflow.prefix(40))'"))
                    continue
                }
                guard options.asOf else {
                    entries.append(.init(doc: doc, workflow: wf))
                    continue
                }
                switch EstateAsOf.rebuild(doc, workflow: wf, at: options.at) {
                case .existed(let rebuilt): entries.append(.init(doc: rebuilt, workflow: wf))
                case .notYet: continue
                case .broken(let why): unreadable.append(UnreadableFile(file: l.file, message: "history: \(why)"))
                }
            }
        }
        var people: PeopleDirectory?
        if let file = options.peopleFile {
            people = try PeopleDirectory.load(file)
        }
        var findings: [Finding]?
        if !options.observedFiles.isEmpty {
            let (reconciled, exportErrors) = try Reconciliation.findings(docs: entries.map(\.doc), workflows: workflows,
                                                                         files: options.observedFiles,
                                                                         formatName: options.observedFormat, now: options.at)
            // An unreadable export is named like an unreadable connector file; no finding is
            // drawn from any export then, as in `run`.
            unreadable += exportErrors.map { UnreadableFile(file: $0.file, message: $0.message) }
            findings = reconciled
        }
        return EstateReport.build(entries, files: ids.count + problems.count, unreadable: unreadable, now: options.at,
                                  asOf: options.asOf, people: people, findings: findings)
    }
}
