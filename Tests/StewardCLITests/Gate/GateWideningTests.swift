import Foundation
import StewardCore
import XCTest

/// `check --base main` on amends: an owner change, a lower risk or a later `until` widens
/// and fails the gate until an approver approves again; a higher risk passes; and whoever
/// amended may not give that approval.
final class GateWideningTests: XCTestCase {
    func testAWideningAmendFailsTheGateUntilApprovedAgain() throws {
        let widenings: [(String, [String])] = [
            ("business owner", ["--business-owner", "nia@x.example"]),
            ("technical owner", ["--technical-owner", "kim@x.example"]),
            ("lower risk", ["--risk", "low"]),
        ]
        for (what, amend) in widenings {
            let repo = try GateRepo()
            try repo.activeOnMainThenBranch()
            try repo.act(["amend", "crm-sync"] + amend, as: "rita@x.example", at: "2026-01-03T09:00:00Z")
            try repo.commit("rita@x.example", at: "2026-01-03T09:01:00Z", "amend crm-sync")
            let refused = try repo.expect(repo.check(), 1)
            XCTAssertEqual(refused.violationRules, ["unapproved-widening"], what)
            try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-03T10:00:00Z")
            try repo.commit("alice@x.example", at: "2026-01-03T10:01:00Z", "approve crm-sync")
            XCTAssertEqual(try repo.expect(repo.check(), 0).violationRules, [], what)
        }
    }

    func testALaterUntilFailsTheGateAndAnEarlierOnePasses() throws {
        for (until, widens) in [("2026-03-01T00:00:00Z", true), ("2026-01-20T00:00:00Z", false)] {
            let repo = try GateRepo()
            try repo.activeOnMainThenBranch(extra: ["--workflow", "temporary", "--until", "2026-02-01T00:00:00Z"])
            try repo.act(["amend", "crm-sync", "--until", until], as: "rita@x.example", at: "2026-01-03T09:00:00Z")
            try repo.commit("rita@x.example", at: "2026-01-03T09:01:00Z", "amend crm-sync")
            let out = try repo.expect(repo.check(), widens ? 1 : 0)
            XCTAssertEqual(out.violationRules, widens ? ["unapproved-widening"] : [], until)
        }
    }

    func testAHigherRiskPassesWithoutApproval() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.act(["amend", "crm-sync", "--risk", "high"], as: "rita@x.example", at: "2026-01-03T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-03T09:01:00Z", "amend crm-sync")
        XCTAssertEqual(try repo.expect(repo.check(), 0).violationRules, [])
    }

    func testAnApproverWhoAmendedCannotApproveEvenByForging() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.act(["amend", "crm-sync", "--add-scope", "write:Account"], as: "bob@x.example", at: "2026-01-03T09:00:00Z")
        let refused = repo.steward(["approve", "crm-sync", "--as", "bob@x.example", "--now", "2026-01-03T10:00:00Z"])
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("separation-of-duties"), refused.stderr)
        try repo.forge("crm-sync", .approve, by: "bob@x.example", at: "2026-01-03T10:00:00Z")
        try repo.commit("bob@x.example", at: "2026-01-03T10:01:00Z", "amend and approve crm-sync")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["separation-of-duties"])
    }
}
