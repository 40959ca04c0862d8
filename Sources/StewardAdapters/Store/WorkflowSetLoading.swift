/// `Workflows/` read once: every workflow that loaded, `roles.json` when it loaded, and a
/// problem for each file that did not. The runner and the strict readers judge the same read.
public struct WorkflowFiles: Sendable {
    public var workflows: [String: Workflow]
    public var roles: Roles?
    public var problems: [DataError]

    /// What the runner needs, never letting one bad file outside `State/` stop the lifecycle
    /// of the others: a workflow file that does not load is left out (its connectors are then
    /// reported one by one), and `roles.json`, which no timer reads, may be broken or missing.
    /// Returns the set and every problem, for the run's `errors`. Throws only when no
    /// workflow loads at all.
    public func forRunner() throws(DataError) -> (set: WorkflowSet, problems: [DataError]) {
        guard !workflows.isEmpty else { throw problems.first ?? WorkflowSet.noWorkflow }
        return (WorkflowSet(workflows: workflows, roles: roles ?? Roles(approvers: [])), problems)
    }

    /// Every file must load (the first problem is thrown, in name order), `roles.json` must
    /// be there and at least one workflow.
    public func strict() throws(DataError) -> WorkflowSet {
        if let first = problems.first { throw first }
        guard let roles else {
            throw DataError(file: "Workflows/roles.json", location: "", message: "is missing; it lists who may approve ({\"approvers\": [\"a@example.com\"]})")
        }
        guard !workflows.isEmpty else { throw WorkflowSet.noWorkflow }
        return WorkflowSet(workflows: workflows, roles: roles)
    }
}

/// Loading the workflows and roles of a governance root from `Workflows/`.
extension WorkflowSet {
    /// Reads every `Workflows/*.json` once (each workflow must be sound and named as its
    /// file); throws only when `Workflows/` cannot be listed.
    public static func read(_ root: GovernanceRoot) throws(DataError) -> WorkflowFiles {
        var problems: [DataError] = []
        let read = try readFiles(root) { problems.append($0) }
        return WorkflowFiles(workflows: read.workflows, roles: read.roles, problems: problems)
    }

    /// `read(root).forRunner()`: see `WorkflowFiles.forRunner`.
    public static func loadForRunner(_ root: GovernanceRoot) throws(DataError) -> (set: WorkflowSet, problems: [DataError]) {
        try read(root).forRunner()
    }

    /// Loads every `Workflows/*.json` (each must be sound and named as its file) and `roles.json`.
    public static func load(_ root: GovernanceRoot) throws(DataError) -> WorkflowSet {
        let read = try readFiles(root) { (error) throws(DataError) in throw error }
        return try WorkflowFiles(workflows: read.workflows, roles: read.roles, problems: []).strict()
    }

    static var noWorkflow: DataError {
        DataError(file: "Workflows/", location: "", message: "holds no workflow; 'steward init' writes standard.json and temporary.json")
    }

    /// Reads each `Workflows/*.json` in name order: the workflows (each named as its file)
    /// and `roles.json`. A file that does not load goes to `problem`, which may throw to stop.
    private static func readFiles(_ root: GovernanceRoot, problem: (DataError) throws(DataError) -> Void)
        throws(DataError) -> (workflows: [String: Workflow], roles: Roles?) {
        let names = try SafeFile.list(root.workflowsPath, shown: "Workflows/")
        return try decodeFiles(names, suffix: "", problem: problem) { (name, shown) throws(DataError) in
            try SafeFile.read(root.workflowsPath + "/" + name, shown: shown, maxBytes: SafeFile.maxConnectorBytes)
        }
    }

    /// The workflows and roles of `Workflows/` as another source holds them (a git
    /// revision): `files` are its file names (`standard.json`) and bytes, in name order. The
    /// same checks as `load` (each workflow sound and named as its file); the first file that
    /// does not load is thrown, named `Workflows/<name><suffix>`.
    public static func decode(files: [(name: String, bytes: [UInt8])], suffix: String) throws(DataError)
        -> (workflows: [String: Workflow], roles: Roles?) {
        var bytes: [String: [UInt8]] = [:]
        for f in files { bytes[f.name] = f.bytes }
        return try decodeFiles(files.map(\.name), suffix: suffix, problem: { (error) throws(DataError) in throw error }) { (name, _) in
            bytes[name]
        }
    }

    /// Decodes each of `names` that is a `.json` file and not a dotfile, its bytes from
    /// `read` (given the name and how errors show it; nil skips it).
    private static func decodeFiles(_ names: [String], suffix: String, problem: (DataError) throws(DataError) -> Void,
                                    read: (String, String) throws(DataError) -> [UInt8]?)
        throws(DataError) -> (workflows: [String: Workflow], roles: Roles?) {
        var workflows: [String: Workflow] = [:]
        var roles: Roles?
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let shown = "Workflows/\(name)\(suffix)"
            do throws(DataError) {
                guard let bytes = try read(name, shown) else { continue }
                let value = try JSONFile.parse(bytes: bytes, shown: shown, maxBytes: SafeFile.maxConnectorBytes)
                if name == "roles.json" {
                    roles = try WorkflowDecoding.roles(value, file: shown)
                    continue
                }
                let wf = try WorkflowDecoding.workflow(value, file: shown)
                guard wf.name + ".json" == name else {
                    throw DataError(file: shown, location: "name", message: "the workflow is named '\(wf.name)' but its file is \(name); they must match")
                }
                workflows[wf.name] = wf
            } catch {
                try problem(error)
            }
        }
        return (workflows, roles)
    }
}

/// Reading one JSON file from disk.
extension JSONFile {
    /// The largest input file a command reads besides connectors (a people directory, pull
    /// request reviews): 64 MiB.
    public static let maxInputBytes = 64 << 20

    /// Parses `path` (shown as `shown` in errors), refusing links, non-regular files and files over `maxBytes`.
    public static func parse(_ path: String, shown: String, maxBytes: Int = SafeFile.maxConnectorBytes) throws(DataError) -> JSONValue {
        let bytes = try SafeFile.read(path, shown: shown, maxBytes: maxBytes)
        return try parse(bytes: bytes, shown: shown, maxBytes: maxBytes)
    }
}
