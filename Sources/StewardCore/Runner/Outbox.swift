#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes newly opened tasks as tickets: `DIR/<task id>.md`, rendered from
/// `Templates/<kind>.md`, and `DIR/<task id>.json`. A ticket already there is never rewritten.
/// Templates are loaded (and checked for unknown placeholders) before anything runs.
public struct Outbox: Sendable {
    /// The placeholders a task template may use.
    public static let placeholders: Set<String> = [
        "connector", "system", "purpose", "state", "workflow", "environment", "risk", "businessOwner",
        "technicalOwner", "secretRef", "credentialId", "bindings", "scopes", "taskId", "taskKind", "taskTitle",
        "reason", "openedAt", "dueAt", "until", "closeCommand",
    ]

    public let directory: String
    public let templates: [String: Template]

    /// Loads every `Templates/*.md` of `root`; fails on the first template with an unknown placeholder.
    public init(directory: String, root: GovernanceRoot) throws {
        self.directory = directory
        var t: [String: Template] = [:]
        let names = try SafeFile.list(root.templatesPath, shown: "Templates/")
        for n in names where n.hasSuffix(".md") && !n.hasPrefix(".") {
            let shown = "Templates/\(n)"
            let bytes = try SafeFile.read(root.templatesPath + "/" + n, shown: shown)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw DataError(file: shown, location: "", message: "is not valid UTF-8")
            }
            do { t[String(n.dropLast(3))] = try Template(name: shown, text: text, allowed: Outbox.placeholders) } catch {
                throw DataError(file: shown, location: "\(error.line):\(error.column)", message: error.message)
            }
        }
        templates = t
    }

    /// The values a ticket for `task` of `doc` is rendered with.
    public static func values(task: ConnectorTask, doc: ConnectorDocument, title: String, reason: String, credentialId: String?) -> [String: String] {
        let s = doc.spec
        return [
            "connector": doc.id, "system": s.system, "purpose": s.purpose, "state": doc.state, "workflow": doc.workflow,
            "environment": s.environment, "risk": s.risk.rawValue, "businessOwner": s.owners.business,
            "technicalOwner": s.owners.technical, "secretRef": s.secretRef ?? "(none recorded)",
            "credentialId": credentialId ?? "(none recorded)",
            "bindings": s.bindings.isEmpty ? "(none)" : s.bindings.map { "`\($0.text)`" }.joined(separator: ", "),
            "scopes": s.scopes.isEmpty ? "(none)" : s.scopes.map { "`\($0)`" }.joined(separator: ", "),
            "taskId": task.id, "taskKind": task.kind, "taskTitle": title, "reason": reason.isEmpty ? "(no reason recorded)" : reason,
            "openedAt": task.openedAt.iso8601, "dueAt": task.dueAt?.iso8601 ?? "(no due date)",
            "until": s.until?.iso8601 ?? "(no end date)",
            "closeCommand": "steward close-task '\(task.id)' --evidence \"what was done, where it can be checked\"",
        ]
    }

    /// Writes a ticket for each task in `opened` not already in the outbox.
    public func write(_ docs: [ConnectorDocument], opened: [OpenedTask], workflows: WorkflowSet) throws {
        if opened.isEmpty { return }
        if SafeFile.entryType(directory) == nil && mkdir(directory, 0o755) != 0 && errno != EEXIST {
            throw StoreError(.io, "cannot create the outbox \(directory): \(errorText(errno))")
        }
        guard SafeFile.isDirectory(directory) else { throw StoreError(.io, "the outbox \(directory) is not a directory") }
        let byID = Dictionary(docs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var files: [(name: String, bytes: [UInt8])] = []
        for o in opened {
            guard let doc = byID[o.connector], let task = doc.tasks.first(where: { $0.id == o.id }) else { continue }
            if SafeFile.entryType(directory + "/\(o.id).md") != nil { continue }
            let wf = workflows.workflows[doc.workflow]
            let title = wf?.taskKinds[task.kind]?.title ?? task.kind
            let credential = doc.history.last { $0.dataString("credentialId") != nil }?.dataString("credentialId")
            let values = Outbox.values(task: task, doc: doc, title: title, reason: o.reason, credentialId: credential)
            guard let template = templates[task.kind] else {
                throw DataError(file: "Templates/\(task.kind).md", location: "", message: "is missing; every task kind needs a template for the outbox")
            }
            let text: String
            do { text = try template.render(values) } catch {
                throw DataError(file: template.name, location: "\(error.line):\(error.column)", message: error.message)
            }
            files.append((name: "\(o.id).md", bytes: Array(text.utf8)))
            var json = values.mapValues(JSONValue.string)
            json["id"] = .string(task.id)
            json["kind"] = .string(task.kind)
            json["status"] = .string(task.status.rawValue)
            json["bindings"] = .array(doc.spec.bindings.map { .object(["platform": .string($0.platform), "ref": .string($0.ref)]) })
            json["scopes"] = .array(doc.spec.scopes.map(JSONValue.string))
            json["taskId"] = nil
            json["taskKind"] = nil
            files.append((name: "\(o.id).json", bytes: CanonicalJSON.pretty(.object(json))))
        }
        try AtomicWriter(directory: directory, shown: directory).write(files)
    }
}
