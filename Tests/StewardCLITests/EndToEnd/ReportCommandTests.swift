import Foundation
import StewardCore
import XCTest

/// `evidence`, `report` and `tasks --by-owner` through the built binary, in real git
/// repositories with merge and squash pull requests.
final class ReportCommandTests: XCTestCase {
    typealias R = EndToEndRepo

    /// Commits everything as `author` at `at`.
    func commit(_ repo: R, as author: String, at: String, _ message: String) throws {
        try repo.expect(repo.git(["add", "-A"]), 0)
        let env = ["GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": author, "GIT_AUTHOR_DATE": at,
                   "GIT_COMMITTER_NAME": author, "GIT_COMMITTER_EMAIL": author, "GIT_COMMITTER_DATE": at]
        try repo.expect(repo.git(["commit", "-q", "-m", message], env: env), 0)
    }

    /// request on main; approve on a branch merged as PR #12; activate squashed as PR #13;
    /// a rotate not committed yet.
    func gitEstate() throws -> R {
        let repo = try R(git: true)
        try repo.request("crm-sync")
        try commit(repo, as: R.rita, at: "2026-01-05T09:01:00Z", "Request crm-sync")
        try repo.expect(repo.git(["checkout", "-q", "-b", "approve-crm"]), 0)
        try repo.act(["approve", "crm-sync"], as: R.alice, at: "2026-01-05T10:00:00Z")
        try commit(repo, as: R.alice, at: "2026-01-05T10:01:00Z", "Approve crm-sync")
        try repo.expect(repo.git(["checkout", "-q", "main"]), 0)
        let env = ["GIT_AUTHOR_NAME": "GitHub", "GIT_AUTHOR_EMAIL": "noreply@github.com", "GIT_AUTHOR_DATE": "2026-01-05T10:30:00Z",
                   "GIT_COMMITTER_NAME": "GitHub", "GIT_COMMITTER_EMAIL": "noreply@github.com", "GIT_COMMITTER_DATE": "2026-01-05T10:30:00Z"]
        try repo.expect(repo.git(["merge", "-q", "--no-ff", "-m", "Merge pull request #12 from acme/approve-crm", "approve-crm"], env: env), 0)
        try repo.act(["activate", "crm-sync", "--credential-id", "key-1"], as: R.lee, at: "2026-01-05T11:00:00Z")
        try commit(repo, as: R.lee, at: "2026-01-05T11:01:00Z", "Activate crm-sync (#13)")
        try repo.act(["rotate", "crm-sync", "--credential-id", "key-2"], as: R.lee, at: "2026-01-06T09:00:00Z")
        return repo
    }

    func testEvidenceNamesTheCommitAndPullRequestOfEachEventWithOneGitLog() throws {
        let repo = try gitEstate()
        let branchCommit = repo.git(["rev-parse", "approve-crm"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // Count the git processes evidence starts, through a wrapper first on PATH.
        let bin = repo.base + "/bin", log = repo.base + "/git-calls"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let real = repo.run("/usr/bin/env", ["sh", "-c", "command -v git"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try "#!/bin/sh\necho \"$1\" >> '\(log)'\nexec '\(real)' \"$@\"\n".write(toFile: bin + "/git", atomically: true, encoding: .utf8)
        chmod(bin + "/git", 0o755)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let r = try repo.expect(repo.steward(["evidence", "crm-sync", "--json", "--now", "2026-01-07T00:00:00Z"], env: ["PATH": path]), 0)
        let calls = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        XCTAssertEqual(calls.filter { $0 == "log" }.count, 1, "one git log for the file: \(calls)")
        XCTAssertLessThanOrEqual(calls.count, 2, "git log and one cat-file --batch, not a process per event: \(calls)")

        let events = try XCTUnwrap(r.object?["events"] as? [[String: Any]])
        XCTAssertEqual(events.count, 4)
        func commit(_ i: Int) -> [String: Any]? { events[i]["commit"] as? [String: Any] }
        XCTAssertEqual(commit(0)?["authorEmail"] as? String, R.rita)
        XCTAssertTrue(commit(0)?["pullRequest"] is NSNull, "committed straight to main")
        XCTAssertEqual(commit(1)?["sha"] as? String, branchCommit, "the commit that added the approval, not the merge")
        XCTAssertEqual(commit(1)?["authorEmail"] as? String, R.alice)
        XCTAssertEqual(commit(1)?["date"] as? String, "2026-01-05T10:01:00Z")
        XCTAssertEqual(commit(1)?["pullRequest"] as? Int, 12)
        XCTAssertEqual(commit(2)?["pullRequest"] as? Int, 13)
        XCTAssertTrue(events[3]["commit"] is NSNull, "the rotate is not committed yet")
        let approvals = try XCTUnwrap(r.object?["approvals"] as? [[String: Any]])
        XCTAssertEqual((approvals.first?["approvedSpec"] as? [String: Any])?["scopes"] as? [String], ["read:Account"])

        let md = try repo.expect(repo.steward(["evidence", "crm-sync", "--format", "markdown", "--now", "2026-01-07T00:00:00Z"]), 0).stdout
        XCTAssertTrue(md.contains("`\(branchCommit.prefix(12))` \(R.alice) 2026-01-05T10:01:00Z PR #12"), md)
        XCTAssertTrue(md.contains("| not committed |"), md)
    }

    func testEvidenceOutsideGitSaysSoAndStillWorks() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let r = try repo.expect(repo.steward(["evidence", "crm-sync"]), 0)
        XCTAssertTrue(r.stdout.contains("- Commits: not shown (not inside a git repository)"), r.stdout)
    }

    func testAnUnknownIdExitsOneWithDidYouMean() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let r = try repo.expect(repo.steward(["evidence", "crm-synk"]), 1)
        XCTAssertTrue(r.stderr.contains("no connector 'crm-synk'"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean 'crm-sync'?"), r.stderr)
        XCTAssertTrue(try repo.expect(repo.steward(["evidence", "crm"]), 1).stderr.contains("did you mean 'crm-sync'?"))
        let shown = try repo.expect(repo.steward(["show", "crm-synk"]), 1)
        XCTAssertTrue(shown.stderr.contains("did you mean 'crm-sync'?"), "show suggests the same way: \(shown.stderr)")
        // A lifecycle command looks the connector up the same way; with nothing near, it
        // points at the listing.
        let approve = try repo.expect(repo.steward(["recertify", "crm-synk", "--as", R.alice]), 1)
        XCTAssertTrue(approve.stderr.contains("no connector 'crm-synk'") && approve.stderr.contains("did you mean 'crm-sync'?"), approve.stderr)
        let far = try repo.expect(repo.steward(["recertify", "zzzz", "--as", R.alice]), 1)
        XCTAssertTrue(far.stderr.contains("'steward list' shows the estate"), far.stderr)
    }

    func testATamperedFileShowsTheChainFailureWithoutCrashing() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let file = "State/crm-sync.json"
        let text = String(decoding: repo.bytes(file)!, as: UTF8.self)
        try repo.write(file, text.replacingOccurrences(of: "\"actor\": \"alice@x.example\"", with: "\"actor\": \"mallory@x.example\""))
        let r = try repo.expect(repo.steward(["evidence", "crm-sync"]), 1)
        XCTAssertTrue(r.stdout.contains("- Hash chain: **FAILED**: history[1]"), r.stdout)
        XCTAssertTrue(r.stdout.contains("## History"), "the rest of the pack is still shown")
        XCTAssertTrue(r.stderr.contains("State/crm-sync.json"), r.stderr)
        let j = try repo.expect(repo.steward(["evidence", "crm-sync", "--json"]), 1)
        XCTAssertEqual((j.object?["chain"] as? [String: Any])?["ok"] as? Bool, false)
    }

    func testAsOfMustBeAPastTime() throws {
        let repo = try R()
        try repo.active("crm-sync")
        for bad in ["yesterday", "2026-13-01T00:00:00Z", ""] {
            let r = try repo.expect(repo.steward(["report", "--as-of", bad]), 2)
            XCTAssertTrue(r.stderr.contains("--as-of"), r.stderr)
        }
        let future = try repo.expect(repo.steward(["report", "--as-of", "2026-02-01T00:00:00Z", "--now", "2026-01-10T00:00:00Z"]), 2)
        XCTAssertTrue(future.stderr.contains("lies in the future"), future.stderr)
        let observed = try repo.expect(repo.steward(["report", "--as-of", "2026-01-05T08:00:00Z", "--observed", "x.json"]), 2)
        XCTAssertTrue(observed.stderr.contains("--observed"), observed.stderr)
    }

    func testAsOfCountsOnlyWhatExistedThen() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.request("hr-feed", at: "2026-01-08T09:00:00Z")
        try repo.act(["decommission", "crm-sync", "--reason", "replaced"], as: R.lee, at: "2026-01-09T09:00:00Z")
        let then = try repo.expect(repo.steward(["report", "--json", "--as-of", "2026-01-06T00:00:00Z", "--now", "2026-01-10T00:00:00Z"]), 0).object
        XCTAssertEqual(then?["connectors"] as? Int, 1, "hr-feed did not exist on 01-06")
        XCTAssertEqual(then?["byState"] as? [String: Int], ["active": 1], "crm-sync was active then")
        XCTAssertEqual(then?["asOf"] as? Bool, true)
        let now = try repo.expect(repo.steward(["report", "--json", "--now", "2026-01-10T00:00:00Z"]), 0).object
        XCTAssertEqual(now?["byState"] as? [String: Int], ["decommissioned": 1, "requested": 1])
    }

    func testAnUnreadableFileIsNamedAndExitsFour() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.active("hr-feed")
        try repo.write("State/broken.json", "{\"schema\": 1, ")
        for format in ["markdown", "html", "json"] {
            let r = try repo.expect(repo.steward(["report", "--format", format]), 4)
            XCTAssertTrue(r.stderr.contains("State/broken.json"), r.stderr)
            XCTAssertTrue(r.stdout.contains("State/broken.json"), "\(format) names the file")
            if format != "json" { XCTAssertTrue(r.stdout.contains("3 connector files"), r.stdout) }
            if format == "html" { XCTAssertFalse(r.stdout.contains(">2 connectors<"), "never a bare '2 connectors' when there are 3 files") }
        }
    }

    func testTasksByOwnerPrintsOneSectionPerTechnicalOwner() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.act(["decommission", "crm-sync", "--reason", "replaced"], as: R.lee, at: "2026-01-06T09:00:00Z")
        let r = try repo.expect(repo.steward(["tasks", "--by-owner", "--format", "markdown", "--now", "2026-01-09T00:00:00Z"]), 0)
        XCTAssertTrue(r.stdout.contains("## \(R.lee)\n"), r.stdout)
        XCTAssertTrue(r.stdout.contains("### Overdue\n\n- **crm-sync#4-"), r.stdout)
        XCTAssertEqual(r.stdout.components(separatedBy: "\n## ").count, 2, r.stdout)
    }

    func testTasksByOwnerShowsTheReadableConnectorsAndNamesABrokenFile() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.act(["decommission", "crm-sync", "--reason", "replaced"], as: R.lee, at: "2026-01-06T09:00:00Z")
        try repo.write("State/broken.json", "{")
        let r = try repo.expect(repo.steward(["tasks", "--by-owner", "--format", "markdown", "--now", "2026-01-09T00:00:00Z"]), 4)
        XCTAssertTrue(r.stdout.contains("## \(R.lee)\n"), r.stdout)
        XCTAssertTrue(r.stderr.contains("State/broken.json"), r.stderr)
    }

    func testPeopleAndObservedAddDeparturesAndFindingsByOWASPId() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.write("people.json", #"[{"email": "dana@x.example", "status": "active"}, {"email": "lee@x.example", "status": "terminated"}]"#)
        try repo.write("observed.json", #"[{"platform": "aws", "ref": "arn:aws:iam::123456789012:user/shadow", "scopes": []}]"#)
        let r = try repo.expect(repo.steward(["report", "--json", "--people", repo.path("people.json"), "--observed", repo.path("observed.json"),
                                               "--now", "2026-01-10T00:00:00Z"]), 0)
        let departed = try XCTUnwrap(r.object?["departedOwners"] as? [[String: Any]])
        XCTAssertEqual(departed.map { $0["email"] as? String }, [R.lee])
        let findings = try XCTUnwrap(r.object?["findings"] as? [[String: Any]])
        XCTAssertTrue(findings.contains { $0["kind"] as? String == "unmanaged" && ($0["owasp"] as? String ?? "").hasPrefix("NHI1") }, "\(findings)")
        let html = try repo.expect(repo.steward(["report", "--format", "html", "--people", repo.path("people.json"),
                                                  "--observed", repo.path("observed.json"), "--now", "2026-01-10T00:00:00Z"]), 0).stdout
        XCTAssertTrue(html.contains("id=\"findings\""), "findings by OWASP NHI id with --observed")
        XCTAssertTrue(html.contains("Owners who have left, on live connectors (1):"), html)
    }

    func testABrokenExportIsNamedAndGivesNoFindings() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.write("good.json", #"[{"platform": "aws", "ref": "arn:aws:iam::123456789012:user/shadow", "scopes": []}]"#)
        try repo.write("broken.json", #"[{"platform": "aws", "ref": "#)
        let r = try repo.expect(repo.steward(["report", "--json", "--observed", repo.path("good.json"), "--observed", repo.path("broken.json"),
                                               "--now", "2026-01-10T00:00:00Z"]), 4)
        XCTAssertTrue(r.stderr.contains("broken.json"), r.stderr)
        XCTAssertEqual((r.object?["findings"] as? [Any])?.count ?? 0, 0, "no finding from any export when one is unreadable: \(r.stdout)")
    }

    func testAHandEditedFileIsNotCountedAsFact() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.active("hr-feed")
        let text = String(decoding: repo.bytes("State/hr-feed.json")!, as: UTF8.self)
        try repo.write("State/hr-feed.json", text.replacingOccurrences(of: "\"risk\": \"medium\"", with: "\"risk\": \"low\""))
        let r = try repo.expect(repo.steward(["report", "--json"]), 4)
        XCTAssertEqual(r.object?["connectors"] as? Int, 1)
        XCTAssertEqual(r.object?["byRisk"] as? [String: Int], ["medium": 1], "the edited risk is not shown as fact")
        let unreadable = try XCTUnwrap(r.object?["unreadable"] as? [[String: Any]])
        XCTAssertEqual(unreadable.first?["file"] as? String, "State/hr-feed.json")
    }
}
