import Foundation
import XCTest
@testable import StewardAdapters

/// `OutputFile`: the one writer for files outside State/ (init, --out, findings, the step
/// summary). It creates missing folders, replaces a file atomically, never writes through a
/// symbolic link, and appends only to a file that exists.
final class OutputFileTests: XCTestCase {
    typealias F = Fixture

    private func text(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    func testWritesIntoNewFoldersAndReplacesWithoutLeavingTemporaries() throws {
        let dir = F.temporaryDirectory(self)
        let path = dir + "/reports/2026/estate.html"
        try OutputFile.write(Array("one".utf8), to: path)
        try OutputFile.write(Array("two".utf8), to: path)
        XCTAssertEqual(text(path), "two")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/reports/2026"), ["estate.html"])
    }

    func testALinkAtTheTargetIsReplacedNeverWrittenThrough() throws {
        let dir = F.temporaryDirectory(self)
        try Data("precious".utf8).write(to: URL(fileURLWithPath: dir + "/victim"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/out.md", withDestinationPath: dir + "/victim")
        try OutputFile.write(Array("report".utf8), to: dir + "/out.md")
        XCTAssertEqual(text(dir + "/victim"), "precious")
        XCTAssertEqual(text(dir + "/out.md"), "report")
        XCTAssertNil(try? FileManager.default.destinationOfSymbolicLink(atPath: dir + "/out.md"))
    }

    func testALinkedTargetFolderIsRefused() throws {
        let dir = F.temporaryDirectory(self)
        try FileManager.default.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked", withDestinationPath: dir + "/elsewhere")
        XCTAssertThrowsError(try OutputFile.write(Array("x".utf8), to: dir + "/linked/out.md"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/elsewhere"), [])
    }

    func testAppendAddsToAnExistingFileOnlyAndNeverFollowsALink() throws {
        let dir = F.temporaryDirectory(self)
        XCTAssertThrowsError(try OutputFile.append(Array("x".utf8), to: dir + "/missing.md"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/missing.md"))
        try Data("a\n".utf8).write(to: URL(fileURLWithPath: dir + "/summary.md"))
        try OutputFile.append(Array("b\n".utf8), to: dir + "/summary.md")
        XCTAssertEqual(text(dir + "/summary.md"), "a\nb\n")
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.md", withDestinationPath: dir + "/summary.md")
        XCTAssertThrowsError(try OutputFile.append(Array("c\n".utf8), to: dir + "/link.md"))
        XCTAssertEqual(text(dir + "/summary.md"), "a\nb\n")
    }
}
