import XCTest
@testable import StewardCore

/// The policy lints: each rule fires on a crafted spec and stays quiet on a clean one, at
/// the level the workflow's `lints` gives it.
final class LintsTests: XCTestCase {
    typealias F = Fixture

    /// A requested connector with `spec` (lints look at the spec and the request time).
    func doc(_ id: ConnectorID = "crm-sync", _ spec: Spec, workflow: Workflow = F.standard) throws -> ConnectorDocument {
        var b = ConnectorBuilder(id, workflow: workflow)
        try b.request(spec, at: "2026-01-02T09:00:00Z")
        return b.document
    }

    func findings(_ spec: Spec, workflow: Workflow = F.standard) throws -> [(CheckFinding, String)] {
        Lints.check(try doc("crm-sync", spec, workflow: workflow), file: "State/crm-sync.json", workflow: workflow)
    }

    func rules(_ spec: Spec, workflow: Workflow = F.standard) throws -> [String] {
        try findings(spec, workflow: workflow).map(\.0.rule)
    }

    func testCleanSpecHasNoFindings() throws {
        XCTAssertEqual(try rules(F.spec()), [])
    }

    // MARK: overprivileged

    func testAdminTogetherWithWriteIsOverprivileged() throws {
        let f = try findings(F.spec(purpose: "Sync accounts", scopes: ["admin:org", "write:Account"]))
        XCTAssertEqual(f.map(\.0.rule), ["overprivileged"])
        XCTAssertEqual(f.first?.1, "warning", "standard.json sets overprivileged to warning")
        XCTAssertTrue(f.first?.0.message.contains("admin:org") ?? false)
        XCTAssertTrue(f.first?.0.message.contains("write:account") ?? false)
        XCTAssertEqual(f.first?.0.file, "State/crm-sync.json")
    }

    func testAdminAloneOrWriteAloneIsNotOverprivileged() throws {
        XCTAssertFalse(try rules(F.spec(purpose: "Sync accounts", scopes: ["admin:org"])).contains("overprivileged"))
        XCTAssertFalse(try rules(F.spec(purpose: "Sync accounts", scopes: ["write:Account", "read:Account"])).contains("overprivileged"))
    }

    func testMoreReachesThanTheWorkflowAllowsIsOverprivileged() throws {
        XCTAssertEqual(F.standard.maxReaches, 5)
        let six = ["a", "b", "c", "d", "e", "f"]
        let f = try findings(F.spec(reaches: six))
        XCTAssertEqual(f.map(\.0.rule), ["overprivileged"])
        XCTAssertTrue(f[0].0.message.contains("6"), f[0].0.message)
        XCTAssertEqual(try rules(F.spec(reaches: Array(six.prefix(5)))), [], "exactly maxReaches is allowed")
    }

    // MARK: purpose-scope-mismatch

    func testReportingPurposeWithWriteScopeMismatches() throws {
        let f = try findings(F.spec(purpose: "Weekly revenue report", scopes: ["read:Opportunity", "write:Opportunity"]))
        XCTAssertEqual(f.map(\.0.rule), ["purpose-scope-mismatch"])
        XCTAssertEqual(f[0].1, "warning")
        XCTAssertTrue(f[0].0.message.contains("write:opportunity"), f[0].0.message)
    }

    func testReportingPurposeWithReadScopesOrWritingPurposeIsFine() throws {
        XCTAssertEqual(try rules(F.spec(purpose: "Weekly revenue report", scopes: ["read:Opportunity"])), [])
        XCTAssertEqual(try rules(F.spec(purpose: "Sync opportunities from the partner portal", scopes: ["write:Opportunity"])), [])
    }

    // MARK: environment-mixing

    func testProductionConnectorBoundToStagingObjectMixesEnvironments() throws {
        let f = try findings(F.spec(environment: "production",
                                    bindings: [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/ci-staging")]))
        XCTAssertEqual(f.map(\.0.rule), ["environment-mixing"])
        XCTAssertEqual(f[0].1, "warning")
        XCTAssertTrue(f[0].0.message.contains("ci-staging"), f[0].0.message)
    }

    func testStagingConnectorReachingProductionMixesEnvironments() throws {
        XCTAssertEqual(try rules(F.spec(environment: "staging", reaches: ["warehouse-prod"])), ["environment-mixing"])
    }

    func testMatchingEnvironmentsDoNotMix() throws {
        XCTAssertEqual(try rules(F.spec(environment: "production",
                                        bindings: [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/ci-prod")])), [])
        XCTAssertEqual(try rules(F.spec(environment: "staging",
                                        bindings: [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/ci-staging")])), [])
        // "stagingarea" is not the word "staging".
        XCTAssertEqual(try rules(F.spec(environment: "production", reaches: ["stagingarea"])), [])
    }

    // MARK: window-too-long

    func testTemporaryWindowOverNinetyDaysIsTooLong() throws {
        XCTAssertEqual(F.temporary.timers.maxWindow, .days(90))
        let until = F.t("2026-01-02T09:00:00Z").adding(.days(120))
        // At error level the engine refuses such a request outright (see the next test), so
        // the document is made under a workflow that only warns, then judged by the real one.
        let lenient = F.workflow("temporary", lints: ["window-too-long": "warning"])
        let d = try doc("crm-sync", F.spec(until: until), workflow: lenient)
        let f = Lints.check(d, file: "State/crm-sync.json", workflow: F.temporary)
        XCTAssertEqual(f.map(\.0.rule), ["window-too-long"])
        XCTAssertEqual(f[0].1, "error")
        XCTAssertTrue(f[0].0.message.contains("120 days"), f[0].0.message)
    }

    func testATooLongWindowIsRefusedWhenTheLintIsAnError() throws {
        let until = F.t("2026-01-02T09:00:00Z").adding(.days(91))
        XCTAssertThrowsError(try doc("crm-sync", F.spec(until: until), workflow: F.temporary)) { error in
            XCTAssertEqual((error as? RuleViolation)?.rule, "window-too-long")
        }
        XCTAssertNoThrow(try doc("crm-sync", F.spec(until: until), workflow: F.workflow("temporary", lints: ["window-too-long": "warning"])))
    }

    func testTemporaryWindowWithinTheLimitOrStandardWorkflowIsFine() throws {
        let start = F.t("2026-01-02T09:00:00Z")
        XCTAssertEqual(try rules(F.spec(until: start.adding(.days(60))), workflow: F.temporary), [])
        XCTAssertEqual(try rules(F.spec(until: start.adding(.days(90))), workflow: F.temporary), [], "exactly the maximum is allowed")
        XCTAssertNil(F.standard.timers.maxWindow)
        XCTAssertEqual(try rules(F.spec(until: start.adding(.days(400)))), [], "the standard workflow sets no maximum window")
    }

    // MARK: owner-missing

    func testSameBusinessAndTechnicalOwnerIsFlagged() throws {
        let f = try findings(F.spec(business: "lee@x.example", technical: "LEE@x.example"))
        XCTAssertEqual(f.map(\.0.rule), ["owner-missing"])
        XCTAssertEqual(f[0].1, "warning")
    }

    func testTwoDistinctOwnersAreFine() throws {
        XCTAssertFalse(try rules(F.spec(business: "dana@x.example", technical: "lee@x.example")).contains("owner-missing"))
    }

    // MARK: shared-secret

    func testTwoLiveConnectorsSharingASecretRefAreBothFlagged() throws {
        let a = try doc("crm-sync", F.spec(secretRef: "vault://kv/shared"))
        let b = try doc("hr-feed", F.spec(secretRef: "vault://kv/shared"))
        let c = try doc("billing", F.spec(secretRef: "vault://kv/billing"))
        let uses = [(a, "State/crm-sync.json"), (b, "State/hr-feed.json"), (c, "State/billing.json")]
            .compactMap { Lints.SecretUse(file: $0.1, doc: $0.0, terminal: F.standard.terminal) }
        let f = Lints.sharedSecrets(uses, workflows: F.workflowSet)
        XCTAssertEqual(f.map(\.0.file), ["State/crm-sync.json"], "reported once, on the first sharer's file")
        XCTAssertEqual(Set(f.map(\.0.rule)), ["shared-secret"])
        XCTAssertEqual(Set(f.map(\.1)), ["error"])
        XCTAssertTrue(f[0].0.message.contains("shared by 2 live connectors (crm-sync, hr-feed)"), f[0].0.message)
    }

    func testThousandsOfSharersGiveOneBoundedFinding() throws {
        // 4,000 connectors behind one secret once made check print 3 GB (k findings of k names).
        let base = try doc("crm-sync", F.spec(secretRef: "vault://kv/shared"))
        var uses: [Lints.SecretUse] = []
        for i in 0..<4000 {
            var d = base
            d.id = try ConnectorID("conn-\(String(i + 100000))")
            uses.append(Lints.SecretUse(file: "State/\(d.id).json", doc: d, terminal: F.standard.terminal)!)
        }
        let f = Lints.sharedSecrets(uses.reversed(), workflows: F.workflowSet)
        XCTAssertEqual(f.count, 1)
        XCTAssertEqual(f[0].0.file, "State/conn-100000.json")
        let message = f[0].0.message
        XCTAssertLessThan(message.utf8.count, 1000, "the list of names is capped")
        XCTAssertTrue(message.contains("shared by 4000 live connectors"), message)
        XCTAssertTrue(message.contains("conn-100019 and 3980 more"), message)
        XCTAssertFalse(message.contains("conn-100020"), message)
    }

    func testSharedSecretTakesTheStrictestLevelOfItsSharers() throws {
        let a = try doc("crm-sync", F.spec(secretRef: "vault://kv/shared"))
        var b = try doc("hr-feed", F.spec(secretRef: "vault://kv/shared"))
        b.workflow = "temporary"
        var set = F.workflowSet
        set.workflows["standard"] = F.workflow("standard", lints: ["shared-secret": "warning"])
        set.workflows["temporary"] = F.workflow("temporary", lints: ["shared-secret": "off"])
        let uses = [Lints.SecretUse(file: "a", doc: a, terminal: F.standard.terminal)!, Lints.SecretUse(file: "b", doc: b, terminal: F.standard.terminal)!]
        XCTAssertEqual(Lints.sharedSecrets(uses, workflows: set).map(\.1), ["warning"])
    }

    func testADecommissionedConnectorDoesNotShareItsSecret() throws {
        let a = try doc("crm-sync", F.spec(secretRef: "vault://kv/shared"))
        var old = ConnectorBuilder("hr-feed")
        try old.request(F.spec(secretRef: "vault://kv/shared"), at: "2026-01-02T09:00:00Z")
        try old.decommission(at: "2026-01-03T09:00:00Z")
        XCTAssertNil(Lints.SecretUse(file: "State/hr-feed.json", doc: old.document, terminal: F.standard.terminal))
        let uses = [Lints.SecretUse(file: "State/crm-sync.json", doc: a, terminal: F.standard.terminal)].compactMap { $0 }
        XCTAssertEqual(Lints.sharedSecrets(uses, workflows: F.workflowSet).count, 0)
    }

    func testSharedSecretLevelFollowsEachConnectorsWorkflow() throws {
        let a = try doc("crm-sync", F.spec(secretRef: "vault://kv/shared"))
        let b = try doc("hr-feed", F.spec(secretRef: "vault://kv/shared"))
        var set = F.workflowSet
        set.workflows["standard"] = F.workflow("standard", lints: ["shared-secret": "warning"])
        let uses = [Lints.SecretUse(file: "a", doc: a, terminal: F.standard.terminal)!, Lints.SecretUse(file: "b", doc: b, terminal: F.standard.terminal)!]
        XCTAssertEqual(Set(Lints.sharedSecrets(uses, workflows: set).map(\.1)), ["warning"])
    }

    // MARK: levels

    func testWorkflowLevelsAreObeyed() throws {
        let spec = F.spec(purpose: "Sync accounts", scopes: ["admin:org", "write:Account"])
        let off = F.workflow("standard", lints: ["overprivileged": "off"])
        XCTAssertEqual(try findings(spec, workflow: off).first?.1, "off")
        var report = CheckReport()
        for (f, level) in try findings(spec, workflow: off) { report.add(f, level: level) }
        XCTAssertEqual(report.violations.count + report.warnings.count, 0, "an 'off' lint is dropped")

        let error = F.workflow("standard", lints: ["overprivileged": "error"])
        report = CheckReport()
        for (f, level) in try findings(spec, workflow: error) { report.add(f, level: level) }
        XCTAssertEqual(report.violations.map(\.rule), ["overprivileged"])
        XCTAssertFalse(report.passed)

        let window = F.workflow("temporary", lints: ["window-too-long": "warning"])
        let long = F.spec(until: F.t("2026-01-02T09:00:00Z").adding(.days(120)))
        XCTAssertEqual(try findings(long, workflow: window).map(\.1), ["warning"])
    }

    func testAbsentLevelFallsBackToTheCatalogDefault() throws {
        let wf = F.workflow("standard", lints: ["owner-missing": nil, "window-too-long": nil])
        XCTAssertNil(wf.lints["owner-missing"])
        let f = try findings(F.spec(business: "lee@x.example", technical: "lee@x.example"), workflow: wf)
        XCTAssertEqual(f.map(\.1), [RuleCatalog.lint("owner-missing")!.defaultLevel])
    }

    func testDecommissionedConnectorsAreNotLinted() throws {
        var b = ConnectorBuilder("crm-sync")
        try b.request(F.spec(purpose: "Weekly revenue report", scopes: ["write:Opportunity"]), at: "2026-01-02T09:00:00Z")
        try b.decommission(at: "2026-01-03T09:00:00Z")
        XCTAssertEqual(Lints.check(b.document, file: "State/crm-sync.json", workflow: F.standard).count, 0)
    }

    // MARK: catalogue

    func testEveryLintMapsToOWASPAndNIST() {
        let lints = RuleCatalog.rules.filter { $0.lint != nil }
        XCTAssertEqual(RuleCatalog.lintIDs.count, lints.count, "lint ids are unique")
        for r in lints {
            let lint = r.lint!
            XCTAssertNotNil(lint.owasp.range(of: #"^NHI([1-9]|10):2025 \S"#, options: .regularExpression), "\(r.id): \(lint.owasp)")
            XCTAssertNotNil(lint.nist.range(of: #"^(GV|ID|PR|DE|RS|RC)\.[A-Z]{2}-\d{2}$"#, options: .regularExpression), "\(r.id): \(lint.nist)")
            XCTAssertTrue(["error", "warning"].contains(lint.defaultLevel), r.id)
            XCTAssertFalse(lint.title.isEmpty, r.id)
        }
        XCTAssertEqual(RuleCatalog.lintIDs, ["overprivileged", "purpose-scope-mismatch", "environment-mixing", "shared-secret",
                                              "window-too-long", "owner-missing", "secret-in-file"])
        XCTAssertEqual(Set(F.standard.lints.keys), RuleCatalog.lintIDs, "the shipped workflow sets a level for every rule")
    }

    func testTheCatalogueParsesEveryRowOnceWithAdvice() {
        let ids = RuleCatalog.rules.map(\.id)
        XCTAssertEqual(Set(ids).count, ids.count, "rule ids are unique: \(ids)")
        XCTAssertEqual(ids.count, 22)
        for r in RuleCatalog.rules {
            XCTAssertNotNil(r.id.range(of: #"^[a-z]+(-[a-z]+)*$"#, options: .regularExpression), r.id)
            XCTAssertFalse(r.advice.isEmpty, r.id)
            XCTAssertFalse(r.advice.contains("|"), "\(r.id): a header line read as advice")
        }
        for rule in GateRule.allCases { XCTAssertNotNil(RuleCatalog.rule(rule.rawValue)?.advice, rule.rawValue) }
        XCTAssertEqual(RuleCatalog.rule("sequence")?.advice, RuleCatalog.rule("hash-chain")?.advice, "one row names several ids")
        XCTAssertNil(RuleCatalog.lint("hash-chain"), "a fixed rule is no lint")
        XCTAssertEqual(RuleCatalog.lint("secret-in-file")?.mayBeLowered, false)
        XCTAssertEqual(RuleCatalog.lint("owner-missing")?.mayBeLowered, true)
    }

    func testAFixedLintStaysAnErrorWhateverTheWorkflowSays() {
        XCTAssertEqual(RuleCatalog.level("secret-in-file", lints: ["secret-in-file": "warning"]), "error")
        XCTAssertEqual(RuleCatalog.level("owner-missing", lints: ["owner-missing": "error"]), "error")
        XCTAssertEqual(RuleCatalog.level("owner-missing", lints: [:]), "warning")
        XCTAssertEqual(RuleCatalog.level("shared-secret", lints: [:]), "error")
    }

    func testAWorkflowNamingAnUnknownLintIsRefused() {
        guard case .object(var o) = F.workflowJSON("standard") else { return XCTFail() }
        o["lints"] = .object(["no-such-rule": .string("error")])
        XCTAssertThrowsError(try WorkflowDecoding.workflow(.object(o), file: "Workflows/standard.json"))
    }
}
