import StewardCore

/// `steward list [--state S] [--system S] [--owner EMAIL]`.
enum ListCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let store = StateStore(root: try inv.root())
        let (ids, problems) = try store.listing()
        let state = inv.args.value("state")
        let system = inv.args.value("system")?.lowercased()
        let owner = inv.args.value("owner").map(Identity.normalize)
        // Rows are streamed (JSON) or kept as text cells; each chunk of documents is dropped once used.
        var stream = format == .json ? JSONStream(key: "connectors") : nil
        var textRows: [[String]] = []
        var errors = problems
        store.forEachChunk(ids: ids, chunkSize: 512) { chunk in
            for loaded in chunk {
                switch loaded.result {
                case .failure(let e): errors.append(e)
                case .success(let d):
                    if let state, d.state != state { continue }
                    if let system, d.spec.system.lowercased() != system { continue }
                    if let owner, Identity.normalize(d.spec.owners.business) != owner && Identity.normalize(d.spec.owners.technical) != owner { continue }
                    if format == .json {
                        stream?.append(ConnectorView.summary(d))
                    } else {
                        textRows.append([d.id, d.state, d.spec.system, d.spec.risk.rawValue, d.spec.owners.technical,
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
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
