import StewardApp

/// `steward list [--state S] [--system S] [--owner EMAIL]`. Every connector is replayed
/// before it is listed: a hand-edited projection is reported as invalid data, never shown.
enum ListCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let root = try inv.root()
        let workflows = try WorkflowSet.load(root)
        let state = inv.args.value("state")
        if let state {
            // The states are the workflows' own, not a list of this program's.
            let known = Array(Set(workflows.workflows.values.flatMap(\.states))).sorted()
            guard known.contains(state) else {
                throw InputError("--state '\(state.prefix(64))' is not a state of any workflow" + Suggestion.clause(for: state, among: known)
                                 + " (states: \(known.joined(separator: ", ")))")
            }
        }
        let scan = EstateScan(root: root, chunkSize: 512)
        let (ids, problems) = try scan.listing()
        let filter = ConnectorFilter(state: state, system: inv.args.value("system"), owner: inv.args.value("owner"))
        let system = filter.system, owner = filter.owner
        // Rows are streamed (JSON) or kept as text cells; each chunk of documents is dropped once used.
        var stream = format == .json ? JSONStream(key: "connectors") : nil
        var textRows: [[String]] = []
        var errors = problems
        var systems: Set<String> = [], owners: Set<String> = []
        scan.forEachChunk(ids, verifiedBy: workflows) { chunk in
            for loaded in chunk {
                switch loaded.result {
                case .failure(let e): errors.append(e)
                case .success(let d):
                    if system != nil { systems.insert(d.spec.system.lowercased()) }
                    if owner != nil { owners.formUnion([Identity.normalize(d.spec.owners.business), Identity.normalize(d.spec.owners.technical)]) }
                    guard filter.matches(d) else { continue }
                    if format == .json {
                        stream?.append(ConnectorView.summary(d))
                    } else {
                        textRows.append([d.id.rawValue, d.state, d.spec.system, d.spec.risk.rawValue, d.spec.owners.technical,
                                         ConnectorView.nextDue(d), String(d.openTasks.count)])
                    }
                }
            }
        }
        if let stream {
            stream.finish(rest: ["errors": .array(errors.map { .object(["file": .string($0.file), "message": .string($0.description)]) })])
        } else {
            Output.out(Output.table(["ID", "STATE", "SYSTEM", "RISK", "TECHNICAL OWNER", "NEXT DUE", "OPEN TASKS"], textRows))
            for e in errors { Output.warning(e.description) }
        }
        // A filter that matches no connector at all is most likely a typo: say so (stderr).
        if let system, !systems.contains(system) {
            Output.warning("no connector has system '\(system.prefix(64))'" + nearest(system, systems))
        }
        if let owner, !owners.contains(owner) {
            Output.warning("no connector is owned by '\(owner.prefix(64))'" + nearest(owner, owners))
        }
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }

    /// "; nearest first: a, b, c" over what does exist.
    static func nearest(_ typed: String, _ known: Set<String>) -> String {
        let list = Suggestion.nearestFirst(to: typed, among: Array(known)).prefix(5)
        return list.isEmpty ? "" : "; nearest first: \(list.joined(separator: ", "))"
    }
}
