/// `steward check --base REV`: validates each change between REV and HEAD, reading only
/// the files the pull request touched (O(changed), not O(estate)). Judged by REV's
/// `Workflows/`, never by the pull request's own.
public enum ChangeCheck {
    /// What the change check is given.
    public struct Options: Sendable {
        public var base: String
        public var reviews: [PullRequestReview] = []
        /// Whether a reviews file was given (then rules changes need another approver's review).
        public var reviewsGiven = false
        public var requireSigned = false
        /// The gate's own clock (`--now`, else the system clock): no event may lie after it
        /// plus 5 minutes, whatever its commit date says.
        public var now: Timestamp?
        public init(base: String) { self.base = base }
    }

    /// Adds the findings of the range base..HEAD to `report`.
    public static func run(_ root: GovernanceRoot, options: Options, into report: inout CheckReport) throws {
        let repo = GitRepository(root: root)
        let baseSha = try repo.resolve(options.base)
        let headSha = try repo.resolve("HEAD")
        // One walk of the range serves the rules, the signatures and the file versions; the
        // whole diff needs its own git process only when the walk cannot stand for it. The
        // walk is the one step whose cost grows with the estate (it reads both State/
        // trees), so it runs while the merge base, its time and the base's rules are read.
        // `base..HEAD` names the same commits as `merge-base..HEAD`: those HEAD reaches and
        // the base does not.
        let pendingLog = Background { try repo.rangeLog(from: baseSha, to: headSha) }
        let mb = try repo.mergeBase(baseSha, headSha)
        let mbTime = try repo.commitTime(mb)
        let workflows = try baseWorkflows(repo, at: baseSha)
        let approving = PullRequestReviews.approvingLogins(options.reviews, headSha: headSha)
        var paths: [GitChange] = []
        let rangeLog = try pendingLog.value()
        let allChanges = try rangeLog.wholeDiff(from: mb) ?? repo.changes(from: mb, to: headSha, paths: [])
        try repositoryRules(repo, changes: allChanges, commits: rangeLog.commitsWithPaths, base: baseSha, roles: workflows.roles,
                            approving: approving, options: options, into: &report)
        for c in allChanges where c.path.hasPrefix("State/") || c.path.hasPrefix("Workflows/") {
            func fail(_ rule: RuleID, _ m: String) { report.add(CheckFinding(file: c.path, rule: rule, message: m)) }
            if c.path.hasPrefix("Workflows/") {
                report.add(CheckFinding(file: c.path, rule: "rules-changed", message: "this pull request changes the rules; it is judged by the base branch's Workflows/, and the change applies only after merge"), level: .warning)
                continue
            }
            let name = String(c.path.dropFirst("State/".count))
            if name.hasPrefix(".") {
                if name != ".gitkeep" && c.status != "D" { fail("format", "dotfiles do not belong in State/ in git (\(name))") }
                continue
            }
            switch c.status {
            case "D": fail("deleted", "a connector file was deleted; connectors are never deleted, they are decommissioned ('steward decommission')"); continue
            case "R": fail("renamed", "renamed to \(c.newPath ?? "?"); a connector's file and id never change"); continue
            default: break
            }
            if c.newMode == "120000" { fail("symlink", "is a symbolic link; connector files must be regular files"); continue }
            if c.newMode != "100644" { fail("file-mode", "has mode \(c.newMode); connector files are plain 100644 files"); continue }
            if c.status != "A" && c.oldMode != c.newMode { fail("file-mode", "mode changed from \(c.oldMode) to \(c.newMode)"); continue }
            guard name.hasSuffix(".json"), ConnectorID.isValid(String(name.dropLast(5))) else {
                fail("format", "State/ holds only <id>.json files, where an id is a-z, 0-9 and '-'"); continue
            }
            paths.append(c)
        }
        report.filesChecked = paths.count
        // Every blob the check needs, by id: the base and head version of each changed file
        // and its version after each commit of the range, whatever the number of files (each
        // path lookup would re-read the State/ tree).
        let history = paths.isEmpty ? [] : try rangeLog.versions(under: "State") ?? repo.fileVersions(from: mb, to: headSha, under: "State")
        var names: [String] = []
        for c in paths {
            names += [c.oldBlob, c.newBlob]
            names += history.compactMap { $0.blobs[c.path] }
        }
        // Each blob once (a file's head version is also its version after the last commit).
        var seen = Set<String>()
        let present = names.filter { !GitChange.isAbsent($0) && seen.insert($0).inserted }
        var contents: [String: [UInt8]] = [:]
        for (name, bytes) in zip(present, try repo.objects(present)) { if let bytes { contents[name] = bytes } }
        var headDocs: [(file: String, doc: ConnectorDocument)] = []
        for c in paths {
            let versions = history.compactMap { v in v.blobs[c.path].map { (commit: v.commit, bytes: contents[$0]) } }
            if let doc = checkFile(c.path, base: contents[c.oldBlob], head: contents[c.newBlob], versions: versions,
                                   mbTime: mbTime, now: options.now, workflows: workflows, approving: approving, report: &report) {
                headDocs.append((c.path, doc))
            }
        }
        sharedSecrets(headDocs, workflows: workflows, report: &report)
    }

    static func checkFile(_ path: String, base: [UInt8]?, head: [UInt8]?, versions: [(commit: GitCommit, bytes: [UInt8]?)],
                          mbTime: Timestamp, now: Timestamp? = nil, workflows: WorkflowSet, approving: Set<String>,
                          report: inout CheckReport) -> ConnectorDocument? {
        func decode(_ bytes: [UInt8]?) throws(DataError) -> ConnectorDocument? {
            guard let bytes else { return nil }
            guard bytes.count <= SafeFile.maxConnectorBytes else {
                throw DataError(file: path, location: "", message: "is \(bytes.count) bytes, over the limit of \(SafeFile.maxConnectorBytes)")
            }
            return try StateStore.decode(bytes, shown: path)
        }
        let headDoc: ConnectorDocument
        do {
            guard let d = try decode(head) else { return nil }
            headDoc = d
        } catch {
            report.add(CheckFinding(file: path, rule: error.rule ?? "format", message: error.description))
            return nil
        }
        let id = String(path.dropFirst("State/".count).dropLast(5))
        guard headDoc.id.rawValue == id else {
            report.add(CheckFinding(file: path, rule: "format", message: "the id is '\(headDoc.id)' but the file is named \(id).json"))
            return nil
        }
        let baseDoc: ConnectorDocument?
        do { baseDoc = try decode(base) } catch {
            report.add(CheckFinding(file: path, rule: "format", message: "the base branch's version does not parse: \(error.description)"))
            return nil
        }
        let wf: Workflow
        do { wf = try workflows.workflow(named: (baseDoc ?? headDoc).workflow, for: path) } catch {
            report.add(CheckFinding(file: path, rule: "workflow", message: error.description + " (on the base branch)"))
            return nil
        }
        let hashes = versions.map { v in (commit: v.commit, hashes: (try? decode(v.bytes))??.history.map(\.hash)) }
        let change = FileChange(file: path, base: baseDoc, head: headDoc, versions: hashes, workflow: wf, roles: workflows.roles,
                                approvingLogins: approving, mergeBaseTime: mbTime, now: now)
        let (violations, warnings) = ChangeRules.check(change)
        for f in violations { report.add(f) }
        for f in warnings { report.add(f, level: .warning) }
        for f in TreeCheck.check(headDoc, file: path, workflows: workflows) where !violations.contains(where: { $0.rule == f.rule }) {
            report.add(f)   // core rules: no lint setting lowers them
        }
        for (f, level) in Lints.check(headDoc, file: path, workflow: wf) { report.add(f, level: level) }
        return headDoc
    }

    /// shared-secret among the changed connectors. Comparing against the whole estate
    /// would make the gate O(estate) (a `git grep` over 100,000 blobs takes seconds); the
    /// whole-tree `steward check`, which the pull-request workflow also runs, covers that.
    static func sharedSecrets(_ changed: [(file: String, doc: ConnectorDocument)], workflows: WorkflowSet,
                              report: inout CheckReport) {
        let uses = changed.compactMap { Lints.SecretUse(file: $0.file, doc: $0.doc, terminal: workflows.terminal(of: $0.doc)) }
        for (f, level) in Lints.sharedSecrets(uses, workflows: workflows) { report.add(f, level: level) }
    }

    /// The base branch's workflows and roles, read from git (not from the working tree)
    /// and loaded by the one workflow loader, with the same checks as the working tree's.
    static func baseWorkflows(_ repo: GitRepository, at rev: String) throws -> WorkflowSet {
        let list = try repo.git(["ls-tree", "--name-only", "-z", rev, "Workflows/"])
        let paths = list.stdout.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }.filter { $0.hasSuffix(".json") }
        let files = zip(paths, try repo.blobs(paths.map { (rev, $0) })).compactMap { path, bytes in
            bytes.map { (name: String(path.dropFirst("Workflows/".count)), bytes: $0) }
        }
        let read: (workflows: [String: Workflow], roles: Roles?)
        do { read = try WorkflowSet.decode(files: files, suffix: " (base)") } catch {
            // The gate judges by the base branch's rules, so no pull request can repair them.
            throw DataError(file: error.file, location: error.location, message: error.message
                + "; the gate judges every pull request by the base branch's rules, so fix this on the base branch itself (a pull request cannot pass until then)", rule: error.rule)
        }
        guard let roles = read.roles, !read.workflows.isEmpty else {
            throw DataError(file: "Workflows/", location: "", message: "the base revision \(rev.prefix(10)) has no workflows or roles.json; is --base a governance repository's branch?")
        }
        return WorkflowSet(workflows: read.workflows, roles: roles)
    }
}
