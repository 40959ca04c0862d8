import Foundation
import StewardCore
import XCTest

/// `steward run --observed` end to end with the real export fixtures of
/// Tests/StewardCoreTests/Fixtures/Inventory (AWS account 111122223333, GitHub org acme-corp,
/// and a generic export covering salesforce and slack).
final class GateReconcileTests: XCTestCase {
    static let fixtures: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/Tests/StewardCoreTests/Fixtures/Inventory"
    }()
    static let now = "2025-12-01T00:00:00Z"
    static let exports = ["exports/aws-credential-report.csv", "exports/github-installations.json", "exports/generic-inventory.json"]

    /// Copies the fixtures to `exports/` inside the repository (so file names in evidence are
    /// relative and stable) and declares the estate.
    func estate() throws -> GateRepo {
        let repo = try GateRepo()
        try FileManager.default.createDirectory(atPath: repo.path("exports"), withIntermediateDirectories: true)
        for name in ["aws-credential-report.csv", "github-installations.json", "generic-inventory.json"] {
            try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: repo.path("exports/" + name))
        }
        func connector(_ id: String, binding: String, scopes: [String] = ["read:data"], decommissionAt: String? = nil) throws {
            try repo.act(["new", id, "--system", "s-\(id)", "--purpose", "Integration \(id)", "--business-owner", "dana@x.example",
                          "--technical-owner", "\(id)-owner@x.example", "--binding", binding, "--secret-ref", "vault://kv/\(id)"]
                         + scopes.flatMap { ["--scope", $0] }, as: "rita@x.example", at: "2025-10-01T09:00:00Z")
            try repo.act(["approve", id], as: "alice@x.example", at: "2025-10-01T10:00:00Z")
            try repo.act(["activate", id], as: "lee@x.example", at: "2025-10-01T11:00:00Z")
            if let at = decommissionAt { try repo.act(["decommission", id, "--reason", "retired"], as: "lee@x.example", at: at) }
        }
        // Key rotated 2023-02-14, used 2025-11-19: stale, not dormant.
        try connector("crm-sync", binding: "aws=arn:aws:iam::111122223333:user/integrations/crm-sync")
        // Only active key last used 2025-03-03: dormant; rotated 2024-12-01: stale.
        try connector("legacy-uploader", binding: "aws=arn:aws:iam::111122223333:user/legacy-uploader")
        // Installed with checks, pull_requests and workflows write beyond the spec.
        try connector("renovate", binding: "github=renovate", scopes: ["contents:write", "metadata:read"])
        // Decommissioned three days ago, still installed.
        try connector("old-ci", binding: "github=old-ci-integration", scopes: ["administration:write", "metadata:read", "statuses:write"],
                      decommissionAt: "2025-11-28T00:00:00Z")
        // Decommissioned, and gone from the salesforce export.
        try connector("sf-gone", binding: "salesforce=0Ha5g000000GoneAAA", decommissionAt: "2025-11-20T00:00:00Z")
        try repo.commit(GateRepo.admin, at: "2025-11-30T00:00:00Z", "estate")
        return repo
    }

    func snapshot(_ repo: GateRepo) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: repo.path("State")) {
            out[name] = try Data(contentsOf: URL(fileURLWithPath: repo.path("State/" + name)))
        }
        return out
    }

    func testRunObservedReportsEveryFindingAndActsOnIt() throws {
        let repo = try estate()
        let out = try repo.expect(repo.steward(["run", "--now", Self.now, "--format", "json", "--findings", "findings.md"]
                                               + Self.exports.flatMap { ["--observed", $0] }), 0)
        let report = try XCTUnwrap(out.object)
        XCTAssertEqual(report["now"] as? String, Self.now)
        XCTAssertEqual((report["errors"] as? [Any])?.count, 0)
        let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
        func find(_ kind: String, _ connector: String?) -> [String: Any]? {
            findings.first { $0["kind"] as? String == kind && $0["connector"] as? String == connector }
        }

        let stale = try XCTUnwrap(find("stale-credential", "crm-sync"))
        XCTAssertEqual(stale["owasp"] as? String, "NHI7:2025 Long-Lived Secrets")
        XCTAssertEqual(stale["ref"] as? String, "arn:aws:iam::111122223333:user/integrations/crm-sync")
        let dormant = try XCTUnwrap(find("dormant", "legacy-uploader"))
        XCTAssertTrue((dormant["owasp"] as? String ?? "").hasPrefix("NHI1:2025"))
        XCTAssertNotNil(find("stale-credential", "legacy-uploader"))
        XCTAssertNil(find("dormant", "crm-sync"), "used 12 days ago")
        let drift = try XCTUnwrap(find("scope-drift", "renovate"))
        XCTAssertEqual(drift["owasp"] as? String, "NHI5:2025 Overprivileged NHI")
        XCTAssertTrue((drift["message"] as? String ?? "").contains("checks:write, pull_requests:write, workflows:write"))
        let revocation = try XCTUnwrap(find("revocation-ineffective", "old-ci"))
        XCTAssertEqual(revocation["severity"] as? String, "high", "3 days after the decommission")
        XCTAssertTrue((revocation["owasp"] as? String ?? "").hasPrefix("NHI1:2025"))
        XCTAssertNil(findings.first { $0["connector"] as? String == "sf-gone" }, "sf-gone is really gone")
        let unmanaged = Set(findings.filter { $0["kind"] as? String == "unmanaged" }.compactMap { $0["ref"] as? String })
        XCTAssertTrue(unmanaged.isSuperset(of: ["acme-release-bot", "arn:aws:iam::111122223333:user/integrations/billing-export",
                                                "arn:aws:iam::111122223333:user/integrations/dormant-etl", "A04BCD12EFG",
                                                "0Ha5g000000CrmSyncAAA"]), "\(unmanaged)")
        XCTAssertFalse(unmanaged.contains("arn:aws:iam::111122223333:root"), "a root account without keys is skipped")
        XCTAssertFalse(unmanaged.contains("renovate") || unmanaged.contains("old-ci-integration"))

        // Scope drift moved renovate to review.
        let transitions = try XCTUnwrap(report["transitions"] as? [[String: Any]])
        let review = try XCTUnwrap(transitions.first { $0["id"] as? String == "renovate" })
        XCTAssertEqual(review["event"] as? String, "review-due")
        XCTAssertTrue((review["reason"] as? String ?? "").hasPrefix("scope drift: observed checks:write"), "\(review)")
        XCTAssertEqual(try repo.load("renovate").state, "review-due")
        XCTAssertEqual(try repo.load("renovate").history.last?.actor, Event.runnerActor)

        // Tasks: a rotation for each stale credential, a review for the dormant one.
        let tasks = try XCTUnwrap(report["tasks"] as? [[String: Any]])
        let opened = Set(tasks.compactMap { t -> String? in
            guard let c = t["connector"] as? String, let k = t["kind"] as? String else { return nil }
            return "\(c) \(k)"
        })
        XCTAssertTrue(opened.isSuperset(of: ["crm-sync rotate-credential", "legacy-uploader review-dormant",
                                             "legacy-uploader rotate-credential"]), "\(opened)")
        XCTAssertEqual(try repo.load("crm-sync").openTasks.map(\.kind), ["rotate-credential"])
        XCTAssertEqual(try repo.load("crm-sync").history.last?.dataString("reason")?.hasPrefix("stale credential: "), true)

        // sf-gone's verify-removal closed itself with the export as evidence; old-ci's did not.
        let sf = try repo.load("sf-gone")
        let verify = try XCTUnwrap(sf.tasks.first { $0.id == "sf-gone#4-verify-removal" })
        XCTAssertEqual(verify.status, .done)
        XCTAssertEqual(verify.evidence, "absent from exports/generic-inventory.json (generic-json) at 2025-12-01T00:00:00Z")
        XCTAssertEqual(verify.closedAt, Timestamp(iso8601: Self.now))
        XCTAssertEqual(sf.history.count, 5, "one close-task event")
        XCTAssertEqual(sf.history[4].event, "close-task")
        XCTAssertEqual(sf.history[4].actor, Event.runnerActor)
        XCTAssertEqual(sf.openTasks.map(\.kind).sorted(), ["delete-secret", "notify-owners", "revoke-credential"],
                       "removal proof closes verify-removal only")
        let oldCI = try repo.load("old-ci")
        XCTAssertEqual(oldCI.tasks.first { $0.kind == "verify-removal" }?.status, .open)

        // Every file the run wrote still passes the whole-tree check.
        try repo.expect(repo.steward(["check"]), 0)

        // A second run at the same time with the same exports changes no byte.
        let before = try snapshot(repo)
        let again = try repo.expect(repo.steward(["run", "--now", Self.now, "--format", "json"] + Self.exports.flatMap { ["--observed", $0] }), 0)
        XCTAssertEqual((again.object?["transitions"] as? [Any])?.count, 0)
        XCTAssertEqual((again.object?["tasks"] as? [Any])?.count, 0)
        XCTAssertEqual(try snapshot(repo), before)

        // Committed on a pull-request branch, the input-driven events are refused: the gate
        // cannot replay --observed input, so only the runner's own push to main carries them.
        try repo.branch()
        try repo.commit("ops@x.example", at: "2025-12-01T00:01:00Z", "steward run --observed")
        let gate = try repo.expect(repo.check(["--now", Self.now]), 1)
        XCTAssertEqual(Set(gate.violationRules), ["runner-event"])

        // The findings report, by severity, with the owners to contact.
        let md = try repo.read("findings.md")
        XCTAssertTrue(md.hasPrefix("# Steward reconciliation findings\n\nGenerated at 2025-12-01T00:00:00Z."), md)
        let headings = md.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { String($0.split(separator: " ")[1]) }
        XCTAssertEqual(headings, ["High", "Medium"], "nothing critical or low here; high first")
        let driftRow = try XCTUnwrap(md.split(separator: "\n").first { $0.hasPrefix("| scope-drift | renovate |") })
        XCTAssertTrue(driftRow.contains("dana@x.example, renovate-owner@x.example"), String(driftRow))
        let shadowRow = try XCTUnwrap(md.split(separator: "\n").first { $0.contains("acme-release-bot") })
        XCTAssertTrue(shadowRow.contains("platform admins"), String(shadowRow))
    }

    func testNoRemovalProofFromAnExportThatDoesNotCoverThePlatform() throws {
        let repo = try estate()
        // Only AWS: says nothing about salesforce, so sf-gone's verify-removal stays open.
        try repo.expect(repo.steward(["run", "--now", Self.now, "--observed", "exports/aws-credential-report.csv"]), 0)
        XCTAssertEqual(try repo.load("sf-gone").tasks.first { $0.kind == "verify-removal" }?.status, .open)
        XCTAssertEqual(try repo.load("sf-gone").history.count, 4)
    }

    func testABadCSVRowDrawsNothingFromAnyExport() throws {
        let repo = try estate()
        var csv = try repo.read("exports/aws-credential-report.csv")
        if !csv.hasSuffix("\n") { csv += "\n" }
        csv += "broken-bot,arn:aws:iam::111122223333:user/broken-bot,2024-01-01T00:00:00+00:00,false\n"
        try repo.write("exports/aws-credential-report.csv", csv)
        let before = try snapshot(repo)
        let out = repo.steward(["run", "--now", Self.now, "--format", "json"] + Self.exports.flatMap { ["--observed", $0] })
        XCTAssertEqual(out.status, 4, out.stdout + out.stderr)
        let report = try XCTUnwrap(out.object)
        let errors = report["errors"] as? [[String: Any]] ?? []
        XCTAssertEqual(errors.map { $0["file"] as? String }, ["exports/aws-credential-report.csv"])
        XCTAssertTrue((errors.first?["message"] as? String ?? "").contains("row 10"), out.stdout)
        XCTAssertEqual((report["findings"] as? [Any])?.count, 0, "no finding from the two good exports either")
        XCTAssertEqual(try snapshot(repo), before, "no timer was due, and nothing came from the exports")
        XCTAssertEqual(repo.git(["status", "--porcelain", "State"]).stdout, "")
    }

    func testAnUnknownGenericFieldDrawsNothing() throws {
        let repo = try estate()
        try repo.write("exports/typo.json", #"[{"platform": "salesforce", "ref": "0Ha5g000000GoneAAA", "lastUsed": "2025-01-01"}]"#)
        let before = try snapshot(repo)
        let out = repo.steward(["run", "--now", Self.now, "--observed", "exports/typo.json"])
        XCTAssertEqual(out.status, 4, out.stdout + out.stderr)
        XCTAssertTrue(out.stdout.contains("exports/typo.json"), out.stdout)
        XCTAssertTrue(out.stdout.contains("[0].lastUsed"), out.stdout)
        XCTAssertEqual(try snapshot(repo), before)
        // Without the typo'd export the same run would have closed sf-gone's verify-removal.
        XCTAssertEqual(try repo.load("sf-gone").tasks.first { $0.kind == "verify-removal" }?.status, .open)
    }
}
