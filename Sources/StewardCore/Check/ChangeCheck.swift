/// `steward check --base REV`: validates each change between REV and HEAD.
public enum ChangeCheck {
    /// What the change check is given.
    public struct Options: Sendable {
        public var base: String
        public var reviews: [PullRequestReview] = []
        public var requireSigned = false
        public init(base: String) { self.base = base }
    }

    /// Adds the violations of the range base..HEAD to `report`.
    public static func run(_ root: GovernanceRoot, options: Options, into report: inout CheckReport) throws {
        throw InputError("--base is not available in this build yet")
    }
}

/// One review from GitHub's "list reviews for a pull request" API.
public struct PullRequestReview: Sendable, Equatable {
    public var login: String
    public var state: String
    public var commitID: String
    public var submittedAt: Timestamp?
}

/// Reads the reviews file.
public enum PullRequestReviews {
    public static func load(_ file: String) throws -> [PullRequestReview] { [] }
}
