/// One commit of a range with its parents and the raw changes git lists for it (against
/// its parent; for a merge, git's dense combined diff, whose entries name only the path).
public struct GitRangeCommit: Sendable, Equatable {
    public var commit: GitCommit
    public var parents: [String]
    public var changes: [GitChange]
}

/// Every commit of `from..to` with its changes, from ONE `git log --raw`: each git process
/// that diffs two commits inflates and compares both whole `State/` tree objects (100,000
/// entries, ~6 MB at 100k connectors), so the gate derives what it can from this one walk
/// instead of asking git again (the paths per commit for the rules and signature checks,
/// and, on a linear range, each State/ file's versions and the whole range's diff).
public struct GitRangeLog: Sendable, Equatable {
    /// Oldest first (`--reverse --topo-order`).
    public var commits: [GitRangeCommit]

    /// The paths each commit changed, as `git log --name-only --diff-merges=dense-combined`
    /// lists them (a merge: only the paths it changed against every parent).
    public var commitsWithPaths: [(commit: GitCommit, paths: [String])] {
        commits.map { ($0.commit, $0.changes.map(\.path)) }
    }

    /// Whether the range has no merge commit.
    public var isLinear: Bool { commits.allSatisfy { $0.parents.count <= 1 } }

    /// What `git log --raw -- <folder>` gives for a linear range: each commit that changed
    /// something under `folder`, with the blob each changed path has after it. Nil when the
    /// range holds a merge: git's history simplification for a path-limited log (which side
    /// branches it prunes) is then left to git itself.
    public func versions(under folder: String) -> [(commit: GitCommit, blobs: [String: String])]? {
        guard isLinear else { return nil }
        let prefix = folder + "/"
        return commits.compactMap { c in
            let inside = c.changes.filter { $0.path.hasPrefix(prefix) }
            if inside.isEmpty { return nil }
            var blobs: [String: String] = [:]
            for change in inside { blobs[change.path] = change.newBlob }
            return (c.commit, blobs)
        }
    }

    /// The diff `from..to` with rename detection, when this log already holds it: the range
    /// is one non-merge commit whose parent is `from`, and it does not both delete and add
    /// a path (only such a pair can be a rename). Nil otherwise: ask git.
    public func wholeDiff(from: String) -> [GitChange]? {
        guard commits.count == 1, let only = commits.first, only.parents == [from] else { return nil }
        let deletes = only.changes.contains { $0.status == "D" }
        let adds = only.changes.contains { $0.status == "A" }
        return deletes && adds ? nil : only.changes
    }

    /// The header fields the walk asks for: sha, author email, committer time, parents.
    static let format = GitLog.format(["%H", "%ae", "%ct", "%P"])

    /// Parses `git log -z --raw --no-renames --format=<format>` output (through `GitLog`).
    static func parse(_ bytes: [UInt8]) throws(StoreError) -> GitRangeLog {
        var commits: [GitRangeCommit] = []
        for r in try GitLog.parse(bytes, fieldCount: 4) {
            commits.append(GitRangeCommit(commit: GitCommit(sha: r.fields[0], authorEmail: r.fields[1], time: try r.time(2)),
                                          parents: r.fields[3].split(separator: " ").map(String.init), changes: r.changes))
        }
        return GitRangeLog(commits: commits)
    }
}

extension GitRepository {
    /// Every commit of `from..to` with its raw changes, in one git process.
    public func rangeLog(from: String, to: String) throws(any Error) -> GitRangeLog {
        let out = try git(["log", "--reverse", "--topo-order", "--raw", "-z", "--no-abbrev", "--no-renames",
                           "--diff-merges=dense-combined", "--format=\(GitRangeLog.format)", "\(from)..\(to)"])
        guard out.status == 0 else { throw StoreError(.io, "git log failed: \(out.stderr)") }
        return try GitRangeLog.parse(out.stdout)
    }

    /// The committer time of `rev`. (`git show -s` would still diff a root commit against
    /// the empty tree, reading every State/ entry; `git log -1` does not diff.)
    public func commitTime(_ rev: String) throws(any Error) -> Timestamp {
        let out = try git(["log", "-1", "--no-walk", "--format=%ct", rev])
        guard out.status == 0, let t = Int64(out.text) else { throw StoreError(.io, "git log failed: \(out.stderr)") }
        return Timestamp(seconds: t)
    }
}
