import Foundation
import XCTest
@testable import StewardCore

/// Every task kind a workflow can open needs its template: `check` refuses a tree missing
/// one (rule `template-missing`), so that the runner's built-in rendering stays a fallback.
final class TreeCheckTemplateMissingTests: XCTestCase {
    func testAMissingTemplateIsAViolationNamingTheKind() throws {
        let root = Fixture.governanceRoot(self)
        try FileManager.default.removeItem(atPath: root.templatesPath + "/revoke-old-credential.md")
        let v = TreeCheck.run(root).violations
        XCTAssertEqual(v.map(\.rule), ["template-missing"])
        XCTAssertEqual(v.first?.file, "Templates/revoke-old-credential.md")
        XCTAssertTrue(v.first?.message.contains("standard, temporary") ?? false, v.first?.message ?? "")
    }

    func testEveryKindTheShippedWorkflowsCanOpenHasATemplate() {
        let root = Fixture.governanceRoot(self)
        XCTAssertEqual(TreeCheck.run(root).violations, [])
        let kinds = TaskTemplates.kinds(of: Fixture.standard).union(TaskTemplates.kinds(of: Fixture.temporary))
        XCTAssertEqual(kinds.subtracting(TaskTemplates.load(root).templates.keys), [])
    }

    func testATemplateFolderWithoutTheFileIsRefusedEvenForAnOffboardingKind() throws {
        let root = Fixture.governanceRoot(self)
        try FileManager.default.removeItem(atPath: root.templatesPath + "/notify-owners.md")
        try FileManager.default.removeItem(atPath: root.templatesPath + "/delete-secret.md")
        XCTAssertEqual(TreeCheck.run(root).violations.map(\.file), ["Templates/delete-secret.md", "Templates/notify-owners.md"])
    }

    func testWithoutATemplatesFolderEveryKindIsMissing() throws {
        let root = Fixture.governanceRoot(self)
        try FileManager.default.removeItem(atPath: root.templatesPath)
        let v = TreeCheck.run(root).violations
        XCTAssertEqual(Set(v.map(\.rule)), ["template-missing"])
        XCTAssertEqual(v.count, TaskTemplates.kinds(of: Fixture.standard).union(TaskTemplates.kinds(of: Fixture.temporary)).count)
    }
}
