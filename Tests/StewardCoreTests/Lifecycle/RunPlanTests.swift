import XCTest
@testable import StewardCore

/// The runner's timers at every boundary: one second before a clock runs out nothing is due, at the instant
/// the step is. Durations are those of the shipped standard workflow unless a test edits it.
final class RunPlanTests: XCTestCase {
    typealias F = Fixture

    private func next(_ b: ConnectorBuilder, at now: Timestamp, people: PeopleDirectory? = nil) -> PlannedStep? {
        RunPlan.next(b.current, workflow: b.workflow, now: now, people: people, signals: nil)
    }

    /// Asserts a plan's events are runner events at `now`, and returns their names.
    private func events(_ p: RunPlan.ConnectorPlan?, at now: Timestamp, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        guard let p else { XCTFail("nothing was planned", file: file, line: line); return [] }
        for e in p.events {
            XCTAssertEqual(e.actor, Event.runnerActor, file: file, line: line)
            XCTAssertEqual(e.at, now, "runner events happen at now", file: file, line: line)
        }
        return p.events.map(\.event)
    }

    func testRequestExpiresAfterThirtyDaysWithOnlyNotifyOwners() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let boundary = F.t0.plus(days: 30)
        XCTAssertNil(next(b, at: boundary.plus(seconds: -1)))
        XCTAssertEqual(next(b, at: boundary)?.event, .expire)
        let p = try b.run(at: boundary)
        XCTAssertEqual(events(p, at: boundary), ["expire"])
        XCTAssertEqual(b.document.state, "decommissioned")
        XCTAssertTrue(p?.reasons.first?.hasPrefix("request expired") ?? false)
        XCTAssertEqual(b.document.history.last?.dataString("reason"), p?.reasons.first)
        XCTAssertEqual(p?.opened.map(\.id), ["crm-sync#2-notify-owners"])
    }

    func testApprovalLapsesAfterFourteenDaysBackToRequested() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let approvedAt = F.t0.plus(days: 2)
        try b.perform(.approve, by: F.alice, at: approvedAt)
        let boundary = approvedAt.plus(days: 14)
        XCTAssertNil(next(b, at: boundary.plus(seconds: -1)))
        let p = try b.run(at: boundary)
        XCTAssertEqual(events(p, at: boundary), ["lapse"])
        XCTAssertTrue(p?.reasons.first?.hasPrefix("approval lapsed") ?? false)
        XCTAssertEqual(b.document.state, "requested")
        XCTAssertEqual(b.document.due.approval, boundary.plus(days: 30), "a new request clock")
        // A new approve is needed, and the same approver may give it again.
        try b.perform(.approve, by: F.alice, at: boundary.plus(hours: 1))
        XCTAssertEqual(b.document.state, "approved")
    }

    func testReviewDueByRiskTierThenFailClosedAfterTheGrace() throws {
        for (risk, days) in [(Risk.high, Int64(30)), (.medium, 90), (.low, 180)] {
            var b = try ConnectorBuilder.active(spec: F.spec(risk: risk))
            let activated = F.t0.plus(hours: 2)
            let due = activated.plus(days: days)
            if days > 90 {
                // Low risk: the rotation task (90d) comes first; open it to get past it.
                XCTAssertEqual(try b.run(at: activated.plus(days: 90))?.opened.map(\.kind), ["rotate-credential"])
            }
            XCTAssertNil(next(b, at: due.plus(seconds: -1)), "\(risk): nothing one second before")
            let p = try b.run(at: due)
            // Medium risk: review and rotation fall due at the same instant (both 90d), in that order.
            let expected = days == 90 ? ["review-due", "open-task"] : ["review-due"]
            XCTAssertEqual(events(p, at: due), expected, "\(risk)")
            XCTAssertEqual(b.document.state, "review-due")
            XCTAssertTrue(p?.reasons.first?.hasPrefix("review due") ?? false)
            let overdue = due.plus(days: 14)
            XCTAssertNil(next(b, at: overdue.plus(seconds: -1)), "\(risk): grace not over")
            let q = try b.run(at: overdue)
            XCTAssertEqual(events(q, at: overdue), ["review-overdue"], "\(risk)")
            XCTAssertEqual(b.document.state, "decommissioned")
            XCTAssertTrue(q?.reasons.first?.hasPrefix("review overdue") ?? false)
            XCTAssertEqual(Set(q?.opened.map(\.kind) ?? []), ["revoke-credential", "delete-secret", "verify-removal", "notify-owners"])
        }
    }

    func testRotationTaskIsOpenedOnceAndAgainOnlyAfterTheClockIsReset() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(risk: .low))
        let due = F.t0.plus(days: 90, hours: 2)
        XCTAssertNil(next(b, at: due.plus(seconds: -1)))
        let p = try b.run(at: due)
        XCTAssertEqual(events(p, at: due), ["open-task"])
        XCTAssertEqual(b.document.state, "active", "opening a task keeps the state")
        let task = try XCTUnwrap(p?.opened.first)
        XCTAssertEqual(task.id, "crm-sync#4-rotate-credential")
        XCTAssertEqual(task.dueAt, due.plus(days: 14))
        // Not again, on a later run, while the clock is not reset.
        XCTAssertNil(try b.run(at: due.plus(days: 1)))
        XCTAssertNil(try b.run(at: due.plus(days: 60)))
        // Rotating and confirming resets the clock; the next task comes 90 days later.
        try b.perform(.rotate(credentialId: "key-2"), by: F.lee, at: due.plus(days: 61))
        let confirmed = due.plus(days: 62)
        try b.perform(.confirmRotation(evidence: "old key deleted"), by: F.lee, at: confirmed)
        try b.perform(.recertify, by: F.alice, at: confirmed)   // keeps the review clock out of the way
        XCTAssertEqual(b.document.due.rotation, confirmed.plus(days: 90))
        XCTAssertNil(next(b, at: confirmed.plus(days: 90, seconds: -1)))
        let again = try b.run(at: confirmed.plus(days: 90))
        XCTAssertEqual(again?.opened.map(\.id), ["crm-sync#8-rotate-credential"])
    }

    func testAMissedHalfYearCatchesUpInOneRunInOrder() throws {
        var b = try ConnectorBuilder.active()
        let now = F.t0.plus(days: 200)
        let p = try b.run(at: now)
        XCTAssertEqual(events(p, at: now), ["review-due", "review-overdue"])
        XCTAssertEqual(p?.events.map(\.to), ["review-due", "decommissioned"])
        XCTAssertEqual(p?.events.map(\.seq), [4, 5])
        XCTAssertEqual(b.document.state, "decommissioned")
        XCTAssertNoThrow(try Replay.run(b.document, workflow: F.standard, file: "x").get(), "the plan replays")
    }

    func testPlanningTheResultAgainAtTheSameNowDoesNothing() throws {
        for days: Int64 in [31, 95, 120, 200] {
            var b = try ConnectorBuilder.active(spec: F.spec(risk: .high))
            let now = F.t0.plus(days: days)
            let p = try XCTUnwrap(try b.run(at: now), "day \(days)")
            XCTAssertNil(try RunPlan.plan(p.document, state: p.state, workflow: F.standard, now: now, people: nil,
                                          signals: nil, file: "x"), "day \(days): idempotent")
        }
    }

    func testAClockBehindTheLastEventMovesNothing() throws {
        var b = try ConnectorBuilder.active()
        // A human acts at day 95 (the review was due at day 90 but no run happened).
        var narrow = SpecChange()
        narrow.purpose = "Nightly export, reviewed by hand"
        try b.perform(.amend(narrow), by: F.lee, at: F.t0.plus(days: 95))
        XCTAssertEqual(next(b, at: F.t0.plus(days: 95))?.event, .reviewDue, "at the last event's time the review is due")
        XCTAssertNil(next(b, at: F.t0.plus(days: 94)), "a clock behind the history moves nothing")
        XCTAssertNil(try b.run(at: F.t0.plus(days: 94)))
    }

    func testDurationsComeFromTheWorkflow() throws {
        let wf = try F.decode(F.standardJSON(setting: ["timers", "review", "medium"], to: .string("10d")))
        let b = try ConnectorBuilder.active(workflow: wf)
        let due = F.t0.plus(days: 10, hours: 2)
        XCTAssertEqual(b.document.due.review, due)
        XCTAssertNil(next(b, at: due.plus(seconds: -1)))
        XCTAssertEqual(next(b, at: due)?.event, .reviewDue)
        let expiry = try F.decode(F.standardJSON(setting: ["timers", "requestExpiry"], to: .string("36h")))
        var r = ConnectorBuilder(workflow: expiry)
        try r.perform(.request(F.spec()), by: F.rita, at: F.t0)
        XCTAssertNil(next(r, at: F.t0.plus(hours: 36, seconds: -1)))
        XCTAssertEqual(next(r, at: F.t0.plus(hours: 36))?.event, .expire)
    }

    func testDecommissionedConnectorsAreLeftAlone() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.decommission(reason: "gone"), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertNil(next(b, at: F.t0.plus(days: 1000)))
    }
}
