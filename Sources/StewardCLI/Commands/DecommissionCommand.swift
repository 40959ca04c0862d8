import StewardApp

/// `steward decommission ID… --reason` and the kill switch `--system S`. All or nothing:
/// if one connector is refused, none is written.
enum DecommissionCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format()
        let reason = try inv.required("reason", why: "say why; it goes into the audit trail and the offboarding tasks")
        let idsGiven = inv.args.positionalValues("ID")
        let system = inv.args.value("system")
        guard idsGiven.isEmpty != (system == nil) else {
            throw InputError("decommission takes connector ids or --system S, not both and not neither")
        }
        var ids: [ConnectorID] = []
        for t in idsGiven { ids.append(try ConnectorID(t)) }
        let root = try inv.root()
        let now = try inv.now()
        let actor = try inv.actor(root: root)
        let service = ConnectorService(root: root, wait: try inv.wait())
        var exit: Int32 = 0
        if let system {
            let (live, systems, problems) = try service.liveConnectors(ofSystem: system)
            for p in problems { Output.warning("\(p.description) (not decommissioned: fix the file and run again)") }
            if !problems.isEmpty { exit = ExitStatus.invalidData.rawValue }
            if live.isEmpty {
                guard systems[system.lowercased()] != nil else {
                    // A kill switch that matches nothing must never read as success.
                    let known = Suggestion.nearestFirst(to: system.lowercased(), among: systems.filter { $0.value > 0 }.map(\.key))
                    let list = known.isEmpty ? "there are no live connectors at all" : "systems with live connectors, nearest first: \(known.prefix(10).joined(separator: ", "))"
                    let failure = RuleViolation(rule: "unknown-system", "no connector has system '\(system.prefix(64))'; nothing was decommissioned; \(list)")
                    if problems.isEmpty { throw failure }
                    Output.error(failure.description + " (an unreadable file above may hold it)")
                    return exit
                }
                if format == .json { Output.json(.object(["events": .array([])])) } else { Output.out("every connector of system '\(system)' is already decommissioned; nothing to do\n") }
                return exit
            }
            ids = live
        }
        let outcomes = try service.performAll(.decommission(reason: reason), on: Array(Set(ids)).sorted(), actor: actor, at: now,
                                              note: inv.args.value("note") ?? "")
        TransitionCommands.report(outcomes, format: format)
        return exit
    }
}
