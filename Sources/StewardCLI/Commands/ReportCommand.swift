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
        let asOf = try inv.time("as-of")
        if let t = asOf {
            guard t <= now else { throw InputError("--as-of \(t) lies in the future (now is \(now)); a report can only look back") }
            at = t
            if !inv.args.values("observed").isEmpty {
                throw InputError("--observed shows what the platforms hold now and cannot be judged against the estate as of \(t); drop one of them")
            }
        }
        var options = EstateReportRun.Options(at: at)
        options.asOf = asOf != nil
        options.peopleFile = inv.args.value("people")
        options.observedFiles = inv.args.values("observed")
        options.observedFormat = inv.args.value("observed-format")
        let report = try EstateReportRun.build(try inv.root(), options: options)
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
