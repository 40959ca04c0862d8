import Foundation
import XCTest
@testable import StewardCore

/// `StateLock`: one writer at a time; the second is told it is busy (exit 3), or waits.
final class StateLockTests: XCTestCase {
    typealias F = Fixture

    func testASecondAcquireIsBusy() throws {
        let dir = F.temporaryDirectory(self)
        let first = try StateLock.acquire(stateDirectory: dir, wait: 0)
        defer { first.release() }
        do throws(StoreError) {
            let second = try StateLock.acquire(stateDirectory: dir, wait: 0)
            second.release()
            XCTFail("the lock was taken twice")
        } catch {
            XCTAssertEqual(error.kind, .busy)
            XCTAssertEqual(error.exitStatus.rawValue, 3)
            XCTAssertTrue(error.message.contains("--wait"), error.message)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir + "/.lock"))
    }

    func testReleasingLetsTheNextWriterIn() throws {
        let dir = F.temporaryDirectory(self)
        try StateLock.acquire(stateDirectory: dir, wait: 0).release()
        let again = try StateLock.acquire(stateDirectory: dir, wait: 0)
        again.release()
        again.release()  // releasing twice is harmless
    }

    func testAWaitingWriterGetsTheLockWhenItIsReleasedElsewhere() throws {
        let dir = F.temporaryDirectory(self)
        let first = try StateLock.acquire(stateDirectory: dir, wait: 0)
        let released = expectation(description: "released")
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(200)) {
            first.release()
            released.fulfill()
        }
        let second = try StateLock.acquire(stateDirectory: dir, wait: 30)
        second.release()
        wait(for: [released], timeout: 30)
    }

    func testAMissingStateDirectoryIsAnIOError() {
        do throws(StoreError) {
            _ = try StateLock.acquire(stateDirectory: F.temporaryDirectory(self) + "/none", wait: 0)
            XCTFail("locked a missing directory")
        } catch {
            XCTAssertEqual(error.kind, .io)
            XCTAssertTrue(error.message.contains(errorText(ENOENT)), error.message)
        }
    }
}
