import Foundation
import XCTest
@testable import StewardCore

/// Reads the platform-export fixtures and asserts reader errors.
enum PlatformFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return Array(try Data(contentsOf: dir.appendingPathComponent("Fixtures/Inventory/" + name)))
    }

    static func text(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    /// Reads `name` with its format sniffed.
    static func read(_ name: String) throws -> Inventory { try InventoryReader.read(bytes(name), file: name) }

    /// The error reading `text` (as `format`, else sniffed) gives; fails the test when it reads.
    static func failure(_ text: String, file: String = "export.json", format: InventoryFormat? = nil,
                        _ sourceFile: StaticString = #filePath, line: UInt = #line) -> InventoryError? {
        do {
            let inv = try InventoryReader.read(Array(text.utf8), file: file, format: format)
            XCTFail("expected an error, read \(inv.records.count) record(s)", file: sourceFile, line: line)
        } catch {
            return error
        }
        return nil
    }

    static func t(_ s: String) -> Timestamp { Timestamp(lenient: s)! }
}
