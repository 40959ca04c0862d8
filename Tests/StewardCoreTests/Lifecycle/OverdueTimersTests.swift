import XCTest
@testable import StewardCore

/// Rule `timer-overdue`: while a fail-closed runner timer is due but not applied, a person's
/// event that extends life or authority is refused; closing events always pass.
final class OverdueTimersTests: XCTestCase {
    typealias F = Fixture

    private func refused(_ e: EventKind, _ b: ConnectorBuilder, at t: Timestamp) -> RuleViolation? {
        expectRefusal(OverdueTimers.rule) {
            try OverdueTimers.check(e, state: b.current, workflow: b.workflow, at: t, id: b.id, file: b.file)
        }
    }

    private func allowed(_ e: EventKind, _ b: ConnectorBuilder, at t: Timestamp, line: UInt = #line) {
        XCTAssertNil(OverdueTimers.problem(e, state: b.current, workflow: b.workflow, at: t, id: b.id, file: b.file), line: line)
    }

    // MARK: refused

    func testActivateAfterTheApprovalLapsedIsRefusedAtTheDueMoment() throws {
        var b = ConnectorBuilder("crm-sync", workflow: F.standard)
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 1))
        let due = F.t0.plus(days: 15)
        allowed(.activate, b, at: due.plus(seconds: -1))
        let v = refused(.activate, b, at: due)
        XCTAssertTrue(v?.message.contains("lapse") == true)
        XCTAssertTrue(v?.message.contains("due at \(due)") == true, v?.message ?? "")
        XCTAssertTrue(v?.message.contains("steward run") == true)
        _ = refused(.activate, b, at: F.t0.plus(days: 20))
    }

    func testApproveOrActivateOfAnExpiredRequestIsRefused() throws {
        var b = ConnectorBuilder("crm-sync", workflow: F.standard)
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let due = F.t0.plus(days: 30)
        allowed(.approve, b, at: due.plus(seconds: -1))
        let v = refused(.approve, b, at: due)
        XCTAssertTrue(v?.message.contains("expire") == true)
        _ = refused(.amend, b, at: F.t0.plus(days: 100))
    }

    func testReviveOfATemporaryConnectorPastItsWindowIsRefused() throws {
        let until = F.t0.plus(days: 10)
        let b = try ConnectorBuilder.active("migration", spec: F.spec(until: until), workflow: F.temporary)
        allowed(.amend, b, at: until.plus(seconds: -1))
        for e in [EventKind.amend, .approve, .recertify, .rotate] {
            let v = refused(e, b, at: until)
            XCTAssertTrue(v?.message.contains("window-end") == true, v?.message ?? "")
        }
    }

    func testRecertifyAfterTheReviewGraceRanOutIsRefused() throws {
        let b = try ConnectorBuilder.active()
        // The review-due step itself does not block; the overdue decommission does, even
        // when both are still to be applied.
        let review = try XCTUnwrap(b.current.due.review)
        let overdue = review.adding(b.workflow.timers.reviewGrace)
        allowed(.recertify, b, at: review)
        allowed(.recertify, b, at: overdue.plus(seconds: -1))
        let v = refused(.recertify, b, at: overdue)
        XCTAssertTrue(v?.message.contains("review-overdue") == true, v?.message ?? "")
        XCTAssertTrue(v?.message.contains("due at \(overdue)") == true, v?.message ?? "")
    }

    /// The due time the refusal names is the moment the runner applies the step: both come
    /// from `RunPlan.dueAt`, so they cannot drift apart.
    func testTheNamedDueTimeIsWhenTheRunnerAppliesTheStep() throws {
        var requested = ConnectorBuilder("req", workflow: F.standard)
        try requested.perform(.request(F.spec()), by: F.rita, at: F.t0)
        var approved = requested
        try approved.perform(.approve, by: F.alice, at: F.t0.plus(days: 1))
        var reviewDue = try ConnectorBuilder.active()
        try reviewDue.run(at: try XCTUnwrap(reviewDue.current.due.review))
        let temporary = try ConnectorBuilder.active("mig", spec: F.spec(until: F.t0.plus(days: 10)), workflow: F.temporary)
        for (b, cause) in [(requested, RunnerCause.requestExpired), (approved, .approvalLapsed), (reviewDue, .reviewOverdue),
                           (temporary, .temporaryWindowEnded)] {
            let due = try XCTUnwrap(RunPlan.dueAt(cause, b.current, workflow: b.workflow), "\(cause)")
            XCTAssertNotEqual(RunPlan.next(b.current, workflow: b.workflow, now: due.plus(seconds: -1), people: nil, signals: nil)?.cause,
                              cause, "not before \(due)")
            XCTAssertEqual(RunPlan.next(b.current, workflow: b.workflow, now: due, people: nil, signals: nil)?.cause, cause)
            let named = OverdueTimers.due(b.current, workflow: b.workflow, at: due.plus(days: 1), file: b.file)
            XCTAssertEqual(named?.cause, cause)
            XCTAssertEqual(named?.dueAt, due, "\(cause)")
        }
    }

    // MARK: allowed

    func testClosingEventsPassWhileATimerIsDue() throws {
        var b = ConnectorBuilder("crm-sync", workflow: F.standard)
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        for e in [EventKind.decommission, .reject, .closeTask] { allowed(e, b, at: F.t0.plus(days: 100)) }
    }

    func testRotationRemindersAndReviewDueBlockNothing() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(risk: .low))
        let rotationDue = F.t0.plus(days: 90, hours: 2)
        XCTAssertNil(OverdueTimers.due(b.current, workflow: b.workflow, at: rotationDue, file: b.file))
        allowed(.rotate, b, at: rotationDue)
        try b.run(at: rotationDue)
        allowed(.rotate, b, at: rotationDue.plus(days: 1))
    }

    func testAfterTheRunnerAppliedTheLapseAFreshApprovalAndActivatePass() throws {
        var b = ConnectorBuilder("crm-sync", workflow: F.standard)
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 1))
        let p = try XCTUnwrap(try b.run(at: F.t0.plus(days: 20)))
        XCTAssertEqual(p.events.map(\.event), ["lapse"])
        allowed(.approve, b, at: F.t0.plus(days: 20))
        try b.perform(.approve, by: F.bob, at: F.t0.plus(days: 20))
        allowed(.activate, b, at: F.t0.plus(days: 20, hours: 1))
        try b.perform(.activate(credentialId: "key-1", secretRef: nil), by: F.lee, at: F.t0.plus(days: 20, hours: 1))
        XCTAssertEqual(b.document.state, "active")
    }
}
