import Foundation
import StewardApp

/// `steward report [--as-of TIME] [--people FILE] [--observed FILE]... [--out FILE]`: the
/// estate for people, as Markdown, JSON or one self-contained HTML page. Every file that
/// cannot be used is named, and makes the exit status 4.
extension ReportCommands {
    static func report(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .markdown, .json, .html])
        let now = try inv.now()
        var at = now
        if let text = inv.args.value("as-of") {
            guard let t = Timestamp(lenient: text) else {
                throw InputError("--as-of '\(text.prefix(40))' is not an ISO 8601 time such as 2026-12-01T00:00:00Z")
            }
            guard t <= now else { throw InputError("--as-of \(t) lies in the future (now is \(now)); a report can only look back") }
            at = t
            if !inv.args.values("observed").isEmpty {
                throw InputError("--observed shows what the platforms hold now and cannot be judged against the estate as of \(t); drop one of them")
            }
        }
        let root = try inv.root()
        let workflows = try WorkflowSet.load(root)
        let scan = EstateScan(root: root)
        let (ids, problems) = try scan.listing()
        var unreadable = problems.map { UnreadableFile(file: $0.file, message: $0.description) }
        var entries: [EstateReport.Entry] = []
        // Each file is replayed first: a hand-edited projection is unreadable, never counted as fact.
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
                guard inv.args.value("as-of") != nil else {
                    entries.append(.init(doc: doc, workflow: wf))
                    continue
                }
                switch EstateAsOf.rebuild(doc, workflow: wf, at: at) {
                case .existed(let rebuilt): entries.append(.init(doc: rebuilt, workflow: wf))
                case .notYet: continue
                case .broken(let why): unreadable.append(UnreadableFile(file: l.file, message: "history: \(why)"))
                }
            }
        }
        var people: PeopleDirectory?
        if let file = inv.args.value("people") {
            people = try PeopleDirectory(try JSONFile.parse(file, shown: file, maxBytes: 64 << 20), file: file)
        }
        var findings: [Finding]?
        let observed = inv.args.values("observed")
        if !observed.isEmpty {
            let (reconciled, exportErrors) = try Reconciliation.findings(docs: entries.map(\.doc), workflows: workflows, files: observed,
                                                                         formatName: inv.args.value("observed-format"), now: at)
            // An unreadable export is named like an unreadable connector file; no finding is
            // drawn from any export then, as in `run`.
            unreadable += exportErrors.map { UnreadableFile(file: $0.file, message: $0.message) }
            findings = reconciled
        }
        let report = EstateReport.build(entries, files: ids.count + problems.count, unreadable: unreadable, now: at,
                                        asOf: inv.args.value("as-of") != nil, people: people, findings: findings)
        let text: String
        switch format {
        case .json: text = String(decoding: CanonicalJSON.pretty(report.json()), as: UTF8.self)
        case .html: text = Dashboard.html(report)
        default: text = report.markdown()
        }
        if let out = inv.args.value("out") {
            try OutputFile.write(Array(text.utf8), to: out)
            Output.out("wrote \(out)\n")
        } else {
            Output.out(text)
        }
        for u in report.unreadable { Output.error("\(u.message)") }
        return report.unreadable.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
