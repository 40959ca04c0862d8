import Foundation
import StewardCore

/// `steward evidence ID`, `steward report`, `steward graph`, `steward codeowners`: read-only
/// renderings of the estate and its rules (evidence and report live in files of their own).
enum ReportCommands {
    static func graph(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .mermaid, .dot])
        let set = try WorkflowSet.load(try inv.root())
        let name = inv.args.positional("WORKFLOW") ?? "standard"
        let wf = try set.workflow(named: name, for: "Workflows/\(name).json")
        Output.out(format == .dot ? WorkflowGraph.dot(wf) : WorkflowGraph.mermaid(wf))
        return 0
    }

    static func codeowners(_ inv: Invocation) throws -> Int32 {
        let set = try WorkflowSet.load(try inv.root())
        let text = Codeowners.text(set.roles)
        if let out = inv.args.value("out") {
            let url = URL(fileURLWithPath: out)
            do {
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch { throw StoreError(.io, "cannot write \(out): \(error.localizedDescription)") }
            Output.out("wrote \(out)\n")
        } else {
            Output.out(text)
        }
        return 0
    }
}
