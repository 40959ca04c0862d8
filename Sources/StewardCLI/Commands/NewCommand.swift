import StewardApp

/// `steward new ID …`: requests a connector.
enum NewCommand {
    static func run(_ inv: Invocation) throws -> Int32 {
        let id = try inv.connectorID()
        let system = try inv.required("system")
        let purpose = try inv.required("purpose")
        let business = try inv.required("business-owner")
        let technical = try inv.required("technical-owner")
        try Invocation.identity(business, from: "--business-owner")
        try Invocation.identity(technical, from: "--technical-owner")
        let workflow = inv.args.value("workflow") ?? WorkflowSet.defaultWorkflow
        guard ConnectorID.isValid(workflow) else { throw InputError("--workflow takes a workflow name such as standard or temporary") }
        let bindings = try inv.bindings("binding")
        try BindingCheck.require(bindings, option: "binding")
        let spec = Spec(system: system, purpose: purpose, kind: inv.args.value("kind") ?? Spec.defaultKind,
                        environment: inv.args.value("environment") ?? Spec.defaultEnvironment, risk: try inv.risk() ?? Spec.defaultRisk,
                        owners: Owners(business: business, technical: technical), scopes: inv.args.values("scope"),
                        reaches: inv.args.values("reach"), secretRef: inv.args.value("secret-ref"),
                        until: try inv.time("until"), bindings: bindings)
        return try TransitionCommands.perform(inv, .request(spec), id: id, workflow: workflow)
    }
}

/// Refuses a binding whose ref does not have its platform's shape (exit 2), with an example.
enum BindingCheck {
    static func require(_ bindings: [Binding], option: String) throws(InputError) {
        for b in bindings {
            if let problem = BindingShape.problem(b) { throw InputError("--\(option): \(problem)") }
        }
    }
}
