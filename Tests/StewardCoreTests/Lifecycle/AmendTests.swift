import XCTest
@testable import StewardCore

/// amend: a widening (added scope, reach, binding; a changed environment or owner; a lower
/// risk; a later or removed until) voids the approval and needs a re-approval by someone
/// other than the amender; a narrowing does not.
final class AmendTests: XCTestCase {
    typealias F = Fixture

    func testEachKindOfWideningVoidsTheApproval() throws {
        let widenings: [(String, SpecChange)] = [
            ("scope", F.change { $0.addScopes = ["write:Account"] }),
            ("reach", F.change { $0.addReaches = ["billing"] }),
            ("binding", F.change { $0.addBindings = [Binding(platform: "github", ref: "org/app")] }),
            ("environment", F.change { $0.environment = "staging" }),
            ("business owner", F.change { $0.businessOwner = "nia@x.example" }),
            ("technical owner", F.change { $0.technicalOwner = "kim@x.example" }),
            ("lower risk", F.change { $0.risk = .low }),
        ]
        for (what, c) in widenings {
            var b = try ConnectorBuilder.active()
            let at = F.t0.plus(days: 5)
            let e = try b.perform(.amend(c), by: F.lee, at: at)
            XCTAssertEqual(e.from, "active", what)
            XCTAssertEqual(e.to, "active", "amend keeps the state (\(what))")
            XCTAssertTrue(b.current.reapprovalPending, "a \(what) widening needs a new approve")
            XCTAssertEqual(b.current.amenders, [F.lee], what)
            XCTAssertEqual(b.document.due.approval, at.plus(days: 14), what)
            XCTAssertEqual(b.document.spec, c.applied(to: F.spec()), what)
        }
    }

    func testNarrowingNeedsNoApproval() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(scopes: ["read:Account", "write:Account"]))
        try b.perform(.amend(F.change { $0.removeScopes = ["write:Account"]; $0.purpose = "Only reads now" }),
                      by: F.lee, at: F.t0.plus(days: 5))
        XCTAssertFalse(b.current.reapprovalPending)
        XCTAssertNil(b.document.due.approval)
        XCTAssertEqual(b.document.spec.scopes, ["read:Account"])
        XCTAssertEqual(b.document.spec.purpose, "Only reads now")
        // Nothing is pending, so an approve is refused and a recertify is accepted.
        expectRefusal("illegal-transition") { try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 6)) }
        try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 6))
    }

    func testReapprovalMustNotComeFromTheAmender() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.amend(F.change { $0.addScopes = ["write:Account"] }), by: F.bob, at: F.t0.plus(days: 5))
        let v = expectRefusal("separation-of-duties") { try b.perform(.approve, by: F.bob, at: F.t0.plus(days: 6)) }
        XCTAssertTrue(v?.message.contains("amended") ?? false, v?.message ?? "")
        XCTAssertTrue(b.current.reapprovalPending)
        let e = try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 6))
        XCTAssertEqual(e.from, "active")
        XCTAssertEqual(e.to, "active", "a re-approval keeps the state")
        XCTAssertFalse(b.current.reapprovalPending)
        XCTAssertNil(b.document.due.approval)
        try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 7))
    }

    func testHighRiskReapprovalNeedsTwoApprovers() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(risk: .high))
        try b.perform(.amend(F.change { $0.addScopes = ["write:Account"] }), by: F.lee, at: F.t0.plus(days: 5))
        try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 6))
        XCTAssertTrue(b.current.reapprovalPending, "one of two approvals")
        expectRefusal("distinct-approvers") { try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 6)) }
        try b.perform(.approve, by: F.bob, at: F.t0.plus(days: 6))
        XCTAssertFalse(b.current.reapprovalPending)
    }

    func testWideningWhileRequestedResetsTheApprovalsSoFar() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec(risk: .high)), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 1))
        try b.perform(.amend(F.change { $0.addScopes = ["write:Account"] }), by: F.rita, at: F.t0.plus(hours: 2))
        // alice's approval was for the narrower spec: she may approve again, and two are still needed.
        let e = try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 3))
        XCTAssertEqual(e.to, "requested")
        try b.perform(.approve, by: F.bob, at: F.t0.plus(hours: 3))
        XCTAssertEqual(b.document.state, "approved")
    }

    func testLoweringRiskWidensAndRaisingItNarrows() throws {
        var l = try ConnectorBuilder.active()
        try l.perform(.amend(F.change { $0.risk = .low }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertTrue(l.current.reapprovalPending, "a lower risk stretches the review clock: a widening")
        var h = try ConnectorBuilder.active()
        try h.perform(.amend(F.change { $0.risk = .high }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertFalse(h.current.reapprovalPending, "a higher risk only tightens the rules")
    }

    func testANewKindOrSecretReferenceIsAWideningButAPurposeIsNot() throws {
        var k = try ConnectorBuilder.active()
        try k.perform(.amend(F.change { $0.kind = "personal-token" }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertTrue(k.current.reapprovalPending, "relabelling the kind would silence person-bound: needs an approver")
        var r = try ConnectorBuilder.active()
        try r.perform(.amend(F.change { $0.secretRef = "vault://kv/prod/root-admin" }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertTrue(r.current.reapprovalPending, "pointing an approved connector at another secret needs an approver")
        XCTAssertEqual(F.spec().widenings(to: { var t = F.spec(); t.secretRef = "vault://kv/other"; return t }()).count, 1)
        var p = try ConnectorBuilder.active()
        try p.perform(.amend(F.change { $0.purpose = "Nightly export, now also Opportunities" }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertFalse(p.current.reapprovalPending)
    }

    func testOwnerChangeThatOnlyChangesCaseIsNotAWidening() {
        let s = F.spec()
        var t = s
        t.owners.business = s.owners.business.uppercased()
        XCTAssertEqual(s.widenings(to: t), [])
    }

    func testLaterOrRemovedUntilWidensAndEarlierUntilNarrows() throws {
        let spec = F.spec(until: F.t0.plus(days: 30))
        var later = try ConnectorBuilder.active(spec: spec, workflow: F.temporary)
        try later.perform(.amend(F.change { $0.until = F.t0.plus(days: 40) }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertTrue(later.current.reapprovalPending, "a later until extends the window")
        var removed = spec
        removed.until = nil
        XCTAssertEqual(spec.widenings(to: removed), ["until \(F.t0.plus(days: 30)) removed"])
        var earlier = try ConnectorBuilder.active(spec: spec, workflow: F.temporary)
        try earlier.perform(.amend(F.change { $0.until = F.t0.plus(days: 20) }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertFalse(earlier.current.reapprovalPending, "an earlier until only shortens the window")
    }

    func testAmendUntilRearmsTheWindow() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(until: F.t0.plus(days: 30)), workflow: F.temporary)
        try b.perform(.amend(F.change { $0.until = F.t0.plus(days: 20) }), by: F.lee, at: F.t0.plus(days: 1))
        XCTAssertEqual(b.document.due.until, F.t0.plus(days: 20))
        XCTAssertEqual(b.document.spec.until, F.t0.plus(days: 20))
    }

    func testAmendThatChangesNothingIsRefused() throws {
        var b = try ConnectorBuilder.active()
        expectRefusal("empty-amend") { try b.perform(.amend(SpecChange()), by: F.lee, at: F.t0.plus(days: 1)) }
        expectRefusal("empty-amend") {
            try b.perform(.amend(F.change { $0.addScopes = ["read:Account"] }), by: F.lee, at: F.t0.plus(days: 1))
        }
        XCTAssertEqual(b.document.version, 3)
    }

    func testAmendKeepsTheSpecCompleteAndIsRefusedWhenDecommissioned() throws {
        var b = try ConnectorBuilder.active()
        expectRefusal("identity") {
            try b.perform(.amend(F.change { $0.businessOwner = "nobody" }), by: F.lee, at: F.t0.plus(days: 1))
        }
        try b.perform(.decommission(reason: "gone"), by: F.lee, at: F.t0.plus(days: 2))
        expectRefusal("terminal-state") {
            try b.perform(.amend(F.change { $0.purpose = "revived" }), by: F.lee, at: F.t0.plus(days: 3))
        }
    }

    func testSpecChangeAppliedIsNormalised() {
        let c = F.change { $0.addScopes = ["b", "a", "a"]; $0.removeScopes = ["read:Account"] }
        XCTAssertEqual(c.applied(to: F.spec()).scopes, ["a", "b"])
        XCTAssertEqual(F.spec().widenings(to: c.applied(to: F.spec())), ["scope a", "scope b"])
        XCTAssertEqual(c.applied(to: F.spec()).widenings(to: F.spec()), ["scope read:Account"])
    }
}
