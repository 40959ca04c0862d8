import Foundation
import StewardCore
import XCTest

/// `steward run` from the command line: commits, dry runs, idempotence and the outbox.
final class RunCommandTests: XCTestCase {
    typealias R = EndToEndRepo

    private func commitCount(_ repo: R) -> Int {
        Int(repo.git(["rev-list", "--count", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    func testRunCommitMakesOneCommitByTheRunnerListingTheTransitions() throws {
        let repo = try R(git: true)
        try repo.request("pending")
        try repo.active("crm-sync")
        try repo.request("quiet", at: "2026-02-01T00:00:00Z")
        try repo.commit(at: R.t0, "three connectors")
        let before = commitCount(repo)
        // At 2026-02-04T09:00Z: pending's request (t0) expired at t0+30d; crm-sync (medium,
        // activated t0+2h) is not due; quiet was requested three days ago.
        let r = try repo.expect(repo.steward(["run", "--commit", "--now", "2026-02-04T09:00:00Z"]), 0)
        XCTAssertTrue(r.stdout.contains("pending"), r.stdout)
        XCTAssertEqual(commitCount(repo), before + 1)
        let author = repo.git(["log", "-1", "--format=%an <%ae>|%cn"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(author, "steward-runner <steward-runner@localhost>|steward-runner")
        let message = repo.git(["log", "-1", "--format=%B"]).stdout
        XCTAssertTrue(message.contains("pending: requested → decommissioned"), message)
        XCTAssertTrue(message.contains("request expired"), message)
        XCTAssertTrue(message.contains("pending#2-notify-owners"), message)
        XCTAssertFalse(message.contains("crm-sync"), "only what changed")
        let files = repo.git(["show", "--name-only", "--format=", "HEAD"]).stdout.split(separator: "\n")
        XCTAssertEqual(files, ["State/pending.json"])
        XCTAssertEqual(repo.git(["status", "--porcelain"]).stdout, "", "the commit holds every change, and the lock is ignored")

        // Nothing more is due at the same time: no commit, no change.
        let again = try repo.expect(repo.steward(["run", "--commit", "--now", "2026-02-04T09:00:00Z", "--json"]), 0)
        XCTAssertEqual((again.object?["transitions"] as? [Any])?.count, 0)
        XCTAssertEqual(commitCount(repo), before + 1)
    }

    func testTheRunnerEventsAreAtNowAndByTheRunner() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.expect(repo.steward(["run", "--now", "2026-09-01T00:00:00Z"]), 0)
        let doc = try repo.load("crm-sync")
        XCTAssertEqual(doc.state, "decommissioned")
        let runnerEvents = doc.history.filter { $0.actor == "steward-runner" }
        XCTAssertEqual(runnerEvents.map(\.event), ["review-due", "review-overdue"], "one run catches up in order")
        XCTAssertTrue(runnerEvents.allSatisfy { $0.at.iso8601 == "2026-09-01T00:00:00Z" })
    }

    func testADryRunWritesNothingAndTheSecondRunChangesNoByte() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.request("pending")
        let before = repo.stateSnapshot()
        let dry = try repo.expect(repo.steward(["run", "--dry-run", "--json", "--now", "2026-05-01T00:00:00Z"]), 0)
        XCTAssertEqual(dry.object?["dryRun"] as? Bool, true)
        XCTAssertEqual((dry.object?["transitions"] as? [Any])?.count, 3, "pending expires; crm-sync review-due then overdue")
        XCTAssertEqual(repo.stateSnapshot(), before)
        let real = try repo.expect(repo.steward(["run", "--json", "--now", "2026-05-01T00:00:00Z"]), 0)
        XCTAssertEqual((real.object?["transitions"] as? [[String: Any]])?.compactMap { $0["event"] as? String },
                       (dry.object?["transitions"] as? [[String: Any]])?.compactMap { $0["event"] as? String })
        let after = repo.stateSnapshot()
        XCTAssertNotEqual(after, before)
        let second = try repo.expect(repo.steward(["run", "--json", "--now", "2026-05-01T00:00:00Z"]), 0)
        XCTAssertEqual((second.object?["transitions"] as? [Any])?.count, 0)
        XCTAssertEqual((second.object?["tasks"] as? [Any])?.count, 0)
        XCTAssertEqual(repo.stateSnapshot(), after)
    }

    func testTheOutboxGetsATicketPerOpenedTask() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let outbox = repo.base + "/outbox"
        let r = try repo.expect(repo.steward(["run", "--outbox", outbox, "--json", "--now", "2026-04-05T11:00:00Z"]), 0)
        let ids = (r.object?["tasks"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertEqual(ids, ["crm-sync#5-rotate-credential"], "review-due (event 4) then the rotation task (event 5)")
        let md = try String(contentsOfFile: outbox + "/crm-sync#5-rotate-credential.md", encoding: .utf8)
        XCTAssertTrue(md.contains("vault://kv/integrations/crm-sync"))
        XCTAssertTrue(md.contains("steward close-task 'crm-sync#5-rotate-credential'"))
        XCTAssertFalse(md.contains("{{"))
        XCTAssertNotNil(FileManager.default.contents(atPath: outbox + "/crm-sync#5-rotate-credential.json"))
        // A dry run with an outbox writes no ticket either.
        try repo.request("pending")
        try repo.expect(repo.steward(["run", "--dry-run", "--outbox", outbox, "--now", "2026-04-05T11:00:00Z"]), 0)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outbox).count, 2)
    }

    func testABrokenTemplateCostsOnlyItsTicketAndExits4() throws {
        let repo = try R()
        try repo.request("pending")
        try repo.write("Templates/notify-owners.md", "# {{taskTitle}} for {{connectr}}\n")
        let outbox = repo.base + "/outbox"
        let r = repo.steward(["run", "--outbox", outbox, "--json", "--now", "2026-03-01T00:00:00Z"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertEqual(try repo.load("pending").state, "decommissioned", "the transition is never stopped")
        let errors = try XCTUnwrap(r.object?["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.map { $0["file"] as? String }, ["Templates/notify-owners.md"])
        XCTAssertTrue((errors.first?["message"] as? String)?.contains("connectr") ?? false, "\(errors)")
        let md = try String(contentsOfFile: outbox + "/pending#2-notify-owners.md", encoding: .utf8)
        XCTAssertTrue(md.contains("built-in rendering"), md)
        // The text report names the template too.
        try repo.write("Templates/notify-owners.md", "# {{taskTitle}} for {{connectr}}\n")
        try repo.request("later", at: "2026-03-01T00:00:00Z")
        let text = repo.steward(["run", "--outbox", outbox, "--now", "2026-04-01T00:00:00Z"])
        XCTAssertEqual(text.status, 4)
        XCTAssertTrue(text.stdout.contains("Templates/notify-owners.md"), text.stdout)
    }

    func testWithEveryTemplateInPlaceTheOutboxRunExits0() throws {
        let repo = try R()
        try repo.request("pending")
        try repo.expect(repo.steward(["run", "--outbox", repo.base + "/outbox", "--now", "2026-03-01T00:00:00Z"]), 0)
    }

    func testAFutureDatedConnectorIsAnErrorByNameAndTheOthersGoOn() throws {
        let repo = try R()
        try repo.request("pending")
        try repo.request("ahead", at: "2026-04-01T00:00:00Z")
        let ahead = repo.bytes("State/ahead.json")
        let r = repo.steward(["run", "--json", "--now", "2026-03-01T00:00:00Z"])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertEqual(try repo.load("pending").state, "decommissioned", "the others go on")
        let errors = try XCTUnwrap(r.object?["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.map { $0["file"] as? String }, ["State/ahead.json"])
        XCTAssertTrue((errors.first?["message"] as? String)?.contains("rule future-event") ?? false, "\(errors)")
        XCTAssertEqual(repo.bytes("State/ahead.json"), ahead, "left unchanged")
        let text = repo.steward(["run", "--now", "2026-03-01T00:00:00Z"])
        XCTAssertEqual(text.status, 4)
        XCTAssertTrue(text.stdout.contains("State/ahead.json"), text.stdout)
        // Five minutes ahead is clock skew, not an error.
        try repo.expect(repo.steward(["run", "--now", "2026-03-31T23:55:00Z"]), 0)
    }

    func testPeopleWhoLeftMoveTheirConnectorsToReview() throws {
        let repo = try R()
        try repo.active("crm-sync")
        let people = repo.base + "/people.json"
        try Data(#"[{"email": "dana@x.example", "status": "active"}, {"email": "lee@x.example", "status": "left"}]"#.utf8)
            .write(to: URL(fileURLWithPath: people))
        let r = try repo.expect(repo.steward(["run", "--people", people, "--json", "--now", "2026-01-10T00:00:00Z"]), 0)
        let t = try XCTUnwrap((r.object?["transitions"] as? [[String: Any]])?.first)
        XCTAssertEqual(t["to"] as? String, "review-due")
        XCTAssertEqual(t["reason"] as? String, "owner departed: lee@x.example")
        XCTAssertEqual(t["cause"] as? String, "owner-departed", "a typed cause beside the text")
        XCTAssertEqual((r.object?["tasks"] as? [[String: Any]])?.first?["cause"] as? String, "owner-departed")
        XCTAssertEqual(try repo.load("crm-sync").openTasks.map(\.kind), ["reassign-owner"])
    }

    /// With --observed every workflow file must read (reconciliation needs them all): a
    /// broken one is the same invalid-data error as anywhere (exit 4, naming the file and
    /// field), read once under the lock, and nothing is written.
    func testRunObservedWithABrokenWorkflowIsInvalidDataAndWritesNothing() throws {
        let repo = try R()
        try repo.request("pending")
        try repo.write("observed.json", #"[{"platform": "slack", "ref": "A04SHADOW"}]"#)
        try repo.write("Workflows/temporary.json", "{ not json")
        let before = repo.stateSnapshot()
        let r = try repo.expect(repo.steward(["run", "--observed", repo.path("observed.json"), "--now", "2026-03-01T00:00:00Z"]), 4)
        XCTAssertTrue(r.stderr.hasPrefix("steward: error: Workflows/temporary.json: "), r.stderr)
        XCTAssertEqual(repo.stateSnapshot(), before)
        // Without --observed the broken file costs only its own connectors.
        let plain = try repo.expect(repo.steward(["run", "--now", "2026-03-01T00:00:00Z", "--json"]), 4)
        XCTAssertTrue(plain.stdout.contains("Workflows/temporary.json"), plain.stdout)
        XCTAssertNotEqual(repo.stateSnapshot(), before, "pending's request expired")
    }
}
