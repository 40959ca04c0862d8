import Foundation
import StewardCore
import XCTest

/// What a first-time user trips over on the command line: typos that used to pass in
/// silence, errors that came one at a time, exit codes and formats the contract fixes.
final class NewUserCommandLineTests: XCTestCase {
    typealias R = EndToEndRepo

    private func assertError(_ r: ProcessResult, _ status: Int32, mentions: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, status, "stdout: \(r.stdout)\nstderr: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("steward: error: "), r.stderr, file: file, line: line)
        for m in mentions { XCTAssertTrue(r.stderr.contains(m), "\(m) not in: \(r.stderr)", file: file, line: line) }
        XCTAssertEqual(r.stdout, "", "errors go to stderr only", file: file, line: line)
    }

    func testAKillSwitchForASystemNobodyHasFailsAndNamesTheSystemsNearestFirst() throws {
        let repo = try R()
        try repo.active("pd-events", system: "pagerduty")
        try repo.active("crm-sync", system: "salesforce")
        let before = repo.stateSnapshot()
        let r = repo.steward(["decommission", "--system", "pagerdty", "--reason", "vendor breach", "--as", R.alice])
        assertError(r, 1, mentions: ["pagerdty", "pagerduty, salesforce", "nothing was decommissioned"])
        XCTAssertEqual(repo.stateSnapshot(), before)
        // A system whose connectors are all gone already: nothing to do, and that is success.
        try repo.act(["decommission", "--system", "pagerduty", "--reason", "vendor breach"], as: R.alice, at: "2026-01-06T09:00:00Z")
        let again = try repo.expect(repo.steward(["decommission", "--system", "PagerDuty", "--reason", "again", "--as", R.alice, "--now", "2026-01-06T10:00:00Z"]), 0)
        XCTAssertTrue(again.stdout.contains("already decommissioned"), again.stdout)
    }

    func testNewNamesEveryMissingRequiredOptionAtOnce() throws {
        let repo = try R()
        let r = repo.steward(["new", "foo", "--as", R.rita])
        assertError(r, 2, mentions: ["missing --system, --purpose, --business-owner and --technical-owner for 'new'"])
        let some = repo.steward(["new", "foo", "--system", "s", "--as", R.rita])
        assertError(some, 2, mentions: ["missing --purpose, --business-owner and --technical-owner for 'new'"])
        let help = try repo.expect(repo.steward(["help", "new"]), 0)
        XCTAssertTrue(help.stdout.contains("USAGE: steward new ID --system S --purpose TEXT --business-owner EMAIL --technical-owner EMAIL [--scope X ...]"), help.stdout)
    }

    func testListRefusesAnUnknownStateAndSaysWhenAFilterMatchesNothing() throws {
        let repo = try R()
        try repo.active("crm-sync")
        assertError(repo.steward(["list", "--state", "actve"]), 2, mentions: ["--state 'actve'", "did you mean 'active'?"])
        // The states come from the workflows: a state a workflow adds is accepted.
        let sys = try repo.expect(repo.steward(["list", "--system", "salesforc"]), 0)
        XCTAssertTrue(sys.stderr.contains("no connector has system 'salesforc'; nearest first: salesforce"), sys.stderr)
        let owner = try repo.expect(repo.steward(["list", "--owner", "le@x.example"]), 0)
        XCTAssertTrue(owner.stderr.contains("no connector is owned by 'le@x.example'"), owner.stderr)
        let ok = try repo.expect(repo.steward(["list", "--state", "active", "--system", "salesforce", "--owner", R.lee]), 0)
        XCTAssertEqual(ok.stderr, "")
        XCTAssertTrue(ok.stdout.contains("crm-sync"))
    }

    func testListAcceptsAStateOnlyACustomWorkflowHas() throws {
        let repo = try R()
        var wf = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(repo.bytes("Workflows/standard.json"))) as? [String: Any])
        wf["name"] = "parked"
        wf["states"] = (wf["states"] as? [String] ?? []) + ["parked"]
        var transitions = wf["transitions"] as? [[String: Any]] ?? []
        transitions.append(["event": "amend", "from": ["parked"], "to": NSNull(), "guards": ["human-only"]])
        transitions.append(["event": "decommission", "from": ["parked"], "to": "decommissioned", "guards": ["human-only", "reason-required"]])
        transitions.append(["event": "rotate", "from": ["active"], "to": "parked", "guards": ["human-only"]])
        wf["transitions"] = transitions
        try JSONSerialization.data(withJSONObject: wf, options: [.sortedKeys]).write(to: URL(fileURLWithPath: repo.path("Workflows/parked.json")))
        try repo.expect(repo.steward(["check"]), 0)   // the workflow is sound
        let r = try repo.expect(repo.steward(["list", "--state", "parked"]), 0)
        XCTAssertEqual(r.stderr, "", "a workflow's own state is a valid filter")
    }

    func testExitCodesAndFormatsAgreeWithTheContract() throws {
        let repo = try R()
        try repo.active("crm-sync")
        assertError(repo.steward(["graph", "nosuch"]), 2, mentions: ["no workflow 'nosuch'", "standard"])
        let version = try repo.expect(repo.steward(["--version"]), 0)
        XCTAssertTrue(version.stdout.hasPrefix("steward "), version.stdout)
        let vjson = try repo.expect(repo.steward(["version", "--json"]), 0)
        XCTAssertNotNil(vjson.object?["version"] as? String, vjson.stdout)
        let cjson = try repo.expect(repo.steward(["codeowners", "--format", "json"]), 0)
        XCTAssertTrue((cjson.object?["codeowners"] as? String)?.contains("Generated by 'steward codeowners'") ?? false, cjson.stdout)
        for command in [["list"], ["tasks"], ["show", "crm-sync"]] {
            assertError(repo.steward(command + ["--now", "garbage"]), 2, mentions: ["invalid time 'garbage'"])
        }
        assertError(repo.steward(["check", "--base", "main"]), 2, mentions: ["is not a git repository"])
    }

    func testAMisspeltFieldInThePeopleFileIsNamed() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.write("people.json", #"[{"email": "dana@x.example", "status": "active"}, {"emial": "lee@x.example", "status": "active"}]"#)
        let before = repo.stateSnapshot()
        let r = repo.steward(["run", "--people", repo.path("people.json")])
        assertError(r, 4, mentions: ["[1].email", "'emial'"])
        XCTAssertEqual(repo.stateSnapshot(), before)
    }

    func testTasksMarksOverdueTasks() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.act(["decommission", "crm-sync", "--reason", "replaced"], as: R.lee, at: "2026-01-06T09:00:00Z")
        // revoke-credential and delete-secret are due after 1 day, verify-removal after 3.
        let text = try repo.expect(repo.steward(["tasks", "--now", "2026-01-08T09:00:00Z"]), 0)
        let lines = text.stdout.split(separator: "\n")
        XCTAssertTrue(lines.first { $0.contains("#4-revoke-credential") }?.contains("OVERDUE") ?? false, text.stdout)
        XCTAssertFalse(lines.first { $0.contains("#4-verify-removal") }?.contains("OVERDUE") ?? true, text.stdout)
        let json = try repo.expect(repo.steward(["tasks", "--json", "--now", "2026-01-08T09:00:00Z"]), 0)
        let tasks = try XCTUnwrap(json.object?["tasks"] as? [[String: Any]])
        XCTAssertEqual(tasks.first { ($0["id"] as? String)?.hasSuffix("revoke-credential") ?? false }?["overdue"] as? Bool, true)
        XCTAssertEqual(tasks.first { ($0["id"] as? String)?.hasSuffix("verify-removal") ?? false }?["overdue"] as? Bool, false)
    }
}
