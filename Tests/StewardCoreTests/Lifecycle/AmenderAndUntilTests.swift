import XCTest
@testable import StewardCore

/// Who may approve after an amend (nobody who amended since the last completed approval),
/// `until` must lie after the event that sets it, and evidence must say something.
final class AmenderAndUntilTests: XCTestCase {
    typealias F = Fixture

    // MARK: amenders may not approve

    func testAnApproverWhoAmendedARequestMayNotApproveIt() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.amend(F.change { $0.addScopes = ["write:Account"] }), by: F.alice, at: F.t0.plus(hours: 1))
        let v = expectRefusal("separation-of-duties") { try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 2)) }
        XCTAssertTrue(v?.message.contains("amended") ?? false, v?.message ?? "")
        XCTAssertEqual(b.document.state, "requested")
        try b.perform(.approve, by: F.bob, at: F.t0.plus(hours: 2))
        XCTAssertEqual(b.document.state, "approved")
    }

    func testEveryAmenderIsBarredEvenOneWhoOnlyNarrowed() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(scopes: ["read:Account", "read:Contact"]))
        try b.perform(.amend(F.change { $0.addScopes = ["write:Account"] }), by: F.alice, at: F.t0.plus(days: 1))
        try b.perform(.amend(F.change { $0.removeScopes = ["read:Contact"] }), by: F.bob, at: F.t0.plus(days: 1))
        XCTAssertEqual(b.current.amenders, [F.alice, F.bob])
        expectRefusal("separation-of-duties") { try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 1)) }
        expectRefusal("separation-of-duties") { try b.perform(.approve, by: "BOB@X.EXAMPLE", at: F.t0.plus(days: 1)) }
        var r = b
        r.roles = Roles(approvers: [F.alice, F.bob, F.carol, "kim@x.example"])
        try r.perform(.approve, by: "kim@x.example", at: F.t0.plus(days: 1))
        XCTAssertFalse(r.current.reapprovalPending)
        XCTAssertEqual(r.current.amenders, [], "a completed approval clears the amenders")
    }

    func testAnAmendBeforeTheLastCompletedApprovalDoesNotBarALaterOne() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        try b.perform(.amend(F.change { $0.addScopes = ["write:Account"] }), by: F.alice, at: F.t0)
        try b.perform(.approve, by: F.bob, at: F.t0.plus(hours: 1))
        try b.perform(.activate(credentialId: "k", secretRef: nil), by: F.lee, at: F.t0.plus(hours: 2))
        try b.perform(.amend(F.change { $0.addScopes = ["read:Contact"] }), by: F.rita, at: F.t0.plus(days: 1))
        try b.perform(.approve, by: F.alice, at: F.t0.plus(days: 1))
        XCTAssertEqual(b.document.state, "active")
    }

    func testAnAmenderMayStillRecertify() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(scopes: ["read:Account", "read:Contact"]))
        try b.perform(.amend(F.change { $0.removeScopes = ["read:Contact"] }), by: F.alice, at: F.t0.plus(days: 1))
        try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 2))
    }

    // MARK: until must lie after now

    func testARequestWhoseUntilIsNotAfterItsTimeIsRefused() throws {
        for until in [F.t0, F.t0.plus(days: -1)] {
            var b = ConnectorBuilder(workflow: F.temporary)
            expectRefusal("until-past") { try b.perform(.request(F.spec(until: until)), by: F.rita, at: F.t0) }
        }
        var ok = ConnectorBuilder(workflow: F.temporary)
        try ok.perform(.request(F.spec(until: F.t0.plus(seconds: 1))), by: F.rita, at: F.t0)
    }

    func testAnAmendWhoseUntilIsNotAfterItsTimeIsRefused() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(until: F.t0.plus(days: 20)), workflow: F.temporary)
        for until in [F.t0.plus(days: 2), F.t0.plus(days: 1)] {
            expectRefusal("until-past") { try b.perform(.amend(F.change { $0.until = until }), by: F.lee, at: F.t0.plus(days: 2)) }
        }
        XCTAssertEqual(b.document.version, 3)
        try b.perform(.amend(F.change { $0.until = F.t0.plus(days: 3) }), by: F.lee, at: F.t0.plus(days: 2))
        XCTAssertEqual(b.document.due.until, F.t0.plus(days: 3))
    }

    func testAnUntilLeftAloneMayHavePassed() throws {
        // Only an until the event sets is judged: an amend of something else near the end is fine.
        var b = try ConnectorBuilder.active(spec: F.spec(until: F.t0.plus(days: 1)), workflow: F.temporary)
        try b.perform(.amend(F.change { $0.purpose = "winding down" }), by: F.lee, at: F.t0.plus(hours: 23))
    }

    // MARK: evidence must say something

    func testEvidenceOfOnlyWhitespaceOrInvisibleCharactersIsRefused() throws {
        for evidence in ["   ", "\u{00A0}", "\u{2003}\u{3000}", "\t\n", "\u{2028}", "\u{200B}", ""] {
            var b = try ConnectorBuilder.active()
            try b.perform(.rotate(credentialId: "k2"), by: F.lee, at: F.t0.plus(days: 1))
            expectRefusal("evidence-required") {
                try b.perform(.confirmRotation(evidence: evidence), by: F.lee, at: F.t0.plus(days: 2))
            }
        }
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: "k2"), by: F.lee, at: F.t0.plus(days: 1))
        try b.perform(.confirmRotation(evidence: "\u{00A0}revoked, SEC-4"), by: F.lee, at: F.t0.plus(days: 2))
    }
}
