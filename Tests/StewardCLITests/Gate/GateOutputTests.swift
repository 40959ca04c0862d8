import Foundation
import StewardCore
import XCTest

/// The gate's output formats, and that `check --base` reads only what the pull request changed.
final class GateOutputTests: XCTestCase {
    /// A pull request with two violations and a warning on two files:
    /// - State/crm-sync.json deleted (`deleted`);
    /// - State/hr-feed.json approved by alice in rita's commit (`git-identity`), and one
    ///   person as both owners (`owner-missing`, a warning in standard.json).
    func failingPullRequest() throws -> GateRepo {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.expect(repo.git(["rm", "-q", "State/crm-sync.json"]), 0)
        try repo.act(["new", "hr-feed", "--system", "workday", "--purpose", "Sync employees to the directory",
                      "--business-owner", "lee@x.example", "--technical-owner", "lee@x.example", "--scope", "read:Worker"],
                     as: "rita@x.example", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        try repo.act(["approve", "hr-feed"], as: "alice@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T10:01:00Z")
        return repo
    }

    func testJSON() throws {
        let repo = try failingPullRequest()
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["deleted", "git-identity"])
        XCTAssertEqual(out.warningRules, ["owner-missing"])
        XCTAssertEqual(out.findings("violations").compactMap { $0["file"] as? String }, ["State/crm-sync.json", "State/hr-feed.json"])
        let warning = try XCTUnwrap(out.findings("warnings").first)
        XCTAssertEqual(warning["file"] as? String, "State/hr-feed.json")
        XCTAssertEqual(warning["owasp"] as? String, RuleCatalog.lint("owner-missing")?.owasp)
        XCTAssertEqual(warning["nist"] as? String, RuleCatalog.lint("owner-missing")?.nist)
        for f in out.findings("violations") + out.findings("warnings") {
            XCTAssertFalse((f["message"] as? String ?? "").isEmpty)
        }
    }

    func testGitHubAnnotationsAndStepSummary() throws {
        let repo = try failingPullRequest()
        let summary = URL(fileURLWithPath: repo.root).deletingLastPathComponent().appendingPathComponent("step-summary.md").path
        try Data("## Earlier step\n\n".utf8).write(to: URL(fileURLWithPath: summary))
        let out = try repo.expect(repo.check(format: "github", env: ["GITHUB_STEP_SUMMARY": summary]), 1)
        let lines = out.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains { $0.hasPrefix("::error file=State/crm-sync.json,title=deleted::") }, out.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("::error file=State/hr-feed.json,title=git-identity::event 2 (approve by alice@x.example)") }, out.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("::warning file=State/hr-feed.json,title=owner-missing::") }, out.stdout)
        XCTAssertEqual(lines.filter { $0.hasPrefix("::") }.count, 3)
        for line in lines where line.hasPrefix("::") {
            XCTAssertFalse(line.dropFirst(2).components(separatedBy: "::").dropFirst().joined().contains("\n"))
        }
        let text = try String(contentsOfFile: summary, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("## Earlier step\n\n## Steward check: **2 violations**, 1 warning\n"), "appended, not replaced: \(text)")
        XCTAssertTrue(text.contains("| ❌ | `State/crm-sync.json` | `deleted` |"), text)
        XCTAssertTrue(text.contains("| ⚠️ | `State/hr-feed.json` | `owner-missing` |"), text)

        // Without GITHUB_STEP_SUMMARY nothing is written anywhere, and the annotations are the same.
        let again = repo.check(format: "github")
        XCTAssertEqual(again.stdout, out.stdout)
        XCTAssertEqual(try String(contentsOfFile: summary, encoding: .utf8), text)
    }

    func testGitHubEscapesNewlinesAndPercents() throws {
        // A connector file named oddly is refused with a message quoting the name; the
        // annotation must stay one line.
        let repo = try GateRepo()
        try repo.branch()
        try repo.write("State/Bad%Name.json", "{}\n")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        let out = try repo.expect(repo.check(format: "github"), 1)
        let annotations = out.stdout.split(separator: "\n").filter { $0.hasPrefix("::error ") }
        XCTAssertEqual(annotations.count, 1, out.stdout)
        XCTAssertTrue(annotations[0].hasPrefix("::error file=State/Bad%25Name.json,title=format::"), out.stdout)
    }

    func testSARIF() throws {
        let repo = try failingPullRequest()
        let out = try repo.expect(repo.check(format: "sarif"), 1)
        let sarif = try XCTUnwrap(out.object)
        XCTAssertEqual(sarif["version"] as? String, "2.1.0")
        XCTAssertTrue((sarif["$schema"] as? String ?? "").contains("sarif-2.1.0"))
        let runs = try XCTUnwrap(sarif["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let driver = try XCTUnwrap((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        XCTAssertEqual(driver["name"] as? String, "steward")
        let rules = try XCTUnwrap(driver["rules"] as? [[String: Any]])
        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        let resultRules = results.compactMap { $0["ruleId"] as? String }
        XCTAssertEqual(resultRules.count, 3)
        XCTAssertEqual(rules.compactMap { $0["id"] as? String }.sorted(), Array(Set(resultRules)).sorted(),
                       "one rule per distinct ruleId")
        for r in rules { XCTAssertNotNil((r["shortDescription"] as? [String: Any])?["text"] as? String) }
        let lint = try XCTUnwrap(rules.first { $0["id"] as? String == "owner-missing" })
        let tags = (lint["properties"] as? [String: Any])?["tags"] as? [String] ?? []
        XCTAssertTrue(tags.contains(RuleCatalog.lint("owner-missing")!.owasp), "\(tags)")
        for r in results {
            XCTAssertTrue(["error", "warning"].contains(r["level"] as? String ?? ""))
            XCTAssertNotNil((r["message"] as? [String: Any])?["text"] as? String)
            let uri = (((r["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?["uri"] as? String
            XCTAssertTrue(uri?.hasPrefix("State/") ?? false, "\(r)")
        }
        XCTAssertEqual(results.first { $0["ruleId"] as? String == "owner-missing" }?["level"] as? String, "warning")
        XCTAssertEqual(results.first { $0["ruleId"] as? String == "deleted" }?["level"] as? String, "error")
    }

    func testSARIFOfACleanChangeHasNoResults() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        let sarif = try XCTUnwrap(try repo.expect(repo.check(format: "sarif"), 0).object)
        let run = try XCTUnwrap((sarif["runs"] as? [[String: Any]])?.first)
        XCTAssertEqual((run["results"] as? [Any])?.count, 0)
        XCTAssertEqual((((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [Any])?.count, 0)
    }

    func testMarkdown() throws {
        let repo = try failingPullRequest()
        let out = try repo.expect(repo.check(format: "markdown"), 1)
        XCTAssertTrue(out.stdout.hasPrefix("## Steward check: **2 violations**, 1 warning\n\n| | File | Rule | Problem | Fix |\n|---|---|---|---|---|\n"), out.stdout)
        let rows = out.stdout.split(separator: "\n").filter { $0.hasPrefix("| ❌") || $0.hasPrefix("| ⚠️") }
        XCTAssertEqual(rows.count, 3, out.stdout)
        XCTAssertTrue(rows[0].contains("`deleted`") && rows[1].contains("`git-identity`") && rows[2].contains("`owner-missing`"), out.stdout)
        XCTAssertTrue(rows[2].contains(RuleCatalog.rule("owner-missing")!.advice), "lint rows carry the fix: \(rows[2])")
    }

    func testMarkdownOfACleanChange() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        let out = try repo.expect(repo.check(format: "markdown"), 0)
        XCTAssertEqual(out.stdout, "## Steward check: passed, 0 warnings\n\n1 connector file checked, no problems.\n")
    }

    func testTextNamesTheRuleAndTheFix() throws {
        let repo = try failingPullRequest()
        let out = try repo.expect(repo.check(format: "text"), 1)
        XCTAssertTrue(out.stdout.contains("State/crm-sync.json\n  error [deleted] "), out.stdout)
        XCTAssertTrue(out.stdout.contains("  warning [owner-missing] "), out.stdout)
        XCTAssertTrue(out.stdout.hasSuffix("steward check: 2 violations, 1 warning in 1 connector file\n"), out.stdout)
    }

    // MARK: O(changed)

    func testCheckBaseReadsOnlyTheFilesThePullRequestChanged() throws {
        let repo = try GateRepo()
        try repo.write("State/broken.json", "{\"schema\": 1, \"id\": \"broken\", \"truncated")
        try repo.commit(GateRepo.admin, at: "2026-01-02T00:00:00Z", "someone broke main")
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")

        let gate = try repo.expect(repo.check(), 0)
        XCTAssertEqual(gate.violationRules, [])
        XCTAssertEqual(gate.object?["filesChecked"] as? Int, 1, "only the changed file was read")

        let whole = try repo.expect(repo.steward(["check", "--format", "json"]), 1)
        XCTAssertEqual(whole.violationRules, ["format"])
        XCTAssertEqual(whole.findings("violations").first?["file"] as? String, "State/broken.json")
    }

    func testTwoChangedConnectorsSharingASecretFail() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z", secretRef: "vault://kv/shared")
        try repo.request("hr-feed", at: "2026-01-05T09:00:00Z", secretRef: "vault://kv/shared")
        XCTAssertEqual(try repo.load("hr-feed").spec.secretRef, "vault://kv/shared")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        let out = try repo.expect(repo.check(), 1)
        // Reported once per secretRef (on the first sharer's file), naming every sharer.
        XCTAssertEqual(out.violationRules, ["shared-secret"])
        XCTAssertEqual(out.findings("violations").compactMap { $0["file"] as? String }, ["State/crm-sync.json"])
        XCTAssertTrue((out.findings("violations").first?["message"] as? String ?? "").contains("crm-sync, hr-feed"))
        XCTAssertEqual(try repo.expect(repo.steward(["check", "--format", "json"]), 1).violationRules, ["shared-secret"])
    }

    func testTheBaseIsReadFromGitNotFromTheWorkingTree() throws {
        // Uncommitted edits are not part of the pull request.
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        try repo.writeRoles(approvers: ["rita@x.example"], logins: [:])
        try repo.write("State/crm-sync.json", "not json")
        XCTAssertEqual(try repo.expect(repo.check(), 0).violationRules, [])
    }

    func testAnUnknownBaseIsAUsageError() throws {
        let repo = try GateRepo()
        let out = repo.steward(["check", "--base", "no-such-branch", "--format", "json"])
        XCTAssertNotEqual(out.status, 0)
        XCTAssertNotEqual(out.status, 1, "not a violation: the gate could not run")
        XCTAssertTrue(out.stderr.contains("no-such-branch"), out.stderr)
    }
}
