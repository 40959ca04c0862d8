import XCTest
@testable import StewardAdapters
@testable import StewardCore

/// Reading which commit and pull request added each event, from one `git log` of the file.
final class CommitTrailTests: XCTestCase {
    func testPullRequestNumbersFromSubjects() {
        XCTAssertEqual(CommitTrail.pullRequest(inSubject: "Merge pull request #42 from acme/approve-crm"), 42)
        XCTAssertEqual(CommitTrail.pullRequest(inSubject: "Approve crm-sync (#7)"), 7)
        XCTAssertEqual(CommitTrail.pullRequest(inSubject: "Approve crm-sync (#7) "), 7)
        XCTAssertNil(CommitTrail.pullRequest(inSubject: "Approve crm-sync (see #7 later)"))
        XCTAssertNil(CommitTrail.pullRequest(inSubject: "Fix (#abc)"))
        XCTAssertNil(CommitTrail.pullRequest(inSubject: "Merge branch 'main'"))
    }

    /// One commit as `git log -z --raw --format=<EventProvenance.format>` writes it.
    func line(_ sha: String, _ parents: [String], _ subject: String, blob: String?) -> [UInt8] {
        Array("\u{1E}\(sha)\u{1F}\(parents.joined(separator: " "))\u{1F}Ann\u{1F}ann@x.example\u{1F}1767600000\u{1F}\(subject)".utf8) + [0]
            + (blob.map { Array("\n:100644 100644 \(String(repeating: "0", count: 40)) \($0) M".utf8) + [0] + Array("State/x.json".utf8) + [0] } ?? [])
    }

    func testEventsAreAttributedToTheFirstCommitHoldingThemAndToTheMergeThatBroughtThem() throws {
        // a (main) → b (branch) → M merges PR #5; then s, a squash commit (#6).
        let log = line("a", [], "Request x", blob: "blob-a") + line("b", ["a"], "Approve x", blob: "blob-b")
            + line("m", ["a", "b"], "Merge pull request #5 from acme/approve", blob: nil) + line("s", ["m"], "Activate x (#6)", blob: "blob-s")
        let commits = try EventProvenance.loggedCommits(log)
        XCTAssertEqual(commits.map(\.sha), ["a", "b", "m", "s"])
        XCTAssertEqual(commits[2].parents, ["a", "b"])
        XCTAssertNil(commits[2].blob)
        XCTAssertEqual(commits[1].date, Timestamp(seconds: 1_767_600_000))
        let map = CommitTrail.attribute(commits, hashes: ["blob-a": ["h1"], "blob-b": ["h1", "h2"], "blob-s": ["h1", "h2", "h3"]])
        XCTAssertEqual(map["h1"]?.sha, "a")
        XCTAssertNil(map["h1"]?.pullRequest, "committed straight to main")
        XCTAssertEqual(map["h2"]?.sha, "b")
        XCTAssertEqual(map["h2"]?.pullRequest, 5)
        XCTAssertEqual(map["h3"]?.sha, "s")
        XCTAssertEqual(map["h3"]?.pullRequest, 6)
    }

    /// The log is read by the git adapter's one reader: a header git did not write as asked
    /// is reported (naming the commit), not skipped.
    func testAMalformedHeaderIsReportedNotSkipped() throws {
        let good = line("a", [], "Request x", blob: "blob-a")
        XCTAssertEqual(try EventProvenance.loggedCommits(good).map(\.subject), ["Request x"])
        XCTAssertEqual(try EventProvenance.loggedCommits(Array("\u{1E}a\u{1F}\u{1F}Ann\u{1F}a@x\u{1F}1\u{1F}Sub\u{1F}ject".utf8)).map(\.subject),
                       ["Sub\u{1F}ject"], "the subject, last, keeps what it holds")
        XCTAssertThrowsError(try EventProvenance.loggedCommits(good + Array("\u{1E}b\u{1F}a\u{1F}Ann".utf8) + [0])) { e in
            XCTAssertTrue("\(e)".contains("commit 2 of the log: its header has 3 field(s), expected 6"), "\(e)")
        }
        XCTAssertThrowsError(try EventProvenance.loggedCommits(Array("\u{1E}b\u{1F}\u{1F}Ann\u{1F}a@x\u{1F}soon\u{1F}s".utf8))) { e in
            XCTAssertTrue("\(e)".contains("the time 'soon' is not a number"), "\(e)")
        }
    }
}
