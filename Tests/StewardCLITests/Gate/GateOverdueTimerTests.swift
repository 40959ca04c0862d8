import Foundation
import StewardCore
import XCTest

/// Rule `timer-overdue` through a real git repository: a pull request may not append an
/// event that a due, unapplied fail-closed timer should have blocked, and the command
/// refuses to write one.
final class GateOverdueTimerTests: XCTestCase {
    /// On main: crm-sync requested by rita on 2026-01-05 and approved by alice on 01-06
    /// (the approval lapses on 01-20). Then branch `pr`.
    private func approvedOnMain() throws -> GateRepo {
        let repo = try GateRepo()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-06T09:00:00Z")
        try repo.commit(GateRepo.admin, at: "2026-01-06T09:05:00Z", "approved")
        try repo.branch()
        return repo
    }

    func testTheGateRefusesAnActivateAfterTheApprovalLapsed() throws {
        let repo = try approvedOnMain()
        try repo.forge("crm-sync", .activate, by: "lee@x.example", at: "2026-01-25T09:00:00Z",
                       data: ["credentialId": .string("key-1")], lax: false)
        try repo.commit("lee@x.example", at: "2026-01-25T09:00:00Z", "activate")
        let out = try repo.expect(repo.check(["--now", "2026-01-25T09:00:00Z"]), 1)
        XCTAssertEqual(out.violationRules, ["timer-overdue"])
        let message = out.findings("violations").first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("lapse") && message.contains("2026-01-20T09:00:00Z") && message.contains("steward run"), message)
    }

    func testTheGateRefusesAnActivateAtTheDueMomentButNotASecondBefore() throws {
        let repo = try approvedOnMain()
        try repo.forge("crm-sync", .activate, by: "lee@x.example", at: "2026-01-20T09:00:00Z",
                       data: ["credentialId": .string("key-1")], lax: false)
        try repo.commit("lee@x.example", at: "2026-01-20T09:00:00Z", "activate")
        XCTAssertEqual(try repo.expect(repo.check(["--now", "2026-01-20T09:00:00Z"]), 1).violationRules, ["timer-overdue"])

        let early = try approvedOnMain()
        try early.act(["activate", "crm-sync", "--credential-id", "key-1"], as: "lee@x.example", at: "2026-01-20T08:59:59Z")
        try early.commit("lee@x.example", at: "2026-01-20T09:00:00Z", "activate")
        try early.expect(early.check(["--now", "2026-01-20T09:00:00Z"]), 0)
    }

    func testTheCommandRefusesAndWritesNothing() throws {
        let repo = try approvedOnMain()
        let before = try repo.read("State/crm-sync.json")
        let out = try repo.expect(repo.steward(["activate", "crm-sync", "--credential-id", "key-1",
                                                "--as", "lee@x.example", "--now", "2026-01-25T09:00:00Z"]), 1)
        XCTAssertTrue(out.stderr.contains("timer-overdue") && out.stderr.contains("steward run"), out.stderr)
        XCTAssertEqual(try repo.read("State/crm-sync.json"), before)
        // Closing events still pass while the timer is due.
        try repo.act(["decommission", "crm-sync", "--reason", "no longer needed"], as: "dana@x.example", at: "2026-01-25T09:00:00Z")
        XCTAssertEqual(try repo.load("crm-sync").state, "decommissioned")
    }

    func testAfterTheRunnerAppliedTheLapseAFreshApprovalAndActivatePassTheGate() throws {
        let repo = try approvedOnMain()
        try repo.expect(repo.steward(["run", "--now", "2026-01-25T09:00:00Z"]), 0)
        XCTAssertEqual(try repo.load("crm-sync").state, "requested")
        try repo.commit("ops@x.example", at: "2026-01-25T09:00:00Z", "run")
        try repo.act(["approve", "crm-sync"], as: "bob@x.example", at: "2026-01-25T10:00:00Z")
        try repo.commit("bob@x.example", at: "2026-01-25T10:00:00Z", "approve")
        try repo.act(["activate", "crm-sync", "--credential-id", "key-1"], as: "lee@x.example", at: "2026-01-25T11:00:00Z")
        try repo.commit("lee@x.example", at: "2026-01-25T11:00:00Z", "activate")
        try repo.expect(repo.check(["--now", "2026-01-25T11:00:00Z"]), 0)
    }
}
