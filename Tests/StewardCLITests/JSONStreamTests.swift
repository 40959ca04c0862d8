import StewardCore
import XCTest
@testable import StewardCLI

/// The streamed listing must be the same bytes as pretty-printing the whole document.
final class JSONStreamTests: XCTestCase {
    private func streamed(_ elements: [JSONValue], rest: [String: JSONValue]) -> String {
        var out = ""
        var s = JSONStream(key: "connectors") { out += $0 }
        for e in elements { s.append(e) }
        s.finish(rest: rest)
        return out
    }

    func testMatchesThePrettyFormOfTheWholeDocument() {
        let row: JSONValue = .object(["id": .string("crm-sync"), "owners": .object(["business": .string("d@x"), "technical": .string("l@x")]),
                                      "tags": .array([.string("a"), .int(2)]), "empty": .array([]), "note": .string("line\nbreak \"q\"")])
        let errors: JSONValue = .array([.object(["file": .string("State/x.json"), "message": .string("bad")])])
        for elements in [[], [row], [row, .object([:]), row]] {
            let whole = CanonicalJSON.pretty(.object(["connectors": .array(elements), "errors": errors, "zeta": .object([:])]))
            XCTAssertEqual(streamed(elements, rest: ["errors": errors, "zeta": .object([:])]), String(decoding: whole, as: UTF8.self),
                           "\(elements.count) elements")
        }
    }
}
