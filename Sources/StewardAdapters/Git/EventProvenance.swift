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
            log = try repo.git(["log", "--full-history", "--parents", "--reverse", "--topo-order", "--raw", "--no-abbrev",
                                "--no-renames", "--format=\(CommitTrail.logFormat)", "HEAD", "--", path])
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
        let commits = CommitTrail.parse(log.text)
        let blobs = Array(Set(commits.compactMap(\.blob).filter { $0 != String(repeating: "0", count: $0.count) })).sorted()
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
}
