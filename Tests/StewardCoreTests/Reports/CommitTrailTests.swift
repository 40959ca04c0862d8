import XCTest
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

    func line(_ sha: String, _ parents: [String], _ subject: String, blob: String?) -> String {
        "\u{1E}\(sha)\u{1F}\(parents.joined(separator: " "))\u{1F}Ann\u{1F}ann@x.example\u{1F}1767600000\u{1F}\(subject)\n"
            + (blob.map { ":100644 100644 \(String(repeating: "0", count: 40)) \($0) M\tState/x.json\n" } ?? "")
    }

    func testEventsAreAttributedToTheFirstCommitHoldingThemAndToTheMergeThatBroughtThem() {
        // a (main) → b (branch) → M merges PR #5; then s, a squash commit (#6).
        let log = line("a", [], "Request x", blob: "blob-a") + line("b", ["a"], "Approve x", blob: "blob-b")
            + line("m", ["a", "b"], "Merge pull request #5 from acme/approve", blob: nil) + line("s", ["m"], "Activate x (#6)", blob: "blob-s")
        let commits = CommitTrail.parse(log)
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
}
