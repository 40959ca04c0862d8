import XCTest
@testable import StewardCore

/// `Identity.problem` and `BlankText.isBlank` answer ASCII text from its bytes; these
/// compare them with the scalar-by-scalar definitions on random text.
final class IdentityShortcutTests: XCTestCase {
    /// The definition: every scalar judged by `isForbidden`, lengths counted in scalars.
    func referenceProblem(_ text: String) -> String? {
        if text.isEmpty { return "is empty; expected a plain e-mail address" }
        var ats = 0, count = 0, atIndex = -1
        for s in text.unicodeScalars {
            if s == "@" { ats += 1; atIndex = count }
            if Identity.isForbidden(s) {
                return "holds \(Identity.describe(s)); an identity is a plain e-mail address with no whitespace, control or invisible character"
            }
            count += 1
        }
        return Identity.shapeProblem(count: count, ats: ats, atIndex: atIndex)
    }

    func referenceBlank(_ text: String) -> Bool {
        !text.unicodeScalars.contains { !Identity.isForbidden($0) || ($0.properties.generalCategory == .privateUse) }
    }

    func testShortcutsAgreeWithTheScalarDefinitions() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [String] = ["a", "B", "@", ".", "-", " ", "\t", "\n", "\u{7F}", "\u{0}", "é", "\u{A0}", "\u{200B}", "\u{2800}",
                                "\u{E000}", "😀", "x@y.example", String(repeating: "a", count: 250)]
        for _ in 0..<5_000 {
            let text = (0..<Int.random(in: 0...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            XCTAssertEqual(Identity.problem(text), referenceProblem(text), text.debugDescription)
            XCTAssertEqual(BlankText.isBlank(text), referenceBlank(text), text.debugDescription)
        }
        // Small (inline) and large strings alike, and the shapes around the length limit.
        for text in ["a@b", "ab@", "@ab", "a@b@c", "dana@x.example", String(repeating: "d", count: 260) + "@x",
                     "@x", "x@", "nobody", String(repeating: "a", count: 250) + "@x.ex", String(repeating: "a", count: 240) + "@x.ex",
                     "a b@x", "a\tb@x", "a\u{7F}@x", "é@x", "a@x\u{200B}"] {
            XCTAssertEqual(Identity.problem(text), referenceProblem(text), text)
        }
    }
}
