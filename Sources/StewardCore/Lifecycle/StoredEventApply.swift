extension Transition {
    /// Applies stored event `e` (of kind `kind`) to `s` in place, with its data as the
    /// reader held it: a request's or amend's spec that was decoded while reading is not
    /// rebuilt and decoded again. `Replay` makes the same call over its history buffer.
    static func apply(stored e: Event, kind: EventKind, to s: inout LifecycleState, workflow: Workflow, roles: Roles?,
                      file: String) throws(RuleViolation) -> String {
        try apply(to: &s, event: kind, actor: e.actor, at: e.at, data: e.dataMembers, heldSpec: e.heldSpec != nil,
                  workflow: workflow, roles: roles, file: file, decodedSpec: e.decodedSpec.spec)
    }
}
