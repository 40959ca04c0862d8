import Foundation
import StewardApp

/// `steward check [--base REV] [--reviews FILE] [--require-signed]`: the pull-request gate.
enum CheckCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .json, .github, .markdown, .sarif])
        let root = try inv.root()
        var report = CheckReport()
        if let base = inv.args.value("base") {
            try GitPreflight.requireRepository(root, for: "--base compares git commits")
            var options = ChangeCheck.Options(base: base)
            options.requireSigned = inv.args.flag("require-signed")
            options.now = try inv.now()
            if let file = inv.args.value("reviews") {
                options.reviews = try PullRequestReviews.load(file)
                options.reviewsGiven = true
            }
            try ChangeCheck.run(root, options: options, into: &report)
        } else if inv.args.value("reviews") != nil || inv.args.flag("require-signed") {
            throw InputError("--reviews and --require-signed judge a pull request's commits: use them with --base REV")
        } else {
            report = TreeCheck.run(root, now: try inv.now())
        }
        report.sort()
        switch format {
        case .json: Output.json(CheckOutput.json(report))
        case .github:
            Output.out(CheckOutput.github(report))
            if let summary = inv.env["GITHUB_STEP_SUMMARY"], !summary.isEmpty {
                CheckOutput.appendSummary(CheckOutput.markdown(report), to: summary)
            }
        case .markdown: Output.out(CheckOutput.markdown(report))
        case .sarif: Output.json(CheckOutput.sarif(report))
        case .text, .html, .mermaid, .dot: Output.out(CheckOutput.text(report))
        }
        return report.passed ? 0 : ExitStatus.violation.rawValue
    }
}
