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
        var rows: [ConnectorDocument] = []
        var errors = problems
        for loaded in store.loadAll(ids: ids) {
            switch loaded.result {
            case .failure(let e): errors.append(e)
            case .success(let d):
                if let state, d.state != state { continue }
                if let system, d.spec.system.lowercased() != system { continue }
                if let owner, Identity.normalize(d.spec.owners.business) != owner && Identity.normalize(d.spec.owners.technical) != owner { continue }
                rows.append(d)
            }
        }
        if format == .json {
            Output.json(.object(["connectors": .array(rows.map(ConnectorView.summary)),
                                 "errors": .array(errors.map { .object(["file": .string($0.file), "message": .string($0.description)]) })]))
        } else {
            Output.out(Output.table(["ID", "STATE", "SYSTEM", "RISK", "TECHNICAL OWNER", "NEXT DUE", "OPEN TASKS"], rows.map { d in
                [d.id, d.state, d.spec.system, d.spec.risk.rawValue, d.spec.owners.technical, ConnectorView.nextDue(d), String(d.openTasks.count)]
            }))
            for e in errors { Output.warning(e.description) }
        }
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
