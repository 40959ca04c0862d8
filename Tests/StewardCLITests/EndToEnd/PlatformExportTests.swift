import Foundation
import StewardCore
import XCTest

/// `new`/`amend` check a binding's ref for its platform's shape, and `run --observed`
/// with the platform exports: one unreadable export costs every finding of the run, never
/// the timers.
final class PlatformExportTests: XCTestCase {
    typealias R = EndToEndRepo

    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/Tests/StewardCoreTests/Fixtures/Inventory"
    }()

    func new(_ repo: R, _ id: String, binding: String) -> ProcessResult {
        repo.steward(["new", id, "--system", "crm", "--purpose", "Nightly export of Accounts", "--business-owner", R.dana,
                      "--technical-owner", R.lee, "--binding", binding, "--as", R.rita, "--now", R.t0])
    }

    // MARK: binding shapes

    func testAMalformedRefIsRefusedWithAnExampleAndNothingIsWritten() throws {
        let repo = try R()
        let cases = [
            ("azure=crm-sync", "azure=1b4f816e-5eaf-48b9-8613-7923830595ad"),
            ("github=octocat/", "github=octocat/release-bot"),
            ("github=-octo/bot", "LOGIN/TOKEN_NAME"),
            ("kubernetes=ledger-sync", "kubernetes=payments/ledger-sync"),
            ("kubernetes=Payments/ledger", "NAMESPACE/SERVICEACCOUNT"),
            ("gcp=crm-sync@example.com", "gcp=crm-sync@my-project.iam.gserviceaccount.com"),
            ("aws=crm-sync", "aws=arn:aws:iam::123456789012:user/crm-sync"),
            ("AWS=user/crm-sync", "arn:aws:iam"),
        ]
        for (binding, example) in cases {
            let r = new(repo, "crm", binding: binding)
            XCTAssertEqual(r.status, 2, "\(binding): \(r.stdout)\(r.stderr)")
            XCTAssertTrue(r.stderr.contains(example), "\(binding): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("--binding"), r.stderr)
            XCTAssertNil(repo.bytes("State/crm.json"), "\(binding): nothing written")
        }
    }

    func testWellFormedRefsAndFreeFormPlatformsAreAccepted() throws {
        let repo = try R()
        let good = ["azure=1b4f816e-5eaf-48b9-8613-7923830595ad", "github=renovate", "github=OctoCat/release bot 2",
                    "kubernetes=payments/ledger-sync", "gcp=crm-sync@acme-prod.iam.gserviceaccount.com",
                    "okta=crm-sync-token", "aws=arn:aws:iam::123456789012:user/integrations/crm-sync",
                    "salesforce=anything at all"]
        for (i, binding) in good.enumerated() {
            try repo.expect(new(repo, "c\(i)", binding: binding), 0)
        }
    }

    func testAmendChecksAddedBindingsButLetsAMalformedOldOneBeRemoved() throws {
        let repo = try R()
        try repo.request("crm")
        let bad = repo.steward(["amend", "crm", "--add-binding", "kubernetes=ledger", "--as", R.lee, "--now", "2026-01-06T00:00:00Z"])
        XCTAssertEqual(bad.status, 2, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--add-binding"), bad.stderr)
        XCTAssertTrue(bad.stderr.contains("kubernetes=payments/ledger-sync"), bad.stderr)
        try repo.act(["amend", "crm", "--add-binding", "kubernetes=payments/ledger"], as: R.lee, at: "2026-01-06T00:00:00Z")
        try repo.act(["amend", "crm", "--remove-binding", "aws=arn:aws:iam::123456789012:user/crm"], as: R.lee, at: "2026-01-06T01:00:00Z")
    }

    // MARK: run --observed

    func copy(_ repo: R, _ name: String) throws -> String {
        try FileManager.default.createDirectory(atPath: repo.path("exports"), withIntermediateDirectories: true)
        try? FileManager.default.removeItem(atPath: repo.path("exports/" + name))
        try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: repo.path("exports/" + name))
        return "exports/" + name
    }

    /// crm (active since t0, bound to the Entra app whose secret expires 2026-03-20) and
    /// pending (requested at t0: its request expires at t0 + 30 d).
    func estate() throws -> R {
        let repo = try R()
        try repo.act(["new", "crm", "--system", "crm", "--purpose", "Nightly export of Accounts", "--business-owner", R.dana,
                      "--technical-owner", R.lee, "--binding", "azure=1b4f816e-5eaf-48b9-8613-7923830595ad",
                      "--binding", "github=octocat/release-bot"], as: R.rita, at: R.t0)
        try repo.act(["approve", "crm"], as: R.alice, at: "2026-01-05T10:00:00Z")
        try repo.act(["activate", "crm"], as: R.lee, at: "2026-01-05T11:00:00Z")
        try repo.request("pending")
        return repo
    }

    func testEveryFindingCarriesItsSource() throws {
        let repo = try estate()
        let entra = try copy(repo, "entra-applications.json"), pats = try copy(repo, "github-fine-grained-pats.json")
        let r = try repo.expect(repo.steward(["run", "--dry-run", "--json", "--now", "2026-03-01T00:00:00Z",
                                              "--observed", entra, "--observed", pats]), 0)
        let findings = try XCTUnwrap(r.object?["findings"] as? [[String: Any]])
        XCTAssertFalse(findings.isEmpty)
        for f in findings {
            let source = try XCTUnwrap(f["source"] as? [String: Any], "\(f)")
            XCTAssertNotNil(source["file"] as? String, "\(f)")
        }
        let expiring = try XCTUnwrap(findings.first { $0["kind"] as? String == "credential-expiring" && $0["connector"] as? String == "crm" })
        XCTAssertEqual(expiring["source"] as? [String: String], ["file": entra, "record": "[0].passwordCredentials[0]"])
        let person = try XCTUnwrap(findings.first { $0["kind"] as? String == "person-bound" })
        XCTAssertEqual(person["source"] as? [String: String], ["file": pats, "record": "[0][0]"])
        XCTAssertEqual(person["owasp"] as? String, "NHI10:2025 Human Use of NHI")
    }

    func testOneBadExportExits4WithNoFindingButTheTimersStillRun() throws {
        let repo = try estate()
        let good = try copy(repo, "entra-applications.json")
        try repo.write("exports/pats.json", #"[{"id": 1, "owner": {"login": "octocat"}, "token_name": "release-bot", "token_expired": "no"}]"#)
        let r = repo.steward(["run", "--json", "--now", "2026-03-01T00:00:00Z", "--observed", good, "--observed", "exports/pats.json"])
        XCTAssertEqual(r.status, 4, r.stdout + r.stderr)
        let report = try XCTUnwrap(r.object)
        XCTAssertEqual((report["findings"] as? [Any])?.count, 0, "no finding from the good export either")
        let errors = try XCTUnwrap(report["errors"] as? [[String: Any]])
        XCTAssertEqual(errors.map { $0["file"] as? String }, ["exports/pats.json"])
        let message = errors.first?["message"] as? String ?? ""
        XCTAssertTrue(message.contains("exports/pats.json: record [0], field token_expired: expected true or false"), message)
        // The timers ran: pending's request expired; nothing came from the exports.
        let transitions = try XCTUnwrap(report["transitions"] as? [[String: Any]])
        XCTAssertEqual(transitions.map { $0["id"] as? String }, ["pending"])
        XCTAssertEqual(try repo.load("pending").state, "decommissioned")
        XCTAssertEqual(try repo.load("crm").state, "active")
    }

    func testAForcedWrongFormatAndAnIncompletePageExit4() throws {
        let repo = try estate()
        let okta = try copy(repo, "okta-api-tokens.json")
        let forced = repo.steward(["run", "--dry-run", "--now", "2026-03-01T00:00:00Z", "--observed", okta,
                                   "--observed-format", "kubernetes-service-account-tokens"])
        XCTAssertEqual(forced.status, 4, forced.stdout + forced.stderr)
        XCTAssertTrue(forced.stdout.contains(okta), forced.stdout)
        XCTAssertTrue(forced.stdout.contains("0 findings"), forced.stdout)
        let page = try copy(repo, "entra-applications.graph-page-1.json")
        let incomplete = repo.steward(["run", "--dry-run", "--now", "2026-03-01T00:00:00Z", "--observed", page])
        XCTAssertEqual(incomplete.status, 4)
        XCTAssertTrue(incomplete.stdout.contains("@odata.nextLink"), incomplete.stdout)
        XCTAssertTrue(incomplete.stdout.contains("pending"), "the timers still ran: \(incomplete.stdout)")
    }
}
