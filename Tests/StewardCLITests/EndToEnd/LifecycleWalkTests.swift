import Foundation
import StewardCore
import XCTest

/// `steward init`, one connector walked through its whole life on the command line, and the
/// kill switch.
final class LifecycleWalkTests: XCTestCase {
    typealias R = EndToEndRepo

    func testInitWritesTheDefaultFilesAndRefusesToOverwrite() throws {
        let repo = try R()
        for (path, contents) in DefaultFiles.all where path != "Workflows/roles.json" {  // the harness rewrites roles
            XCTAssertEqual(repo.bytes(path), Data(contents.utf8), path)
        }
        let ignore = String(decoding: repo.bytes(".gitignore") ?? Data(), as: UTF8.self)
        XCTAssertTrue(ignore.contains("State/.lock"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: repo.path("State/.gitkeep")))
        // init again into the same (now non-empty) directory: refused, nothing rewritten.
        try repo.write("Workflows/standard.json", "{\"edited\": true}\n")
        let again = repo.run(R.binary, ["init", "repo"], in: repo.base)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.hasPrefix("steward: error: "), again.stderr)
        XCTAssertTrue(again.stderr.contains("already exists"), again.stderr)
        XCTAssertEqual(repo.bytes("Workflows/standard.json"), Data("{\"edited\": true}\n".utf8))
        XCTAssertEqual(repo.run(R.binary, ["init"], in: repo.base).status, 2, "init needs a directory")
    }

    func testTheFullWalkFromRequestToClosedTasks() throws {
        let repo = try R()
        try repo.request("crm-sync", extra: ["--risk", "high"])
        var doc = try repo.load("crm-sync")
        XCTAssertEqual(doc.state, "requested")
        XCTAssertEqual(doc.spec.risk, .high)
        XCTAssertEqual(doc.spec.bindings, [Binding(platform: "aws", ref: "arn:aws:iam::123456789012:user/crm-sync")])

        let first = try repo.act(["approve", "crm-sync", "--note", "CAB-1042"], as: R.alice, at: "2026-01-05T10:00:00Z")
        XCTAssertTrue(first.stdout.contains("second, different approver"), first.stdout)
        XCTAssertEqual(try repo.load("crm-sync").state, "requested")
        try repo.act(["approve", "crm-sync"], as: R.bob, at: "2026-01-05T10:30:00Z")
        XCTAssertEqual(try repo.load("crm-sync").state, "approved")

        try repo.act(["activate", "crm-sync", "--credential-id", "key-1"], as: R.lee, at: "2026-01-05T11:00:00Z")
        doc = try repo.load("crm-sync")
        XCTAssertEqual(doc.state, "active")
        XCTAssertEqual(doc.due.review?.iso8601, "2026-02-04T11:00:00Z", "high risk: 30 days")

        let rotate = try repo.act(["rotate", "crm-sync", "--credential-id", "key-2"], as: R.lee, at: "2026-01-10T09:00:00Z")
        XCTAssertTrue(rotate.stdout.contains("crm-sync#5-revoke-old-credential"), rotate.stdout)
        try repo.act(["confirm-rotation", "crm-sync", "--evidence", "old key deleted, CloudTrail 7f3c"], as: R.lee, at: "2026-01-11T09:00:00Z")
        doc = try repo.load("crm-sync")
        XCTAssertEqual(doc.state, "active")
        XCTAssertEqual(doc.tasks.map(\.status), [.done])
        XCTAssertEqual(doc.due.rotation?.iso8601, "2026-04-11T09:00:00Z")

        try repo.act(["recertify", "crm-sync", "--note", "still used by finance"], as: R.carol, at: "2026-02-01T09:00:00Z")
        XCTAssertEqual(try repo.load("crm-sync").due.review?.iso8601, "2026-03-03T09:00:00Z")

        let dec = try repo.act(["decommission", "crm-sync", "--reason", "replaced by crm-sync-v2", "--json"], as: R.lee, at: "2026-02-10T09:00:00Z")
        let events = try XCTUnwrap(dec.object?["events"] as? [[String: Any]])
        XCTAssertEqual(events.first?["to"] as? String, "decommissioned")
        let opened = try XCTUnwrap(events.first?["tasks"] as? [String])
        XCTAssertEqual(opened, ["revoke-credential", "delete-secret", "verify-removal", "notify-owners"].map { "crm-sync#8-\($0)" })

        let tasks = try repo.expect(repo.steward(["tasks", "--json"]), 0)
        XCTAssertEqual(Set((tasks.object?["tasks"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }), Set(opened))
        for (i, task) in opened.enumerated() {
            // Removal is verified by an approver who never held the credential, not by its owner.
            try repo.act(["close-task", task, "--evidence", "done, ticket SEC-\(i)"], as: task.hasSuffix("verify-removal") ? R.carol : R.lee, at: "2026-02-11T09:00:00Z")
        }
        doc = try repo.load("crm-sync")
        XCTAssertEqual(doc.state, "decommissioned")
        XCTAssertEqual(doc.version, 12)
        XCTAssertTrue(doc.openTasks.isEmpty)
        XCTAssertEqual(doc.history.map(\.event), ["request", "approve", "approve", "activate", "rotate", "confirm-rotation",
                                                  "recertify", "decommission", "close-task", "close-task", "close-task", "close-task"])
        XCTAssertEqual(doc.history.map(\.actor), [R.rita, R.alice, R.bob, R.lee, R.lee, R.lee, R.carol, R.lee, R.lee, R.lee, R.carol, R.lee])
        // What the commands wrote is a sound tree.
        try repo.expect(repo.steward(["check"]), 0)
        // Nothing more may happen but closing tasks.
        let refused = repo.steward(["recertify", "crm-sync", "--as", R.alice, "--now", "2026-02-12T09:00:00Z"])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("terminal-state"), refused.stderr)
    }

    func testAWideningAmendNeedsAnotherApproverOnTheCommandLine() throws {
        let repo = try R()
        try repo.active("crm-sync")
        try repo.act(["amend", "crm-sync", "--add-scope", "write:Account"], as: R.bob, at: "2026-01-06T09:00:00Z")
        let own = repo.steward(["approve", "crm-sync", "--as", R.bob, "--now", "2026-01-06T10:00:00Z"])
        XCTAssertEqual(own.status, 1)
        XCTAssertTrue(own.stderr.contains("separation-of-duties"), own.stderr)
        try repo.act(["approve", "crm-sync"], as: R.alice, at: "2026-01-06T10:00:00Z")
        XCTAssertEqual(try repo.load("crm-sync").spec.scopes, ["read:Account", "write:Account"])
        XCTAssertEqual(repo.steward(["amend", "crm-sync", "--as", R.bob]).status, 2, "an amend with no change is a usage error")
    }

    func testTheKillSwitchDecommissionsEveryLiveConnectorOfASystem() throws {
        let repo = try R()
        try repo.active("sf-export")
        try repo.request("sf-import")
        try repo.active("gh-bot", system: "github")
        try repo.request("sf-old")
        try repo.act(["reject", "sf-old", "--reason", "duplicate"], as: R.alice, at: "2026-01-05T12:00:00Z")
        let before = repo.bytes("State/sf-old.json")
        let out = try repo.act(["decommission", "--system", "Salesforce", "--reason", "vendor breach INC-7", "--json"],
                               as: "security-oncall@x.example", at: "2026-01-06T00:00:00Z")
        let events = try XCTUnwrap(out.object?["events"] as? [[String: Any]])
        XCTAssertEqual(events.compactMap { $0["id"] as? String }, ["sf-export", "sf-import"])
        XCTAssertEqual(try repo.load("sf-export").state, "decommissioned")
        XCTAssertEqual(try repo.load("sf-export").openTasks.count, 4, "a credential was issued")
        XCTAssertEqual(try repo.load("sf-import").openTasks.map(\.kind), ["notify-owners"])
        XCTAssertEqual(try repo.load("gh-bot").state, "active", "another system is untouched")
        XCTAssertEqual(repo.bytes("State/sf-old.json"), before, "already decommissioned: untouched")
        XCTAssertEqual(try repo.load("sf-export").history.last?.actor, "security-oncall@x.example")
        // Again: nothing live is left.
        let none = try repo.act(["decommission", "--system", "salesforce", "--reason", "again"], as: R.alice, at: "2026-01-06T01:00:00Z")
        XCTAssertTrue(none.stdout.contains("already decommissioned"), none.stdout)
        XCTAssertEqual(repo.steward(["decommission", "sf-export", "--system", "salesforce", "--reason", "x", "--as", R.alice]).status, 2)
    }
}
