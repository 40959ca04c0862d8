import Foundation
import StewardApp

/// `steward run`: the cron job. Parses the options into values, runs `RunPipeline`, prints
/// the report.
enum RunCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let root = try inv.root()
        var options = RunOptions(now: try inv.now())
        options.dryRun = inv.args.flag("dry-run")
        options.wait = try inv.wait()
        if let file = inv.args.value("people") {
            options.people = try PeopleDirectory.load(file)
        }
        options.observed = inv.args.values("observed")
        if !options.observed.isEmpty { options.observedFormat = inv.args.value("observed-format") }
        options.commit = inv.args.flag("commit")
        options.outbox = inv.args.value("outbox").map { $0.hasPrefix("/") ? $0 : inv.cwd + "/" + $0 }
        options.findingsFile = inv.args.value("findings")
        let started = Date()
        let showProgress = format == .text && Output.stderrIsTerminal
        let report = try RunPipeline(root: root).run(options) { done, total in
            if showProgress && Date().timeIntervalSince(started) > 1 {
                FileHandle.standardError.write(Data("\rsteward run: \(done)/\(total) connectors".utf8))
            }
        }
        if showProgress && Date().timeIntervalSince(started) > 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if format == .json { Output.json(RunOutput.json(report)) } else { Output.out(RunOutput.text(report)) }
        return report.errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
