import Foundation
import StewardApp

/// `steward evidence ID`, `steward report`, `steward graph`, `steward codeowners`: read-only
/// renderings of the estate and its rules (evidence and report live in files of their own).
enum ReportCommands {
    static func graph(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .mermaid, .dot])
        let set = try WorkflowSet.load(try inv.root())
        let name = inv.args.positional("WORKFLOW") ?? WorkflowSet.defaultWorkflow
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
            try OutputFile.write(Array(text.utf8), to: out)
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
