import Foundation
import XCTest
@testable import StewardCore

/// Whole-tree `check` output grows linearly: a secret shared by thousands of connectors is
/// one finding with a bounded list of names (it used to be one finding per sharer, each
/// naming every sharer: 4,000 sharers printed 3 GB).
final class TreeCheckSharedSecretTests: XCTestCase {
    func testThousandsOfConnectorsSharingOneSecretGiveOneBoundedFinding() throws {
        let root = Fixture.governanceRoot(self)
        let count = 2000
        for i in 0..<count {
            let id = try ConnectorID("conn-\(100000 + i)")
            let b = try ConnectorBuilder.active(id)  // every one uses Fixture.spec()'s secretRef
            Fixture.put(root.statePath + "/\(id).json", Data(DocumentEncoding.bytes(b.document)))
        }
        let report = TreeCheck.run(root)
        XCTAssertEqual(report.filesChecked, count)
        let shared = (report.violations + report.warnings).filter { $0.rule == "shared-secret" }
        XCTAssertEqual(shared.count, 1)
        XCTAssertEqual(shared.first?.file, "State/conn-100000.json")
        let message = shared.first?.message ?? ""
        XCTAssertTrue(message.contains("shared by \(count) live connectors"), message)
        XCTAssertTrue(message.hasSuffix("and \(count - 20) more); every connector needs its own credential"), message)
        XCTAssertLessThan(message.utf8.count, 1000)
        let all = (report.violations + report.warnings).reduce(0) { $0 + $1.message.utf8.count }
        XCTAssertLessThan(all, 1000 * count, "no finding lists every sharer")
    }
}
