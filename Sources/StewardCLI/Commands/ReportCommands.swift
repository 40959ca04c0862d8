import Foundation
import StewardApp

/// `steward evidence ID`, `steward report`, `steward graph`, `steward codeowners`: read-only
/// renderings of the estate and its rules.
enum ReportCommands {
    static func evidence(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .json, .markdown])
        let id = try inv.connectorID()
        let root = try inv.root()
        let store = StateStore(root: root)
        guard store.exists(id) else { throw RuleViolation(rule: "not-found", "no connector '\(id)' (State/\(id).json does not exist)") }
        let doc = try store.load(id.rawValue)
        let wf = try WorkflowSet.load(root).workflow(named: doc.workflow, for: StateStore.shown(id.rawValue))
        let chain = Replay.run(doc, workflow: wf, file: StateStore.shown(id.rawValue))
        if format == .json { Output.json(EvidencePack.json(doc, chain: chain)) } else { Output.out(EvidencePack.markdown(doc, chain: chain)) }
        if case .failure = chain { return ExitStatus.violation.rawValue }
        return 0
    }

    static func report(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .markdown, .json, .html])
        let store = StateStore(root: try inv.root())
        let (ids, problems) = try store.listing()
        var docs: [ConnectorDocument] = []
        var unreadable = problems.map(\.description)
        for l in store.loadAll(ids: ids) {
            switch l.result {
            case .success(let d): docs.append(d)
            case .failure(let e): unreadable.append(e.description)
            }
        }
        let report = EstateReport(docs: docs, unreadable: unreadable, now: try inv.now())
        let text: String
        switch format {
        case .json: text = String(decoding: CanonicalJSON.pretty(report.json()), as: UTF8.self)
        case .html: text = report.html()
        default: text = report.markdown()
        }
        if let out = inv.args.value("out") {
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                throw StoreError(.io, "cannot write \(out): \(error.localizedDescription)")
            }
            Output.out("wrote \(out)\n")
        } else {
            Output.out(text)
        }
        return unreadable.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }

    static func graph(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .mermaid, .dot])
        let set = try WorkflowSet.load(try inv.root())
        let name = inv.args.positional("WORKFLOW") ?? "standard"
        guard set.workflows[name] != nil else {
            // An unknown name is a mistake on the command line, not a broken file.
            let known = set.workflows.keys.sorted()
            throw InputError("no workflow '\(name.prefix(64))'" + Suggestion.clause(for: name, among: known)
                             + " (workflows: \(known.joined(separator: ", ")))")
        }
        let wf = try set.workflow(named: name, for: "Workflows/\(name).json")
        Output.out(format == .dot ? WorkflowGraph.dot(wf) : WorkflowGraph.mermaid(wf))
        return 0
    }

    static func codeowners(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let set = try WorkflowSet.load(try inv.root())
        let text = Codeowners.text(set.roles)
        let out = inv.args.value("out")
        if let out {
            let url = URL(fileURLWithPath: out)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch { throw StoreError(.io, "cannot write \(out): \(error.localizedDescription)") }
        }
        if format == .json {
            let mapped = Set(set.roles.logins.values.map(Identity.normalize))
            Output.json(.object(["codeowners": .string(text), "out": out.map(JSONValue.string) ?? .null,
                                 "approversWithoutLogin": .array(set.roles.approvers.filter { !mapped.contains(Identity.normalize($0)) }.map(JSONValue.string))]))
        } else {
            Output.out(out.map { "wrote \($0)\n" } ?? text)
        }
        return 0
    }
}
