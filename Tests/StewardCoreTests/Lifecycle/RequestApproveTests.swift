import XCTest
@testable import StewardCore

/// The lifecycle's events: request, approve and reject, and every rule that refuses them.
final class RequestApproveTests: XCTestCase {
    typealias F = Fixture

    func testRequestStartsRequestedWithTheSpecAndAnExpiryClock() throws {
        var b = ConnectorBuilder()
        let e = try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        XCTAssertEqual(e.seq, 1)
        XCTAssertNil(e.from)
        XCTAssertEqual(e.to, "requested")
        XCTAssertEqual(e.prev, Event.genesisHash)
        XCTAssertEqual(e.hash, DocumentEncoding.hash(of: e))
        XCTAssertEqual(b.document.state, "requested")
        XCTAssertEqual(b.document.version, 1)
        XCTAssertEqual(b.document.spec, F.spec().normalized())
        // requestExpiry is 30d in the shipped workflow.
        XCTAssertEqual(b.document.due, Due(approval: F.t0.plus(days: 30)))
        XCTAssertEqual(b.current.requester, F.rita)
    }

    func testRequestNeedsOwnersAsEmailAddresses() {
        var b = ConnectorBuilder()
        let v = expectRefusal("identity") {
            try b.perform(.request(F.spec(technical: "lee")), by: F.rita, at: F.t0)
        }
        XCTAssertTrue(v?.message.contains("technical owner") ?? false)
        XCTAssertNil(b.doc, "a refused request leaves no document")
    }

    func testRequestWithAnEmptyPurposeIsRefusedAsMalformedSpec() {
        // An empty (or blank) purpose never reaches the spec-complete guard: the spec decoder
        // refuses it first, so the rule is event-data. Either way it is refused.
        var b = ConnectorBuilder()
        expectRefusal("event-data") { try b.perform(.request(F.spec(purpose: "   ")), by: F.rita, at: F.t0) }
    }

    func testTemporaryRequestNeedsUntil() throws {
        var b = ConnectorBuilder(workflow: F.temporary)
        let v = expectRefusal("until-required") { try b.perform(.request(F.spec()), by: F.rita, at: F.t0) }
        XCTAssertTrue(v?.message.contains("--until") ?? false)
        try b.perform(.request(F.spec(until: F.t0.plus(days: 60))), by: F.rita, at: F.t0)
        XCTAssertEqual(b.document.due.until, F.t0.plus(days: 60))
    }

    func testStandardRequestDoesNotNeedUntil() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        XCTAssertNil(b.document.spec.until)
    }

    func testRequestTwiceIsIllegal() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        expectRefusal("illegal-transition") { try b.perform(.request(F.spec()), by: F.rita, at: F.t0) }
        XCTAssertEqual(b.document.version, 1)
    }

    // MARK: approve

    func testApproveMovesMediumRiskToApprovedAndStartsTheLapseClock() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let e = try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 3))
        XCTAssertEqual(e.from, "requested")
        XCTAssertEqual(e.to, "approved")
        XCTAssertEqual(b.document.state, "approved")
        XCTAssertEqual(b.document.due.approval, F.t0.plus(days: 14, hours: 3), "approvalLapse is 14d after the approval")
    }

    func testApproverMustBeListedInRoles() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let v = expectRefusal("approver-role") { try b.perform(.approve, by: "mallory@x.example", at: F.t0) }
        XCTAssertTrue(v?.message.contains("mallory@x.example") ?? false)
        XCTAssertEqual(b.document.state, "requested")
    }

    func testApproverRoleIsCaseInsensitive() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.approve, by: "ALICE@X.example", at: F.t0)
        XCTAssertEqual(b.document.state, "approved")
    }

    func testRequesterMayNotApproveEvenWhenAnApprover() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.alice, at: F.t0)
        expectRefusal("separation-of-duties") { try b.perform(.approve, by: F.alice, at: F.t0) }
        expectRefusal("separation-of-duties") { try b.perform(.approve, by: "ALICE@x.example", at: F.t0) }
        XCTAssertEqual(b.document.version, 1)
    }

    func testTechnicalOwnerMayNotApproveEvenWhenAnApprover() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec(technical: F.carol)), by: F.rita, at: F.t0)
        let v = expectRefusal("separation-of-duties") { try b.perform(.approve, by: F.carol, at: F.t0) }
        XCTAssertTrue(v?.message.contains("technical owner") ?? false)
    }

    func testBusinessOwnerWhoIsAnApproverMayApprove() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec(business: F.bob)), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.bob, at: F.t0)
        XCTAssertEqual(b.document.state, "approved")
    }

    func testHighRiskNeedsTwoDistinctApprovers() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec(risk: .high)), by: F.rita, at: F.t0)
        let first = try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 1))
        XCTAssertEqual(first.from, "requested")
        XCTAssertEqual(first.to, "requested", "the first of two approvals leaves it requested")
        XCTAssertEqual(b.document.due.approval, F.t0.plus(days: 30), "the request clock still runs")
        let v = expectRefusal("distinct-approvers") { try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 2)) }
        XCTAssertTrue(v?.message.contains("second, different approver") ?? false)
        expectRefusal("distinct-approvers") { try b.perform(.approve, by: "ALICE@x.example", at: F.t0.plus(hours: 2)) }
        XCTAssertEqual(b.document.version, 2)
        let second = try b.perform(.approve, by: F.bob, at: F.t0.plus(hours: 2))
        XCTAssertEqual(second.to, "approved")
        XCTAssertEqual(b.document.due.approval, F.t0.plus(days: 14, hours: 2))
    }

    func testApprovingAnApprovedConnectorIsRefused() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0)
        expectRefusal("illegal-transition") { try b.perform(.approve, by: F.bob, at: F.t0) }
    }

    func testRolesNilSkipsOnlyTheRoleGuard() throws {
        // Replaying old history without roles: role guards are skipped, separation of duties is not.
        var b = ConnectorBuilder()
        b.roles = nil
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        expectRefusal("separation-of-duties") { try b.perform(.approve, by: F.rita, at: F.t0) }
        try b.perform(.approve, by: "anyone@x.example", at: F.t0)
        XCTAssertEqual(b.document.state, "approved")
    }

    func testRunnerMayNotApproveAndHumansMayNotAppendRunnerEvents() throws {
        var b = ConnectorBuilder()
        b.roles = Roles(approvers: [Event.runnerActor, F.alice])
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        expectRefusal("human-only") { try b.perform(.approve, by: Event.runnerActor, at: F.t0) }
        expectRefusal("runner-only") {
            try b.append(.expire, by: F.alice, at: F.t0.plus(days: 31), data: ["reason": .string("by hand")])
        }
        XCTAssertEqual(b.document.version, 1)
    }

    // MARK: reject

    func testRejectNeedsAReason() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        expectRefusal("reason-required") { try b.append(.reject, by: F.alice, at: F.t0) }
        expectRefusal("reason-required") { try b.perform(.reject(reason: "  "), by: F.alice, at: F.t0) }
        XCTAssertEqual(b.document.state, "requested")
    }

    func testRejectDecommissionsWithOnlyNotifyOwners() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        let e = try b.perform(.reject(reason: "use the existing connector"), by: F.alice, at: F.t0.plus(hours: 1))
        XCTAssertEqual(e.to, "decommissioned")
        XCTAssertEqual(e.data["reason"], .string("use the existing connector"))
        XCTAssertEqual(b.document.tasks.map(\.id), ["crm-sync#2-notify-owners"])
        XCTAssertEqual(b.document.tasks.first?.dueAt, F.t0.plus(days: 2, hours: 1), "notify-owners is due 2d after")
        XCTAssertEqual(b.document.due, Due(), "a decommissioned connector has no clocks")
    }

    func testRejectOnlyFromRequested() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0)
        let v = expectRefusal("illegal-transition") { try b.perform(.reject(reason: "no"), by: F.bob, at: F.t0) }
        XCTAssertTrue(v?.message.contains("'approved'") ?? false, v?.message ?? "")
    }
}
