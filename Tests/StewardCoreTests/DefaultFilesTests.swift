import Foundation
import XCTest
@testable import StewardCore

/// `steward init` writes `DefaultFiles.all`, generated from Workflows/ and Templates/ by
/// `make embed`. If someone edits a file and forgets to regenerate, this fails.
final class DefaultFilesTests: XCTestCase {
    private let root = Fixture.packageRoot

    private func filesOnDisk() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for dir in ["Workflows", "Templates"] {
            // Recursively: Templates/ also holds CI and scheduling examples in subdirectories.
            for (rel, data) in Fixture.snapshot(root + "/" + dir) where !rel.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
                out["\(dir)/\(rel)"] = data
            }
        }
        // init writes placeholder roles, never the example estate's approvers.
        out["Workflows/roles.json"] = FileManager.default.contents(atPath: root + "/scripts/init-roles.json")
        return out
    }

    func testEmbeddedFilesEqualTheFilesOnDiskByteForByte() throws {
        let disk = try filesOnDisk()
        let embedded = DefaultFiles.all
        XCTAssertEqual(Set(embedded.map(\.path)), Set(disk.keys), "run `make embed`")
        XCTAssertEqual(embedded.count, Set(embedded.map(\.path)).count, "no path twice")
        for (path, contents) in embedded {
            XCTAssertEqual(Data(contents.utf8), disk[path], "\(path) differs from the file on disk; run `make embed`")
        }
    }

    func testInitShipsPlaceholderApproversNotTheExampleCompanys() throws {
        let contents = try XCTUnwrap(DefaultFiles.all.first { $0.path == "Workflows/roles.json" }?.contents)
        XCTAssertFalse(contents.lowercased().contains("northwind"), "init must not ship the example estate's approvers")
        let roles = try WorkflowDecoding.roles(try StrictJSON.parse(contents), file: "Workflows/roles.json")
        XCTAssertGreaterThanOrEqual(roles.approvers.count, 2, "two placeholders: a high-risk connector needs two approvers")
        XCTAssertTrue(roles.approvers.allSatisfy(PlaceholderRoles.isPlaceholder), roles.approvers.joined(separator: ", "))
        XCTAssertEqual(PlaceholderRoles.check(roles).map(\.rule), [PlaceholderRoles.rule])
        // The project's own roles keep the example approvers for the example estate.
        let own = try WorkflowDecoding.roles(try StrictJSON.parse(String(contentsOfFile: root + "/Workflows/roles.json", encoding: .utf8)), file: "Workflows/roles.json")
        XCTAssertTrue(own.approvers.contains { $0.hasSuffix("@northwind.example") })
        XCTAssertTrue(PlaceholderRoles.check(Roles(approvers: ["sam@example.com"], logins: ["sam": "sam@example.com"])).isEmpty)
    }

    func testEveryEmbeddedWorkflowDecodesAndRolesDecode() throws {
        var names: [String] = []
        for (path, contents) in DefaultFiles.all where path.hasPrefix("Workflows/") && path.hasSuffix(".json") {
            let value = try StrictJSON.parse(contents)
            if path == "Workflows/roles.json" {
                XCTAssertFalse(try WorkflowDecoding.roles(value, file: path).approvers.isEmpty)
                continue
            }
            let wf = try WorkflowDecoding.workflow(value, file: path)
            XCTAssertEqual("Workflows/\(wf.name).json", path)
            names.append(wf.name)
        }
        XCTAssertEqual(names.sorted(), ["standard", "temporary"])
    }

    func testEveryEmbeddedTaskTemplateOnlyUsesKnownPlaceholders() throws {
        // Task templates are the Markdown files directly under Templates/ (the outbox loads those).
        let templates = DefaultFiles.all.filter { $0.path.hasPrefix("Templates/") && $0.path.hasSuffix(".md") && $0.path.split(separator: "/").count == 2 }
        XCTAssertFalse(templates.isEmpty)
        for (path, contents) in templates {
            XCTAssertNoThrow(try Template(name: path, text: contents, allowed: TaskTemplates.placeholders), path)
        }
    }
}
