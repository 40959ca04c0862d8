import Foundation
import XCTest
@testable import StewardKit

/// Runs the parsing corpus of Nicolas Seriot's JSONTestSuite (vendored, MIT licence, in
/// `Fixtures/JSONTestSuite/`): `y_` files must parse, `n_` files must be refused, `i_`
/// files may go either way but must not crash or hang. All with the default limits
/// (no `y_` file nests deeper than 64, so no larger `maxDepth` is needed).
final class JSONTestSuiteTests: XCTestCase {
    /// `y_` files that our stricter policy refuses on purpose, with the rule we expect.
    /// RFC 8259 only says object names SHOULD be unique; Steward refuses duplicates.
    private static let deliberateRefusals: [String: JSONParseError.Rule] = [
        "y_object_duplicated_key.json": .duplicateKey,
        "y_object_duplicated_key_and_value.json": .duplicateKey,
    ]

    /// `Tests/StewardKitTests/Fixtures/JSONTestSuite/test_parsing`, found from this file's path.
    private static var corpusDirectory: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // StewardKitTests
            .appendingPathComponent("Fixtures/JSONTestSuite/test_parsing", isDirectory: true)
    }

    private func corpus(prefix: String) throws -> [(name: String, bytes: [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpusDirectory.path)
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }
            .sorted()
        return try names.map { name in
            let data = try Data(contentsOf: Self.corpusDirectory.appendingPathComponent(name))
            return (name, [UInt8](data))
        }
    }

    func testAcceptedFilesParse() throws {
        let files = try corpus(prefix: "y_")
        XCTAssertGreaterThan(files.count, 90, "y_ corpus missing from \(Self.corpusDirectory.path)")
        var failures: [String] = []
        var deliberate = 0
        for file in files {
            do {
                _ = try StrictJSON.parse(file.bytes)
                if Self.deliberateRefusals[file.name] != nil {
                    failures.append("\(file.name): accepted, but our policy refuses it")
                }
            } catch {
                if Self.deliberateRefusals[file.name] == error.rule {
                    deliberate += 1
                } else {
                    failures.append("\(file.name): \(error)")
                }
            }
        }
        XCTAssertEqual(deliberate, Self.deliberateRefusals.count)
        XCTAssertTrue(failures.isEmpty, "y_ files not accepted:\n" + failures.joined(separator: "\n"))
    }

    func testRejectedFilesAreRefused() throws {
        let files = try corpus(prefix: "n_")
        XCTAssertGreaterThan(files.count, 180, "n_ corpus missing from \(Self.corpusDirectory.path)")
        var failures: [String] = []
        var rules: [JSONParseError.Rule: Int] = [:]
        for file in files {
            do {
                let value = try StrictJSON.parse(file.bytes)
                failures.append("\(file.name): accepted as \(value)")
            } catch {
                rules[error.rule, default: 0] += 1
            }
        }
        XCTAssertTrue(failures.isEmpty, "n_ files accepted:\n" + failures.joined(separator: "\n"))
        XCTAssertGreaterThan(rules[.syntax] ?? 0, 0)
        XCTAssertGreaterThan(rules[.invalidUTF8] ?? 0, 0)
        XCTAssertGreaterThan(rules[.tooDeep] ?? 0, 0)  // n_structure_100000_opening_arrays.json
    }

    func testImplementationDefinedFilesEitherParseOrThrow() throws {
        let files = try corpus(prefix: "i_")
        XCTAssertGreaterThan(files.count, 30, "i_ corpus missing from \(Self.corpusDirectory.path)")
        var parsed = 0
        var refused = 0
        for file in files {
            do {
                _ = try StrictJSON.parse(file.bytes)
                parsed += 1
            } catch {
                refused += 1
            }
        }
        XCTAssertEqual(parsed + refused, files.count)
    }
}
