/// The workflows and roles of a governance repository, loaded from `Workflows/`.
public struct WorkflowSet: Sendable {
    /// Workflow name → workflow.
    public var workflows: [String: Workflow]
    public var roles: Roles

    /// The workflow a connector follows unless it names another (`standard`).
    public static let defaultWorkflow = "standard"

    public init(workflows: [String: Workflow], roles: Roles) {
        self.workflows = workflows
        self.roles = roles
    }

    /// The workflow a document names, or a data error naming the document's file.
    public func workflow(named name: String, for file: String) throws(DataError) -> Workflow {
        guard let wf = workflows[name] else {
            throw DataError(file: file, location: "workflow", message: "unknown workflow '\(name.prefix(40))'; Workflows/ defines: \(workflows.keys.sorted().joined(separator: ", "))")
        }
        return wf
    }

    /// The terminal state of the workflow `doc` follows (`decommissioned` when it names none loaded).
    public func terminal(of doc: ConnectorDocument) -> String { workflows[doc.workflow]?.terminal ?? StateName.decommissioned }
}

/// Reads and strictly parses one JSON file, with errors that name the file and line:column.
public enum JSONFile {
    /// The largest JSON file read by default (1 MiB).
    public static let maxBytes = 1 << 20

    /// Parses `bytes` that came from `shown`.
    public static func parse(bytes: [UInt8], shown: String, maxBytes: Int = JSONFile.maxBytes) throws(DataError) -> JSONValue {
        do {
            return try StrictJSON.parse(bytes, maxBytes: maxBytes)
        } catch {
            throw DataError(file: shown, location: "\(error.line):\(error.column)", message: "\(error.message) (rule \(error.rule.rawValue))")
        }
    }
}
