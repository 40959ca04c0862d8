import Foundation
import XCTest
@testable import StewardCore

/// `steward check` judges the task templates too: a typo in a placeholder fails the gate
/// instead of surfacing later as `run --outbox` refusing to run.
final class TreeCheckTemplateTests: XCTestCase {
    func testAnUnknownPlaceholderIsAViolationNamingTheTemplate() throws {
        let root = Fixture.governanceRoot(self)
        XCTAssertEqual(TreeCheck.run(root).violations, [], "the shipped templates are clean")
        Fixture.put(root.templatesPath + "/notify-owners.md", Data("Dear owner,\n{{conector}} is gone.\n".utf8))
        let v = TreeCheck.run(root).violations
        XCTAssertEqual(v.map(\.rule), ["template"])
        XCTAssertEqual(v.first?.file, "Templates/notify-owners.md")
        XCTAssertTrue(v.first?.message.contains("2:1: unknown placeholder 'conector'") ?? false, v.first?.message ?? "")
    }
}
