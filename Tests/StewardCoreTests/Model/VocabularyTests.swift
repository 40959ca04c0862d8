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

/// How replay finds an event's kind and its candidate transitions without hashing.
final class EventKindLookupTests: XCTestCase {
    /// An event kind's position is its place in `allCases`, and the by-length lookup replay
    /// uses names the same kind as `EventKind(rawValue:)`, and nothing for any other text.
    func testEventKindPositionsAndLookupAgreeWithTheEnum() {
        for (i, kind) in EventKind.allCases.enumerated() {
            XCTAssertEqual(kind.position, i, kind.rawValue)
            XCTAssertEqual(Replay.eventKind(kind.rawValue), kind)
        }
        for other in ["", "Request", "request ", "approved", "close_task", "review-due2", "x", "é", "rej\u{E9}c", "\u{E9}xpir",
                      "ame\u{301}nd", String(repeating: "a", count: 40)] {
            XCTAssertNil(Replay.eventKind(other), other)
            XCTAssertNil(EventKind(rawValue: other), other)
        }
    }

    /// The index finds, for every (event, from-state), the transitions a filter of the
    /// whole list finds, in the same order.
    func testTransitionIndexAgreesWithFilteringTheList() {
        for wf in [Fixture.workflow("standard"), Fixture.workflow("temporary")] {
            let states: [String?] = [nil] + wf.states.map { Optional($0) } + ["no-such-state"]
            for kind in EventKind.allCases {
                for state in states {
                    let filtered = wf.transitions.filter { t in t.event == kind && (state.map { t.from.contains($0) } ?? t.from.isEmpty) }
                    XCTAssertEqual(wf.transitions(of: kind, from: state), filtered, "\(wf.name): \(kind.rawValue) from \(state ?? "nil")")
                }
            }
        }
    }
}
