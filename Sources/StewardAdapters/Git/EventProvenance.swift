/// Reads, for one connector file, which commit added each event: one `git log` of the file
/// (every merge listed, parents rewritten, blob ids shown) and one `git cat-file --batch`
/// for the file's versions. Two processes per connector, whatever its history's length.
public enum EventProvenance {
    /// What git says about the file.
    public enum Result: Sendable {
        /// Event hash → the commit that added it (events not committed yet are absent).
        case commits([String: EventCommit])
        /// Not inside a git repository, git is missing, or the repository has no commit.
        case unavailable(String)
    }

    /// Reads the provenance of `State/<id>.json` under `root`.
    public static func read(root: GovernanceRoot, id: String) -> Result {
        let path = "State/\(id).json"
        let repo = GitRepository(root: root)
        let log: ProcessOutput
        do {
            log = try repo.git(["log", "--full-history", "--parents", "--reverse", "--topo-order", "--raw", "-z", "--no-abbrev",
                                "--no-renames", "--format=\(format)", "HEAD", "--", path])
        } catch {
            return .unavailable("git could not be run: \(error.description)")
        }
        guard log.status == 0 else {
            let why = log.stderr.split(separator: "\n").first.map(String.init) ?? "git log failed"
            if why.contains("not a git repository") { return .unavailable("not inside a git repository") }
            if why.contains("ambiguous argument 'HEAD'") || why.contains("does not have any commits") {
                return .unavailable("the git repository has no commit yet")
            }
            return .unavailable(why)
        }
        let commits: [CommitTrail.LoggedCommit]
        do { commits = try loggedCommits(log.stdout) } catch { return .unavailable(error.description) }
        let blobs = Array(Set(commits.compactMap(\.blob).filter { !GitChange.isAbsent($0) })).sorted()
        var hashes: [String: [String]] = [:]
        if !blobs.isEmpty, let contents = try? repo.objects(blobs) {
            for (blob, bytes) in zip(blobs, contents) {
                guard let bytes, case .object(let o)? = try? StrictJSON.parse(bytes, maxBytes: SafeFile.maxConnectorBytes),
                      let history = o["history"]?.arrayValue else { continue }
                hashes[blob] = history.compactMap { $0.objectValue?["hash"]?.stringValue }
            }
        }
        return .commits(CommitTrail.attribute(commits, hashes: hashes))
    }

    /// The header fields the provenance asks for: sha, parents, author, email, author time, subject.
    static let format = GitLog.format(["%H", "%P", "%an", "%ae", "%at", "%s"])

    /// The commits of a `git log -z --raw --format=<format>` of one file, in the order given
    /// (through `GitLog`): a header git did not write as asked is an error, never skipped.
    static func loggedCommits(_ bytes: [UInt8]) throws(StoreError) -> [CommitTrail.LoggedCommit] {
        var out: [CommitTrail.LoggedCommit] = []
        for r in try GitLog.parse(bytes, fieldCount: 6) {
            out.append(CommitTrail.LoggedCommit(sha: r.fields[0], parents: r.fields[1].split(separator: " ").map(String.init),
                                                author: r.fields[2], authorEmail: r.fields[3], date: try r.time(4),
                                                subject: r.fields[5], blob: r.changes.last?.newBlob))
        }
        return out
    }
}
