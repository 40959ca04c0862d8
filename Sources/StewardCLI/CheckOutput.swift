import Foundation
import StewardApp

/// The formats of `steward check`: text, json, github annotations, markdown, SARIF 2.1.0.
enum CheckOutput {
    static func advice(_ rule: RuleID) -> String? { RuleCatalog.rule(rule)?.advice }

    static func text(_ r: CheckReport) -> String {
        if r.violations.isEmpty && r.warnings.isEmpty { return "steward check: \(Output.count(r.filesChecked, "connector file")), no problems\n" }
        var out = ""
        var byFile: [String: [(level: LintLevel, finding: CheckFinding)]] = [:]
        for f in r.violations { byFile[f.file, default: []].append((.error, f)) }
        for f in r.warnings { byFile[f.file, default: []].append((.warning, f)) }
        for file in byFile.keys.sorted() {
            out += "\(file)\n"
            for (level, f) in byFile[file]! {
                out += "  \(level.rawValue) [\(f.rule)] \(f.message)\n"
                if let a = advice(f.rule) { out += "    fix: \(a)\n" }
            }
        }
        out += "steward check: \(Output.count(r.violations.count, "violation")), \(Output.count(r.warnings.count, "warning")) in \(Output.count(r.filesChecked, "connector file"))\n"
        return out
    }

    static func findingJSON(_ f: CheckFinding) -> JSONValue {
        var o: [String: JSONValue] = ["file": .string(f.file), "rule": .string(f.rule.rawValue), "message": .string(f.message)]
        if let lint = RuleCatalog.lint(f.rule) {
            o["owasp"] = .string(lint.owasp)
            o["nist"] = .string(lint.nist)
        }
        return .object(o)
    }

    static func json(_ r: CheckReport) -> JSONValue {
        .object(["violations": .array(r.violations.map(findingJSON)), "warnings": .array(r.warnings.map(findingJSON)),
                 "filesChecked": .int(Int64(r.filesChecked))])
    }

    /// GitHub workflow commands; `%`, CR and LF escaped as GitHub requires.
    static func github(_ r: CheckReport) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
        }
        func prop(_ s: String) -> String { esc(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
        var out = ""
        for f in r.violations { out += "::error file=\(prop(f.file)),title=\(prop(f.rule.rawValue))::\(esc(f.message))\n" }
        for f in r.warnings { out += "::warning file=\(prop(f.file)),title=\(prop(f.rule.rawValue))::\(esc(f.message))\n" }
        out += "steward check: \(Output.count(r.violations.count, "violation")), \(Output.count(r.warnings.count, "warning"))\n"
        return out
    }

    static func markdown(_ r: CheckReport) -> String {
        var out = "## Steward check: " + (r.passed ? "passed" : "**\(Output.count(r.violations.count, "violation"))**") + ", \(Output.count(r.warnings.count, "warning"))\n\n"
        if r.violations.isEmpty && r.warnings.isEmpty { return out + "\(Output.count(r.filesChecked, "connector file")) checked, no problems.\n" }
        out += "| | File | Rule | Problem | Fix |\n|---|---|---|---|---|\n"
        for (icon, list) in [("❌", r.violations), ("⚠️", r.warnings)] {
            for f in list {
                let cells = [icon, "`\(f.file)`", "`\(f.rule)`", f.message, advice(f.rule) ?? ""]
                out += "| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }.joined(separator: " | ") + " |\n"
            }
        }
        return out
    }

    static func appendSummary(_ text: String, to path: String) {
        do { try OutputFile.append(Array(text.utf8), to: path) } catch {
            Output.warning("GITHUB_STEP_SUMMARY: \(error.message)")
        }
    }

    /// SARIF 2.1.0: one rule per rule id, one result per finding.
    static func sarif(_ r: CheckReport) -> JSONValue {
        let all = r.violations.map { ($0, LintLevel.error.rawValue) } + r.warnings.map { ($0, LintLevel.warning.rawValue) }
        let ruleIDs = Array(Set(all.map(\.0.rule))).sorted()
        let rules: [JSONValue] = ruleIDs.map { id in
            var o: [String: JSONValue] = ["id": .string(id.rawValue), "shortDescription": .object(["text": .string(RuleCatalog.lint(id)?.title ?? id.rawValue)])]
            if let a = advice(id) { o["help"] = .object(["text": .string(a)]) }
            if let lint = RuleCatalog.lint(id) {
                o["properties"] = .object(["tags": .array([.string(lint.owasp), .string("NIST CSF 2.0 \(lint.nist)")])])
            }
            return .object(o)
        }
        let results: [JSONValue] = all.map { f, level in
            .object(["ruleId": .string(f.rule.rawValue), "level": .string(level), "message": .object(["text": .string(f.message)]),
                     "locations": .array([.object(["physicalLocation": .object(["artifactLocation": .object(["uri": .string(f.file)])])])])])
        }
        return .object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"), "version": .string("2.1.0"),
            "runs": .array([.object(["tool": .object(["driver": .object(["name": .string("steward"), "version": .string(StewardCLI.version),
                                                                          "informationUri": .string("https://example.invalid/steward"), "rules": .array(rules)])]),
                                     "results": .array(results)])]),
        ])
    }
}
