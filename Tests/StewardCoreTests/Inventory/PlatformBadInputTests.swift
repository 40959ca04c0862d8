import XCTest
@testable import StewardCore

/// Every platform format: truncated files and a wrong format forced with
/// `--observed-format` are refused with the file named; sniffing picks the right reader.
final class PlatformBadInputTests: XCTestCase {
    typealias F = Fixture

    static let fixtures: [(String, InventoryFormat)] = [
        ("entra-applications.json", .entraApplications),
        ("entra-applications.graph-page-2.json", .entraApplications),
        ("gcp-service-account-keys.json", .gcpServiceAccountKeys),
        ("gcp-service-account-keys.accounts.json", .gcpServiceAccountKeys),
        ("github-fine-grained-pats.json", .githubFineGrainedPATs),
        ("okta-api-tokens.json", .oktaAPITokens),
        ("okta-api-tokens.page-2.json", .oktaAPITokens),
        ("kubernetes-service-account-tokens.json", .kubernetesServiceAccountTokens),
    ]

    func testEachFixtureIsSniffedAsItsFormat() throws {
        for (name, format) in Self.fixtures {
            XCTAssertEqual(InventoryReader.sniff(try F.inventoryBytes(name)), format, name)
            XCTAssertEqual(try InventoryReader.read(F.inventoryBytes(name), file: name, format: format).format, format, name)
        }
    }

    func testATruncatedExportIsRefusedNamingTheFileAndLine() throws {
        for (name, format) in Self.fixtures {
            let bytes = try F.inventoryBytes(name)
            for cut in [bytes.count / 2, bytes.count - 3] {
                for forced in [nil, format] {
                    do {
                        _ = try InventoryReader.read(Array(bytes.prefix(cut)), file: name, format: forced)
                        XCTFail("\(name) cut at \(cut) was read")
                    } catch {
                        XCTAssertEqual(error.file, name)
                        XCTAssertTrue(error.location.hasPrefix("line "), "\(name): \(error)")
                    }
                }
            }
        }
    }

    func testAWrongFormatForcedIsRefused() throws {
        for (name, format) in Self.fixtures {
            let bytes = try F.inventoryBytes(name)
            for forced in InventoryFormat.allCases where forced != format && forced != .awsCredentialReport {
                do {
                    let inv = try InventoryReader.read(bytes, file: name, format: forced)
                    XCTFail("\(name) read as \(forced.rawValue): \(inv.records.count) records")
                } catch {
                    XCTAssertEqual(error.file, name, "\(forced)")
                    XCTAssertFalse(error.message.isEmpty)
                }
            }
        }
    }

    func testAnAWSReportForcedOnJSONIsRefused() throws {
        XCTAssertNotNil(F.inventoryFailure(try F.inventoryText("okta-api-tokens.json"), format: .awsCredentialReport))
    }
}
