import Foundation
import StewardApp

/// `steward run`: the cron job.
enum RunCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let root = try inv.root()
        var options = RunOptions(now: try inv.now())
        options.dryRun = inv.args.flag("dry-run")
        options.wait = try inv.wait()
        if let file = inv.args.value("people") {
            options.people = try PeopleDirectory(try JSONFile.parse(file, shown: file, maxBytes: 64 << 20), file: file)
        }
        let observed = inv.args.values("observed")
        var exportErrors: [RunError] = []
        if !observed.isEmpty {
            let formatName = inv.args.value("observed-format")
            exportErrors = try Reconciliation.prepare(&options, root: root, files: observed, formatName: formatName)
        }
        if inv.args.flag("commit") && !options.dryRun {
            try RunCommit.preflight(root: root)
        }
        if let dir = inv.args.value("outbox"), !options.dryRun {
            options.outbox = Outbox(directory: dir.hasPrefix("/") ? dir : inv.cwd + "/" + dir, root: root)
        }
        let started = Date()
        let showProgress = format == .text && Output.stderrIsTerminal
        var report = try Runner(root: root).run(options) { done, total in
            if showProgress && Date().timeIntervalSince(started) > 1 {
                FileHandle.standardError.write(Data("\rsteward run: \(done)/\(total) connectors".utf8))
            }
        }
        if showProgress && Date().timeIntervalSince(started) > 1 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        if !exportErrors.isEmpty {
            report.errors = (report.errors + exportErrors).sorted { $0.file < $1.file }
        }
        if let file = inv.args.value("findings"), !options.dryRun {
            try FindingsReport.write(report.findings, to: file, now: report.now)
        }
        if inv.args.flag("commit") && !options.dryRun && !report.changed.isEmpty {
            try RunCommit.commit(report, root: root)
        }
        if format == .json { Output.json(RunOutput.json(report)) } else { Output.out(RunOutput.text(report)) }
        return report.errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
