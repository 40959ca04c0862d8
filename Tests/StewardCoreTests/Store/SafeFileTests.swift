import Foundation
import XCTest
@testable import StewardCore

/// `SafeFile.read`: untrusted files are read only when they are regular, single-linked,
/// not symbolic links, and under the size cap (checked before a byte is read).
final class SafeFileTests: XCTestCase {
    typealias F = Fixture

    private func read(_ path: String, maxBytes: Int = SafeFile.maxConnectorBytes,
                      file: StaticString = #filePath, line: UInt = #line) -> DataError? {
        let e = expectDataError(file: file, line: line) { _ = try SafeFile.read(path, shown: "State/x.json", maxBytes: maxBytes) }
        XCTAssertEqual(e?.file, "State/x.json", file: file, line: line)
        return e
    }

    func testReadsARegularFile() throws {
        let dir = F.temporaryDirectory(self)
        Fixture.put(dir + "/x.json", Data("{}\n".utf8))
        XCTAssertEqual(try SafeFile.read(dir + "/x.json", shown: "State/x.json"), Array("{}\n".utf8))
        XCTAssertEqual(try SafeFile.read(dir + "/x.json", shown: "State/x.json", maxBytes: 3).count, 3, "exactly the cap is allowed")
    }

    func testRefusesASymbolicLink() throws {
        let dir = F.temporaryDirectory(self)
        Fixture.put(dir + "/real.json", Data("{}".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/x.json", withDestinationPath: dir + "/real.json")
        let e = read(dir + "/x.json")
        XCTAssertTrue(e?.message.contains("symbolic link") ?? false, e?.message ?? "")
    }

    func testRefusesAHardLink() throws {
        let dir = F.temporaryDirectory(self)
        Fixture.put(dir + "/real.json", Data("{}".utf8))
        XCTAssertEqual(link(dir + "/real.json", dir + "/x.json"), 0)
        let e = read(dir + "/x.json")
        XCTAssertTrue(e?.message.contains("2 hard links") ?? false, e?.message ?? "")
        XCTAssertNotNil(read(dir + "/real.json"), "both names of the file are refused")
    }

    func testRefusesADirectoryAndAFIFO() throws {
        let dir = F.temporaryDirectory(self)
        try FileManager.default.createDirectory(atPath: dir + "/x.json", withIntermediateDirectories: false)
        XCTAssertEqual(read(dir + "/x.json")?.message, "is not a regular file")
        XCTAssertEqual(mkfifo(dir + "/fifo.json", 0o644), 0)
        // O_NONBLOCK: opening a FIFO without a writer must not hang the reader.
        XCTAssertEqual(read(dir + "/fifo.json")?.message, "is not a regular file")
    }

    func testRefusesAFileOverTheCapWithoutParsingIt() throws {
        let dir = F.temporaryDirectory(self)
        Fixture.put(dir + "/x.json", Data("{{{{ not json".utf8))
        let e = read(dir + "/x.json", maxBytes: 12)
        XCTAssertEqual(e?.message, "is 13 bytes, over the limit of 12 bytes; it was not parsed (rule too-large)")
        // Through the JSON reader the size refusal comes first, not a syntax error.
        let j = expectDataError { _ = try JSONFile.parse(dir + "/x.json", shown: "State/x.json", maxBytes: 12) }
        XCTAssertEqual(j?.location, "")
        XCTAssertTrue(j?.message.contains("13 bytes") ?? false)
    }

    func testTheConnectorCapIsOneMebibyte() throws {
        let dir = F.temporaryDirectory(self)
        Fixture.put(dir + "/x.json", Data(repeating: 0x20, count: (1 << 20) + 1))
        let e = read(dir + "/x.json")
        XCTAssertTrue(e?.message.hasPrefix("is 1048577 bytes, over the limit of 1048576 bytes") ?? false, e?.message ?? "")
    }

    func testAMissingFileNamesTheError() {
        let e = read(F.temporaryDirectory(self) + "/x.json")
        XCTAssertEqual(e?.message, "cannot be read: \(errorText(ENOENT))")
    }

    func testEntryTypesDoNotFollowLinks() throws {
        let dir = F.temporaryDirectory(self)
        try FileManager.default.createSymbolicLink(atPath: dir + "/l", withDestinationPath: dir)
        XCTAssertTrue(SafeFile.isDirectory(dir))
        XCTAssertFalse(SafeFile.isDirectory(dir + "/l"))
        XCTAssertEqual(SafeFile.entryType(dir + "/l"), S_IFLNK)
        XCTAssertNil(SafeFile.entryType(dir + "/none"))
        XCTAssertEqual(try SafeFile.list(dir, shown: "d/"), ["l"])
        XCTAssertNotNil(expectDataError { _ = try SafeFile.list(dir + "/none", shown: "d/") })
    }

    /// The listing's byte-order sort gives `String` order, for ASCII names and mixed ones.
    func testListingOrderIsStringOrder() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abz09-._AZ~ ")
        for _ in 0..<200 {
            let names = (0..<Int.random(in: 0...60, using: &rng)).map { _ in
                String((0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
            }
            XCTAssertEqual(DirectoryNames(names).sortedNames(), names.sorted())
            let mixed = names + ["ae\u{301}.json", "af.json", "\u{E9}.json", "e\u{301}.json"]
            XCTAssertEqual(DirectoryNames(mixed).sortedNames(), mixed.sorted())
        }
    }

    /// Past 4,096 names the byte-order sort runs on two cores and merges: still `String`
    /// order, duplicates of a prefix included.
    func testLargeListingOrderIsStringOrder() {
        var rng = SystemRandomNumberGenerator()
        let alphabet = Array("abz09-.")
        let names = (0..<9000).map { _ in
            String((0..<Int.random(in: 1...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! })
        }
        XCTAssertEqual(DirectoryNames(names).sortedNames(), names.sorted())
    }

    /// A directory read by `DirectoryNames` gives every entry but `.` and `..`, and a file
    /// read through an open directory passes the same checks as one read by its path.
    func testOpenDirectoryReadsLikeAPath() throws {
        let dir = F.temporaryDirectory(self)
        try Data("{}".utf8).write(to: URL(fileURLWithPath: dir + "/a.json"))
        try FileManager.default.createSymbolicLink(atPath: dir + "/l.json", withDestinationPath: dir + "/a.json")
        try FileManager.default.createDirectory(atPath: dir + "/.hidden", withIntermediateDirectories: false)
        XCTAssertEqual(try DirectoryNames.read(dir, shown: "d/").sortedNames(), [".hidden", "a.json", "l.json"])
        let open = try OpenDirectory(dir, shown: "d/")
        XCTAssertEqual(try SafeFile.read("a.json", in: open, shown: "d/a.json"), Array("{}".utf8))
        let link = expectDataError { _ = try SafeFile.read("l.json", in: open, shown: "d/l.json") }
        XCTAssertEqual(link?.file, "d/l.json")
        XCTAssertTrue(link?.message.contains("symbolic link") ?? false)
        XCTAssertNotNil(expectDataError { _ = try SafeFile.read(".hidden", in: open, shown: "d/.hidden") })
        XCTAssertNotNil(expectDataError { _ = try OpenDirectory(dir + "/a.json", shown: "d/a.json") })
    }
}
