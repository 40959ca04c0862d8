import StewardApp

/// `steward amend ID …`: changes the spec; a widening voids the approval.
enum AmendCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let a = inv.args
        var c = SpecChange()
        c.addScopes = a.values("add-scope")
        c.removeScopes = a.values("remove-scope")
        c.addReaches = a.values("add-reach")
        c.removeReaches = a.values("remove-reach")
        c.addBindings = try inv.bindings("add-binding")
        try BindingCheck.require(c.addBindings, option: "add-binding")
        c.removeBindings = try inv.bindings("remove-binding")
        c.purpose = a.value("purpose")
        c.kind = a.value("kind")
        c.environment = a.value("environment")
        c.risk = try inv.risk()
        c.secretRef = a.value("secret-ref")
        c.until = try inv.time("until")
        c.businessOwner = try inv.email("business-owner")
        c.technicalOwner = try inv.email("technical-owner")
        guard !c.isEmpty else { throw InputError("amend needs at least one change; see 'steward help amend'") }
        return try TransitionCommands.perform(inv, .amend(c), id: try inv.connectorID())
    }
}
