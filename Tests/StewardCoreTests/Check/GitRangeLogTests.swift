@testable import StewardAdapters
@testable import StewardCore
import XCTest

/// The one-walk reading of a pull request's range: what it parses, and when it refuses to
/// stand for the whole diff or the path-limited history (then git is asked).
final class GitRangeLogTests: XCTestCase {
    let a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40)
    let c = String(repeating: "c", count: 40), z = String(repeating: "0", count: 40)
    let mb = String(repeating: "1", count: 40)

    func record(_ sha: String, parents: [String], _ entries: [(String, String)]) -> [UInt8] {
        var out = Array("\u{1E}\(sha)\u{1F}x@y.example\u{1F}1700000000\u{1F}\(parents.joined(separator: " "))".utf8) + [0]
        out += Array("\n".utf8)
        for (meta, path) in entries { out += Array(meta.utf8) + [0] + Array(path.utf8) + [0] }
        return out
    }

    func testAOneCommitRangeStandsForTheWholeDiffUnlessARenameIsPossible() throws {
        let log = try XCTUnwrap(GitRangeLog.parse(record("2", parents: [mb], [
            (":100644 100644 \(a) \(b) M", "State/x.json"), (":000000 100644 \(z) \(c) A", "State/y.json")])))
        XCTAssertEqual(log.commits.count, 1)
        XCTAssertEqual(log.wholeDiff(from: mb)?.map(\.path), ["State/x.json", "State/y.json"])
        XCTAssertEqual(log.wholeDiff(from: mb)?.first, GitChange(status: "M", oldMode: "100644", newMode: "100644", oldBlob: a, newBlob: b, path: "State/x.json"))
        XCTAssertNil(log.wholeDiff(from: a), "the commit's parent is not the merge base")
        let versions = try XCTUnwrap(log.versions(under: "State"))
        XCTAssertEqual(versions.map(\.blobs), [["State/x.json": b, "State/y.json": c]])

        let renamable = try XCTUnwrap(GitRangeLog.parse(record("2", parents: [mb], [
            (":100644 000000 \(a) \(z) D", "State/x.json"), (":000000 100644 \(z) \(a) A", "State/x2.json")])))
        XCTAssertNil(renamable.wholeDiff(from: mb), "a delete and an add may be a rename: git decides")
    }

    func testSeveralCommitsOrAMergeAreLeftToGit() throws {
        let two = try XCTUnwrap(GitRangeLog.parse(record("2", parents: [mb], [(":100644 100644 \(a) \(b) M", "notes.txt")])
                                                  + record("3", parents: ["2"], [(":100644 100644 \(b) \(c) M", "State/x.json")])))
        XCTAssertNil(two.wholeDiff(from: mb))
        XCTAssertEqual(two.versions(under: "State")?.map(\.commit.sha), ["3"], "only commits that touch State/")
        XCTAssertEqual(two.commitsWithPaths.map(\.paths), [["notes.txt"], ["State/x.json"]])

        let merged = try XCTUnwrap(GitRangeLog.parse(record("2", parents: [mb], [])
                                                     + record("4", parents: ["2", "3"], [("::100644 100644 100644 \(a) \(b) \(c) MM", "Templates/t.md")])))
        XCTAssertFalse(merged.isLinear)
        XCTAssertNil(merged.versions(under: "State"))
        XCTAssertNil(merged.wholeDiff(from: mb))
        XCTAssertEqual(merged.commitsWithPaths.map(\.paths), [[], ["Templates/t.md"]])
        XCTAssertEqual(merged.commits[1].changes.first?.newBlob, c)
    }

    func testAnswersItCannotReadAreRefused() {
        XCTAssertNil(GitRangeLog.parse(Array("\u{1E}abc\u{1F}x\u{1F}notatime\u{1F}".utf8)))
        XCTAssertNil(GitRangeLog.parse(record("2", parents: [mb], [(":100644 \(a) M", "x")])))
    }
}
