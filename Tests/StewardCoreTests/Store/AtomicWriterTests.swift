import Foundation
import XCTest
@testable import StewardCore

/// `AtomicWriter`: every file is old or new, never half-written, and no temporary file is
/// left behind, whether one file is written or a batch.
final class AtomicWriterTests: XCTestCase {
    typealias F = Fixture

    private func names(_ dir: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: dir).sorted()) ?? []
    }

    private func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func testWritesAndReplacesASingleFileLeavingNoTemporaryFile() throws {
        let dir = F.temporaryDirectory(self)
        let w = AtomicWriter(directory: dir, shown: "State")
        try w.write([(name: "a.json", bytes: Array("old\n".utf8))])
        XCTAssertEqual(text(dir + "/a.json"), "old\n")
        try w.write([(name: "a.json", bytes: Array("new\n".utf8))])
        XCTAssertEqual(text(dir + "/a.json"), "new\n")
        XCTAssertEqual(names(dir), ["a.json"])
    }

    func testABatchOfTenFilesUsesOneSyncAndLeavesNoTemporaryFile() throws {
        let dir = F.temporaryDirectory(self)
        var w = AtomicWriter(directory: dir, shown: "State")
        XCTAssertEqual(w.batchThreshold, 8)
        let files = (0..<10).map { (name: "c\($0).json", bytes: Array("{\"n\": \($0)}\n".utf8)) }
        try w.write(Array(files.prefix(3)))   // below the threshold: fsync per file
        try w.write(files)                    // at or above: one syncfs
        for i in 0..<10 { XCTAssertEqual(text(dir + "/c\(i).json"), "{\"n\": \(i)}\n") }
        XCTAssertEqual(names(dir).count, 10)
        XCTAssertFalse(names(dir).contains { $0.hasPrefix(".") })
        w.batchThreshold = 1
        try w.write([(name: "c0.json", bytes: Array("batched\n".utf8))])
        XCTAssertEqual(text(dir + "/c0.json"), "batched\n")
        XCTAssertEqual(names(dir).count, 10)
    }

    func testAnEmptyBatchTouchesNothing() throws {
        try AtomicWriter(directory: "/nonexistent-\(UUID().uuidString)", shown: "State").write([])
    }

    func testAMissingDirectoryIsAStoreError() {
        let w = AtomicWriter(directory: F.temporaryDirectory(self) + "/gone", shown: "State")
        do throws(StoreError) {
            try w.write([(name: "a.json", bytes: [1])])
            XCTFail("writing into a missing directory must fail")
        } catch {
            XCTAssertEqual(error.kind, .io)
            XCTAssertTrue(error.message.contains("State/"), error.message)
            XCTAssertTrue(error.message.contains(errorText(ENOENT)), error.message)
            XCTAssertEqual(error.exitStatus, .violation)
        }
    }

    func testAFailedRenameChangesNothingAndCleansUp() throws {
        // As root, permissions do not stop a write; a non-empty directory where the file
        // should go does (rename(2) gives EISDIR).
        let dir = F.temporaryDirectory(self)
        let w = AtomicWriter(directory: dir, shown: "State")
        try w.write([(name: "a.json", bytes: Array("old\n".utf8))])
        try FileManager.default.createDirectory(atPath: dir + "/b.json/inner", withIntermediateDirectories: true)
        do throws(StoreError) {
            try w.write([(name: "b.json", bytes: Array("new b\n".utf8)), (name: "a.json", bytes: Array("new a\n".utf8))])
            XCTFail("replacing a directory must fail")
        } catch {
            XCTAssertEqual(error.kind, .io)
            XCTAssertTrue(error.message.contains("State/b.json"), error.message)
            XCTAssertTrue(error.message.contains("nothing was changed"), error.message)
        }
        XCTAssertEqual(text(dir + "/a.json"), "old\n", "the old file is left")
        XCTAssertEqual(names(dir), ["a.json", "b.json"], "no temporary file is left")
    }

    func testAFailureAfterSomeRenamesSaysWhichWereReplaced() throws {
        let dir = F.temporaryDirectory(self)
        let w = AtomicWriter(directory: dir, shown: "State")
        try FileManager.default.createDirectory(atPath: dir + "/b.json/inner", withIntermediateDirectories: true)
        do throws(StoreError) {
            try w.write([(name: "a.json", bytes: Array("a\n".utf8)), (name: "b.json", bytes: Array("b\n".utf8))])
            XCTFail("replacing a directory must fail")
        } catch {
            XCTAssertTrue(error.message.contains("1 file(s) before it were replaced (a.json"), error.message)
            XCTAssertTrue(error.message.contains("run again"), error.message)
        }
        XCTAssertEqual(names(dir), ["a.json", "b.json"])
    }

    func testStaleTemporariesAreRemovedButNothingElse() throws {
        let dir = F.temporaryDirectory(self)
        for n in ["x.json", ".lock", ".x.json.tmp-999-0", ".y.json.tmp-1-3", ".gitkeep"] {
            Fixture.put(dir + "/" + n, Data("k".utf8))
        }
        AtomicWriter(directory: dir, shown: "State").removeStaleTemporaries()
        XCTAssertEqual(names(dir), [".gitkeep", ".lock", "x.json"])
        XCTAssertEqual(AtomicWriter.temporaryPrefix(for: "x.json"), ".x.json.tmp-")
    }
}
