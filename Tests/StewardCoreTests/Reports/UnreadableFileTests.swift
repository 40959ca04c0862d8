import XCTest
@testable import StewardCore

/// An unreadable file's message always begins with the file, so it reads alone in a report.
final class UnreadableFileTests: XCTestCase {
    func testAMessageWithoutTheFileGetsItInFront() {
        XCTAssertEqual(UnreadableFile(file: "State/a.json", message: "history: event 2 is out of order").message,
                       "State/a.json: history: event 2 is out of order")
        XCTAssertEqual(UnreadableFile(file: "okta.json", message: "record [0], field id: must not be empty").message,
                       "okta.json: record [0], field id: must not be empty")
    }

    func testAMessageThatNamesTheFileFirstIsKept() {
        let u = UnreadableFile(file: "State/a.json", message: "State/a.json: 3:1: not JSON")
        XCTAssertEqual(u.message, "State/a.json: 3:1: not JSON")
        XCTAssertEqual(u.file, "State/a.json")
    }
}
