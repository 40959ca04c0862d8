import Foundation
import StewardCore
import XCTest

/// `check --base --require-signed` with the base branch's `Workflows/allowed_signers`: a
/// commit must be signed by a key listed for its author's e-mail.
final class GateSignatureTests: XCTestCase {
    static let at = "2026-01-05T09:00:00Z"

    /// main lists `listed` (principal → public key line); the branch `pr` is checked out
    /// and signs with `signer`'s key.
    func repo(listing listed: [(String, String)], signWith signer: String) throws -> GateRepo {
        let repo = try GateRepo()
        try XCTSkipUnless(repo.canSignWithSSH, "git's SSH signing needs ssh-keygen")
        var keys: [String: (path: String, pub: String)] = [:]
        for name in ["rita", "alice", "mallory"] { keys[name] = try repo.sshKey(name) }
        try repo.write("Workflows/allowed_signers", listed.map { "\($0.0) \(keys[$0.1]!.pub)\n" }.joined())
        try repo.commit(GateRepo.admin, at: "2026-01-01T00:10:00Z", "allowed signers")
        try repo.signWith(keys[signer]!.path)
        try repo.branch()
        try repo.request("crm-sync", at: Self.at)
        return repo
    }

    func testACommitSignedWithAnotherPersonsListedKeyIsRefused() throws {
        let repo = try repo(listing: [("rita@x.example", "rita"), ("alice@x.example", "alice")], signWith: "alice")
        try repo.commit("rita@x.example", at: Self.at, sign: true)
        let out = try repo.expect(repo.check(["--now", Self.at, "--require-signed"]), 1)
        XCTAssertEqual(out.violationRules, ["signature"])
        XCTAssertTrue((out.findings("violations").first?["message"] as? String ?? "").contains("rita@x.example"))
    }

    func testAnUnsignedCommitIsRefused() throws {
        let repo = try repo(listing: [("rita@x.example", "rita")], signWith: "rita")
        try repo.commit("rita@x.example", at: Self.at)
        XCTAssertEqual(try repo.expect(repo.check(["--now", Self.at, "--require-signed"]), 1).violationRules, ["signature"])
    }

    func testAKeyListedOnlyUnderAWildcardIsRefused() throws {
        let repo = try repo(listing: [("*@x.example", "mallory")], signWith: "mallory")
        try repo.commit("rita@x.example", at: Self.at, sign: true)
        XCTAssertEqual(try repo.expect(repo.check(["--now", Self.at, "--require-signed"]), 1).violationRules, ["signature"])
    }

    func testAPullRequestCannotListItsOwnKey() throws {
        let repo = try repo(listing: [("alice@x.example", "alice")], signWith: "mallory")
        let mallory = try String(contentsOfFile: URL(fileURLWithPath: repo.root).deletingLastPathComponent().path + "/key-mallory.pub", encoding: .utf8)
        try repo.write("Workflows/allowed_signers", try repo.read("Workflows/allowed_signers") + "rita@x.example \(mallory)")
        try repo.commit("rita@x.example", at: Self.at, sign: true)
        let out = try repo.expect(repo.check(["--now", Self.at, "--require-signed"]), 1)
        XCTAssertTrue(out.violationRules.contains("signature"), "\(out.violationRules)")
    }

    func testACommitSignedWithTheAuthorsListedKeyPasses() throws {
        let repo = try repo(listing: [("alice@x.example", "alice"), ("\"rita@x.example,ops@x.example\"", "rita")], signWith: "rita")
        try repo.commit("rita@x.example", at: Self.at, sign: true)
        try repo.expect(repo.check(["--now", Self.at, "--require-signed"]), 0)
    }
}
