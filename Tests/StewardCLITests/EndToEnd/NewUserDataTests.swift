import Foundation
import StewardCore
import XCTest

/// What a first-time user trips over with files and git: errors that did not name their
/// file, readers that trusted a hand edit, a run that wrote before it failed, init's
/// example approvers, and a removal the credential's holder could verify alone.
final class NewUserDataTests: XCTestCase {
    typealias R = EndToEndRepo

    /// Rewrites one top-level field of a connector file by hand.
    private func handEdit(_ repo: R, _ id: String, _ key: String, _ value: Any) throws {
        let url = URL(fileURLWithPath: repo.path("State/\(id).json"))
        var doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        doc[key] = value
        try JSONSerialization.data(withJSONObject: doc, options: [.sortedKeys, .prettyPrinted]).write(to: url)
    }

    func testEveryRunErrorNamesItsFileInTextAndJSON() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.active("broken")
        try handEdit(repo, "broken", "version", 99)
        let text = repo.steward(["run", "--now", "2026-01-08T00:00:00Z"])
        XCTAssertEqual(text.status, 4, text.stderr)
        let errorLines = text.stdout.split(separator: "\n").drop { !$0.hasPrefix("errors") }.dropFirst()
        XCTAssertFalse(errorLines.isEmpty, text.stdout)
        for l in errorLines { XCTAssertTrue(l.contains("State/broken.json"), "no file in: \(l)") }
        let json = repo.steward(["run", "--json", "--now", "2026-01-08T00:00:00Z"])
        XCTAssertEqual(json.status, 4)
        let errors = try XCTUnwrap(json.object?["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.compactMap { $0["file"] as? String }, ["State/broken.json"])
    }

    func testListShowAndTasksRefuseAHandEditedState() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.active("edited")
        try handEdit(repo, "edited", "state", "review-due")
        let list = repo.steward(["list", "--json"])
        XCTAssertEqual(list.status, 4, list.stderr)
        let ids = (list.object?["connectors"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids, ["crm-sync"], "the edited file is not listed as if it were true")
        XCTAssertTrue(((list.object?["errors"] as? [[String: Any]])?.first?["file"] as? String) == "State/edited.json", list.stdout)
        let show = repo.steward(["show", "edited"])
        XCTAssertEqual(show.status, 4)
        XCTAssertTrue(show.stderr.contains("State/edited.json") && show.stderr.contains("projection"), show.stderr)
        XCTAssertEqual(show.stdout, "")
        try repo.expect(repo.steward(["show", "crm-sync"]), 0)
        XCTAssertEqual(repo.steward(["tasks"]).status, 4)
    }

    func testRunCommitOutsideGitFailsBeforeWritingAnything() throws {
        let repo = try R()
        try repo.request("pending")
        let before = repo.stateSnapshot()
        let r = repo.steward(["run", "--commit", "--outbox", repo.path("outbox"), "--findings", repo.path("findings.md"), "--now", "2026-03-01T00:00:00Z"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("not a git repository"), r.stderr)
        XCTAssertEqual(repo.stateSnapshot(), before, "pending must not have expired on disk")
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path("outbox")))
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path("findings.md")))
    }

    func testRunCommitRefusesUncommittedChangesUnderState() throws {
        let repo = try R(git: true)
        try repo.request("pending")   // written, not committed
        let before = repo.stateSnapshot()
        let r = repo.steward(["run", "--commit", "--now", "2026-03-01T00:00:00Z"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("State/pending.json") && r.stderr.contains("uncommitted-state"), r.stderr)
        XCTAssertEqual(repo.stateSnapshot(), before)
        try repo.commit(at: R.t0, "pending")
        try repo.expect(repo.steward(["run", "--commit", "--now", "2026-03-01T00:00:00Z"]), 0)
    }

    func testADryRunDoesNotWriteTheFindingsFile() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.write("export.json", #"[{"platform": "aws", "ref": "arn:aws:iam::123456789012:user/shadow", "scopes": []}]"#)
        let r = try repo.expect(repo.steward(["run", "--dry-run", "--now", "2026-01-08T00:00:00Z", "--observed", repo.path("export.json"), "--findings", repo.path("findings.md")]), 0)
        XCTAssertTrue(r.stdout.contains("unmanaged"), r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: repo.path("findings.md")), "a dry run writes nothing")
    }

    func testTheRunnersCommitMessageCountsInGoodGrammar() throws {
        let repo = try R(git: true)
        try repo.request("pending")
        try repo.commit(at: R.t0, "one request")
        try repo.expect(repo.steward(["run", "--commit", "--now", "2026-03-01T00:00:00Z"]), 0)
        let subject = repo.git(["log", "-1", "--format=%s"]).stdout
        XCTAssertTrue(subject.contains(": 1 transition, 1 task opened"), subject)
    }

    func testInitIntoARepositoryAddsOnlyTheIgnoreLinesItLacks() throws {
        let repo = try R()
        let dir = repo.base + "/existing"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("node_modules/\nState/.lock\n".utf8).write(to: URL(fileURLWithPath: dir + "/.gitignore"))
        try repo.expect(repo.run(R.binary, ["init", dir], in: repo.base), 0)
        let lines = try String(contentsOfFile: dir + "/.gitignore", encoding: .utf8).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0 == "State/.lock" }.count, 1, "\(lines)")
        XCTAssertEqual(lines.first, "node_modules/", "what was there stays first")
        XCTAssertTrue(lines.contains("State/.*.tmp-*"), "\(lines)")
    }

    /// When a later file cannot be written, init names the file that failed and the ones it
    /// already wrote, without claiming that nothing was changed.
    func testInitThatFailsPartWayNamesWhatItAlreadyWrote() throws {
        let repo = try R()
        let dir = repo.base + "/partial"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // A file where the Templates/ folder must go: the workflows are written, a template is not.
        try Data("not a folder\n".utf8).write(to: URL(fileURLWithPath: dir + "/Templates"))
        let r = repo.run(R.binary, ["init", dir], in: repo.base)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("Templates/"), r.stderr)
        XCTAssertTrue(r.stderr.contains("already written before it: Workflows/"), r.stderr)
        XCTAssertTrue(r.stderr.contains("remove them from \(dir) and run init again"), r.stderr)
        XCTAssertFalse(r.stderr.contains("nothing was changed"), r.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/Workflows/standard.json"))
    }

    func testInitWritesPlaceholderApproversAndCheckWarnsUntilTheyAreReplaced() throws {
        let repo = try R()
        let fresh = repo.base + "/fresh"
        let r = repo.run(R.binary, ["init", fresh], in: repo.base)
        XCTAssertEqual(r.status, 0, r.stderr)
        let roles = try String(contentsOfFile: fresh + "/Workflows/roles.json", encoding: .utf8)
        XCTAssertFalse(roles.contains("northwind"), roles)
        let check = repo.run(R.binary, ["check", "--root", fresh, "--json"], in: repo.base)
        XCTAssertEqual(check.status, 0, "a warning, not a violation: \(check.stdout)")
        let warnings = try XCTUnwrap(check.object?["warnings"] as? [[String: Any]])
        XCTAssertEqual(warnings.compactMap { $0["rule"] as? String }, ["placeholder-approvers"], check.stdout)
        XCTAssertEqual(warnings.first?["file"] as? String, "Workflows/roles.json")
        // The harness's repository lists real approvers: no warning.
        let clean = try repo.expect(repo.steward(["check", "--json"]), 0)
        XCTAssertEqual((clean.object?["warnings"] as? [Any])?.count, 0, clean.stdout)
    }

    func testTheCredentialsHolderCannotVerifyItsRemoval() throws {
        let repo = try R()
        try repo.active("crm-sync")   // lee is the technical owner and activated it
        let dec = try repo.act(["decommission", "crm-sync", "--reason", "replaced", "--json"], as: R.dana, at: "2026-01-06T09:00:00Z")
        let seq = try XCTUnwrap((dec.object?["events"] as? [[String: Any]])?.first?["seq"] as? Int)
        let verify = "crm-sync#\(seq)-verify-removal", revoke = "crm-sync#\(seq)-revoke-credential"
        let before = repo.stateSnapshot()
        for (actor, why) in [(R.lee, "technical owner"), (R.dana, "not listed")] {
            let r = repo.steward(["close-task", verify, "--evidence", "checked, it is gone", "--as", actor, "--now", "2026-01-07T09:00:00Z"])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("independent-verification") && r.stderr.contains(why), r.stderr)
            XCTAssertEqual(repo.stateSnapshot(), before)
        }
        // The technical owner revokes; an approver who did not revoke verifies.
        try repo.act(["close-task", revoke, "--evidence", "key deleted, SEC-1"], as: R.lee, at: "2026-01-07T09:00:00Z")
        try repo.act(["close-task", revoke.replacingOccurrences(of: "revoke-credential", with: "delete-secret"), "--evidence", "vault path deleted"], as: R.alice, at: "2026-01-07T09:00:00Z")
        try repo.act(["close-task", verify, "--evidence", "IAM user absent from the credential report of 2026-01-07"], as: R.bob, at: "2026-01-07T10:00:00Z")
        try repo.expect(repo.steward(["check", "--now", "2026-01-08T00:00:00Z"]), 0)
    }

    func testWhoeverClosedRevokeCredentialCannotAlsoVerifyIt() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let dec = try repo.act(["decommission", "crm-sync", "--reason", "replaced", "--json"], as: R.dana, at: "2026-01-06T09:00:00Z")
        let seq = try XCTUnwrap((dec.object?["events"] as? [[String: Any]])?.first?["seq"] as? Int)
        try repo.act(["close-task", "crm-sync#\(seq)-revoke-credential", "--evidence", "key deleted, SEC-1"], as: R.alice, at: "2026-01-07T09:00:00Z")
        let r = repo.steward(["close-task", "crm-sync#\(seq)-verify-removal", "--evidence", "gone", "--as", R.alice, "--now", "2026-01-07T10:00:00Z"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("independent-verification"), r.stderr)
    }

    func testTheReadmesReconciliationExampleRunsOnTheShippedFixtureExports() throws {
        var package = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { package.deleteLastPathComponent() }
        let repo = try R()
        let copy = repo.base + "/example"
        let fm = FileManager.default
        try fm.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for dir in ["State", "Workflows", "Templates"] { try fm.copyItem(atPath: package.path + "/" + dir, toPath: copy + "/" + dir) }
        let exports = package.path + "/Tests/StewardCoreTests/Fixtures/ExampleEstate/"
        let r = repo.run(R.binary, ["run", "--root", copy, "--json", "--now", "2026-11-23T07:00:00Z",
                                    "--observed", exports + "credential-report.csv", "--observed", exports + "github-installations.json",
                                    "--observed", exports + "zendesk.json"], in: copy)
        XCTAssertEqual(r.status, 0, r.stderr)
        let findings = try XCTUnwrap(r.object?["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.compactMap { f in (f["kind"] as? String).map { "\($0) \(f["ref"] as? String ?? "")" } }.sorted(), [
            "dormant arn:aws:iam::418295730146:user/jenkins-legacy", "scope-drift northwind-release-bot",
            "stale-credential arn:aws:iam::418295730146:user/jenkins-legacy", "unmanaged acme-ci-insights",
            "unmanaged arn:aws:iam::418295730146:user/jenkins-legacy", "unmanaged northwind.zendesk.com/api-tokens/agent-workspace",
        ], "the README shows these six findings")
        XCTAssertEqual((r.object?["closedTasks"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, ["zendesk-legacy-export#6-verify-removal"])
        XCTAssertEqual((r.object?["transitions"] as? [Any])?.count, 0)
    }
}
