import Foundation
import StewardCore
import XCTest

/// `steward check --base main` end to end: who may add which event, proven by git authorship
/// or by a pull request review, judged by the base branch's roles.
final class GateIdentityTests: XCTestCase {
    @discardableResult
    /// rita requests crm-sync (her commit), then alice's approval is committed by `approvalCommitter`.
    func requestAndApproval(_ repo: GateRepo, approvalCommitter: String = "alice@x.example") throws -> (first: String, head: String) {
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        let first = try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z", "request crm-sync")
        try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-05T10:00:00Z")
        let head = try repo.commit(approvalCommitter, at: "2026-01-05T10:01:00Z", "approve crm-sync")
        return (first, head)
    }

    func testRequestAndApprovalCommittedByTheirOwnActorsPass() throws {
        let repo = try GateRepo()
        try requestAndApproval(repo)
        let out = try repo.expect(repo.check(), 0)
        XCTAssertEqual(out.violationRules, [])
        XCTAssertEqual(out.warningRules, [])
        XCTAssertEqual(out.object?["filesChecked"] as? Int, 1)
        XCTAssertEqual(out.stderr, "")
        try repo.expect(repo.steward(["check"]), 0)
    }

    func testSelfApprovalFails() throws {
        // rita is an approver, but not of her own request.
        let repo = try GateRepo(approvers: ["alice@x.example", "bob@x.example", "rita@x.example"])
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        let refused = repo.steward(["approve", "crm-sync", "--as", "rita@x.example", "--now", "2026-01-05T10:00:00Z"])
        XCTAssertEqual(refused.status, 1, "the command refuses it")
        XCTAssertTrue(refused.stderr.contains("separation-of-duties"), refused.stderr)
        // So rita writes the event herself, with a valid hash chain and projection.
        try repo.forge("crm-sync", .approve, by: "rita@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T10:01:00Z")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["separation-of-duties"])
        XCTAssertEqual(out.findings("violations").first?["file"] as? String, "State/crm-sync.json")
    }

    func testAnApprovalCommittedBySomeoneOtherThanItsActorFailsGitIdentity() throws {
        let repo = try GateRepo()
        let (_, head) = try requestAndApproval(repo, approvalCommitter: "rita@x.example")
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["git-identity"])
        let message = out.findings("violations").first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("alice@x.example"), message)
        XCTAssertTrue(message.contains("rita@x.example"), message)
        XCTAssertTrue(message.contains(String(head.prefix(10))), message)
    }

    // MARK: --reviews

    func testAnApprovingReviewOfHeadByTheActorsMappedLoginBacksTheApproval() throws {
        let repo = try GateRepo()
        let (_, head) = try requestAndApproval(repo, approvalCommitter: "rita@x.example")
        let reviews = try repo.reviewsFile([("alice-gh", "APPROVED", head, "2026-01-05T11:00:00Z")])
        let out = try repo.expect(repo.check(["--reviews", reviews]), 0)
        XCTAssertEqual(out.violationRules, [])
    }

    func testAReviewOfAnOlderCommitDoesNotCount() throws {
        let repo = try GateRepo()
        let (first, _) = try requestAndApproval(repo, approvalCommitter: "rita@x.example")
        let reviews = try repo.reviewsFile([("alice-gh", "APPROVED", first, "2026-01-05T11:00:00Z")])
        XCTAssertEqual(try repo.expect(repo.check(["--reviews", reviews]), 1).violationRules, ["git-identity"])
    }

    func testALaterChangesRequestedBySameLoginWithdrawsTheApproval() throws {
        let repo = try GateRepo()
        let (_, head) = try requestAndApproval(repo, approvalCommitter: "rita@x.example")
        let reviews = try repo.reviewsFile([("alice-gh", "APPROVED", head, "2026-01-05T11:00:00Z"),
                                            ("alice-gh", "CHANGES_REQUESTED", head, "2026-01-05T12:00:00Z")])
        XCTAssertEqual(try repo.expect(repo.check(["--reviews", reviews]), 1).violationRules, ["git-identity"])
    }

    func testTheRequestersOwnLoginDoesNotBackAnApproval() throws {
        let repo = try GateRepo()
        let (_, head) = try requestAndApproval(repo, approvalCommitter: "rita@x.example")
        let reviews = try repo.reviewsFile([("rita-gh", "APPROVED", head, "2026-01-05T11:00:00Z")])
        XCTAssertEqual(try repo.expect(repo.check(["--reviews", reviews]), 1).violationRules, ["git-identity"])
    }

    func testTheRequestersOwnReviewDoesNotBackHerRecertification() throws {
        // rita requested crm-sync and is an approver: she may recertify it by committing the
        // event herself, but her review cannot stand in for a commit someone else made.
        let repo = try GateRepo(approvers: ["alice@x.example", "bob@x.example", "rita@x.example"])
        try repo.activeOnMainThenBranch()
        try repo.act(["recertify", "crm-sync"], as: "rita@x.example", at: "2026-01-05T09:00:00Z")
        let head = try repo.commit("bob@x.example", at: "2026-01-05T09:01:00Z")
        let ritaReview = try repo.reviewsFile([("rita-gh", "APPROVED", head, "2026-01-05T10:00:00Z")])
        XCTAssertEqual(try repo.expect(repo.check(["--reviews", ritaReview]), 1).violationRules, ["git-identity"])

        try repo.expect(repo.git(["commit", "-q", "--amend", "--no-edit", "--reset-author"],
                                 env: ["GIT_AUTHOR_NAME": "rita", "GIT_AUTHOR_EMAIL": "rita@x.example", "GIT_AUTHOR_DATE": "2026-01-05T09:01:00Z",
                                       "GIT_COMMITTER_NAME": "rita", "GIT_COMMITTER_EMAIL": "rita@x.example",
                                       "GIT_COMMITTER_DATE": "2026-01-05T09:01:00Z"]), 0)
        XCTAssertEqual(try repo.expect(repo.check(), 0).violationRules, [], "committed by rita herself it passes")
    }

    func testMalformedReviewsFileIsInvalidData() throws {
        let repo = try GateRepo()
        try requestAndApproval(repo)
        let file = try repo.reviewsFile([])
        try Data(#"[{"state": "APPROVED"}]"#.utf8).write(to: URL(fileURLWithPath: file))
        let out = repo.check(["--reviews", file])
        XCTAssertEqual(out.status, 4)
        XCTAssertTrue(out.stderr.contains("[0].user.login"), out.stderr)
    }

    // MARK: the base branch's rules

    func testAPullRequestCannotMakeItsAuthorAnApprover() throws {
        let repo = try GateRepo()
        try repo.branch()
        try repo.writeRoles(approvers: ["alice@x.example", "bob@x.example", "mallory@x.example"], logins: [:])
        try repo.commit("mallory@x.example", at: "2026-01-05T08:00:00Z", "add myself as approver")
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z")
        // The working tree's roles now list mallory, so the command accepts her approval…
        try repo.act(["approve", "crm-sync"], as: "mallory@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("mallory@x.example", at: "2026-01-05T10:01:00Z")
        // …but the gate judges by main's roles.
        let out = try repo.expect(repo.check(), 1)
        XCTAssertEqual(out.violationRules, ["approver-role", "rules-change"], "and mallory, no approver on main, may not change the roles")
        let message = out.findings("violations").first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("mallory@x.example"), message)
        XCTAssertEqual(out.warningRules, ["rules-changed"])
        XCTAssertEqual(out.findings("warnings").first?["file"] as? String, "Workflows/roles.json")
    }

    // MARK: --require-signed

    func testRequireSignedFailsOnUnsignedCommits() throws {
        let repo = try GateRepo()
        try requestAndApproval(repo)
        XCTAssertEqual(try repo.expect(repo.check(), 0).violationRules, [])
        let out = try repo.expect(repo.check(["--require-signed"]), 1)
        XCTAssertEqual(out.violationRules, ["signature", "signature"])
        let messages = out.findings("violations").compactMap { $0["message"] as? String }.joined(separator: "\n")
        XCTAssertTrue(messages.contains("rita@x.example") && messages.contains("alice@x.example"), messages)
    }

    func testRequireSignedPassesWhenEveryCommitVerifies() throws {
        let repo = try GateRepo()
        try XCTSkipUnless(repo.run("/usr/bin/env", ["sh", "-c", "command -v ssh-keygen"]).status == 0,
                          "git's SSH signing needs ssh-keygen")
        let keyDir = URL(fileURLWithPath: repo.root).deletingLastPathComponent().path
        let key = keyDir + "/signing-key"
        try repo.expect(repo.run("/usr/bin/env", ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "gate", "-f", key]), 0)
        let pub = try String(contentsOfFile: key + ".pub", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try Data("rita@x.example,alice@x.example \(pub)\n".utf8).write(to: URL(fileURLWithPath: keyDir + "/allowed-signers"))
        for (k, v) in [("gpg.format", "ssh"), ("user.signingkey", key), ("gpg.ssh.allowedSignersFile", keyDir + "/allowed-signers")] {
            try repo.expect(repo.git(["config", k, v]), 0)
        }
        try repo.branch()
        try repo.request("crm-sync", at: "2026-01-05T09:00:00Z")
        try repo.commit("rita@x.example", at: "2026-01-05T09:01:00Z", sign: true)
        try repo.act(["approve", "crm-sync"], as: "alice@x.example", at: "2026-01-05T10:00:00Z")
        try repo.commit("alice@x.example", at: "2026-01-05T10:01:00Z", sign: true)
        XCTAssertEqual(try repo.expect(repo.check(["--require-signed"]), 0).violationRules, [])

        // One unsigned commit touching State/ is enough to fail.
        try repo.act(["activate", "crm-sync"], as: "lee@x.example", at: "2026-01-05T11:00:00Z")
        let unsigned = try repo.commit("lee@x.example", at: "2026-01-05T11:01:00Z")
        let out = try repo.expect(repo.check(["--require-signed"]), 1)
        XCTAssertEqual(out.violationRules, ["signature"])
        XCTAssertTrue((out.findings("violations").first?["message"] as? String ?? "").contains(String(unsigned.prefix(10))))
    }

    func testReviewsAndRequireSignedNeedBase() throws {
        let repo = try GateRepo()
        let out = repo.steward(["check", "--require-signed"])
        XCTAssertEqual(out.status, 2)
        XCTAssertTrue(out.stderr.contains("--base"), out.stderr)
    }
}
