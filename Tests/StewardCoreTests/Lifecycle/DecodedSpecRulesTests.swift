import XCTest
@testable import StewardCore

/// A spec decoded while reading a stored file (and carried to replay) is judged by the
/// same spec rules as one replay decodes itself (here: `until` after its event). Both
/// readers are tried: the one-pass reader and the tree decoder.
final class DecodedSpecRulesTests: XCTestCase {
    typealias F = Fixture

    /// `document` re-read from its bytes after `edit`, by both readers.
    func reread(_ doc: ConnectorDocument, _ edit: (String) -> String) throws -> [ConnectorDocument] {
        let bytes = Array(edit(String(decoding: DocumentEncoding.bytes(doc), as: UTF8.self)).utf8)
        let tree = try DocumentDecoding.document(try JSONFile.parse(bytes: bytes, shown: "x.json"), file: "x.json")
        let fast = try XCTUnwrap(bytes.withUnsafeBufferPointer { DocumentReader.document($0) })
        XCTAssertNotNil(tree.history.first?.decodedSpec.spec)
        XCTAssertNotNil(fast.history.first?.decodedSpec.spec)
        return [tree, fast]
    }

    func problem(_ doc: ConnectorDocument) -> RuleID? {
        if case .failure(let p) = Replay.run(doc, workflow: F.standard, file: "x.json", options: .init(verifyHashes: false)) { return p.rule }
        return nil
    }

    func testAStoredRequestWhoseUntilIsNotAfterItIsRefused() throws {
        var b = ConnectorBuilder()
        try b.perform(.request(F.spec(until: F.t0.plus(days: 20))), by: F.rita, at: F.t0.plus(days: 15))
        XCTAssertNil(problem(b.document))
        for doc in try reread(b.document, { $0.replacingOccurrences(of: "2026-01-25T09:00:00Z", with: "2026-01-15T09:00:00Z") }) {
            XCTAssertEqual(problem(doc), "until-past")
        }
    }
}
