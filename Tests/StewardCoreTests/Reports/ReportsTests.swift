import XCTest
@testable import StewardCore

/// CODEOWNERS, workflow graphs, evidence packs and the estate report.
final class CodeownersTests: XCTestCase {
    func testRoutesStateAndWorkflowsToTheApproversLogins() {
        let roles = Roles(approvers: ["alice@x.example", "Bob@X.example", "carol@x.example"],
                          logins: ["alice-gh": "alice@x.example", "bob-gh": "bob@x.example", "bob-alt": "BOB@x.example",
                                   "rita-gh": "rita@x.example"])
        let text = Codeowners.text(roles)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.contains("/State/ @alice-gh @bob-alt @bob-gh"), text)
        XCTAssertTrue(lines.contains("/Workflows/ @alice-gh @bob-alt @bob-gh"), text)
        XCTAssertTrue(lines.contains("/.github/ @alice-gh @bob-alt @bob-gh"), "the gate's own workflow needs an approver too: \(text)")
        XCTAssertFalse(text.contains("rita-gh"), "a login that is not an approver's owns nothing")
        // Approvers without a login are listed, in comments, so someone adds one.
        XCTAssertTrue(lines.contains("#   carol@x.example"), text)
        XCTAssertFalse(lines.contains("#   alice@x.example"), text)
        for line in lines where !line.hasPrefix("#") { XCTAssertTrue(line.hasPrefix("/State/ ") || line.hasPrefix("/Workflows/ ") || line.hasPrefix("/.github/ "), line) }
    }

    func testNoApproverWithALoginRoutesNothing() {
        let text = Codeowners.text(Roles(approvers: ["alice@x.example"], logins: ["rita-gh": "rita@x.example"]))
        XCTAssertFalse(text.contains("/State/"), text)
        XCTAssertTrue(text.contains("#   alice@x.example"), text)
        XCTAssertTrue(text.contains("No approver has a GitHub login yet"), text)
    }
}

final class WorkflowGraphTests: XCTestCase {
    func runnerEdges(_ wf: Workflow) -> [String] {
        wf.transitions.filter { $0.event.isRunnerEvent && $0.to != nil }.map { "\($0.event.rawValue) (runner)" }
    }

    /// The lines of a Mermaid state diagram as Mermaid's own lexer reads them
    /// (stateDiagram.jison: an id is `[^:\n\s\-\{]+`, a description after ':' has no ':' or ';').
    static let edgeLine = #"^    (\[\*\]|[^:\s\-{]+) --> (\[\*\]|[^:\s\-{]+)(: [^:;\n]+)?$"#
    static let stateLine = #"^    state "([a-z0-9-]+)" as ([^:\s\-{]+)$"#

    func testMermaidHasEveryStateAndTheRunnerEvents() {
        for wf in [GateKit.standard, GateKit.temporary] {
            let m = WorkflowGraph.mermaid(wf)
            let lines = m.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "stateDiagram-v2")
            var named: [String: String] = [:]  // id → state name
            var ids: Set<String> = []
            for line in lines.dropFirst() {
                if let r = line.range(of: Self.stateLine, options: .regularExpression), r == line.startIndex..<line.endIndex {
                    let parts = line.split(separator: "\"")
                    named[String(parts[2].dropFirst(4))] = String(parts[1])
                    continue
                }
                XCTAssertNotNil(line.range(of: Self.edgeLine, options: .regularExpression), "\(wf.name): Mermaid cannot parse: \(line)")
                let words = line.split(separator: " ")
                ids.insert(String(words[0]))
                ids.insert(String(words[2]).replacingOccurrences(of: ":", with: ""))
            }
            let shown = Set(ids.map { named[$0] ?? $0 })
            for s in wf.states { XCTAssertTrue(shown.contains(s), "\(wf.name): state \(s) missing\n\(m)") }
            XCTAssertEqual(named["review_due"], "review-due", m)
            XCTAssertEqual(runnerEdges(wf).count, 5, "expire, lapse, review-due, review-overdue, window-end")
            for r in runnerEdges(wf) { XCTAssertTrue(m.contains(r), "\(wf.name): \(r) missing\n\(m)") }
            XCTAssertTrue(m.contains("    [*] --> requested: request\n"), m)
            XCTAssertTrue(m.contains("    requested --> approved: approve\n"), m)
            XCTAssertTrue(m.contains("    active --> review_due: review-due (runner)\n"), m)
            XCTAssertTrue(m.contains("    decommissioned --> [*]\n"), m)
            XCTAssertFalse(m.contains("close-task"), "state-keeping events are not edges")
        }
    }

    func testDotHasEveryStateAndTheRunnerEvents() {
        let wf = GateKit.standard
        let d = WorkflowGraph.dot(wf)
        XCTAssertTrue(d.hasPrefix("digraph \"standard\" {\n"), d)
        XCTAssertTrue(d.hasSuffix("}\n"), d)
        for s in wf.states { XCTAssertTrue(d.contains("\"\(s)\""), "state \(s) missing\n\(d)") }
        for r in runnerEdges(wf) { XCTAssertTrue(d.contains(r), "\(r) missing\n\(d)") }
        XCTAssertTrue(d.contains("  \"decommissioned\" [peripheries=2];\n"), d)
        XCTAssertTrue(d.contains("  \"start\" -> \"requested\" [label=\"request\"];\n"), d)
        XCTAssertTrue(d.contains("  \"review-due\" -> \"decommissioned\" [label=\"decommission, review-overdue (runner), window-end (runner)\"];\n"), d)
        // Each edge appears once, its events joined into one label.
        let edges = d.split(separator: "\n").filter { $0.contains(" -> ") }
        XCTAssertEqual(edges.count, Set(edges.map { $0.split(separator: "[")[0] }).count, d)
    }
}

final class EvidencePackTests: XCTestCase {
    typealias K = GateKit

    func doc() throws -> ConnectorDocument {
        var b = try K.active("crm-sync", spec: K.spec(risk: .high), credential: "key-1")
        try b.append(.rotate, by: "lee@x.example", at: "2026-01-10T00:00:00Z", data: ["credentialId": .string("key-2")])
        try b.append(.confirmRotation, by: "lee@x.example", at: "2026-01-11T00:00:00Z",
                     data: ["evidence": .string("IAM key key-1 deleted, CloudTrail event 42")])
        try b.decommission(at: "2026-02-01T00:00:00Z", reason: "replaced by crm-sync-v2")
        return b.document
    }

    func testAGoodDocumentHasAVerifiedChain() throws {
        let d = try doc()
        let chain = Replay.run(d, workflow: K.standard, file: "State/crm-sync.json")
        guard case .object(let o) = EvidencePack.json(d, chain: chain), case .object(let c)? = o["chain"] else { return XCTFail() }
        XCTAssertEqual(c["ok"], .bool(true))
        XCTAssertEqual(c["headHash"], .string(d.history.last!.hash))
        XCTAssertEqual(c["events"], .int(Int64(d.history.count)))
        XCTAssertNil(c["problem"])
        guard case .array(let approvals)? = o["approvals"] else { return XCTFail() }
        XCTAssertEqual(approvals.compactMap { $0.objectValue?["actor"]?.stringValue }, ["alice@x.example", "bob@x.example"])
        guard case .array(let tasks)? = o["tasks"] else { return XCTFail() }
        let revoke = tasks.first { $0.objectValue?["id"]?.stringValue == "crm-sync#5-revoke-old-credential" }?.objectValue
        XCTAssertEqual(revoke?["status"], .string("done"))
        XCTAssertEqual(revoke?["evidence"], .string("IAM key key-1 deleted, CloudTrail event 42"))

        let md = EvidencePack.markdown(d, chain: chain)
        XCTAssertTrue(md.contains("- Hash chain: verified; head \(d.history.last!.hash)\n"), md)
        XCTAssertTrue(md.contains("| 2 | 2026-01-02T10:00:00Z | approve → requested | alice@x.example |"), md)
        XCTAssertTrue(md.contains("reason: replaced by crm-sync-v2"), md)
        XCTAssertTrue(md.contains("IAM key key-1 deleted, CloudTrail event 42"), md)
    }

    func testATamperedDocumentReportsTheProblem() throws {
        var d = try doc()
        d.history[1].actor = "mallory@x.example"  // who approved? not mallory
        let chain = Replay.run(d, workflow: K.standard, file: "State/crm-sync.json")
        guard case .object(let o) = EvidencePack.json(d, chain: chain), case .object(let c)? = o["chain"] else { return XCTFail() }
        XCTAssertEqual(c["ok"], .bool(false))
        let problem = try XCTUnwrap(c["problem"]?.stringValue)
        XCTAssertTrue(problem.contains("hash-chain"), problem)
        XCTAssertTrue(problem.contains("history[1]"), problem)
        let md = EvidencePack.markdown(d, chain: chain)
        XCTAssertTrue(md.contains("- Hash chain: **FAILED**: "), md)
        XCTAssertFalse(md.contains("verified"), md)
    }
}

final class EstateReportTests: XCTestCase {
    typealias K = GateKit

    func estate() throws -> [ConnectorDocument] {
        var requested = K.Builder("new-one")
        try requested.request(K.spec(risk: .low), at: "2026-02-20T09:00:00Z")
        let active = try K.active("crm-sync", spec: K.spec(risk: .high))
        let active2 = try K.active("hr-feed", spec: K.spec(risk: .medium))
        var gone = try K.active("old-etl", spec: K.spec(risk: .high))
        try gone.append(.rotate, by: "lee@x.example", at: "2026-01-10T00:00:00Z")
        try gone.append(.confirmRotation, by: "lee@x.example", at: "2026-01-11T00:00:00Z", data: ["evidence": .string("old key deleted")])
        try gone.decommission(at: "2026-02-01T00:00:00Z")
        return [requested.document, active.document, active2.document, gone.document]
    }

    func testCountsByStateAndListsOverdueTasks() throws {
        let r = EstateReport(docs: try estate(), unreadable: [], now: K.t("2026-02-10T00:00:00Z"))
        XCTAssertEqual(r.total, 4)
        XCTAssertEqual(r.byState, ["requested": 1, "active": 2, "decommissioned": 1])
        XCTAssertEqual(r.byRisk, ["low": 1, "medium": 1, "high": 1], "decommissioned connectors are not counted by risk")
        // old-etl's offboarding, opened 02-01: delete-secret and revoke-credential due 02-02,
        // notify-owners 02-03, verify-removal 02-04. Its revoke-old-credential (due 01-17) is done.
        XCTAssertEqual(r.overdueTasks.map(\.task.id),
                       ["old-etl#7-delete-secret", "old-etl#7-revoke-credential", "old-etl#7-notify-owners", "old-etl#7-verify-removal"])
        XCTAssertTrue(r.overdueTasks.allSatisfy { $0.connector == "old-etl" && $0.task.status == .open })
        XCTAssertEqual(r.openTasks, 4)
        // crm-sync (high risk) is due for review 30 days after activation: 2026-02-01T11:00.
        XCTAssertTrue(r.upcoming.contains { $0.connector == "crm-sync" && $0.what == "review" && $0.at == K.t("2026-02-01T11:00:00Z") })

        let md = r.markdown()
        XCTAssertTrue(md.contains("At 2026-02-10T00:00:00Z: 4 connectors"), md)
        XCTAssertTrue(md.contains("| active | 2 |"), md)
        XCTAssertTrue(md.contains("| decommissioned | 1 |"), md)
        XCTAssertTrue(md.contains("| old-etl#7-verify-removal | 2026-02-04T00:00:00Z |"), md)
        XCTAssertTrue(md.contains("4 open tasks, 4 overdue"), md)
        XCTAssertFalse(md.contains("old-etl#5-revoke-old-credential"), "a closed task is not overdue")

        guard case .object(let o) = r.json() else { return XCTFail() }
        XCTAssertEqual(o["connectors"], .int(4))
        XCTAssertEqual(o["byState"], .object(["requested": .int(1), "active": .int(2), "decommissioned": .int(1)]))
        XCTAssertEqual(o["overdueTasks"]?.arrayValue?.count, 4)

        let html = r.html()
        XCTAssertTrue(html.hasPrefix("<!doctype html>"), html)
        XCTAssertTrue(html.contains("<td>old-etl#7-revoke-credential</td>"), html)
    }

    func testNothingOverdueBeforeTheTasksFallDue() throws {
        let r = EstateReport(docs: try estate(), unreadable: ["State/bad.json: does not parse"], now: K.t("2026-02-01T12:00:00Z"))
        XCTAssertEqual(r.overdueTasks.count, 0)
        XCTAssertTrue(r.markdown().contains("## Overdue tasks\n\nNone.\n"), r.markdown())
        XCTAssertTrue(r.markdown().contains("- State/bad.json: does not parse"), r.markdown())
    }
}
