import Foundation
import StewardCore
import XCTest

/// `check --base` reads the range with one `git log` walk and asks git for the whole diff
/// or the path-limited file history only when that walk cannot stand for them (a rename
/// is possible, more than one commit, a merge). Each shape of range is refused for the
/// same forgeries as a one-commit pull request.
final class GateRangeWalkTests: XCTestCase {
    func testAnApprovalForgedOnAMergedSideBranchFailsGitIdentity() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z", "request crm-sync")
        try repo.expect(repo.git(["checkout", "-q", "-b", "side"]), 0)
        try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T10:01:00Z", "approve crm-sync (by rita)")
        try repo.expect(repo.git(["checkout", "-q", "pr"]), 0)
        try repo.write("notes.txt", "unrelated\n")
        try repo.commit("rita@x.example", at: "2026-01-05T10:02:00Z", "notes")
        try repo.expect(repo.git(["merge", "-q", "--no-ff", "--no-commit", "side"]), 0)
        try repo.commit("rita@x.example", at: "2026-01-05T10:03:00Z", "merge side")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["git-identity"])
    }

    /// The walk names the range `base..HEAD`: after the base branch moves on, its own later
    /// commits (here a non-approver's change to Workflows/) are not the pull request's, and
    /// the pull request's forgery is still found.
    func testABaseThatMovedOnIsNotJudgedAndTheForgeryIsStillFound() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z", "request crm-sync")
        try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T10:01:00Z", "approve crm-sync (by rita)")
        try repo.expect(repo.git(["checkout", "-q", "main"]), 0)
        try repo.write("Workflows/notes.txt", "changed on main after the branch point\n")
        try repo.commit("mallory@x.example", at: "2026-01-05T11:00:00Z", "main moves on")
        try repo.expect(repo.git(["checkout", "-q", "pr"]), 0)
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["git-identity"], "only the pull request's own commits are judged")
    }

    func testAnApprovalForgedInTheFirstOfSeveralCommitsFailsGitIdentity() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T10:01:00Z", "request and approve")
        try repo.write("notes.txt", "unrelated\n")
        try repo.commit("alice@x.example", at: "2026-01-05T10:02:00Z", "notes")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["git-identity"])
    }

    func testADeletionInTheSecondCommitOfARangeFails() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.write("notes.txt", "unrelated\n")
        try repo.commit("lee@x.example", at: "2026-01-05T09:00:00Z")
        try repo.expect(repo.git(["rm", "-q", "State/crm-sync.json"]), 0)
        try repo.commit("lee@x.example", at: "2026-01-05T09:01:00Z")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["deleted"])
    }

    func testARenameWithAnEditInOneCommitIsStillARename() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.expect(repo.git(["mv", "State/crm-sync.json", "State/crm-sync-v2.json"]), 0)
        try repo.write("notes.txt", "unrelated\n")
        try repo.commit("lee@x.example", at: "2026-01-05T09:00:00Z")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["renamed"])
    }

    func testAGitattributesInsideStateInOneCommitIsARulesChange() throws {
        let repo = try GateRepo()
        try repo.activeOnMainThenBranch()
        try repo.write("State/.gitattributes", "*.json -diff\n")
        try repo.commit("rita@x.example", at: "2026-01-05T09:00:00Z")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertTrue(out.violationRules.contains("rules-change"), "\(out.violationRules)")
        XCTAssertTrue(out.violationRules.contains("gitattributes"), "\(out.violationRules)")
    }
}
