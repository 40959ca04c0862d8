/// One changed path between two commits, from `git diff --raw`.
public struct GitChange: Sendable, Equatable {
    /// A (added), M (modified), D (deleted), R (renamed), T (type changed), …
    public var status: Character
    public var oldMode: String
    public var newMode: String
    /// Blob ids before and after (40 zeros when absent).
    public var oldBlob: String
    public var newBlob: String
    public var path: String
    /// The new path of a rename.
    public var newPath: String?

    /// True for git's "no object here" id: all zeros (40 of them, or 64 in a SHA-256 repository).
    public static func isAbsent(_ blob: String) -> Bool { !blob.isEmpty && blob.utf8.allSatisfy { $0 == UInt8(ascii: "0") } }
}

/// The git adapter for `check --base`: resolves revisions, lists changes and commits,
/// reads file versions in one `git cat-file --batch` (signatures: GitSignatures.swift).
public struct GitRepository: Sendable {
    public let root: GovernanceRoot
    public init(root: GovernanceRoot) { self.root = root }

    package func git(_ args: [String], input: [UInt8]? = nil) throws(StoreError) -> ProcessOutput {
        try GitCLI.run(args, root: root, input: input)
    }

    /// The full sha of `rev`, or an error that says the revision is unknown.
    public func resolve(_ rev: String) throws(any Error) -> String {
        guard !rev.hasPrefix("-") else { throw InputError("--base '\(rev)' is not a revision") }
        let out = try git(["rev-parse", "--verify", "--quiet", "\(rev)^{commit}"])
        guard out.status == 0, !out.text.isEmpty else {
            throw InputError("--base \(rev) is not a commit in this repository (fetch it first: git fetch origin, and check out with full history: fetch-depth 0)")
        }
        return out.text
    }

    /// The best common ancestor of `a` and `b`.
    public func mergeBase(_ a: String, _ b: String) throws(any Error) -> String {
        let out = try git(["merge-base", a, b])
        guard out.status == 0, !out.text.isEmpty else { throw InputError("\(a) and HEAD share no history; is this the right --base?") }
        return out.text
    }

    /// Paths changed from `from` to `to` under `paths`, with modes; renames detected.
    public func changes(from: String, to: String, paths: [String]) throws(any Error) -> [GitChange] {
        let out = try git(["diff", "--raw", "-z", "--find-renames", "--no-abbrev", from, to, "--"] + paths)
        guard out.status == 0 else { throw StoreError(.io, "git diff failed: \(out.stderr)") }
        var fields = out.stdout.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        if fields.last == "" { fields.removeLast() }
        var result: [GitChange] = []
        var i = 0
        while i < fields.count {
            let meta = fields[i].split(separator: " ")
            guard meta.count >= 5, let status = meta[4].first, i + 1 < fields.count else { break }
            var c = GitChange(status: status, oldMode: String(meta[0].dropFirst()), newMode: String(meta[1]),
                              oldBlob: String(meta[2]), newBlob: String(meta[3]), path: fields[i + 1])
            i += 2
            if status == "R" || status == "C", i < fields.count {
                c.newPath = fields[i]
                i += 1
            }
            result.append(c)
        }
        return result
    }

    /// For each commit in `from..to` (oldest first) the blob id each path under `path` has
    /// after it, for the paths the commit changed: one `git log --raw` for the whole range,
    /// instead of one per file (each git process re-reads the State/ tree).
    public func fileVersions(from: String, to: String, under path: String) throws(any Error) -> [(commit: GitCommit, blobs: [String: String])] {
        let out = try git(["log", "--reverse", "--topo-order", "--raw", "-z", "--no-abbrev", "--no-renames",
                           "--format=\(GitRangeLog.format)", "\(from)..\(to)", "--", path])
        guard out.status == 0 else { throw StoreError(.io, "git log failed: \(out.stderr)") }
        return try GitRangeLog.parse(out.stdout).commits.map { c in
            var blobs: [String: String] = [:]
            for change in c.changes { blobs[change.path] = change.newBlob }
            return (c.commit, blobs)
        }
    }

    /// The contents of each `rev:path`, or nil where it does not exist; one git process.
    public func blobs(_ specs: [(rev: String, path: String)]) throws(any Error) -> [[UInt8]?] {
        try objects(specs.map { "\($0.rev):\($0.path)" })
    }

    /// The contents of each object name (a blob id, or `rev:path`), nil where it is missing
    /// or not a blob; one `git cat-file --batch`. Blob ids need no tree reads at all.
    public func objects(_ names: [String]) throws(any Error) -> [[UInt8]?] {
        let specs = names
        if specs.isEmpty { return [] }
        let input = specs.map { "\($0)\n" }.joined()
        let out = try git(["cat-file", "--batch"], input: Array(input.utf8))
        guard out.status == 0 else { throw StoreError(.io, "git cat-file failed: \(out.stderr)") }
        var result: [[UInt8]?] = []
        let b = out.stdout
        var i = 0
        for _ in specs {
            guard let nl = b[i...].firstIndex(of: 10) else { break }
            let header = String(decoding: b[i..<nl], as: UTF8.self)
            i = nl + 1
            if header.hasSuffix(" missing") || header.hasSuffix(" ambiguous") {
                result.append(nil)
                continue
            }
            let parts = header.split(separator: " ")
            guard parts.count == 3, let size = Int(parts[2]), i + size <= b.count else { break }
            result.append(parts[1] == "blob" ? Array(b[i..<(i + size)]) : nil)
            i += size + 1
        }
        guard result.count == specs.count else { throw StoreError(.io, "git cat-file returned an unexpected answer") }
        return result
    }
}
