/// Refuses an unsound workflow: unknown states, unreachable states, states from which the
/// terminal state cannot be reached, transitions out of the terminal state, and task kinds
/// the engine opens but the workflow does not describe.
public enum WorkflowValidation {
    /// Task kinds the engine itself opens, which every workflow must describe.
    public static let engineTaskKinds = ["revoke-old-credential", "rotate-credential", "notify-expiry",
                                         "reassign-owner", "review-dormant"]

    /// Throws the first problem found, naming the file and the field.
    public static func validate(_ wf: Workflow, file: String) throws(DataError) {
        func fail(_ location: String, _ message: String) -> DataError {
            DataError(file: file, location: location, message: message)
        }
        guard !wf.states.isEmpty else { throw fail("states", "a workflow needs at least one state") }
        var seen: Set<String> = []
        for (i, s) in wf.states.enumerated() {
            guard ConnectorID.isValid(s) else { throw fail("states[\(i)]", "state names are lower-case words joined by '-'") }
            guard seen.insert(s).inserted else { throw fail("states[\(i)]", "state '\(s)' is listed twice") }
        }
        guard seen.contains(wf.initial) else { throw fail("initial", "unknown state '\(wf.initial)'") }
        guard seen.contains(wf.terminal) else { throw fail("terminal", "unknown state '\(wf.terminal)'") }
        for (i, t) in wf.transitions.enumerated() {
            for (j, f) in t.from.enumerated() where !seen.contains(f) {
                throw fail("transitions[\(i)].from[\(j)]", "unknown state '\(f.prefix(40))'")
            }
            if let to = t.to, !seen.contains(to) { throw fail("transitions[\(i)].to", "unknown state '\(to.prefix(40))'") }
            if t.from.isEmpty && t.event != .request {
                throw fail("transitions[\(i)].from", "only 'request' may start from no state")
            }
            if t.from.contains(wf.terminal), let to = t.to, to != wf.terminal {
                throw fail("transitions[\(i)]", "'\(wf.terminal)' is terminal: nothing may leave it")
            }
        }
        guard wf.transitions.contains(where: { $0.event == .request && $0.from.isEmpty && $0.to == wf.initial }) else {
            throw fail("transitions", "a 'request' transition from [] to the initial state '\(wf.initial)' is required")
        }
        // Every state reachable from the initial state.
        var reached: Set<String> = [wf.initial]
        var frontier = [wf.initial]
        while let s = frontier.popLast() {
            for t in wf.transitions where t.from.contains(s) {
                if let to = t.to, reached.insert(to).inserted { frontier.append(to) }
            }
        }
        if let lost = wf.states.first(where: { !reached.contains($0) }) {
            throw fail("states", "state '\(lost)' cannot be reached from '\(wf.initial)'")
        }
        // The terminal state reachable from every state.
        var canEnd: Set<String> = [wf.terminal]
        var changed = true
        while changed {
            changed = false
            for t in wf.transitions {
                guard let to = t.to, canEnd.contains(to) else { continue }
                for f in t.from where canEnd.insert(f).inserted { changed = true }
            }
        }
        if let stuck = wf.states.first(where: { !canEnd.contains($0) }) {
            throw fail("states", "'\(wf.terminal)' cannot be reached from state '\(stuck)': a connector could never be decommissioned")
        }
        for kind in engineTaskKinds + wf.offboarding + wf.offboardingWithoutCredential where wf.taskKinds[kind] == nil {
            throw fail("tasks", "task kind '\(kind)' is opened by the lifecycle but not described under \"tasks\"")
        }
        guard !wf.offboarding.isEmpty, !wf.offboardingWithoutCredential.isEmpty else {
            throw fail("offboarding", "decommissioning must open at least one task in each case")
        }
        for (rule, _) in wf.lints where !RuleCatalog.lintIDs.contains(rule) {
            throw fail("lints.\(rule)", "unknown lint rule; known rules: \(RuleCatalog.lintIDs.sorted().joined(separator: ", "))")
        }
    }
}
