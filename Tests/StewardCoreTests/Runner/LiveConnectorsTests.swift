import XCTest
@testable import StewardCore

/// The kill switch's target (`decommission --system`), read through the one estate scan:
/// the live connectors of a system (case-insensitive), each system's live count, and the
/// problems: the listing's first (a file that is not a connector), then unreadable files in id order.
final class LiveConnectorsTests: XCTestCase {
    typealias F = Fixture

    func testLiveConnectorsOfASystemWithCountsAndProblems() throws {
        let root = F.governanceRoot(self)
        var gone = try ConnectorBuilder.active("b-old")
        try gone.decommission(at: F.t0.plus(days: 1))
        let docs = [try ConnectorBuilder.active("a-crm").document, gone.document,
                    try ConnectorBuilder.active("d-crm", spec: F.spec(system: "SalesForce")).document,
                    try ConnectorBuilder.active("e-hr", spec: F.spec(system: "workday")).document]
        try StateStore(root: root).write(docs)
        F.put(root.statePath + "/c-broken.json", Data("{".utf8))
        F.put(root.statePath + "/notes.txt", Data("x".utf8))
        let (ids, systems, problems) = try ConnectorService(root: root).liveConnectors(ofSystem: "salesforce")
        XCTAssertEqual(ids, ["a-crm", "d-crm"])
        XCTAssertEqual(systems, ["salesforce": 2, "workday": 1])
        XCTAssertEqual(problems.map(\.file), ["State/notes.txt", "State/c-broken.json"])
    }
}
