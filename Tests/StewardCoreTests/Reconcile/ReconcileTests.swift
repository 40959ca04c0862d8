import XCTest
@testable import StewardCore

/// `Reconcile.run`: declared connectors against what platforms export, at a fixed now.
final class ReconcileTests: XCTestCase {
    typealias F = Fixture

    static let now = "2026-03-01T00:00:00Z"
    static let crmArn = "arn:aws:iam::123456789012:user/integrations/crm-sync"
    static let hrArn = "arn:aws:iam::123456789012:user/integrations/hr-feed"

    static func aws(_ records: [ObservedRecord], file: String = "iam.csv") -> Inventory {
        Inventory(file: file, format: .awsCredentialReport, records: records, platforms: ["aws"])
    }

    static func github(_ records: [ObservedRecord], file: String = "installations.json") -> Inventory {
        Inventory(file: file, format: .githubInstallations, records: records, platforms: ["github"])
    }

    static func record(_ ref: String, platform: String = "aws", scopes: [String]? = nil, lastUsed: String? = nil,
                       credential: String? = nil, credentialCreated: String? = nil) -> ObservedRecord {
        ObservedRecord(platform: platform, ref: ref, scopes: scopes, createdAt: nil, lastUsedAt: lastUsed.map(F.t),
                       credentialId: credential, credentialCreatedAt: credentialCreated.map(F.t))
    }

    /// crm-sync, active since 2026-01-02T11:00, bound to its IAM user.
    func crm(scopes: [String] = ["read:Account"], secretRef: String? = "vault://kv/crm", bindings: [Binding]? = nil) throws -> ConnectorBuilder {
        try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(scopes: scopes, secretRef: secretRef,
                                              bindings: bindings ?? [Binding(platform: "aws", ref: Self.crmArn)]))
    }

    func reconcile(_ docs: [ConnectorDocument], _ inventories: [Inventory], now: String = now) -> Reconcile.Outcome {
        Reconcile.run(docs: docs, inventories: inventories, workflows: F.workflowSet.workflows, now: F.t(now))
    }

    func kinds(_ o: Reconcile.Outcome) -> [FindingKind] { o.findings.map(\.kind) }

    // MARK: a clean estate

    func testAMatchingExportGivesNoFindingsAndNoSignals() throws {
        let o = reconcile([try crm().document], [Self.aws([Self.record(Self.crmArn, lastUsed: "2026-02-27T00:00:00Z",
                                                                       credential: "\(Self.crmArn)#access_key_1",
                                                                       credentialCreated: "2026-01-02T11:00:00Z")])])
        XCTAssertEqual(o.findings, [])
        XCTAssertEqual(o.signals, [:])
    }

    // MARK: unmanaged

    func testAnObservedObjectNobodyBindsIsUnmanaged() throws {
        let shadow = "arn:aws:iam::123456789012:user/shadow-bot"
        let o = reconcile([try crm().document], [Self.aws([Self.record(Self.crmArn), Self.record(shadow)])])
        XCTAssertEqual(kinds(o), ["unmanaged"])
        let f = o.findings[0]
        XCTAssertNil(f.connector)
        XCTAssertEqual(f.ref, shadow)
        XCTAssertEqual(f.platform, "aws")
        XCTAssertEqual(f.severity, "high")
        XCTAssertTrue(f.owasp.hasPrefix("NHI1:2025"), f.owasp)
        XCTAssertEqual(f.contact, [])
        XCTAssertTrue(f.message.contains("iam.csv"), f.message)
    }

    func testBindingsMatchPlatformCaseInsensitively() throws {
        let doc = try crm(bindings: [Binding(platform: "AWS", ref: Self.crmArn)]).document
        XCTAssertEqual(reconcile([doc], [Self.aws([Self.record(Self.crmArn)])]).findings, [])
    }

    // MARK: revocation-ineffective

    func decommissioned(at: Timestamp) throws -> ConnectorBuilder {
        var b = try crm()
        try b.decommission(at: at)
        return b
    }

    func revocationSeverity(decommissionedAt: String, now: String) throws -> Severity? {
        let o = reconcile([try decommissioned(at: F.t(decommissionedAt)).document], [Self.aws([Self.record(Self.crmArn)])], now: now)
        XCTAssertEqual(kinds(o), ["revocation-ineffective"])
        return o.findings.first?.severity
    }

    func testRevocationIneffectiveSeverityRisesWithTime() throws {
        XCTAssertEqual(F.standard.timers.revocationGrace, .days(1))
        XCTAssertEqual(try revocationSeverity(decommissionedAt: "2026-02-28T12:00:00Z", now: Self.now), "medium", "within the grace")
        XCTAssertEqual(try revocationSeverity(decommissionedAt: "2026-02-28T00:00:00Z", now: Self.now), "medium", "exactly the grace")
        XCTAssertEqual(try revocationSeverity(decommissionedAt: "2026-02-27T23:59:59Z", now: Self.now), "high", "past the grace")
        XCTAssertEqual(try revocationSeverity(decommissionedAt: "2026-02-22T00:00:00Z", now: Self.now), "high", "7 days")
        XCTAssertEqual(try revocationSeverity(decommissionedAt: "2026-02-20T00:00:00Z", now: Self.now), "critical", "9 days")
    }

    func testRevocationIneffectiveNamesTheConnectorAndItsOwners() throws {
        let o = reconcile([try decommissioned(at: "2026-02-20T00:00:00Z").document], [Self.aws([Self.record(Self.crmArn)])])
        let f = try XCTUnwrap(o.findings.first)
        XCTAssertEqual(f.connector, "crm-sync")
        XCTAssertEqual(f.contact, ["dana@x.example", "lee@x.example"])
        XCTAssertTrue(f.owasp.hasPrefix("NHI1:2025"), f.owasp)
        XCTAssertTrue(f.message.contains("9 day(s)"), f.message)
    }

    func testRevocationAgeCountsFromTheDecommissionNotFromLaterTaskClosures() throws {
        // Closing an offboarding task after the decommission must not make a nine-day-old
        // failed revocation look fresh.
        var b = try decommissioned(at: "2026-02-20T00:00:00Z")
        try b.closeTask("crm-sync#4-notify-owners", at: "2026-02-28T20:00:00Z", evidence: "mailed dana and lee")
        XCTAssertEqual(b.document.openTasks.count, 3, "closing one offboarding task leaves the others open")
        let o = reconcile([b.document], [Self.aws([Self.record(Self.crmArn)])])
        XCTAssertEqual(o.findings.map(\.severity), ["critical"])
        XCTAssertTrue(o.findings[0].message.contains("9 day(s)"), o.findings[0].message)
    }

    // MARK: scope-drift

    func testObservedScopesBeyondTheSpecAreDriftAndMoveAnActiveConnectorToReview() throws {
        var b = try crm()
        let o = reconcile([b.document], [Self.aws([Self.record(Self.crmArn, scopes: ["read:Account", "write:Account", "admin:org"])])])
        XCTAssertEqual(kinds(o), ["scope-drift"])
        let f = o.findings[0]
        XCTAssertEqual(f.severity, "high")
        XCTAssertTrue(f.owasp.hasPrefix("NHI5:2025"), f.owasp)
        XCTAssertTrue(f.message.contains("admin:org, write:Account"), f.message)
        XCTAssertEqual(f.contact, ["dana@x.example", "lee@x.example"])
        let drift = try XCTUnwrap(o.signals["crm-sync"]?.drift)
        XCTAssertTrue(drift.contains("admin:org, write:Account"), drift)

        // The runner acts on the signal: active → review-due, reason "scope drift: …".
        try b.run(at: F.t(Self.now), signals: o.signals["crm-sync"])
        let last = try XCTUnwrap(b.document.history.last)
        XCTAssertEqual(b.document.state, "review-due")
        XCTAssertEqual(last.event, "review-due")
        XCTAssertEqual(last.actor, Event.runnerActor)
        XCTAssertEqual(last.dataString("reason"), "scope drift: \(drift)")
    }

    func testScopesWithinTheSpecOrUnknownAreNotDrift() throws {
        let doc = try crm(scopes: ["read:Account", "read:Contact"]).document
        XCTAssertEqual(reconcile([doc], [Self.aws([Self.record(Self.crmArn, scopes: ["read:Account"])])]).findings, [])
        XCTAssertEqual(reconcile([doc], [Self.aws([Self.record(Self.crmArn, scopes: nil)])]).findings, [])
    }

    func testDriftOnAConnectorAlreadyUnderReviewIsReportedButSignalsNothing() throws {
        var b = try crm()
        try b.run(at: "2026-04-03T00:00:00Z")
        XCTAssertEqual(b.document.state, "review-due")
        let o = reconcile([b.document], [Self.aws([Self.record(Self.crmArn, scopes: ["read:Account", "write:Account"])])], now: "2026-04-04T00:00:00Z")
        XCTAssertEqual(kinds(o), ["scope-drift"])
        XCTAssertNil(o.signals["crm-sync"]?.drift)
    }

    // MARK: dormant

    func testNinetyDaysUnusedIsDormantAndOpensAReviewOnce() throws {
        var b = try crm()
        let o = reconcile([b.document], [Self.aws([Self.record(Self.crmArn, lastUsed: "2025-12-01T00:00:00Z")])])
        XCTAssertEqual(kinds(o), ["dormant"])
        XCTAssertEqual(o.findings[0].severity, "medium")
        XCTAssertTrue(o.findings[0].owasp.hasPrefix("NHI1:2025"), o.findings[0].owasp)
        XCTAssertTrue(o.findings[0].message.contains("90 days"), o.findings[0].message)
        let signals = try XCTUnwrap(o.signals["crm-sync"])
        XCTAssertNotNil(signals.dormant)

        try b.run(at: F.t(Self.now), signals: signals)
        XCTAssertEqual(b.document.openTasks.map(\.kind), ["review-dormant"])
        XCTAssertEqual(b.document.history.last?.dataString("reason"), "dormant: \(signals.dormant!)")
        let version = b.document.version
        try b.run(at: "2026-03-02T00:00:00Z", signals: signals)
        XCTAssertEqual(b.document.version, version, "the review is opened once, not on every run")
    }

    func testEightyNineDaysUnusedIsNotDormant() throws {
        let o = reconcile([try crm().document], [Self.aws([Self.record(Self.crmArn, lastUsed: "2025-12-02T00:00:01Z")])])
        XCTAssertEqual(o.findings, [])
    }

    // MARK: stale-credential

    func testACredentialOlderThanTheRotationPeriodIsStaleAndOpensARotation() throws {
        var b = try crm()
        let o = reconcile([b.document], [Self.aws([Self.record(Self.crmArn, lastUsed: "2026-02-28T00:00:00Z",
                                                               credential: "\(Self.crmArn)#access_key_1",
                                                               credentialCreated: "2025-12-01T00:00:00Z")])])
        XCTAssertEqual(kinds(o), ["stale-credential"])
        XCTAssertEqual(o.findings[0].severity, "high")
        XCTAssertTrue(o.findings[0].owasp.hasPrefix("NHI7:2025"), o.findings[0].owasp)
        let signals = try XCTUnwrap(o.signals["crm-sync"])
        XCTAssertNotNil(signals.staleCredential)

        try b.run(at: F.t(Self.now), signals: signals)
        XCTAssertEqual(b.document.openTasks.map(\.kind), ["rotate-credential"])
        XCTAssertTrue(b.document.history.last?.dataString("reason")?.hasPrefix("stale credential: ") ?? false)
        let version = b.document.version
        try b.run(at: "2026-03-02T00:00:00Z", signals: signals)
        XCTAssertEqual(b.document.version, version, "no second rotate-credential while one is open")
    }

    /// Dormant and stale start exactly at their periods (90 days here), not a second before.
    func testDormantAndStaleStartExactlyAtTheirPeriods() throws {
        let doc = try crm().document
        func kindsAt(lastUsed: String, created: String) -> [FindingKind] {
            kinds(reconcile([doc], [Self.aws([Self.record(Self.crmArn, lastUsed: lastUsed, credential: "\(Self.crmArn)#access_key_1",
                                                          credentialCreated: created)])]))
        }
        XCTAssertEqual(kindsAt(lastUsed: "2025-12-01T00:00:00Z", created: "2026-01-01T00:00:00Z"), ["dormant"])
        XCTAssertEqual(kindsAt(lastUsed: "2025-12-01T00:00:01Z", created: "2026-01-01T00:00:00Z"), [])
        XCTAssertEqual(kindsAt(lastUsed: "2026-02-28T00:00:00Z", created: "2025-12-01T00:00:00Z"), ["stale-credential"])
        XCTAssertEqual(kindsAt(lastUsed: "2026-02-28T00:00:00Z", created: "2025-12-01T00:00:01Z"), [])
    }

    func testAStaleCredentialDoesNotOpenARotationWhenOneIsOpen() throws {
        var b = try crm()
        try b.run(at: "2026-04-01T12:00:00Z")  // rotation due 2026-04-02T11:00: not yet
        try b.append(.openTask, by: Event.runnerActor, at: "2026-04-01T12:00:00Z",
                     data: ["reason": .string("stale credential: earlier"), "tasks": .array([.string("rotate-credential")])])
        let version = b.document.version
        try b.run(at: "2026-04-01T13:00:00Z", signals: RunSignals(staleCredential: "credential created 2025-01-01"))
        XCTAssertEqual(b.document.version, version)
    }

    // MARK: shared-credential

    func testOneCredentialBehindTwoConnectorsIsShared() throws {
        let crm = try crm().document
        let hr = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(secretRef: "vault://kv/hr", bindings: [Binding(platform: "aws", ref: Self.hrArn)])).document
        let key = "arn:aws:iam::123456789012:access-key/AKIA-shared"
        let o = reconcile([crm, hr], [Self.aws([Self.record(Self.crmArn, credential: key), Self.record(Self.hrArn, credential: key)])])
        XCTAssertEqual(kinds(o), ["shared-credential"])
        let f = o.findings[0]
        XCTAssertEqual(f.ref, key)
        XCTAssertEqual(f.severity, "high")
        XCTAssertTrue(f.owasp.hasPrefix("NHI9:2025"), f.owasp)
        XCTAssertTrue(f.message.contains("crm-sync, hr-feed"), f.message)
    }

    func testOneSecretRefBehindTwoLiveConnectorsIsShared() throws {
        let crm = try crm(secretRef: "vault://kv/shared").document
        let hr = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(secretRef: "vault://kv/shared", bindings: [Binding(platform: "aws", ref: Self.hrArn)])).document
        let o = reconcile([crm, hr], [Self.aws([Self.record(Self.crmArn), Self.record(Self.hrArn)])])
        XCTAssertEqual(kinds(o), ["shared-credential"])
        XCTAssertEqual(o.findings[0].platform, "secretRef")
        XCTAssertEqual(o.findings[0].ref, "vault://kv/shared")
        XCTAssertTrue(o.findings[0].owasp.hasPrefix("NHI9:2025"))

        var old = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(secretRef: "vault://kv/shared", bindings: [Binding(platform: "aws", ref: Self.hrArn)]))
        try old.decommission(at: "2026-02-01T00:00:00Z")
        let after = reconcile([crm, old.document], [Self.aws([Self.record(Self.crmArn)])])
        XCTAssertEqual(after.findings, [], "a decommissioned connector no longer shares its secret")
    }

    // MARK: missing

    func testAnActiveConnectorAbsentFromAnExportCoveringItsPlatformIsMissing() throws {
        let o = reconcile([try crm().document], [Self.aws([])])
        XCTAssertEqual(kinds(o), ["missing"])
        XCTAssertEqual(o.findings[0].severity, "low")
        XCTAssertEqual(o.findings[0].connector, "crm-sync")
        XCTAssertTrue(o.findings[0].owasp.hasPrefix("NHI1:2025"))
        XCTAssertTrue(o.findings[0].message.contains("iam.csv (aws-credential-report)"), o.findings[0].message)
    }

    func testAnExportOfAnotherPlatformSaysNothingAboutAbsence() throws {
        let o = reconcile([try crm().document], [Self.github([Self.record("renovate", platform: "github")])])
        XCTAssertEqual(kinds(o), ["unmanaged"])
    }

    // MARK: verify-removal

    func testRemovalIsProvenWhenAnExportCoveringThePlatformLacksTheBinding() throws {
        var b = try decommissioned(at: "2026-02-20T00:00:00Z")
        let o = reconcile([b.document], [Self.aws([], file: "exports/iam.csv")])
        XCTAssertEqual(o.findings, [])
        let proof = try XCTUnwrap(o.signals["crm-sync"]?.removalProof)
        XCTAssertEqual(proof, "absent from exports/iam.csv (aws-credential-report) at 2026-03-01T00:00:00Z")

        // The runner closes verify-removal with that proof as evidence.
        XCTAssertEqual(RunPlan.next(b.state!, workflow: F.standard, now: F.t(Self.now), people: nil, signals: o.signals["crm-sync"])?.closeTaskID,
                       "crm-sync#4-verify-removal")
        try b.run(at: F.t(Self.now), signals: o.signals["crm-sync"])
        let task = try XCTUnwrap(b.document.tasks.first { $0.id == "crm-sync#4-verify-removal" })
        XCTAssertEqual(task.status, .done)
        XCTAssertEqual(task.evidence, proof)
        XCTAssertEqual(task.closedAt, F.t(Self.now))
        XCTAssertEqual(b.document.history.count, 5, "one close-task event, nothing more")
        let close = try XCTUnwrap(b.document.history.last)
        XCTAssertEqual(close.event, "close-task")
        XCTAssertEqual(close.actor, Event.runnerActor)
        // The other offboarding tasks are still open: proof of removal is not proof of revocation.
        XCTAssertEqual(b.document.openTasks.map(\.id).sorted(),
                       ["crm-sync#4-delete-secret", "crm-sync#4-notify-owners", "crm-sync#4-revoke-credential"])
        let version = b.document.version
        try b.run(at: F.t(Self.now), signals: o.signals["crm-sync"])
        XCTAssertEqual(b.document.version, version, "a second run at the same time does nothing")
        XCTAssertEqual(close.dataString("task"), "crm-sync#4-verify-removal")
        XCTAssertEqual(close.dataString("evidence"), proof)
    }

    func testNoRemovalProofWhenNoExportCoversThePlatform() throws {
        let doc = try decommissioned(at: "2026-02-20T00:00:00Z").document
        let o = reconcile([doc], [Self.github([])])
        XCTAssertNil(o.signals["crm-sync"]?.removalProof)
        var b = try decommissioned(at: "2026-02-20T00:00:00Z")
        let v = b.document.version
        try b.run(at: F.t(Self.now), signals: o.signals["crm-sync"])
        XCTAssertEqual(b.document.version, v)
        XCTAssertEqual(b.document.tasks.first { $0.kind == "verify-removal" }?.status, .open)
    }

    func testNoRemovalProofWhileAnyBindingIsUncoveredOrStillThere() throws {
        var two = try crm(bindings: [Binding(platform: "aws", ref: Self.crmArn), Binding(platform: "github", ref: "crm-sync-app")])
        try two.decommission(at: "2026-02-20T00:00:00Z")
        XCTAssertNil(reconcile([two.document], [Self.aws([])]).signals["crm-sync"]?.removalProof, "github is not covered")
        XCTAssertNotNil(reconcile([two.document], [Self.aws([]), Self.github([])]).signals["crm-sync"]?.removalProof)
        let stillThere = reconcile([try decommissioned(at: "2026-02-20T00:00:00Z").document], [Self.aws([Self.record(Self.crmArn)])])
        XCTAssertNil(stillThere.signals["crm-sync"]?.removalProof)
    }

    // MARK: order and the OWASP map

    func testFindingsAreOrderedBySeverity() throws {
        let gone = try decommissioned(at: "2026-02-01T00:00:00Z").document
        let hr = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(secretRef: "vault://kv/hr", bindings: [Binding(platform: "aws", ref: Self.hrArn)])).document
        let o = reconcile([gone, hr], [Self.aws([Self.record(Self.crmArn), Self.record("arn:aws:iam::123456789012:user/x", lastUsed: "2025-01-01T00:00:00Z")])])
        XCTAssertEqual(o.findings.map(\.severity), ["critical", "high", "medium", "low"])
        XCTAssertEqual(kinds(o), ["revocation-ineffective", "unmanaged", "dormant", "missing"])
    }

    func testEveryFindingKindHasItsOWASPId() {
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: FindingKind.allCases.map { ($0.rawValue, String($0.owasp.prefix { $0 != ":" })) }), [
            "unmanaged": "NHI1", "revocation-ineffective": "NHI1", "missing": "NHI1", "dormant": "NHI1",
            "scope-drift": "NHI5", "stale-credential": "NHI7", "shared-credential": "NHI9",
            "credential-expiring": "NHI7", "expiry-drift": "NHI7", "person-bound": "NHI10",
        ])
    }
}
