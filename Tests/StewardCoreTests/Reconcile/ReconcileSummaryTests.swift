import XCTest
@testable import StewardCore

/// `ConnectorDocument.reconcileSummary`: what a run keeps of each connector for
/// reconciliation gives the same findings and signals as the whole document.
final class ReconcileSummaryTests: XCTestCase {
    typealias F = Fixture
    typealias R = ReconcileTests

    func testTheSummaryReconcilesLikeTheDocument() throws {
        var ended = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "aws", ref: R.crmArn)]))
        try ended.decommission(at: "2026-02-20T00:00:00Z")
        try ended.closeTask("crm-sync#4-notify-owners", at: "2026-02-28T20:00:00Z", evidence: "mailed dana and lee")
        let live = try ConnectorBuilder.active("hr-feed", at: "2026-01-02T09:00:00Z", spec: F.spec(scopes: ["read:Account"], secretRef: "vault://kv/crm",
                                                       bindings: [Binding(platform: "aws", ref: R.hrArn)]))
        let docs = [ended.document, live.document]
        let exports = [R.aws([R.record(R.crmArn), R.record(R.hrArn, scopes: ["read:Account", "write:Account"], lastUsed: "2025-10-01T00:00:00Z")])]
        let now = F.t(R.now)
        let whole = Reconcile.run(docs: docs, inventories: exports, workflows: F.workflowSet.workflows, now: now)
        let summaries = docs.map(\.reconcileSummary)
        let summarised = Reconcile.run(docs: summaries, inventories: exports, workflows: F.workflowSet.workflows, now: now)
        XCTAssertFalse(whole.findings.isEmpty)
        XCTAssertEqual(summarised.findings, whole.findings)
        XCTAssertEqual(summarised.signals, whole.signals)
        XCTAssertEqual(summaries[0].tasks, [])
        XCTAssertEqual(summaries[0].history.last, ended.document.history.last)
        XCTAssertTrue(docs[1].mayBeSignalled(by: exports, observed: [], terminal: "decommissioned"))
        XCTAssertFalse(docs[1].mayBeSignalled(by: [R.github([])], observed: [], terminal: "decommissioned"))
    }

    /// A connector with `verify-removal` open is held for its removal proof in whatever its
    /// workflow calls the terminal state, not only in one named `decommissioned`.
    func testVerifyRemovalIsHeldInTheWorkflowsOwnTerminalState() throws {
        var ended = try ConnectorBuilder.active("crm-sync", at: "2026-01-02T09:00:00Z", spec: F.spec(bindings: [Binding(platform: "aws", ref: R.crmArn)]))
        try ended.decommission(at: "2026-02-20T00:00:00Z")
        var doc = ended.document
        XCTAssertTrue(doc.tasks.contains { $0.kind == .verifyRemoval && $0.status == .open })
        let exports = [R.aws([])]
        XCTAssertTrue(doc.mayBeSignalled(by: exports, observed: [], terminal: doc.state))
        doc.state = "retired"   // a workflow whose terminal state has another name
        XCTAssertTrue(doc.mayBeSignalled(by: exports, observed: [], terminal: "retired"))
        XCTAssertFalse(doc.mayBeSignalled(by: exports, observed: [], terminal: "decommissioned"), "not terminal in that workflow")
    }
}
