/// One review from GitHub's "list reviews for a pull request" API.
public struct PullRequestReview: Sendable, Equatable {
    public var login: String
    /// APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING.
    public var state: String
    public var commitID: String
    public var submittedAt: Timestamp?
    public init(login: String, state: String, commitID: String, submittedAt: Timestamp?) {
        self.login = login
        self.state = state
        self.commitID = commitID
        self.submittedAt = submittedAt
    }
}

/// Reads `--reviews FILE` (GitHub's JSON array; fields beyond user.login, state, commit_id
/// and submitted_at are ignored, as GitHub adds fields over time).
public enum PullRequestReviews {
    /// Decodes the parsed array; errors name the file and the entry.
    public static func decode(_ value: JSONValue, file: String) throws(DataError) -> [PullRequestReview] {
        guard case .array(let items) = value else {
            throw DataError(file: file, location: "top level", message: "expected the JSON array GitHub returns for GET /repos/{owner}/{repo}/pulls/{n}/reviews")
        }
        var out: [PullRequestReview] = []
        for (i, item) in items.enumerated() {
            guard case .object(let o) = item else { throw DataError(file: file, location: "[\(i)]", message: "expected an object") }
            guard let login = o["user"]?.objectValue?["login"]?.stringValue else {
                throw DataError(file: file, location: "[\(i)].user.login", message: "missing; is this the reviews API's output?")
            }
            guard let state = o["state"]?.stringValue else { throw DataError(file: file, location: "[\(i)].state", message: "missing") }
            let commit = o["commit_id"]?.stringValue ?? ""
            let at = o["submitted_at"]?.stringValue.flatMap { Timestamp(lenient: $0) }
            out.append(PullRequestReview(login: login, state: state, commitID: commit, submittedAt: at))
        }
        return out
    }

    /// Logins whose latest review is APPROVED on `headSha` (a later review by the same
    /// login — changes requested, dismissed — withdraws the approval).
    public static func approvingLogins(_ reviews: [PullRequestReview], headSha: String) -> Set<String> {
        var latest: [String: PullRequestReview] = [:]
        for (i, r) in reviews.enumerated() where r.state != "COMMENTED" && r.state != "PENDING" {
            let key = r.login.lowercased()
            if let prev = latest[key], (prev.submittedAt?.seconds ?? Int64(i)) > (r.submittedAt?.seconds ?? Int64(i)) { continue }
            latest[key] = r
        }
        return Set(latest.values.filter { $0.state == "APPROVED" && $0.commitID == headSha }.map { $0.login.lowercased() })
    }
}
