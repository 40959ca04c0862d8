import Foundation
import XCTest
@testable import StewardCore

/// `--outbox DIR`: each newly opened task becomes `<task id>.md` and `.json`, rendered from
/// Templates/, never rewritten; a missing or broken template costs only its ticket.
final class OutboxTests: XCTestCase {
    typealias F = Fixture

    private func decommissioningRun(_ root: GovernanceRoot, outbox dir: String) throws -> RunReport {
        let until = F.t0.plus(days: 20)
        let doc = try ConnectorBuilder.active("migration", spec: F.spec(until: until), workflow: F.temporary).document
        try StateStore(root: root).write([doc])
        var o = RunOptions(now: until)
        o.outbox = dir
        return try RunPipeline(root: root).run(o)
    }

    func testEachOpenedTaskIsWrittenAsMarkdownAndJSON() throws {
        let root = F.governanceRoot(self)
        let dir = root.path + "/outbox"
        let report = try decommissioningRun(root, outbox: dir)
        let ids = report.tasks.map(\.id)
        XCTAssertEqual(ids, ["revoke-credential", "delete-secret", "verify-removal", "notify-owners"].map { "migration#4-\($0)" })
        let doc = try StateStore(root: root).load("migration")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(),
                       ids.flatMap { ["\($0).json", "\($0).md"] }.sorted())
        for task in doc.openTasks {
            let md = String(decoding: FileManager.default.contents(atPath: "\(dir)/\(task.id).md")!, as: UTF8.self)
            for needle in ["migration", F.dana, F.lee, "vault://kv/integrations/crm-sync",
                           "arn:aws:iam::123456789012:user/crm-sync", task.dueAt!.iso8601, "steward close-task '\(task.id)'"] {
                XCTAssertTrue(md.contains(needle), "\(task.id).md lacks \(needle)")
            }
            XCTAssertFalse(md.contains("{{"), "\(task.id).md has an unrendered placeholder")
            let json = try StrictJSON.parse(Array(FileManager.default.contents(atPath: "\(dir)/\(task.id).json")!))
            XCTAssertEqual(json.objectValue?["id"], .string(task.id))
            XCTAssertEqual(json.objectValue?["kind"], .string(task.kind.rawValue))
            XCTAssertEqual(json.objectValue?["connector"], .string("migration"))
            XCTAssertEqual(json.objectValue?["dueAt"], .string(task.dueAt!.iso8601))
            XCTAssertEqual(json.objectValue?["status"], .string("open"))
        }
        let revoke = String(decoding: FileManager.default.contents(atPath: "\(dir)/migration#4-revoke-credential.md")!, as: UTF8.self)
        XCTAssertTrue(revoke.contains("key-1"), "the credential id recorded by activate")
        XCTAssertTrue(revoke.contains("temporary window ended"), "the reason")
    }

    func testAnExistingTicketIsNeverRewritten() throws {
        let root = F.governanceRoot(self)
        let dir = root.path + "/outbox"
        let report = try decommissioningRun(root, outbox: dir)
        let path = "\(dir)/migration#4-notify-owners.md"
        Fixture.put(path, Data("picked up by JIRA-9\n".utf8))
        try FileManager.default.removeItem(atPath: "\(dir)/migration#4-delete-secret.md")
        let outbox = Outbox(directory: dir, root: root)
        _ = try outbox.write([try StateStore(root: root).load("migration")], opened: report.tasks, workflows: try WorkflowSet.load(root))
        XCTAssertEqual(FileManager.default.contents(atPath: path), Data("picked up by JIRA-9\n".utf8))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/migration#4-delete-secret.md"), "a missing ticket is written")
    }

    func testABrokenTemplateCostsOnlyItsTicketNeverTheTransition() throws {
        let root = F.governanceRoot(self)
        let template = root.templatesPath + "/notify-owners.md"
        let text = String(decoding: FileManager.default.contents(atPath: template)!, as: UTF8.self)
        Fixture.put(template, Data((text + "\nOwner: {{ownerName}}\n").utf8))
        let dir = root.path + "/outbox"
        let report = try decommissioningRun(root, outbox: dir)
        XCTAssertEqual(try StateStore(root: root).load("migration").state, "decommissioned", "the transition is written")
        XCTAssertEqual(report.errors.map(\.file), ["Templates/notify-owners.md"])
        XCTAssertTrue(report.errors[0].message.contains("ownerName"), report.errors[0].message)
        XCTAssertTrue(report.errors[0].message.contains("migration#4-notify-owners"), report.errors[0].message)
        let md = String(decoding: FileManager.default.contents(atPath: "\(dir)/migration#4-notify-owners.md")!, as: UTF8.self)
        XCTAssertTrue(md.contains("built-in rendering") && md.contains("steward close-task 'migration#4-notify-owners'"), md)
        XCTAssertFalse(md.contains("{{"))
    }

    func testAMissingTemplateCostsOnlyItsTicket() throws {
        let root = F.governanceRoot(self)
        try FileManager.default.removeItem(atPath: root.templatesPath + "/revoke-credential.md")
        let dir = root.path + "/outbox"
        let report = try decommissioningRun(root, outbox: dir)
        XCTAssertEqual(try StateStore(root: root).load("migration").state, "decommissioned")
        XCTAssertEqual(report.errors.map(\.file), ["Templates/revoke-credential.md"])
        XCTAssertTrue(report.errors[0].message.contains("is missing"), report.errors[0].message)
        XCTAssertEqual(report.tasks.count, 4, "every task still opens")
        for t in report.tasks { XCTAssertTrue(FileManager.default.fileExists(atPath: "\(dir)/\(t.id).md"), t.id) }
    }

    func testWithEveryTemplateInPlaceARunReportsNoError() throws {
        let root = F.governanceRoot(self)
        XCTAssertEqual(try decommissioningRun(root, outbox: root.path + "/outbox").errors, [])
    }

    func testAnOutboxThatCannotBeWrittenStillLetsTheTransitionsThrough() throws {
        let root = F.governanceRoot(self)
        let blocker = root.path + "/outbox"
        Fixture.put(blocker, Data("a file, not a folder\n".utf8))
        let report = try decommissioningRun(root, outbox: blocker)
        XCTAssertEqual(try StateStore(root: root).load("migration").state, "decommissioned")
        XCTAssertEqual(report.errors.map(\.file), [blocker])
    }

    func testNothingOpenedWritesNothing() throws {
        let root = F.governanceRoot(self)
        let dir = root.path + "/outbox"
        _ = try Outbox(directory: dir, root: root).write([], opened: [], workflows: try WorkflowSet.load(root))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir), "the outbox is created only when a ticket is written")
    }

    func testEveryShippedTemplateLoads() throws {
        let outbox = Outbox(directory: "/unused", root: F.governanceRoot(self))
        XCTAssertEqual(Set(outbox.loaded.templates.keys), Set(F.standard.taskKinds.keys))
    }
}
