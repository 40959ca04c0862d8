import Foundation
import StewardCore
import XCTest

/// Dates judged by the gate's own clock, and runner events that must be exactly what
/// `steward run` writes with no outside input.
final class GateClockTests: XCTestCase {
    // MARK: future-event

    func testTheWholeTreeCheckRefusesAnEventAfterNowPlusFiveMinutes() throws {
        let repo = try GateRepo()
        try repo.request("ahead", at: "2026-03-01T12:00:00Z")
        let out = try repo.expect(repo.steward(["check", "--format", "json", "--now", "2026-03-01T11:54:00Z"]), 1)
        XCTAssertEqual(out.violationRules, ["future-event"])
        XCTAssertEqual(out.findings("violations").first?["file"] as? String, "State/ahead.json")
        try repo.expect(repo.steward(["check", "--format", "json", "--now", "2026-03-01T11:56:00Z"]), 0)
    }

    func testTheGateRefusesAFutureEventWhateverTheCommitDateSays() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("ahead", at: "2026-06-01T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-06-01T09:00:00Z")   // a commit date is typed
        let out = try repo.expect(repo.check(["--now", "2026-01-05T09:00:00Z"]), 1)
        XCTAssertEqual(out.violationRules, ["future-event"])
        try repo.expect(repo.check(["--now", "2026-06-01T09:00:00Z"]), 0)
    }

    // MARK: runner events

    func testAnOwnerDepartedEventInAPullRequestIsRefused() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        let people = URL(fileURLWithPath: repo.root).deletingLastPathComponent().appendingPathComponent("people.json").path
        try Data(#"[{"email": "lee@x.example", "status": "terminated"}, {"email": "dana@x.example", "status": "active"}]"#.utf8)
            .write(to: URL(fileURLWithPath: people))
        try repo.expect(repo.steward(["run", "--people", people, "--now", "2026-01-10T00:00:00Z"]), 0)
        XCTAssertEqual(try repo.load("crm-sync").state, "review-due")
        try repo.commit("rita@x.example", at: "2026-01-10T00:01:00Z", "mark review due")
        let out = try repo.expect(repo.check(["--now", "2026-01-10T00:01:00Z"]), 1)
        XCTAssertEqual(Set(out.violationRules), ["runner-event"])
        XCTAssertEqual(out.warningRules, [])
    }

    func testARunnerEventWithANoteAddedIsRefused() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.expect(repo.steward(["run", "--now", "2026-04-03T00:00:00Z"]), 0)
        var doc = try repo.load("crm-sync")
        XCTAssertEqual(doc.history[3].actor, Event.runnerActor)
        doc.history[3].note = "waived by security"
        var prev = doc.history[2].hash
        for i in 3..<doc.history.count {
            doc.history[i].prev = prev
            doc.history[i].hash = DocumentEncoding.hash(of: doc.history[i])
            prev = doc.history[i].hash
        }
        try repo.save(doc)
        try repo.commit("ops@x.example", at: "2026-04-03T00:01:00Z")
        let out = try repo.expect(repo.check(["--now", "2026-04-03T00:01:00Z"]), 1)
        XCTAssertTrue(out.violationRules.contains("runner-event"), "\(out.violationRules)")
    }

    func testARunnerEventExactlyAsRunWritesItPasses() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.expect(repo.steward(["run", "--now", "2026-04-03T00:00:00Z"]), 0)
        try repo.commit("ops@x.example", at: "2026-04-03T00:01:00Z")
        let out = try repo.expect(repo.check(["--now", "2026-04-03T00:01:00Z"]), 0)
        XCTAssertEqual(out.warningRules, [])
    }
}
