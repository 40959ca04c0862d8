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

/// `ConnectorID.isValid` reads bytes in place; it agrees with the pattern written out.
final class ConnectorIDPatternTests: XCTestCase {
    /// The pattern `^[a-z0-9][a-z0-9-]{0,62}$`, character by character.
    private func reference(_ text: String) -> Bool {
        let chars = Array(text.unicodeScalars)
        guard (1...63).contains(chars.count) else { return false }
        for (i, c) in chars.enumerated() {
            let lowerOrDigit = ("a"..."z").contains(c) || ("0"..."9").contains(c)
            if !(lowerOrDigit || (c == "-" && i > 0)) { return false }
        }
        return true
    }

    func testTheByteCheckAgreesWithThePattern() {
        let fixed = ["", "a", "-a", "a-", "a--b", "crm-sync", String(repeating: "a", count: 63), String(repeating: "a", count: 64),
                     "Crm", "crm_sync", "crm.sync", "crm sync", "é", "a\u{0}", "9", "--"]
        for t in fixed { XCTAssertEqual(ConnectorID.isValid(t), reference(t), t) }
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("az09-_A.é")
        for _ in 0..<3000 {
            let n = Int.random(in: 0...70, using: &rng)
            let t = String((0..<n).map { _ in alphabet.randomElement(using: &rng)! })
            XCTAssertEqual(ConnectorID.isValid(t), reference(t), t)
        }
    }
}
