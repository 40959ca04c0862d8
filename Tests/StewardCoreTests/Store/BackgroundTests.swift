import Dispatch
import XCTest
@testable import StewardAdapters

/// `Background` starts its work at once, hands back its value, and rethrows its error.
final class BackgroundTests: XCTestCase {
    struct Refused: Error, Equatable {}

    func testTheWorkStartsBeforeItsValueIsAskedFor() throws {
        let started = DispatchSemaphore(value: 0)
        let pending = Background { () -> Int in
            started.signal()
            return 42
        }
        XCTAssertEqual(started.wait(timeout: .now() + 30), .success, "the work ran without anyone waiting for it")
        XCTAssertEqual(try pending.value(), 42)
        XCTAssertEqual(try pending.value(), 42, "asking twice gives the same value")
    }

    func testAnErrorIsRethrownByValue() {
        let pending = Background { () throws -> Int in throw Refused() }
        XCTAssertThrowsError(try pending.value()) { XCTAssertEqual($0 as? Refused, Refused()) }
    }
}
