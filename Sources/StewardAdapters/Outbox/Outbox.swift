#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes newly opened tasks as tickets: `DIR/<task id>.md`, rendered from
/// `Templates/<kind>.md`, and `DIR/<task id>.json`. A ticket already there is never rewritten.
/// A missing or broken template costs only its ticket: it is written from the built-in
/// rendering and the template is reported as an error; the run goes on.
public struct Outbox: Sendable {
    public let directory: String
    public let loaded: TaskTemplates

    /// Loads every `Templates/*.md` of `root`; problems are kept for `write` to report.
    public init(directory: String, root: GovernanceRoot) {
        self.directory = directory
        loaded = TaskTemplates.load(root)
    }

    /// The values a ticket for `task` of `doc` is rendered with.
    public static func values(task: ConnectorTask, doc: ConnectorDocument, title: String, reason: String, credentialId: String?) -> [String: String] {
        let s = doc.spec
        return [
            "connector": doc.id.rawValue, "system": s.system, "purpose": s.purpose, "state": doc.state, "workflow": doc.workflow,
            "environment": s.environment, "risk": s.risk.rawValue, "businessOwner": s.owners.business,
            "technicalOwner": s.owners.technical, "secretRef": s.secretRef ?? "(none recorded)",
            "credentialId": credentialId ?? "(none recorded)",
            "bindings": s.bindings.isEmpty ? "(none)" : s.bindings.map { "`\($0.text)`" }.joined(separator: ", "),
            "scopes": s.scopes.isEmpty ? "(none)" : s.scopes.map { "`\($0)`" }.joined(separator: ", "),
            "taskId": task.id, "taskKind": task.kind.rawValue, "taskTitle": title, "reason": reason.isEmpty ? "(no reason recorded)" : reason,
            "openedAt": task.openedAt.iso8601, "dueAt": task.dueAt?.iso8601 ?? "(no due date)",
            "until": s.until?.iso8601 ?? "(no end date)",
            "closeCommand": "steward close-task '\(task.id)' --evidence \"what was done, where it can be checked\"",
        ]
    }

    /// Writes a ticket for each task in `opened` not already in the outbox. Returns one
    /// error per template that could not be used (its tickets fell back to the built-in
    /// rendering); throws only when the outbox itself cannot be written.
    public func write(_ docs: [ConnectorDocument], opened: [OpenedTask], workflows: WorkflowSet) throws -> [RunError] {
        if opened.isEmpty { return [] }
        if SafeFile.entryType(directory) == nil && mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw StoreError(.io, "cannot create the outbox \(directory): \(errorText(errno))")
        }
        guard SafeFile.isDirectory(directory) else { throw StoreError(.io, "the outbox \(directory) is not a directory") }
        let byID = Dictionary(docs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var files: [(name: String, bytes: [UInt8])] = []
        var fallbacks: [TaskKind: (problem: DataError, tickets: [String])] = [:]
        for o in opened {
            guard let doc = byID[o.connector], let task = doc.tasks.first(where: { $0.id == o.id }) else { continue }
            if SafeFile.entryType(directory + "/\(o.id).md") != nil { continue }
            let wf = workflows.workflows[doc.workflow]
            let title = wf?.taskKinds[task.kind]?.title ?? task.kind.rawValue
            let credential = doc.history.last { $0.dataString("credentialId") != nil }?.dataString("credentialId")
            let values = Outbox.values(task: task, doc: doc, title: title, reason: o.reason, credentialId: credential)
            var text: String?
            switch loaded.template(for: task.kind) {
            case .success(let template):
                do { text = try template.render(values) } catch {
                    fallbacks[task.kind, default: (DataError(file: template.name, location: "\(error.line):\(error.column)", message: error.message), [])].tickets.append(o.id)
                }
            case .failure(let problem):
                fallbacks[task.kind, default: (problem, [])].tickets.append(o.id)
            }
            let rendered = text ?? ((try? TaskTemplates.builtIn.render(values)) ?? "")
            files.append((name: "\(o.id).md", bytes: Array(rendered.utf8)))
            var json = values.mapValues(JSONValue.string)
            json["id"] = .string(task.id)
            json["kind"] = .string(task.kind.rawValue)
            json["status"] = .string(task.status.rawValue)
            json["bindings"] = .array(doc.spec.bindings.map { .object(["platform": .string($0.platform), "ref": .string($0.ref)]) })
            json["scopes"] = .array(doc.spec.scopes.map(JSONValue.string))
            json["taskId"] = nil
            json["taskKind"] = nil
            files.append((name: "\(o.id).json", bytes: CanonicalJSON.pretty(.object(json))))
        }
        try AtomicWriter(directory: directory, shown: directory).write(files)
        return fallbacks.keys.sorted().map { kind in
            let f = fallbacks[kind]!
            return RunError(file: f.problem.file, message: "\(f.problem.description); ticket \(f.tickets.joined(separator: ", ")) written from the built-in rendering")
        }
    }
}
