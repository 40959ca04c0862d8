import XCTest
@testable import StewardCore

/// CODEOWNERS and workflow graphs (evidence, the estate report and the dashboard have files of their own).
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
        for wf in [Fixture.standard, Fixture.temporary] {
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
        let wf = Fixture.standard
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
