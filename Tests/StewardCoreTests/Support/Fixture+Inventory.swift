import Foundation
import XCTest
@testable import StewardCore

/// The platform-export fixtures (Tests/StewardCoreTests/Fixtures/Inventory/) and reader
/// errors.
extension Fixture {
    /// The bytes of an export fixture.
    static func inventoryBytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/StewardCoreTests/Fixtures/Inventory/" + name)))
    }

    static func inventoryText(_ name: String) throws -> String { String(decoding: try inventoryBytes(name), as: UTF8.self) }

    /// Reads the export fixture `name` with its format sniffed.
    static func readInventory(_ name: String) throws -> Inventory { try InventoryReader.read(inventoryBytes(name), file: name) }

    /// The error reading `text` (as `format`, else sniffed) gives; fails the test when it reads.
    static func inventoryFailure(_ text: String, file: String = "export.json", format: InventoryFormat? = nil,
                                 _ sourceFile: StaticString = #filePath, line: UInt = #line) -> InventoryError? {
        do {
            let inv = try InventoryReader.read(Array(text.utf8), file: file, format: format)
            XCTFail("expected an error, read \(inv.records.count) record(s)", file: sourceFile, line: line)
        } catch {
            return error
        }
        return nil
    }

    /// A time as a platform export writes it (offsets and fractions allowed).
    static func lenient(_ s: String) -> Timestamp { Timestamp(lenient: s)! }
}
