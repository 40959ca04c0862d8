import XCTest
@testable import StewardCore

/// The runner's timers for temporary connectors (the expiry notice and the end of the window) and for owners
/// who left (`--people`).
final class RunPlanPeopleAndWindowTests: XCTestCase {
    typealias F = Fixture

    private let until = Fixture.t0.plus(days: 60)

    private func temporary() throws -> ConnectorBuilder {
        try ConnectorBuilder.active("migration", spec: F.spec(until: until), workflow: F.temporary)
    }

    private func next(_ b: ConnectorBuilder, at now: Timestamp, people: PeopleDirectory? = nil) -> PlannedStep? {
        RunPlan.next(b.current, workflow: b.workflow, now: now, people: people, signals: nil)
    }

    func testNotifyExpirySevenDaysBeforeUntilOnce() throws {
        var b = try temporary()
        let notice = until.plus(days: -7)
        XCTAssertNil(next(b, at: notice.plus(seconds: -1)))
        let p = try b.run(at: notice)
        XCTAssertEqual(p?.events.map(\.event), ["open-task"])
        XCTAssertEqual(p?.events.first?.actor, Event.runnerActor)
        let task = try XCTUnwrap(p?.opened.first)
        XCTAssertEqual(task.id, "migration#4-notify-expiry")
        XCTAssertEqual(task.dueAt, until, "notify-expiry is due when the window ends")
        XCTAssertEqual(b.document.state, "active")
        XCTAssertNil(try b.run(at: notice.plus(days: 1)), "opened once")
        XCTAssertNil(next(b, at: until.plus(seconds: -1)))
    }

    func testWindowEndDecommissionsWithAllFourOffboardingTasks() throws {
        var b = try temporary()
        try b.run(at: until.plus(days: -7))
        let p = try b.run(at: until)
        XCTAssertEqual(p?.events.map(\.event), ["window-end"])
        XCTAssertEqual(p?.events.first?.at, until)
        XCTAssertTrue(p?.reasons.first?.hasPrefix("temporary window ended") ?? false)
        XCTAssertEqual(b.document.state, "decommissioned")
        XCTAssertEqual(p?.opened.map(\.id), ["revoke-credential", "delete-secret", "verify-removal", "notify-owners"].map { "migration#5-\($0)" })
        let notice = try XCTUnwrap(b.document.tasks.first { $0.kind == "notify-expiry" })
        XCTAssertEqual(notice.status, .done, "superseded by the decommission")
    }

    func testMissedRunsStillEndTheWindowInOneStep() throws {
        var b = try temporary()
        let now = until.plus(days: 3)
        let p = try b.run(at: now)
        XCTAssertEqual(p?.events.map(\.event), ["window-end"], "the end of the window takes precedence over the notice")
        XCTAssertEqual(b.document.state, "decommissioned")
    }

    func testWindowEndsInAnyNonTerminalState() throws {
        var b = ConnectorBuilder("pending", workflow: F.temporary)
        try b.perform(.request(F.spec(until: F.t0.plus(days: 10))), by: F.rita, at: F.t0)
        let p = try b.run(at: F.t0.plus(days: 10))
        // No run happened at day 3 (the notice); at the end the window end is all that is due.
        XCTAssertEqual(p?.events.map(\.event), ["window-end"])
        XCTAssertEqual(p?.opened.map(\.kind), ["notify-owners"], "no credential was issued")
    }

    func testAmendingUntilRearmsTheNotice() throws {
        var b = try temporary()
        try b.run(at: until.plus(days: -7))
        var later = SpecChange()
        later.until = until.plus(days: 20)
        try b.perform(.amend(later), by: F.lee, at: until.plus(days: -6))
        XCTAssertNil(next(b, at: until), "the old end has no effect any more")
        XCTAssertEqual(try b.run(at: until.plus(days: 13))?.opened.map(\.kind), ["notify-expiry"])
    }

    // MARK: owners who left

    private func people(_ entries: [(String, String)]) throws -> PeopleDirectory {
        let json: JSONValue = .array(entries.map { .object(["email": .string($0.0), "status": .string($0.1)]) })
        return try PeopleDirectory(json, file: "people.json")
    }

    func testAnAbsentOwnerMovesActiveToReviewDueAndOpensReassignOwner() throws {
        var b = try ConnectorBuilder.active()
        let now = F.t0.plus(days: 5)
        let dir = try people([(F.dana, "active")])
        XCTAssertNil(next(b, at: now, people: try people([(F.dana, "active"), (F.lee, "active")])))
        let p = try b.run(at: now, people: dir)
        XCTAssertEqual(p?.events.map(\.event), ["review-due"])
        XCTAssertEqual(p?.events.first?.at, now)
        XCTAssertEqual(p?.reasons, ["owner departed: \(F.lee)"])
        XCTAssertEqual(b.document.state, "review-due")
        XCTAssertEqual(p?.opened.map(\.id), ["crm-sync#4-reassign-owner"])
        XCTAssertEqual(p?.opened.first?.dueAt, now.plus(days: 7))
        XCTAssertNil(try b.run(at: now, people: dir), "idempotent")
        XCTAssertNil(try b.run(at: now.plus(days: 1), people: dir), "one reassign-owner task while it is open")
    }

    func testAPeopleFileWithAMalformedAddressIsInvalidData() throws {
        let e = expectDataError { _ = try self.people([(F.dana, "active"), (" LEE@x.example", "active")]) }
        XCTAssertEqual(e?.rule, "identity")
        XCTAssertEqual(e?.location, "[1].email")
    }

    func testAnOwnerWhoseStatusIsNotActiveCountsAsGone() throws {
        var b = try ConnectorBuilder.active()
        let dir = try people([(F.dana, "terminated"), ("LEE@x.example", "active")])
        let p = try b.run(at: F.t0.plus(days: 5), people: dir)
        XCTAssertEqual(p?.reasons, ["owner departed: \(F.dana)"])
        XCTAssertEqual(b.document.state, "review-due")
    }

    func testAGoneOwnerOfARequestGetsOnlyTheTask() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let p = try b.run(at: F.t0.plus(days: 1), people: try people([(F.lee, "active")]))
        XCTAssertEqual(p?.events.map(\.event), ["open-task"])
        XCTAssertEqual(b.document.state, "requested")
        XCTAssertEqual(p?.opened.map(\.kind), ["reassign-owner"])
    }

    func testThePeopleFileIsStrict() {
        let twice = expectDataError { _ = try self.people([(F.lee, "active"), ("Lee@x.example", "active")]) }
        XCTAssertEqual(twice?.file, "people.json")
        XCTAssertEqual(twice?.location, "[1].email")
        let notEmail = expectDataError { _ = try self.people([("lee", "active")]) }
        XCTAssertEqual(notEmail?.location, "[0].email")
        XCTAssertNotNil(expectDataError { _ = try PeopleDirectory(.object([:]), file: "people.json") })
    }
}
