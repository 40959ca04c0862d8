/// The commit that added an event to a connector file, and the pull request that brought
/// it in when a merge names one.
public struct EventCommit: Sendable, Equatable {
    public var sha: String
    public var author: String
    public var authorEmail: String
    /// The author date.
    public var date: Timestamp
    public var subject: String
    /// `Merge pull request #N …` on the merge that brought the commit in, or a squash
    /// commit's own `… (#N)`.
    public var pullRequest: Int?
}

/// Works out which commit added each event of one connector file, from the commits of one
/// `git log` of that file (with `--full-history --parents --raw`, so every merge is listed
/// with its parents rewritten to the commits that touched the file; read by the git
/// adapter's one log reader) and the file's version after each commit. Pure: commits and
/// blobs in, a map from event hash to commit out.
public enum CommitTrail {
    /// One commit as the log lists it.
    public struct LoggedCommit: Sendable, Equatable {
        public var sha: String
        public var parents: [String]
        public var author: String
        public var authorEmail: String
        public var date: Timestamp
        public var subject: String
        /// The file's blob after this commit (nil for merges, which `--raw` leaves out).
        public var blob: String?

        public init(sha: String, parents: [String], author: String, authorEmail: String, date: Timestamp, subject: String,
                    blob: String?) {
            (self.sha, self.parents, self.author, self.authorEmail, self.date, self.subject, self.blob)
                = (sha, parents, author, authorEmail, date, subject, blob)
        }
    }

    /// `(#12)` at the end of a subject (a squash merge), or `Merge pull request #12` at its start.
    public static func pullRequest(inSubject s: String) -> Int? {
        let merge = "Merge pull request #"
        if s.hasPrefix(merge) { return leadingNumber(s.dropFirst(merge.count)) }
        var t = Substring(s)
        while t.last == " " { t = t.dropLast() }
        guard t.hasSuffix(")"), let open = t.lastIndex(of: "(") else { return nil }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        guard inner.hasPrefix("#") else { return nil }
        let digits = inner.dropFirst()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }

    static func leadingNumber(_ s: Substring) -> Int? {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : Int(digits)
    }

    /// Event hash → the commit that first holds it. `commits` is the log oldest first;
    /// `hashes` gives, per blob id, the event hashes of that version of the file.
    public static func attribute(_ commits: [LoggedCommit], hashes: [String: [String]]) -> [String: EventCommit] {
        let prs = pullRequests(commits)
        var out: [String: EventCommit] = [:]
        for c in commits {
            guard let blob = c.blob, let list = hashes[blob] else { continue }
            for h in list where out[h] == nil {
                out[h] = EventCommit(sha: c.sha, author: c.author, authorEmail: c.authorEmail, date: c.date,
                                     subject: c.subject, pullRequest: prs[c.sha])
            }
        }
        return out
    }

    /// Commit → the pull request that brought it: its own `(#N)`, else the number of the
    /// `Merge pull request #N` merge on the main line that first reached it.
    static func pullRequests(_ commits: [LoggedCommit]) -> [String: Int] {
        var byID: [String: LoggedCommit] = [:]
        for c in commits { byID[c.sha] = c }
        var out: [String: Int] = [:]
        for c in commits { if let n = pullRequest(inSubject: c.subject), !c.subject.hasPrefix("Merge pull request #") { out[c.sha] = n } }
        // The main line: first parents from the newest commit listed.
        var mainline: [String] = []
        var cursor = commits.last?.sha
        var onLine: Set<String> = []
        while let sha = cursor, let c = byID[sha], !onLine.contains(sha) {
            mainline.append(sha)
            onLine.insert(sha)
            cursor = c.parents.first
        }
        var seen: Set<String> = []
        for m in mainline.reversed() {
            let number = byID[m].flatMap { $0.subject.hasPrefix("Merge pull request #") ? pullRequest(inSubject: $0.subject) : nil }
            var stack = [m]
            while let sha = stack.popLast() {
                guard !seen.contains(sha), let c = byID[sha] else { continue }
                seen.insert(sha)
                if let number, out[sha] == nil, sha != m { out[sha] = number }
                stack += c.parents
            }
        }
        return out
    }
}
