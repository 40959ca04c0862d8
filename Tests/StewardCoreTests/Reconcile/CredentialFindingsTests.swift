import XCTest
@testable import StewardCore

/// `credential-expiring`, `expiry-drift` and `person-bound`, at their boundaries, with a
/// fixed NOW of 2026-03-01T00:00:00Z and the shipped standard workflow (notice 30 d,
/// maximum lifetime 365 d).
final class CredentialFindingsTests: XCTestCase {
    typealias F = Fixture

    static let now = "2026-03-01T00:00:00Z"
    static let appId = "1b4f816e-5eaf-48b9-8613-7923830595ad"

    func connector(kind: String = "api-key", until: String? = nil, workflow: Workflow = F.standard,
                   binding: Binding = Binding(platform: "azure", ref: appId)) throws -> ConnectorDocument {
        var spec = F.spec(bindings: [binding])
        spec.kind = kind
        spec.until = until.map(F.t)
        return try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: spec, workflow: workflow).document
    }

    func entra(_ credentials: [ObservedCredential], ref: String = appId) -> Inventory {
        var r = ObservedRecord(platform: "azure", ref: ref)
        r.source = "value[0]"
        r.credentials = credentials
        return Inventory(file: "apps.json", format: .entraApplications, records: [r], platforms: ["azure"])
    }

    func secret(created: String = "2026-01-01T00:00:00Z", expires: String?, never: Bool = false, moves: Bool = false,
                disabled: Bool = false) -> ObservedCredential {
        ObservedCredential(id: "key-1", createdAt: F.t(created), expiresAt: expires.map(F.t), neverExpires: never,
                           expiryMoves: moves, disabled: disabled, source: "value[0].passwordCredentials[0]")
    }

    func findings(_ docs: [ConnectorDocument], _ inv: [Inventory], now: String = now,
                  workflows: [String: Workflow]? = nil) -> [Finding] {
        Reconcile.run(docs: docs, inventories: inv, workflows: workflows ?? F.workflowSet.workflows, now: F.t(now)).findings
    }

    func kinds(_ f: [Finding]) -> [String] { f.map(\.kind) }

    // MARK: credential-expiring

    func testExpiryExactlyAtTheNoticeBoundaryIsExpiringAndOneSecondLaterIsNot() throws {
        let doc = try connector()
        let at = findings([doc], [entra([secret(expires: "2026-03-31T00:00:00Z")])])
        XCTAssertEqual(kinds(at), ["credential-expiring"])
        let f = at[0]
        XCTAssertEqual(f.connector, "crm-sync")
        XCTAssertEqual(f.severity, "medium")
        XCTAssertEqual(f.owasp, "NHI7:2025 Long-Lived Secrets")
        XCTAssertEqual(f.source, FindingSource(file: "apps.json", record: "value[0].passwordCredentials[0]"))
        XCTAssertTrue(f.message.contains("steward rotate crm-sync"), f.message)
        XCTAssertEqual(findings([doc], [entra([secret(expires: "2026-03-31T00:00:01Z")])]), [])
    }

    func testAWeekOrLessIsHighAndAnExpiredSecretIsNotExpiring() throws {
        let doc = try connector()
        XCTAssertEqual(findings([doc], [entra([secret(expires: "2026-03-08T00:00:00Z")])]).map(\.severity), ["high"])
        XCTAssertEqual(findings([doc], [entra([secret(expires: "2026-03-08T00:00:01Z")])]).map(\.severity), ["medium"])
        // Whole days left, rounded down.
        XCTAssertTrue(findings([doc], [entra([secret(expires: "2026-03-08T00:00:01Z")])])[0].message.contains("(in 7 day(s),"))
        XCTAssertTrue(findings([doc], [entra([secret(expires: "2026-03-07T23:59:59Z")])])[0].message.contains("(in 6 day(s),"))
        XCTAssertEqual(findings([doc], [entra([secret(expires: Self.now)])]), [], "expired at NOW: not live")
        XCTAssertEqual(findings([doc], [entra([secret(expires: "2026-03-10T00:00:00Z", disabled: true)])]), [], "disabled")
    }

    func testAnExpiryThatMovesWithUseGivesNoExpiringWarning() throws {
        let doc = try connector()
        XCTAssertEqual(findings([doc], [entra([secret(expires: "2026-03-10T00:00:00Z", moves: true)])]), [])
    }

    func testTheNoticePeriodIsAWorkflowSetting() throws {
        let wf = try Fixture.decode(Fixture.standardJSON(setting: ["timers", "credentialNotice"], to: .string("60d")))
        XCTAssertEqual(wf.timers.credentialNotice, .days(60))
        let doc = try connector(workflow: wf)
        let set = ["standard": wf, "temporary": F.temporary]
        XCTAssertEqual(kinds(findings([doc], [entra([secret(expires: "2026-04-20T00:00:00Z")])], workflows: set)), ["credential-expiring"])
        let off = try Fixture.decode(Fixture.standardJSON(setting: ["timers", "credentialNotice"], to: .null))
        XCTAssertNil(off.timers.credentialNotice)
        XCTAssertEqual(findings([try connector(workflow: off)], [entra([secret(expires: "2026-03-02T00:00:00Z")])],
                                workflows: ["standard": off]), [])
    }

    func testTheSettingsAreValidatedLikeTheOtherTimers() throws {
        XCTAssertEqual(F.standard.timers.credentialNotice, .days(30))
        XCTAssertEqual(F.standard.timers.maxCredentialLifetime, .days(365))
        for (key, bad) in [("credentialNotice", JSONValue.string("a month")), ("maxCredentialLifetime", .string("0d")),
                           ("credentialNotice", .int(30))] {
            let e = expectDataError { _ = try Fixture.decode(Fixture.standardJSON(setting: ["timers", key], to: bad)) }
            XCTAssertEqual(e?.file, "Workflows/standard.json")
            XCTAssertTrue(e?.location.contains(key) ?? false, "\(String(describing: e))")
        }
        // A workflow written before these settings keeps the defaults.
        let old = try Fixture.decode(Fixture.edit(Fixture.standardJSON(setting: ["timers", "credentialNotice"], to: nil),
                                                  path: ["timers", "maxCredentialLifetime"], value: nil))
        XCTAssertEqual(old.timers.credentialNotice, .days(30))
        XCTAssertEqual(old.timers.maxCredentialLifetime, .days(365))
    }

    // MARK: expiry-drift

    func testLifetimeExactlyTheMaximumIsFineAndOneSecondMoreIsDrift() throws {
        let doc = try connector()
        XCTAssertEqual(findings([doc], [entra([secret(created: "2026-01-01T00:00:00Z", expires: "2027-01-01T00:00:00Z")])]), [])
        let over = findings([doc], [entra([secret(created: "2026-01-01T00:00:00Z", expires: "2027-01-01T00:00:01Z")])])
        XCTAssertEqual(kinds(over), ["expiry-drift"])
        XCTAssertEqual(over[0].owasp, "NHI7:2025 Long-Lived Secrets")
        XCTAssertTrue(over[0].message.contains("maximum lifetime 365d"), over[0].message)
    }

    func testACredentialThatNeverExpiresIsPastAnyMaximum() throws {
        let f = findings([try connector()], [entra([secret(expires: nil, never: true)])])
        XCTAssertEqual(kinds(f), ["expiry-drift"])
        XCTAssertTrue(f[0].message.contains("never expires"), f[0].message)
    }

    func testAnExpiryAfterTheConnectorsUntilIsDrift() throws {
        let doc = try connector(until: "2026-06-01T00:00:00Z")
        XCTAssertEqual(findings([doc], [entra([secret(expires: "2026-06-01T00:00:00Z")])]), [], "ends with the connector")
        let late = findings([doc], [entra([secret(expires: "2026-06-01T00:00:01Z")])])
        XCTAssertEqual(kinds(late), ["expiry-drift"])
        XCTAssertTrue(late[0].message.contains("after the connector's until 2026-06-01T00:00:00Z"), late[0].message)
    }

    func testNoLifetimeLimitWhenTheSettingIsNull() throws {
        let off = try Fixture.decode(Fixture.standardJSON(setting: ["timers", "maxCredentialLifetime"], to: .null))
        XCTAssertEqual(findings([try connector(workflow: off)], [entra([secret(expires: nil, never: true)])], workflows: ["standard": off]), [])
    }

    func testExpiredOrDisabledCredentialsGiveNoDriftNoDormantButStayPresent() throws {
        var b = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "azure", ref: Self.appId)]))
        let expired = entra([secret(created: "2020-01-01T00:00:00Z", expires: "2025-01-01T00:00:00Z")])
        XCTAssertEqual(findings([b.document], [expired]), [])
        try b.decommission(at: "2026-02-01T00:00:00Z")
        XCTAssertEqual(kinds(findings([b.document], [expired])), ["revocation-ineffective"],
                       "an expired secret on a live app is still there to revoke")
        XCTAssertNil(Reconcile.run(docs: [b.document], inventories: [expired], workflows: F.workflowSet.workflows,
                                   now: F.t(Self.now)).signals["crm-sync"]?.removalProof)
    }

    // MARK: person-bound

    func pat(owner: String = "octocat") -> Inventory {
        var r = ObservedRecord(platform: "github", ref: "\(owner)/release-bot", scopes: ["read:Account"])
        r.personOwner = owner
        r.source = "[0]"
        r.credentials = [ObservedCredential(id: "github-pat:1", createdAt: F.t("2026-02-01T00:00:00Z"),
                                            expiresAt: F.t("2026-12-01T00:00:00Z"), source: "[0]")]
        return Inventory(file: "pats.json", format: .githubFineGrainedPATs, records: [r], platforms: ["github"], coverage: .refsWithSlash)
    }

    func testATokenOwnedByAPersonBehindAServiceConnectorIsPersonBound() throws {
        let doc = try connector(binding: Binding(platform: "github", ref: "octocat/release-bot"))
        let f = findings([doc], [pat()])
        XCTAssertEqual(kinds(f), ["person-bound"])
        XCTAssertEqual(f[0].owasp, "NHI10:2025 Human Use of NHI")
        XCTAssertEqual(f[0].severity, "high")
        XCTAssertEqual(f[0].source, FindingSource(file: "pats.json", record: "[0]"))
        XCTAssertTrue(f[0].message.contains("octocat"), f[0].message)
    }

    func testAPersonalTokenConnectorIsNotPersonBound() throws {
        let doc = try connector(kind: "personal-token", binding: Binding(platform: "github", ref: "octocat/release-bot"))
        XCTAssertEqual(findings([doc], [pat()]), [])
    }
}
