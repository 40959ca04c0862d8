import Foundation
import StewardCore
import XCTest

/// Identities given on the command line or held in files, `until` in the past, blank
/// evidence, and the secret scan of the rules folders, through the built binary.
final class IdentityAndUntilTests: XCTestCase {
    typealias R = EndToEndRepo

    private func violations(_ r: ProcessResult) -> [[String: Any]] { r.object?["violations"] as? [[String: Any]] ?? [] }

    func testAnIdentityThatIsNotAPlainAddressIsAUsageError() throws {
        let repo = try R()
        try repo.request("crm-sync")
        let before = repo.stateSnapshot()
        for bad in [R.alice + " ", "\t" + R.alice, R.alice + "\u{00A0}", R.alice + "\u{200B}", "sam\u{2028}" + R.alice, "x@" + R.alice] {
            let approve = repo.steward(["approve", "crm-sync", "--as", bad])
            XCTAssertEqual(approve.status, 2, "--as \(bad.debugDescription): \(approve.stderr)")
            XCTAssertTrue(approve.stderr.contains("not a plain e-mail address"), approve.stderr)
            let new = repo.steward(["new", "crm-x", "--system", "s", "--purpose", "p", "--business-owner", bad,
                                    "--technical-owner", R.lee, "--as", R.rita])
            XCTAssertEqual(new.status, 2, "--business-owner \(bad.debugDescription): \(new.stderr)")
            let amend = repo.steward(["amend", "crm-sync", "--technical-owner", bad, "--as", R.rita])
            XCTAssertEqual(amend.status, 2, "--technical-owner \(bad.debugDescription): \(amend.stderr)")
            let env = repo.steward(["approve", "crm-sync"], env: ["STEWARD_ACTOR": bad])
            XCTAssertEqual(env.status, 2, "STEWARD_ACTOR \(bad.debugDescription): \(env.stderr)")
        }
        XCTAssertEqual(repo.stateSnapshot(), before)
        try repo.act(["approve", "crm-sync"], as: "ALICE@x.example", at: R.t0)
    }

    func testAConnectorFileHoldingAMalformedOwnerIsInvalidDataAndAViolation() throws {
        let repo = try R()
        try repo.request("crm-sync")
        let text = String(decoding: try XCTUnwrap(repo.bytes("State/crm-sync.json")), as: UTF8.self)
        try repo.write("State/crm-sync.json", text.replacingOccurrences(of: R.dana, with: R.dana + "\u{00A0}"))
        let before = repo.stateSnapshot()
        let approve = repo.steward(["approve", "crm-sync", "--as", R.alice])
        XCTAssertEqual(approve.status, 4, approve.stderr)
        XCTAssertTrue(approve.stderr.contains("State/crm-sync.json") && approve.stderr.contains("rule identity"), approve.stderr)
        XCTAssertEqual(repo.stateSnapshot(), before)
        let check = repo.steward(["check", "--json"])
        XCTAssertEqual(check.status, 1, check.stderr)
        XCTAssertTrue(violations(check).contains { $0["rule"] as? String == "identity" && ($0["file"] as? String ?? "").contains("crm-sync") }, check.stdout)
    }

    func testRolesHoldingAZeroWidthSpaceAreInvalidData() throws {
        let repo = try R()
        try repo.request("crm-sync")
        try repo.write("Workflows/roles.json", "{\"approvers\": [\"\(R.alice)\u{200B}\", \"\(R.bob)\"]}\n")
        let before = repo.stateSnapshot()
        let r = repo.steward(["approve", "crm-sync", "--as", R.bob])
        XCTAssertEqual(r.status, 4, r.stderr)
        XCTAssertTrue(r.stderr.contains("Workflows/roles.json") && r.stderr.contains("approvers[0]"), r.stderr)
        XCTAssertEqual(repo.stateSnapshot(), before)
        try repo.write("Workflows/roles.json", "{\"approvers\": [\"\(R.alice)\", \"\(R.bob)\"]}\n")
        try repo.act(["approve", "crm-sync"], as: R.bob, at: R.t0)
    }

    func testAnUntilThatIsNotAfterNowIsRefused() throws {
        let repo = try R()
        for until in [R.t0, "2026-01-04T09:00:00Z"] {
            let r = repo.steward(["new", "mig", "--system", "s", "--purpose", "p", "--business-owner", R.dana,
                                  "--technical-owner", R.lee, "--workflow", "temporary", "--until", until, "--as", R.rita, "--now", R.t0])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("until-past"), r.stderr)
            XCTAssertNil(repo.bytes("State/mig.json"))
        }
        try repo.act(["new", "mig", "--system", "s", "--purpose", "p", "--business-owner", R.dana, "--technical-owner", R.lee,
                      "--workflow", "temporary", "--until", "2026-01-25T09:00:00Z"], as: R.rita, at: R.t0)
        let before = repo.stateSnapshot()
        let r = repo.steward(["amend", "mig", "--until", "2026-01-06T09:00:00Z", "--as", R.rita, "--now", "2026-01-06T09:00:00Z"])
        XCTAssertEqual(r.status, 1, r.stderr)
        XCTAssertTrue(r.stderr.contains("until-past"), r.stderr)
        XCTAssertEqual(repo.stateSnapshot(), before)
        try repo.act(["amend", "mig", "--until", "2026-01-20T09:00:00Z"], as: R.rita, at: "2026-01-06T09:00:00Z")
    }

    func testEvidenceOfOnlyWhitespaceIsAUsageError() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.act(["decommission", "crm-sync", "--reason", "replaced"], as: R.lee, at: "2026-01-06T09:00:00Z")
        let task = try XCTUnwrap(try repo.load("crm-sync").tasks.first { $0.kind == "revoke-credential" })
        let before = repo.stateSnapshot()
        for evidence in ["   ", "\u{00A0}", "\u{2003}\u{3000}", "\t\n", "\u{2028}", "\u{200B}"] {
            let r = repo.steward(["close-task", task.id, "--evidence", evidence, "--as", R.lee, "--now", "2026-01-07T09:00:00Z"])
            XCTAssertEqual(r.status, 2, "\(evidence.debugDescription): \(r.stderr)")
        }
        XCTAssertEqual(repo.stateSnapshot(), before)
        try repo.act(["close-task", task.id, "--evidence", "\u{00A0}revoked, SEC-4"], as: R.lee, at: "2026-01-07T09:00:00Z")
    }

    func testTheSecretScanCoversTemplatesAndWorkflows() throws {
        let repo = try R()
        let clean = repo.steward(["check", "--json"])
        XCTAssertEqual(clean.status, 0, clean.stdout + clean.stderr)
        let token = "gh" + "p_" + "Zq8Lm2Xv7Rt4Yw1Kp9Nd3Hs6Fb0Gc5Ja2UeQ"
        let template = String(decoding: try XCTUnwrap(repo.bytes("Templates/notify-owners.md")), as: UTF8.self)
        try repo.write("Templates/notify-owners.md", template + "\nIf stuck, call the API with \(token)\n")
        try repo.write("Workflows/allowed_signers", "alice@x.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n# break-glass: AKIA" + "QWERTYUIOPASDFGH\n")
        let r = repo.steward(["check", "--json"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let files = violations(r).filter { $0["rule"] as? String == "secret-in-file" }.compactMap { $0["file"] as? String }
        XCTAssertEqual(files.sorted(), ["Templates/notify-owners.md", "Workflows/allowed_signers"], r.stdout)
        XCTAssertFalse((r.stdout + r.stderr).contains(token))
        XCTAssertFalse((r.stdout + r.stderr).contains("QWERTYUIOPASDFGH"))
    }

    func testACredentialInAURLIsRefusedAtTheDoor() throws {
        let repo = try R()
        for purpose in ["posts to https://svc:" + "Zt8qW2xR9vL4mN7pK3sJ6hF1" + "@hooks.example.com/in",
                        "posts to https://hooks.slack.com/services/T0123ABCD/B0123ABCD/" + "aB3dE5fG7hJ9kL1mN3pQ5rS7"] {
            let r = repo.steward(["new", "leaky", "--system", "s", "--purpose", purpose, "--business-owner", R.dana,
                                  "--technical-owner", R.lee, "--as", R.rita])
            XCTAssertEqual(r.status, 1, r.stderr)
            XCTAssertTrue(r.stderr.contains("secret-in-file"), r.stderr)
            XCTAssertNil(repo.bytes("State/leaky.json"))
        }
        try repo.act(["new", "leaky", "--system", "s", "--purpose", "posts to https://hooks.example.com/in?channel=ops",
                      "--business-owner", R.dana, "--technical-owner", R.lee], as: R.rita, at: R.t0)
    }
}
