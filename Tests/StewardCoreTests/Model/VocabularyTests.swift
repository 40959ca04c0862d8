import XCTest
@testable import StewardCore

/// The typed vocabularies keep the words files, reports and JSON use, and their order.
final class VocabularyTests: XCTestCase {
    func testLintLevelsAreTheWorkflowWordsAndTheStrictestWins() {
        XCTAssertEqual(LintLevel.allCases.map(\.rawValue), ["off", "warning", "error"])
        XCTAssertEqual([LintLevel.warning, .off, .error, .warning].max(), .error)
        XCTAssertEqual([LintLevel.warning, .off].max(), .warning)
        XCTAssertNil(LintLevel(rawValue: "Error"), "levels are lower-case words")
    }

    func testSeveritiesRunFromTheMostUrgent() {
        XCTAssertEqual(Severity.allCases.map(\.rawValue), ["critical", "high", "medium", "low"])
        XCTAssertEqual(Severity.allCases.map(\.rank), [0, 1, 2, 3])
        XCTAssertEqual(Severity.allCases.map(\.title), ["Critical", "High", "Medium", "Low"])
    }

    func testAWorkflowLintLevelThatIsNoLevelIsRefusedNamingTheField() throws {
        let wf = Fixture.workflowJSON("standard")
        guard case .object(var o) = wf, case .object(var lints) = o["lints"] else { return XCTFail("the shipped workflow has lints") }
        lints["overprivileged"] = .string("loud")
        o["lints"] = .object(lints)
        XCTAssertThrowsError(try WorkflowDecoding.workflow(.object(o), file: "Workflows/standard.json")) { e in
            XCTAssertTrue("\(e)".contains("lints.overprivileged"), "\(e)")
        }
    }
}
