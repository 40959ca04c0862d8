import Foundation
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

/// Processes run at once do not wait for each other: several processes blocked on a
/// condition only another process can meet (more of them than this machine has cores)
/// are released by one run on the calling thread. Running processes one at a time (a lock
/// around the runner) would leave the waiters to give up, and fail the test. (Before the
/// runner's readers had threads of their own, the release came only after the dispatch
/// pool grew, about 5 s later on two cores.)
final class ConcurrentProcessTests: XCTestCase {
    func testProcessesRunAtOnceDoNotWaitForEachOther() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("steward-proc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let flag = dir.appendingPathComponent("go").path
        // Each waiter gives up after 300 naps (3 s or more): long enough for a process to start on a
        // busy machine, shorter than the seconds a starved dispatch pool took to grow.
        let script = "i=0; while [ ! -e '\(flag)' ] && [ $i -lt 300 ]; do sleep 0.01; i=$((i+1)); done; [ -e '\(flag)' ]"
        let waiters = (0..<(ProcessInfo.processInfo.activeProcessorCount * 2 + 2)).map { _ in
            Background { try ProcessRunner.run("sh", ["-c", script], in: nil).status }
        }
        let touched = try ProcessRunner.run("touch", [flag], in: nil)
        XCTAssertEqual(touched.status, 0)
        for w in waiters { XCTAssertEqual(try w.value(), 0, "a waiter saw the flag") }
    }
}
