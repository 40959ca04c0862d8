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

    /// Parses `git log -z --raw --no-renames --format=%x1e%H%x1f%ae%x1f%ct%x1f%P` output.
    static func parse(_ bytes: [UInt8]) -> GitRangeLog? {
        var commits: [GitRangeCommit] = []
        for record in bytes.split(separator: 0x1E) {
            let fields = record.split(separator: 0, omittingEmptySubsequences: false)
            guard let headBytes = fields.first else { continue }
            let head = String(decoding: headBytes, as: UTF8.self).split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard head.count == 4, let t = Int64(head[2]) else { return nil }
            var c = GitRangeCommit(commit: GitCommit(sha: String(head[0]), authorEmail: String(head[1]), time: Timestamp(seconds: t)),
                                   parents: head[3].split(separator: " ").map(String.init), changes: [])
            var i = 1
            while i < fields.count {
                var meta = String(decoding: fields[i], as: UTF8.self)
                if meta.hasPrefix("\n") { meta.removeFirst() }
                i += 1
                if meta.isEmpty { continue }
                guard meta.hasPrefix(":"), i < fields.count else { return nil }
                let path = String(decoding: fields[i], as: UTF8.self)
                i += 1
                let colons = meta.prefix { $0 == ":" }.count
                let parts = meta.dropFirst(colons).split(separator: " ")
                // One mode and one blob per parent, then the result's, then the status.
                guard parts.count == 2 * (colons + 1) + 1, let status = parts.last?.first else { return nil }
                c.changes.append(GitChange(status: status, oldMode: String(parts[0]), newMode: String(parts[colons]),
                                           oldBlob: String(parts[colons + 1]), newBlob: String(parts[2 * colons + 1]), path: path))
            }
            commits.append(c)
        }
        return GitRangeLog(commits: commits)
    }
}

extension GitRepository {
    /// Every commit of `from..to` with its raw changes, in one git process.
    public func rangeLog(from: String, to: String) throws(any Error) -> GitRangeLog {
        let out = try git(["log", "--reverse", "--topo-order", "--raw", "-z", "--no-abbrev", "--no-renames",
                           "--diff-merges=dense-combined", "--format=%x1e%H%x1f%ae%x1f%ct%x1f%P", "\(from)..\(to)"])
        guard out.status == 0 else { throw StoreError(.io, "git log failed: \(out.stderr)") }
        guard let log = GitRangeLog.parse(out.stdout) else { throw StoreError(.io, "git log returned an unexpected answer") }
        return log
    }

    /// The committer time of `rev`. (`git show -s` would still diff a root commit against
    /// the empty tree, reading every State/ entry; `git log -1` does not diff.)
    public func commitTime(_ rev: String) throws(any Error) -> Timestamp {
        let out = try git(["log", "-1", "--no-walk", "--format=%ct", rev])
        guard out.status == 0, let t = Int64(out.text) else { throw StoreError(.io, "git log failed: \(out.stderr)") }
        return Timestamp(seconds: t)
    }
}
