import XCTest
@testable import StewardCore

/// Rules added after review: rotating closes the runner's rotation task, and a widening
/// that nobody re-approves fails closed once its approval window runs out.
final class RunPlanFailClosedTests: XCTestCase {
    typealias F = Fixture

    func testRotatingClosesTheOpenRotationTask() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(risk: .low))
        let due = F.t0.plus(days: 90, hours: 2)
        let opened = try XCTUnwrap(try b.run(at: due)?.opened.first)
        XCTAssertEqual(opened.kind, "rotate-credential")
        let rotate = try b.perform(.rotate(credentialId: "key-2"), by: F.lee, at: due.plus(days: 1))
        let task = try XCTUnwrap(b.document.tasks.first { $0.id == opened.id })
        XCTAssertEqual(task.status, .done)
        XCTAssertEqual(task.closedAt, due.plus(days: 1))
        XCTAssertEqual(task.evidence, "credential rotated (event \(rotate.seq))")
        // The replacement's own task is what stays open.
        XCTAssertEqual(b.document.openTasks.map(\.kind), ["revoke-old-credential"])
    }

    func testAWideningNotReapprovedInTimeMovesTheConnectorToReview() throws {
        var b = try ConnectorBuilder.active()
        let amendedAt = F.t0.plus(days: 10)
        var change = SpecChange()
        change.addScopes = ["write:Account"]
        try b.perform(.amend(change), by: F.lee, at: amendedAt)
        let deadline = amendedAt.plus(days: 14)
        XCTAssertEqual(b.document.due.approval, deadline)
        XCTAssertNil(RunPlan.next(b.current, workflow: b.workflow, now: deadline.plus(seconds: -1), people: nil, signals: nil))
        let p = try XCTUnwrap(try b.run(at: deadline))
        XCTAssertEqual(p.events.map(\.event), ["review-due"])
        XCTAssertEqual(p.events.first?.dataString("reason"), "widening not re-approved within 14d (due \(deadline))")
        XCTAssertEqual(b.document.state, "review-due")
    }

    func testAReapprovedWideningIsLeftAlone() throws {
        var b = try ConnectorBuilder.active()
        var change = SpecChange()
        change.addScopes = ["write:Account"]
        try b.perform(.amend(change), by: F.lee, at: F.t0.plus(days: 10))
        try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 11))
        XCTAssertNil(b.document.due.approval)
        XCTAssertNil(try b.run(at: F.t0.plus(days: 40)))
    }

    func testAWideningThenALapseNeedsOnlyAFreshApproval() throws {
        var b = ConnectorBuilder("crm-sync", workflow: F.standard)
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 1))
        var change = SpecChange()
        change.addScopes = ["write:Account"]
        try b.perform(.amend(change), by: F.rita, at: F.t0.plus(days: 1))
        XCTAssertTrue(b.current.reapprovalPending)
        let lapsed = try XCTUnwrap(try b.run(at: F.t0.plus(days: 15)))
        XCTAssertEqual(lapsed.events.map(\.event), ["lapse"])
        XCTAssertEqual(b.document.state, "requested")
        // A complete approval round from `requested` is the new approval; nothing stays pending.
        try b.perform(.approve, by: F.bob, at: F.t0.plus(days: 16))
        XCTAssertFalse(b.current.reapprovalPending)
        try b.perform(.activate(credentialId: "key-1", secretRef: nil), by: F.lee, at: F.t0.plus(days: 16, hours: 1))
        XCTAssertEqual(b.document.state, "active")
    }
}
