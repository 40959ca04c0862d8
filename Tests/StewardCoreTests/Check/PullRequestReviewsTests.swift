import XCTest
@testable import StewardCore

/// `--reviews FILE`: decoding GitHub's reviews list, and which logins still approve HEAD.
final class PullRequestReviewsTests: XCTestCase {
    let head = String(repeating: "a", count: 40)
    let older = String(repeating: "b", count: 40)

    func review(_ login: String, _ state: String, _ commit: String? = nil, _ at: String?) -> PullRequestReview {
        PullRequestReview(login: login, state: state, commitID: commit ?? head, submittedAt: at.map(Fixture.t))
    }

    func parse(_ text: String) throws -> JSONValue { try JSONFile.parse(bytes: Array(text.utf8), shown: "reviews.json") }

    // MARK: decoding

    func testDecodesGitHubsShapeAndIgnoresExtraFields() throws {
        let text = """
        [{"id": 80, "node_id": "MDE3", "user": {"login": "alice-gh", "id": 1, "type": "User"}, "body": "LGTM",
          "state": "APPROVED", "html_url": "https://github.com/o/r/pull/12#pullrequestreview-80",
          "commit_id": "\(head)", "submitted_at": "2026-01-05T10:00:00Z", "author_association": "MEMBER"},
         {"user": {"login": "bob-gh"}, "state": "COMMENTED", "commit_id": "\(older)"}]
        """
        let reviews = try PullRequestReviews.decode(try parse(text), file: "reviews.json")
        XCTAssertEqual(reviews, [
            PullRequestReview(login: "alice-gh", state: "APPROVED", commitID: head, submittedAt: Fixture.t("2026-01-05T10:00:00Z")),
            PullRequestReview(login: "bob-gh", state: "COMMENTED", commitID: older, submittedAt: nil),
        ])
    }

    func testDecodeErrorsNameTheFileAndEntry() throws {
        XCTAssertThrowsError(try PullRequestReviews.decode(try parse(#"{"reviews": []}"#), file: "r.json")) { e in
            let d = e as? DataError
            XCTAssertEqual(d?.file, "r.json")
            XCTAssertEqual(d?.location, "top level")
        }
        XCTAssertThrowsError(try PullRequestReviews.decode(try parse(#"[{"user": {"login": "a"}, "state": "APPROVED"}, {"state": "APPROVED"}]"#), file: "r.json")) { e in
            XCTAssertEqual((e as? DataError)?.location, "[1].user.login")
        }
        XCTAssertThrowsError(try PullRequestReviews.decode(try parse(#"[{"user": {"login": "a"}}]"#), file: "r.json")) { e in
            XCTAssertEqual((e as? DataError)?.location, "[0].state")
        }
        XCTAssertThrowsError(try PullRequestReviews.decode(try parse(#"[3]"#), file: "r.json")) { e in
            XCTAssertEqual((e as? DataError)?.location, "[0]")
        }
    }

    func testLoadReadsAFile() throws {
        let file = Fixture.temporaryDirectory(self) + "/reviews.json"
        try Data(#"[{"user":{"login":"Alice-GH"},"state":"APPROVED","commit_id":"\#(head)","submitted_at":"2026-01-05T10:00:00Z"}]"#.utf8)
            .write(to: URL(fileURLWithPath: file))
        let reviews = try PullRequestReviews.load(file)
        XCTAssertEqual(PullRequestReviews.approvingLogins(reviews, headSha: head), ["alice-gh"])
    }

    // MARK: who approves HEAD

    func testAnApprovalOfHeadCounts() {
        XCTAssertEqual(PullRequestReviews.approvingLogins([review("alice-gh", "APPROVED", nil, "2026-01-05T10:00:00Z")], headSha: head),
                       ["alice-gh"])
    }

    func testAnApprovalOfAnOlderCommitDoesNotCount() {
        XCTAssertEqual(PullRequestReviews.approvingLogins([review("alice-gh", "APPROVED", older, "2026-01-05T10:00:00Z")], headSha: head),
                       [])
    }

    func testALaterChangesRequestedOrDismissalWithdrawsTheApproval() {
        for later in ["CHANGES_REQUESTED", "DISMISSED"] {
            let reviews = [review("alice-gh", "APPROVED", nil, "2026-01-05T10:00:00Z"), review("alice-gh", later, nil, "2026-01-05T11:00:00Z")]
            XCTAssertEqual(PullRequestReviews.approvingLogins(reviews, headSha: head), [], later)
        }
    }

    func testTheLatestReviewWinsWhateverTheListOrder() {
        // GitHub lists reviews oldest first, but the time decides, not the position.
        let reviews = [review("alice-gh", "CHANGES_REQUESTED", nil, "2026-01-05T11:00:00Z"),
                       review("alice-gh", "APPROVED", nil, "2026-01-05T10:00:00Z")]
        XCTAssertEqual(PullRequestReviews.approvingLogins(reviews, headSha: head), [])
        let again = [review("alice-gh", "CHANGES_REQUESTED", nil, "2026-01-05T10:00:00Z"),
                     review("alice-gh", "APPROVED", nil, "2026-01-05T11:00:00Z")]
        XCTAssertEqual(PullRequestReviews.approvingLogins(again, headSha: head), ["alice-gh"])
    }

    func testACommentAfterAnApprovalDoesNotWithdrawIt() {
        let reviews = [review("alice-gh", "APPROVED", nil, "2026-01-05T10:00:00Z"), review("alice-gh", "COMMENTED", nil, "2026-01-05T11:00:00Z"),
                       review("alice-gh", "PENDING", nil, nil)]
        XCTAssertEqual(PullRequestReviews.approvingLogins(reviews, headSha: head), ["alice-gh"])
    }

    func testLoginsAreComparedCaseInsensitively() {
        let reviews = [review("Alice-GH", "APPROVED", nil, "2026-01-05T10:00:00Z"), review("alice-gh", "CHANGES_REQUESTED", nil, "2026-01-05T11:00:00Z")]
        XCTAssertEqual(PullRequestReviews.approvingLogins(reviews, headSha: head), [])
    }

    func testEachLoginIsJudgedOnItsOwn() {
        let reviews = [review("alice-gh", "APPROVED", nil, "2026-01-05T10:00:00Z"), review("bob-gh", "APPROVED", older, "2026-01-05T09:00:00Z"),
                       review("carol-gh", "CHANGES_REQUESTED", nil, "2026-01-05T09:00:00Z")]
        XCTAssertEqual(PullRequestReviews.approvingLogins(reviews, headSha: head), ["alice-gh"])
    }
}
