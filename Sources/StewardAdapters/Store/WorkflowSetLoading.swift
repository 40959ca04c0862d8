/// Loading the workflows and roles of a governance root from `Workflows/`.
extension WorkflowSet {
    /// Loads what the runner needs, never letting one bad file outside `State/` stop the
    /// lifecycle of the others: a workflow file that does not load is left out (its
    /// connectors are then reported one by one), and `roles.json`, which no timer reads, may
    /// be broken or missing. Returns the set and every problem, for the run's `errors`.
    /// Throws only when `Workflows/` cannot be listed or no workflow loads at all.
    public static func loadForRunner(_ root: GovernanceRoot) throws(DataError) -> (set: WorkflowSet, problems: [DataError]) {
        var problems: [DataError] = []
        let read = try readFiles(root) { problems.append($0) }
        guard !read.workflows.isEmpty else { throw problems.first ?? noWorkflow }
        return (WorkflowSet(workflows: read.workflows, roles: read.roles ?? Roles(approvers: [])), problems)
    }

    /// Loads every `Workflows/*.json` (each must be sound and named as its file) and `roles.json`.
    public static func load(_ root: GovernanceRoot) throws(DataError) -> WorkflowSet {
        let read = try readFiles(root) { (error) throws(DataError) in throw error }
        guard let roles = read.roles else {
            throw DataError(file: "Workflows/roles.json", location: "", message: "is missing; it lists who may approve ({\"approvers\": [\"a@example.com\"]})")
        }
        guard !read.workflows.isEmpty else { throw noWorkflow }
        return WorkflowSet(workflows: read.workflows, roles: roles)
    }

    private static var noWorkflow: DataError {
        DataError(file: "Workflows/", location: "", message: "holds no workflow; 'steward init' writes standard.json and temporary.json")
    }

    /// Reads each `Workflows/*.json` in name order: the workflows (each named as its file)
    /// and `roles.json`. A file that does not load goes to `problem`, which may throw to stop.
    private static func readFiles(_ root: GovernanceRoot, problem: (DataError) throws(DataError) -> Void)
        throws(DataError) -> (workflows: [String: Workflow], roles: Roles?) {
        let names = try SafeFile.list(root.workflowsPath, shown: "Workflows/")
        var workflows: [String: Workflow] = [:]
        var roles: Roles?
        for name in names where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let shown = "Workflows/\(name)"
            do throws(DataError) {
                let value = try JSONFile.parse(root.workflowsPath + "/" + name, shown: shown)
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
    /// Parses `path` (shown as `shown` in errors), refusing links, non-regular files and files over `maxBytes`.
    public static func parse(_ path: String, shown: String, maxBytes: Int = SafeFile.maxConnectorBytes) throws(DataError) -> JSONValue {
        let bytes = try SafeFile.read(path, shown: shown, maxBytes: maxBytes)
        return try parse(bytes: bytes, shown: shown, maxBytes: maxBytes)
    }
}
