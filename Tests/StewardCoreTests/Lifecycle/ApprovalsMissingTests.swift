import XCTest
@testable import StewardCore

/// `LifecycleState.approvalsMissing`: what an approval round still lacks, from the risk's
/// `approvalsNeeded` (two different approvers for high risk, else one).
final class ApprovalsMissingTests: XCTestCase {
    typealias F = Fixture

    func testHighRiskNeedsASecondApproverAndMediumDoesNot() throws {
        XCTAssertEqual(Risk.allCases.map(\.approvalsNeeded), [1, 1, 2])
        var high = ConnectorBuilder("crm-sync")
        try high.request(F.spec(risk: .high), at: F.t0)
        XCTAssertEqual(high.current.approvalsMissing, 0, "nothing is said before the first approval")
        try high.approve(at: F.t0.plus(hours: 1))
        XCTAssertEqual(high.current.state, StateName.requested)
        XCTAssertEqual(high.current.approvalsMissing, 1)
        try high.approve(by: F.bob, at: F.t0.plus(hours: 2))
        XCTAssertEqual(high.current.state, StateName.approved)
        XCTAssertEqual(high.current.approvalsMissing, 0)

        var medium = ConnectorBuilder("hr-feed")
        try medium.request(F.spec(risk: .medium), at: F.t0)
        try medium.approve(at: F.t0.plus(hours: 1))
        XCTAssertEqual(medium.current.approvalsMissing, 0)
    }
}
