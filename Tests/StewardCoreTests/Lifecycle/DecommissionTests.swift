import XCTest
@testable import StewardCore

/// The lifecycle's decommission and close-task, the terminal state, and the refusals every event shares:
/// time going backwards, unknown data keys, and credentials in a file.
final class DecommissionTests: XCTestCase {
    typealias F = Fixture

    func testDecommissionNeedsAReason() throws {
        var b = try ConnectorBuilder.active()
        expectRefusal("reason-required") { try b.append(.decommission, by: F.lee, at: F.t0.plus(days: 1)) }
        expectRefusal("reason-required") { try b.perform(.decommission(reason: ""), by: F.lee, at: F.t0.plus(days: 1)) }
        XCTAssertEqual(b.document.state, "active")
    }

    func testDecommissionAfterACredentialOpensTheFourOffboardingTasks() throws {
        var b = try ConnectorBuilder.active()
        let at = F.t0.plus(days: 3)
        let e = try b.perform(.decommission(reason: "replaced by crm-sync-v2"), by: F.lee, at: at)
        XCTAssertEqual(e.seq, 4)
        XCTAssertEqual(e.to, "decommissioned")
        // Ids are <connector>#<seq>-<kind>; due dates come from the workflow's task kinds.
        XCTAssertEqual(b.document.tasks, [
            ConnectorTask(id: "crm-sync#4-revoke-credential", kind: "revoke-credential", openedAt: at, dueAt: at.plus(days: 1)),
            ConnectorTask(id: "crm-sync#4-delete-secret", kind: "delete-secret", openedAt: at, dueAt: at.plus(days: 1)),
            ConnectorTask(id: "crm-sync#4-verify-removal", kind: "verify-removal", openedAt: at, dueAt: at.plus(days: 3)),
            ConnectorTask(id: "crm-sync#4-notify-owners", kind: "notify-owners", openedAt: at, dueAt: at.plus(days: 2)),
        ])
        XCTAssertEqual(b.document.due, Due())
    }

    func testDecommissionWithoutACredentialOpensOnlyNotifyOwners() throws {
        for setup in ["requested", "approved"] {
            var b = ConnectorBuilder()
            try b.perform(.request(F.spec()), by: F.rita, at: F.t0)
            if setup == "approved" { try b.perform(.approve, by: F.alice, at: F.t0) }
            let e = try b.perform(.decommission(reason: "not needed"), by: F.rita, at: F.t0.plus(days: 1))
            XCTAssertEqual(e.from, setup)
            XCTAssertEqual(b.document.tasks.map(\.id), ["crm-sync#\(e.seq)-notify-owners"], setup)
        }
    }

    func testDecommissionLeavesTheRevocationOfAnOldCredentialOpen() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(days: 1))
        let e = try b.perform(.decommission(reason: "breach"), by: F.lee, at: F.t0.plus(days: 2))
        XCTAssertEqual(e.from, "rotated")
        let old = try XCTUnwrap(b.document.tasks.first { $0.kind == "revoke-old-credential" })
        XCTAssertEqual(old.status, .open, "an old credential still live must be revoked, never superseded")
        XCTAssertNil(old.closedAt)
        XCTAssertEqual(b.document.openTasks.count, 5)
    }

    func testCloseTaskNeedsEvidenceAndAKnownOpenTask() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.decommission(reason: "gone"), by: F.lee, at: F.t0.plus(days: 1))
        let id = "crm-sync#4-revoke-credential"
        expectRefusal("evidence-required") { try b.append(.closeTask, by: F.lee, at: F.t0.plus(days: 2), data: ["task": .string(id)]) }
        expectRefusal("unknown-task") {
            try b.perform(.closeTask(taskID: "crm-sync#9-revoke-credential", evidence: "x"), by: F.lee, at: F.t0.plus(days: 2))
        }
        let at = F.t0.plus(days: 2)
        let e = try b.perform(.closeTask(taskID: id, evidence: "key deleted, ticket SEC-1"), by: F.lee, at: at)
        XCTAssertEqual(e.from, "decommissioned")
        XCTAssertEqual(e.to, "decommissioned", "close-task keeps the state, even the terminal one")
        let t = try XCTUnwrap(b.document.tasks.first { $0.id == id })
        XCTAssertEqual(t.status, .done)
        XCTAssertEqual(t.closedAt, at)
        XCTAssertEqual(t.evidence, "key deleted, ticket SEC-1")
        XCTAssertEqual(b.document.openTasks.count, 3)
        expectRefusal("task-closed") { try b.perform(.closeTask(taskID: id, evidence: "again"), by: F.lee, at: at) }
    }

    func testTerminalStateRefusesEverythingButCloseTask() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.decommission(reason: "gone"), by: F.lee, at: F.t0.plus(days: 1))
        let at = F.t0.plus(days: 2)
        let refused: [LifecycleCommand] = [
            .approve, .reject(reason: "r"), .activate(credentialId: nil, secretRef: nil), .rotate(credentialId: nil),
            .confirmRotation(evidence: "e"), .recertify, .decommission(reason: "again"),
        ]
        for c in refused {
            let v = expectRefusal("terminal-state") { try b.perform(c, by: F.alice, at: at) }
            XCTAssertTrue(v?.message.contains("decommissioned") ?? false)
        }
        expectRefusal("terminal-state") { try b.append(.windowEnd, by: Event.runnerActor, at: at, data: ["reason": .string("r")]) }
        XCTAssertEqual(b.document.version, 4)
    }

    func testTimeMayNotGoBackwards() throws {
        var b = try ConnectorBuilder.active()
        let v = expectRefusal("time-order") { try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(hours: 1)) }
        XCTAssertTrue(v?.message.contains(F.t0.plus(hours: 2).iso8601) ?? false, "names the last event's time")
        // The same second as the last event is allowed.
        try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(hours: 2))
    }

    func testUnknownDataKeysAndWrongTypesAreRefused() throws {
        var b = try ConnectorBuilder.active()
        let v = expectRefusal("event-data") { try b.append(.recertify, by: F.alice, at: F.t0.plus(days: 1), data: ["approvedBy": .string("ceo")]) }
        XCTAssertTrue(v?.message.contains("approvedBy") ?? false)
        expectRefusal("event-data") {
            try b.append(.decommission, by: F.lee, at: F.t0.plus(days: 1), data: ["reason": .string("x"), "tasks": .array([])])
        }
        expectRefusal("event-data") { try b.append(.rotate, by: F.lee, at: F.t0.plus(days: 1), data: ["credentialId": .int(7)]) }
        expectRefusal("event-data") { try b.append(.amend, by: F.lee, at: F.t0.plus(days: 1)) }
        XCTAssertEqual(b.document.version, 3)
    }

    func testRunnerEventNamingAnUnknownTaskKindIsRefused() throws {
        var b = try ConnectorBuilder.active()
        expectRefusal("event-data") {
            try b.append(.openTask, by: Event.runnerActor, at: F.t0.plus(days: 1),
                         data: ["reason": .string("r"), "tasks": .array([.string("make-coffee")])])
        }
    }

    // MARK: secrets

    private static let awsKey = "AKIAIOSFODNN7EXAMPLE"

    func testACredentialInANoteIsRefusedWithoutRepeatingIt() throws {
        var b = try ConnectorBuilder.active()
        let v = expectRefusal("secret-in-file") {
            try b.perform(.recertify, by: F.alice, at: F.t0.plus(days: 1), note: "new key is \(Self.awsKey)")
        }
        XCTAssertFalse(v?.message.contains(Self.awsKey) ?? true)
        XCTAssertFalse(v?.description.contains(Self.awsKey) ?? true)
        XCTAssertTrue(v?.message.contains("note") ?? false)
        XCTAssertEqual(b.document.version, 3)
    }

    func testACredentialInThePurposeIsRefusedWithoutRepeatingIt() throws {
        var b = ConnectorBuilder()
        let v = expectRefusal("secret-in-file") {
            try b.perform(.request(F.spec(purpose: "Export using \(Self.awsKey)")), by: F.rita, at: F.t0)
        }
        XCTAssertFalse(v?.message.contains(Self.awsKey) ?? true)
        XCTAssertTrue(v?.message.contains("data.spec.purpose") ?? false, v?.message ?? "")
        XCTAssertNil(b.doc)
    }

    func testACredentialInEvidenceOrReasonIsRefused() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: nil), by: F.lee, at: F.t0.plus(days: 1))
        let v = expectRefusal("secret-in-file") {
            try b.perform(.confirmRotation(evidence: "revoked \(Self.awsKey)"), by: F.lee, at: F.t0.plus(days: 2))
        }
        XCTAssertFalse(v?.message.contains(Self.awsKey) ?? true)
        expectRefusal("secret-in-file") {
            try b.perform(.decommission(reason: "leaked ghp_16C7e42F292c6912E7710c838347Ae178B4a"), by: F.lee, at: F.t0.plus(days: 2))
        }
        XCTAssertEqual(b.document.state, "rotated")
    }

    func testAReferenceIsNotACredential() throws {
        var b = try ConnectorBuilder.active()
        try b.perform(.rotate(credentialId: "arn:aws:iam::123456789012:access-key/key-2"), by: F.lee, at: F.t0.plus(days: 1),
                      note: "see vault://kv/integrations/crm-sync and https://tickets.example/SEC-1")
        XCTAssertEqual(b.document.state, "rotated")
    }
}
