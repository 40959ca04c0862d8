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
        let log = (try GitRangeLog.parse(record("2", parents: [mb], [
            (":100644 100644 \(a) \(b) M", "State/x.json"), (":000000 100644 \(z) \(c) A", "State/y.json")])))
        XCTAssertEqual(log.commits.count, 1)
        XCTAssertEqual(log.wholeDiff(from: mb)?.map(\.path), ["State/x.json", "State/y.json"])
        XCTAssertEqual(log.wholeDiff(from: mb)?.first, GitChange(status: "M", oldMode: "100644", newMode: "100644", oldBlob: a, newBlob: b, path: "State/x.json"))
        XCTAssertNil(log.wholeDiff(from: a), "the commit's parent is not the merge base")
        let versions = try XCTUnwrap(log.versions(under: "State"))
        XCTAssertEqual(versions.map(\.blobs), [["State/x.json": b, "State/y.json": c]])

        let renamable = (try GitRangeLog.parse(record("2", parents: [mb], [
            (":100644 000000 \(a) \(z) D", "State/x.json"), (":000000 100644 \(z) \(a) A", "State/x2.json")])))
        XCTAssertNil(renamable.wholeDiff(from: mb), "a delete and an add may be a rename: git decides")
    }

    func testSeveralCommitsOrAMergeAreLeftToGit() throws {
        let two = (try GitRangeLog.parse(record("2", parents: [mb], [(":100644 100644 \(a) \(b) M", "notes.txt")])
                                                  + record("3", parents: ["2"], [(":100644 100644 \(b) \(c) M", "State/x.json")])))
        XCTAssertNil(two.wholeDiff(from: mb))
        XCTAssertEqual(two.versions(under: "State")?.map(\.commit.sha), ["3"], "only commits that touch State/")
        XCTAssertEqual(two.commitsWithPaths.map(\.paths), [["notes.txt"], ["State/x.json"]])

        let merged = (try GitRangeLog.parse(record("2", parents: [mb], [])
                                                     + record("4", parents: ["2", "3"], [("::100644 100644 100644 \(a) \(b) \(c) MM", "Templates/t.md")])))
        XCTAssertFalse(merged.isLinear)
        XCTAssertNil(merged.versions(under: "State"))
        XCTAssertNil(merged.wholeDiff(from: mb))
        XCTAssertEqual(merged.commitsWithPaths.map(\.paths), [[], ["Templates/t.md"]])
        XCTAssertEqual(merged.commits[1].changes.first?.newBlob, c)
    }

    func testAnswersItCannotReadAreRefused() {
        XCTAssertThrowsError(try GitRangeLog.parse(Array("\u{1E}abc\u{1F}x\u{1F}notatime\u{1F}".utf8))) { e in
            XCTAssertTrue("\(e)".contains("commit 1 of the log: the time 'notatime' is not a number"), "\(e)")
        }
        XCTAssertThrowsError(try GitRangeLog.parse(record("2", parents: [mb], [(":100644 \(a) M", "x")]))) { e in
            XCTAssertTrue("\(e)".contains("a change line is not git's raw form"), "\(e)")
        }
        XCTAssertThrowsError(try GitRangeLog.parse(record("2", parents: [mb], []) + Array("\u{1E}abc\u{1F}x".utf8))) { e in
            XCTAssertTrue("\(e)".contains("commit 2 of the log: its header has 2 field(s), expected 4"), "\(e)")
        }
    }

    /// The path-limited versions are read with -z: paths git would quote (spaces, a
    /// newline, a tab, quotes, non-ASCII) come back as they are, each with its blob.
    func testFileVersionsReadPathsGitWouldQuote() throws {
        let repo = try Fixture.gitRepository(self)
        let base = try Fixture.commit(repo, ["README.md": "governance\n"], "base")
        let names = ["State/a b.json", "State/new\nline.json", "State/tab\there.json", "State/\"quoted\".json", "State/caf\u{E9}.json"]
        try Fixture.commit(repo, [names[0]: "1", names[1]: "2"], "two")
        try Fixture.commit(repo, [names[2]: "3", names[3]: "4", names[4]: "5", "notes.txt": "x"], "three")
        let versions = try repo.fileVersions(from: base, to: "HEAD", under: "State")
        XCTAssertEqual(versions.map { $0.blobs.keys.sorted() }, [Array(names[0...1]).sorted(), Array(names[2...4]).sorted()])
        for v in versions {
            for (path, blob) in v.blobs {
                XCTAssertEqual(blob, try Fixture.git(repo, ["rev-parse", "\(v.commit.sha):\(path)"]), path)
            }
        }
        XCTAssertEqual(versions.map(\.commit.authorEmail), ["admin@x.example", "admin@x.example"])
    }
}
