import XCTest
@testable import StewardCore

/// A document's `id` is a `ConnectorID`: text that is not an id is refused while reading,
/// on both read paths, naming the file and the field and showing the text, except what
/// looks like a credential, which is redacted.
final class ConnectorIDDecodingTests: XCTestCase {
    private func bytes(id: String) throws -> [UInt8] {
        let b = try ConnectorBuilder.active("crm-sync")
        var text = String(decoding: DocumentEncoding.bytes(b.document), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"id\": \"crm-sync\"", with: "\"id\": \"\(id)\"")
        XCTAssertTrue(text.contains("\"id\": \"\(id)\""), "the id was planted")
        return Array(text.utf8)
    }

    func testAnIdThatIsNotAConnectorIdIsRefusedNamingTheField() throws {
        for bad in ["CRM-Sync", "-crm", "crm_sync", "ghp_" + String(repeating: "a", count: 36), String(repeating: "a", count: 64), ""] {
            let b = try bytes(id: bad)
            XCTAssertNil(b.withUnsafeBufferPointer { DocumentReader.document($0) }, "the one-pass reader leaves '\(bad)' to the reference path")
            let e = expectDataError { _ = try StateStore.decode(b, shown: "State/crm-sync.json") }
            XCTAssertEqual(e?.file, "State/crm-sync.json")
            XCTAssertEqual(e?.location, "id")
            XCTAssertTrue(e?.message.contains("not a connector id") ?? false, e?.message ?? "")
            if bad.hasPrefix("ghp_") {
                XCTAssertFalse(e?.description.contains(bad) ?? true, "a credential-looking id is redacted")
                XCTAssertTrue(e?.description.contains("REDACTED") ?? false, e?.description ?? "")
            } else {
                XCTAssertTrue(e?.description.contains("'\(bad.prefix(64))'") ?? false, "the refused id is shown: \(e?.description ?? "")")
            }
        }
    }

    func testAValidIdReadsTheSameOnBothPaths() throws {
        let b = try bytes(id: "crm-sync")
        let fast = try XCTUnwrap(b.withUnsafeBufferPointer { DocumentReader.document($0) })
        let reference = try DocumentDecoding.document(try StrictJSON.parse(b), file: "State/crm-sync.json")
        XCTAssertEqual(fast.id, reference.id)
        XCTAssertEqual(fast.id.rawValue, "crm-sync")
    }
}
