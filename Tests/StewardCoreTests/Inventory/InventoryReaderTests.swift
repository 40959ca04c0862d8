import XCTest
@testable import StewardCore

final class InventoryReaderTests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    private let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    func testFormatNames() {
        XCTAssertEqual(InventoryFormat.allCases.map(\.rawValue), ["generic-json", "aws-credential-report", "github-installations", "entra-applications",
                                                                "gcp-service-account-keys", "github-fine-grained-pats", "okta-api-tokens",
                                                                "kubernetes-service-account-tokens"])
        XCTAssertEqual(InventoryFormat(rawValue: "aws-credential-report"), .awsCredentialReport)
    }

    func testSniff() {
        XCTAssertEqual(InventoryReader.sniff(bytes("[]")), .generic)
        XCTAssertEqual(InventoryReader.sniff(bytes("\n  [{\"platform\": \"x\", \"ref\": \"a\"}]")), .generic)
        XCTAssertEqual(InventoryReader.sniff(bytes(#"{"total_count": 0, "installations": []}"#)), .githubInstallations)
        XCTAssertEqual(InventoryReader.sniff(bom + bytes(#"{"installations": []}"#)), .githubInstallations)
        XCTAssertEqual(InventoryReader.sniff(bytes("user,arn,user_creation_time\n")), .awsCredentialReport)
        XCTAssertEqual(InventoryReader.sniff(bom + bytes("user,arn,user_creation_time\r\n")), .awsCredentialReport)
        XCTAssertNil(InventoryReader.sniff(bytes(#"{"users": []}"#)))
        XCTAssertNil(InventoryReader.sniff(bytes("{not json")))
        XCTAssertNil(InventoryReader.sniff(bytes("name,arn\nx,y\n")))
        XCTAssertNil(InventoryReader.sniff(bytes(" user,arn,")))
        XCTAssertNil(InventoryReader.sniff([]))
    }

    func testUnsniffableSaysToPassTheFormat() {
        for input in ["name,arn\nx,y\n", #"{"users": []}"#, ""] {
            do {
                _ = try InventoryReader.read(bytes(input), file: "export.txt")
                XCTFail("expected an error for \(input)")
            } catch {
                XCTAssertEqual(error.file, "export.txt")
                XCTAssertTrue(error.message.contains("--observed-format"), error.message)
                for f in InventoryFormat.allCases { XCTAssertTrue(error.message.contains(f.rawValue)) }
                XCTAssertTrue(error.description.hasPrefix("export.txt: "))
            }
        }
    }

    func testSniffedJSONWithSyntaxErrorReportsTheJSONError() {
        do {
            _ = try InventoryReader.read(bytes("{\"installations\": [}"), file: "i.json")
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.location.hasPrefix("line 1:"), "\(error)")
        }
    }

    func testExplicitFormatWins() {
        do {
            _ = try InventoryReader.read(bytes(#"{"installations": []}"#), file: "i.json", format: .generic)
            XCTFail("expected an error")
        } catch {
            XCTAssertTrue(error.message.contains("must be an array"), "\(error)")
        }
        do {
            _ = try InventoryReader.read(bytes("[]"), file: "r.csv", format: .awsCredentialReport)
            XCTFail("expected an error")
        } catch {
            XCTAssertEqual(error.location, "row 1, column 1")
        }
    }

    func testExportsLargerThanOneMebibyteAreRead() throws {
        let record = #"{"platform": "salesforce", "ref": "app-%d", "scopes": ["api"], "lastUsedAt": "2025-01-01T00:00:00Z"}"#
        var text = "["
        for i in 0..<12_000 {
            if i > 0 { text += ",\n" }
            text += record.replacingOccurrences(of: "%d", with: String(i))
        }
        text += "]"
        XCTAssertGreaterThan(text.utf8.count, 1 << 20)
        let inv = try InventoryReader.read(bytes(text), file: "big.json")
        XCTAssertEqual(inv.records.count, 12_000)
    }

    func testErrorDescription() {
        XCTAssertEqual(InventoryError(file: "f", location: "row 7", message: "m").description, "f: row 7: m")
        XCTAssertEqual(InventoryError(file: "f", location: nil, message: "m").description, "f: m")
    }
}
