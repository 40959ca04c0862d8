import XCTest
@testable import StewardCore

/// Which connector manages a binding, and how refs compare: a decommissioned connector's
/// object stays revocation-ineffective whatever else names it; AWS IAM names and GitHub
/// logins compare without regard to case, everything else exactly.
final class ManagedBindingTests: XCTestCase {
    typealias F = Fixture

    static let now = "2026-03-01T00:00:00Z"
    static let arn = "arn:aws:iam::123456789012:user/integrations/crm-sync"

    func aws(_ refs: [String]) -> Inventory {
        Inventory(file: "iam.csv", format: .awsCredentialReport,
                  records: refs.enumerated().map { i, ref in
                      var r = ObservedRecord(platform: "aws", ref: ref)
                      r.source = "row \(i + 2)"
                      return r
                  }, platforms: ["aws"])
    }

    func outcome(_ docs: [ConnectorDocument], _ inv: [Inventory]) -> Reconcile.Outcome {
        Reconcile.run(docs: docs, inventories: inv, workflows: F.workflowSet.workflows, now: F.t(Self.now))
    }

    func gone(_ id: ConnectorID = "old-sync", ref: String = arn) throws -> ConnectorDocument {
        var b = try ConnectorBuilder.active(id, at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "aws", ref: ref)]))
        try b.decommission(at: "2026-02-20T00:00:00Z")
        return b.document
    }

    // MARK: a request naming the same object does not hide the failed revocation

    func testARequestNamingADecommissionedObjectDoesNotHideIt() throws {
        var fresh = ConnectorBuilder("new-sync")
        try fresh.request(F.spec(bindings: [Binding(platform: "aws", ref: Self.arn)]), at: "2026-02-25T00:00:00Z")
        let o = outcome([try gone(), fresh.document], [aws([Self.arn])])
        XCTAssertEqual(o.findings.map(\.kind), ["revocation-ineffective"])
        XCTAssertEqual(o.findings[0].connector, "old-sync")
        XCTAssertEqual(o.findings[0].source, FindingSource(file: "iam.csv", record: "row 2"))
    }

    func testAnActiveConnectorNamingItDoesNotHideItEither() throws {
        let active = try ConnectorBuilder.active("new-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "aws", ref: Self.arn)])).document
        let o = outcome([try gone(), active], [aws([Self.arn])])
        XCTAssertEqual(o.findings.map(\.kind), ["revocation-ineffective"], "still reported: the old credential may be alive")
        XCTAssertTrue(o.findings[0].message.contains("new-sync also binds it"), o.findings[0].message)
    }

    func testAnObjectNamedOnlyByAnUnapprovedRequestIsUnmanaged() throws {
        var fresh = ConnectorBuilder("new-sync")
        try fresh.request(F.spec(bindings: [Binding(platform: "aws", ref: Self.arn)]), at: "2026-02-25T00:00:00Z")
        let o = outcome([fresh.document], [aws([Self.arn])])
        XCTAssertEqual(o.findings.map(\.kind), ["unmanaged"])
        XCTAssertTrue(o.findings[0].message.contains("only new-sync names it, and is not approved"), o.findings[0].message)
    }

    func testAnApprovedConnectorManagesItsBinding() throws {
        var b = ConnectorBuilder("new-sync")
        try b.request(F.spec(bindings: [Binding(platform: "aws", ref: Self.arn)]), at: "2026-02-25T00:00:00Z")
        try b.approve(at: "2026-02-26T00:00:00Z")
        XCTAssertEqual(outcome([b.document], [aws([Self.arn])]).findings, [])
    }

    // MARK: how refs compare

    func testAWSNamesCompareWithoutRegardToCase() throws {
        let upper = "arn:aws:iam::123456789012:user/integrations/CRM-Sync"
        XCTAssertEqual(outcome([try gone()], [aws([upper])]).findings.map(\.kind), ["revocation-ineffective"],
                       "IAM says CRM-Sync and crm-sync are the same user")
        XCTAssertNil(outcome([try gone()], [aws([upper])]).signals["old-sync"]?.removalProof)
    }

    func testGitHubLoginsCompareWithoutRegardToCaseButTokenNamesExactly() throws {
        func pats(_ ref: String) -> Inventory {
            Inventory(file: "pats.json", format: .githubFineGrainedPATs, records: [ObservedRecord(platform: "github", ref: ref)],
                      platforms: ["github"], coverage: .refsWithSlash)
        }
        var b = try ConnectorBuilder.active("bot", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "github", ref: "OctoCat/release-bot")]))
        try b.decommission(at: "2026-02-20T00:00:00Z")
        XCTAssertEqual(outcome([b.document], [pats("octocat/release-bot")]).findings.map(\.kind), ["revocation-ineffective"])
        let other = outcome([b.document], [pats("octocat/Release-Bot")])
        XCTAssertEqual(other.findings.map(\.kind), ["unmanaged"], "a token name is compared exactly")
    }

    func testOtherPlatformsCompareExactly() throws {
        let app = "1b4f816e-5eaf-48b9-8613-7923830595ad"
        var b = try ConnectorBuilder.active("entra", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "azure", ref: app)]))
        try b.decommission(at: "2026-02-20T00:00:00Z")
        let inv = Inventory(file: "apps.json", format: .entraApplications,
                            records: [ObservedRecord(platform: "azure", ref: app.uppercased())], platforms: ["azure"])
        XCTAssertEqual(outcome([b.document], [inv]).findings.map(\.kind), ["unmanaged"])
        XCTAssertEqual(RefKey.of(platform: "Kubernetes", ref: "Payments/Ledger"), Binding(platform: "kubernetes", ref: "Payments/Ledger"))
    }

    // MARK: coverage

    func testAnInstallationsExportProvesNothingAboutAPAT() throws {
        var b = try ConnectorBuilder.active("bot", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "github", ref: "octocat/release-bot")]))
        try b.decommission(at: "2026-02-20T00:00:00Z")
        let installations = Inventory(file: "installations.json", format: .githubInstallations, records: [],
                                      platforms: ["github"], coverage: .refsWithoutSlash)
        XCTAssertNil(outcome([b.document], [installations]).signals["bot"]?.removalProof)
        let pats = Inventory(file: "pats.json", format: .githubFineGrainedPATs, records: [], platforms: ["github"], coverage: .refsWithSlash)
        XCTAssertNotNil(outcome([b.document], [pats]).signals["bot"]?.removalProof)
    }

    func testAGCPKeysListProvesRemovalOnlyForTheAccountsItNames() throws {
        var b = try ConnectorBuilder.active("gcp", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "gcp", ref: "crm@p.iam.gserviceaccount.com")]))
        try b.decommission(at: "2026-02-20T00:00:00Z")
        let other = Inventory(file: "keys.json", format: .gcpServiceAccountKeys, records: [], platforms: ["gcp"],
                              coverage: .refs(["ci@p.iam.gserviceaccount.com"]))
        XCTAssertNil(outcome([b.document], [other]).signals["gcp"]?.removalProof)
        let named = Inventory(file: "keys.json", format: .gcpServiceAccountKeys, records: [], platforms: ["gcp"],
                              coverage: .refs(["crm@p.iam.gserviceaccount.com"]))
        XCTAssertNotNil(outcome([b.document], [named]).signals["gcp"]?.removalProof, "only system-managed keys left")
    }
}
