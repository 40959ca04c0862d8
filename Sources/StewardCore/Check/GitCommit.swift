/// A commit as the gate needs it.
public struct GitCommit: Sendable, Equatable {
    public var sha: String
    public var authorEmail: String
    /// Committer time.
    public var time: Timestamp

    package init(sha: String, authorEmail: String, time: Timestamp) { (self.sha, self.authorEmail, self.time) = (sha, authorEmail, time) }
}
