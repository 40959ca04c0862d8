/// Evaluates the named guards of a workflow transition.
public enum Guards {
    /// Throws the violation of the first guard that does not hold. `spec` is the spec the
    /// event would leave (the new one for request and amend); nil `roles` skips role guards
    /// (history judged without the roles of its time).
    static func check(_ guards: [Guard], state: LifecycleState, event: EventKind, actor: String,
                      data: [String: JSONValue], spec: Spec?, roles: Roles?) throws(RuleViolation) {
        for g in guards { try check(g, state: state, event: event, actor: actor, data: data, spec: spec, roles: roles) }
    }

    static func check(_ g: Guard, state: LifecycleState, event: EventKind, actor: String,
                      data: [String: JSONValue], spec: Spec?, roles: Roles?) throws(RuleViolation) {
        switch g {
        case .specComplete:
            guard let s = spec, !BlankText.isBlank(s.system), !BlankText.isBlank(s.purpose),
                  Identity.problem(s.owners.business) == nil, Identity.problem(s.owners.technical) == nil else {
                throw RuleViolation(rule: "spec-complete", "a request needs a system, a purpose, and both owners as e-mail addresses")
            }
        case .untilRequired:
            guard spec?.until != nil else {
                throw RuleViolation(rule: "until-required", "this workflow is for temporary connectors: give --until, the time the connector must end")
            }
        case .approverRole:
            if let roles = roles, !roles.isApprover(actor) {
                throw RuleViolation(rule: "approver-role", "\(actor) is not listed in Workflows/roles.json \"approvers\", so may not \(event.rawValue)")
            }
        case .notRequester:
            if let r = state.requester, Identity.same(r, actor) {
                throw RuleViolation(rule: "separation-of-duties", "\(actor) requested \(state.connector) and may not also approve it")
            }
            if event == .approve, state.amenders.contains(where: { Identity.same($0, actor) }) {
                throw RuleViolation(rule: "separation-of-duties", "\(actor) amended \(state.connector) since its last completed approval and may not also approve it; another approver must")
            }
        case .notTechnicalOwner:
            if let t = state.spec?.owners.technical, Identity.same(t, actor) {
                throw RuleViolation(rule: "separation-of-duties", "\(actor) is the technical owner of \(state.connector) and may not \(event.rawValue) it")
            }
        case .distinctApprover:
            if state.approvals.contains(where: { Identity.same($0, actor) }) {
                throw RuleViolation(rule: "distinct-approvers", "\(actor) already approved \(state.connector) in this round; a high-risk connector needs a second, different approver")
            }
        case .noPendingApproval:
            if state.reapprovalPending {
                throw RuleViolation(rule: "unapproved-widening", "\(state.connector) was widened by an amend and must be approved again first")
            }
        case .reasonRequired:
            guard let r = data["reason"]?.stringValue, !BlankText.isBlank(r) else {
                throw RuleViolation(rule: "reason-required", "\(event.rawValue) needs a reason (--reason TEXT)")
            }
        case .evidenceRequired:
            guard let e = data["evidence"]?.stringValue, !BlankText.isBlank(e) else {
                throw RuleViolation(rule: "evidence-required", "\(event.rawValue) needs evidence (--evidence TEXT) with at least one visible character: what was done, and where it can be checked")
            }
        case .runnerOnly:
            guard actor == Event.runnerActor else {
                throw RuleViolation(rule: "runner-only", "only \(Event.runnerActor) may append '\(event.rawValue)'")
            }
        case .humanOnly:
            guard actor != Event.runnerActor else {
                throw RuleViolation(rule: "human-only", "\(Event.runnerActor) may not append '\(event.rawValue)'")
            }
        }
    }
}
