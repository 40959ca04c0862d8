/// Draws a workflow's state machine as Mermaid or Graphviz DOT, from the workflow data.
public enum WorkflowGraph {
    /// Edges `from → to` labelled with the events that make them (state-keeping events omitted).
    static func edges(_ wf: Workflow) -> [(from: String, to: String, label: String)] {
        var labels: [String: [String]] = [:]
        var order: [String] = []
        for t in wf.transitions {
            guard let to = t.to else { continue }
            let froms = t.from.isEmpty ? ["[*]"] : t.from
            for f in froms where f != to {
                let key = "\(f)\u{1F}\(to)"
                if labels[key] == nil { order.append(key) }
                let name = t.event.isRunnerEvent ? "\(t.event.rawValue) (runner)" : t.event.rawValue
                if !(labels[key]?.contains(name) ?? false) { labels[key, default: []].append(name) }
            }
        }
        return order.map { key in
            let parts = key.split(separator: "\u{1F}").map(String.init)
            return (parts[0], parts[1], labels[key]!.joined(separator: ", "))
        }
    }

    /// A Mermaid `stateDiagram-v2`. Mermaid's state ids may not contain '-' (its lexer
    /// reads `review-due` as `review` and an invalid `-`), so a state like `review-due` is
    /// drawn as `review_due`, declared with its real name as the label. (State names are
    /// `[a-z0-9-]`, so the mapping cannot collide.)
    public static func mermaid(_ wf: Workflow) -> String {
        func id(_ state: String) -> String { state == "[*]" ? state : state.replacingOccurrences(of: "-", with: "_") }
        var out = "stateDiagram-v2\n"
        for s in wf.states where id(s) != s { out += "    state \"\(s)\" as \(id(s))\n" }
        for e in edges(wf) { out += "    \(id(e.from)) --> \(id(e.to)): \(e.label)\n" }
        out += "    \(id(wf.terminal)) --> [*]\n"
        return out
    }

    /// A Graphviz digraph.
    public static func dot(_ wf: Workflow) -> String {
        var out = "digraph \"\(wf.name)\" {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n"
        out += "  \"\(wf.terminal)\" [peripheries=2];\n"
        for e in edges(wf) {
            let from = e.from == "[*]" ? "start" : e.from
            out += "  \"\(from)\" -> \"\(e.to)\" [label=\"\(e.label)\"];\n"
        }
        out += "  start [shape=point];\n}\n"
        return out
    }
}
