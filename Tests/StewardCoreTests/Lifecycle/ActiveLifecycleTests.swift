import XCTest
@testable import StewardCore

/// The lifecycle's events: activate, rotate, confirm-rotation and recertify.
final class ActiveLifecycleTests: XCTestCase {
    typealias F = Fixture

    private func approved(_ spec: Spec = F.spec()) throws -> ConnectorBuilder {
        var b = ConnectorBuilder()
        try b.perform(.request(spec), by: F.rita, at: F.t0)
        try b.perform(.approve, by: F.alice, at: F.t0.plus(hours: 1))
        if spec.risk == .high { try b.perform(.approve, by: F.bob, at: F.t0.plus(hours: 1)) }
        return b
    }

    func testActivateSetsReviewByRiskAndRotation() throws {
        // review: high 30d, medium 90d, low 180d; rotation 90d — all from the activate time.
        for (risk, days) in [(Risk.high, Int64(30)), (.medium, 90), (.low, 180)] {
            var b = try approved(F.spec(risk: risk))
            let at = F.t0.plus(days: 1)
            let e = try b.perform(.activate(credentialId: "key-1", secretRef: "vault://kv/new"), by: F.lee, at: at)
            XCTAssertEqual(e.from, "approved")
            XCTAssertEqual(e.to, "active")
            XCTAssertEqual(b.document.due.review, at.plus(days: days), "review for \(risk)")
            XCTAssertEqual(b.document.due.rotation, at.plus(days: 90))
            XCTAssertNil(b.document.due.approval, "activation stops the lapse clock")
            XCTAssertEqual(b.document.spec.secretRef, "vault://kv/new", "activate records the secret reference")
            XCTAssertTrue(b.current.credentialIssued)
            XCTAssertEqual(b.current.credentialId, "key-1")
        }
    }

    func testActivateOnlyFromApproved() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
        expectRefusal("illegal-transition") { try b.perform(.activate(credentialId: nil, secretRef: nil), by: F.lee, at: F.t0) }
        // High risk with one approval is still requested: activate is refused.
        var h = ConnectorBuilder()
        try h.perform(.request(F.spec(risk: .high)), by: F.rita, at: F.t0)
        try h.perform(.approve, by: F.alice, at: F.t0)
        expectRefusal("illegal-transition") { try h.perform(.activate(credentialId: nil, secretRef: nil), by: F.lee, at: F.t0) }
    }

    func testActivateRefusedWhileAWideningIsUnapproved() throws {
        var b = try approved()
        var widen = SpecChange()
        widen.addScopes = ["write:Account"]
        try b.perform(.amend(widen), by: F.lee, at: F.t0.plus(hours: 2))
        XCTAssertEqual(b.document.state, "approved", "amend keeps the state")
        let v = expectRefusal("unapproved-widening") {
            try b.perform(.activate(credentialId: nil, secretRef: nil), by: F.lee, at: F.t0.plus(hours: 3))
        }
        XCTAssertTrue(v?.message.contains("approved again") ?? false)
        try b.perform(.approve, by: F.bob, at: F.t0.plus(hours: 4))
        try b.perform(.activate(credentialId: nil, secretRef: nil), by: F.lee, at: F.t0.plus(hours: 5))
        XCTAssertEqual(b.document.state, "active")
    }

    // MARK: rotate and confirm-rotation

    func testRotateOpensRevokeOldCredential() throws {
        var b = try ConnectorBuilder.active()
        let at = F.t0.plus(days: 10)
        let e = try b.perform(.rotate(credentialId: "key-2"), by: F.lee, at: at)
        XCTAssertEqual(e.from, "active")
        XCTAssertEqual(e.to, "rotated")
        XCTAssertEqual(b.document.tasks, [ConnectorTask(id: "crm-sync#\(e.seq)-revoke-old-credential", kind: "revoke-old-credential",
                                                        openedAt: at, dueAt: at.plus(days: 7))])
        XCTAssertEqual(b.current.credentialId, "key-2")
    }

    func testRotateAlsoFromReviewDueButNotFromRequested() throws {
        var b = try ConnectorBuilder.active()
        try b.run(at: F.t0.plus(days: 91))
        XCTAssertEqual(b.document.state, "review-due")
        try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(days: 92))
        XCTAssertEqual(b.document.state, "rotated")

        var r = ConnectorBuilder()
        try r.perform(.request(F.spec()), by: F.rita, at: F.t0)
        expectRefusal("illegal-transition") { try r.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0) }
    }

    func testConfirmRotationNeedsEvidenceClosesTheTaskAndResetsRotation() throws {
        var b = try ConnectorBuilder.active()
        let rot = try b.perform(.rotate(credentialId: "key-2"), by: F.lee, at: F.t0.plus(days: 10))
        expectRefusal("evidence-required") { try b.append(.confirmRotation, by: F.lee, at: F.t0.plus(days: 11)) }
        expectRefusal("evidence-required") { try b.perform(.confirmRotation(evidence: " "), by: F.lee, at: F.t0.plus(days: 11)) }
        XCTAssertEqual(b.document.state, "rotated")
        let at = F.t0.plus(days: 11)
        let e = try b.perform(.confirmRotation(evidence: "old key deleted, CloudTrail 7f3c"), by: F.lee, at: at)
        XCTAssertEqual(e.to, "active")
        let task = try XCTUnwrap(b.document.tasks.first { $0.id == "crm-sync#\(rot.seq)-revoke-old-credential" })
        XCTAssertEqual(task.status, .done)
        XCTAssertEqual(task.closedAt, at)
        XCTAssertEqual(task.evidence, "old key deleted, CloudTrail 7f3c")
        XCTAssertEqual(b.document.due.rotation, at.plus(days: 90))
        XCTAssertEqual(b.document.due.review, F.t0.plus(days: 90, hours: 2), "rotation does not touch the review clock")
    }

    func testConfirmRotationOnlyFromRotated() throws {
        var b = try ConnectorBuilder.active()
        expectRefusal("illegal-transition") { try b.perform(.confirmRotation(evidence: "done"), by: F.lee, at: F.t0.plus(days: 1)) }
    }

    // MARK: recertify

    func testRecertifyFromReviewDueResetsTheReviewClock() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(risk: .high))
        try b.run(at: F.t0.plus(days: 31))
        XCTAssertEqual(b.document.state, "review-due")
        let at = F.t0.plus(days: 33)
        let e = try b.perform(.recertify, by: F.alice, at: at)
        XCTAssertEqual(e.from, "review-due")
        XCTAssertEqual(e.to, "active")
        XCTAssertEqual(b.document.due.review, at.plus(days: 30))
    }

    func testRecertifyFromActiveKeepsActive() throws {
        var b = try ConnectorBuilder.active()
        let e = try b.perform(.recertify, by: F.bob, at: F.t0.plus(days: 40))
        XCTAssertEqual(e.from, "active")
        XCTAssertEqual(e.to, "active")
        XCTAssertEqual(b.document.due.review, F.t0.plus(days: 130))
    }

    func testRecertifyNeedsAnApproverWhoIsNotTheTechnicalOwner() throws {
        var b = try ConnectorBuilder.active(spec: F.spec(technical: F.carol))
        expectRefusal("approver-role") { try b.perform(.recertify, by: F.rita, at: F.t0.plus(days: 1)) }
        expectRefusal("separation-of-duties") { try b.perform(.recertify, by: F.carol, at: F.t0.plus(days: 1)) }
        XCTAssertEqual(b.document.due.review, F.t0.plus(days: 90, hours: 2), "nothing changed")
        // The requester may recertify (only approve forbids the requester).
        try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 1))
    }

    func testRecertifyRefusedWhileAWideningIsUnapproved() throws {
        var b = try ConnectorBuilder.active()
        var widen = SpecChange()
        widen.addReaches = ["billing"]
        try b.perform(.amend(widen), by: F.lee, at: F.t0.plus(days: 1))
        expectRefusal("unapproved-widening") { try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 2)) }
    }

    func testRecertifyNotFromRotated() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(days: 1))
        expectRefusal("illegal-transition") { try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 2)) }
    }
}
