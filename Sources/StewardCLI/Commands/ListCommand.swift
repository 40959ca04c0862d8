import StewardApp

/// `steward list [--state S] [--system S] [--owner EMAIL]`. Every connector is replayed
/// before it is listed: a hand-edited projection is reported as invalid data, never shown.
enum ListCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let filter = ConnectorFilter(state: inv.args.value("state"), system: inv.args.value("system"), owner: inv.args.value("owner"))
        // Rows are streamed (JSON) or kept as text cells; each chunk of documents is dropped once used.
        var stream = format == .json ? JSONStream(key: "connectors") : nil
        var textRows: [[String]] = []
        let seen: EstateQueries.ListOutcome
        do {
            seen = try EstateQueries.list(try inv.root(), filter: filter) { d in
                if format == .json {
                    stream?.append(ConnectorView.summary(d))
                } else {
                    textRows.append([d.id.rawValue, d.state, d.spec.system, d.spec.risk.rawValue, d.spec.owners.technical,
                                     ConnectorView.nextDue(d), String(d.openTasks.count)])
                }
            }
        } catch let e as EstateQueries.UnknownState {
            throw InputError("--state '\(e.state.prefix(64))' is not a state of any workflow" + Suggestion.clause(for: e.state, among: e.known)
                             + " (states: \(e.known.joined(separator: ", ")))")
        }
        if let stream {
            stream.finish(rest: ["errors": .array(seen.errors.map { .object(["file": .string($0.file), "message": .string($0.description)]) })])
        } else {
            Output.out(Output.table(["ID", "STATE", "SYSTEM", "RISK", "TECHNICAL OWNER", "NEXT DUE", "OPEN TASKS"], textRows))
            for e in seen.errors { Output.warning(e.description) }
        }
        // A filter that matches no connector at all is most likely a typo: say so (stderr).
        if let system = filter.system, !seen.systems.contains(system) {
            Output.warning("no connector has system '\(system.prefix(64))'" + nearest(system, seen.systems))
        }
        if let owner = filter.owner, !seen.owners.contains(owner) {
            Output.warning("no connector is owned by '\(owner.prefix(64))'" + nearest(owner, seen.owners))
        }
        return seen.errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }

    /// "; nearest first: a, b, c" over what does exist.
    static func nearest(_ typed: String, _ known: Set<String>) -> String {
        let list = Suggestion.nearestFirst(to: typed, among: Array(known)).prefix(5)
        return list.isEmpty ? "" : "; nearest first: \(list.joined(separator: ", "))"
    }
}
