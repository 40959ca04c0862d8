/// Everything a guard may look at when an event is applied.
public struct GuardContext: Sendable {
    public var state: LifecycleState
    public var event: EventKind
    public var actor: String
    public var data: [String: JSONValue]
    /// The spec the event would leave (the new spec for request and amend).
    public var spec: Spec?
    /// Approver roles; nil skips role guards (history judged without the roles of its time).
    public var roles: Roles?
}

/// Evaluates the named guards of a workflow transition.
public enum Guards {
    /// Throws the violation of the first guard that does not hold.
    public static func check(_ guards: [Guard], _ c: GuardContext) throws(RuleViolation) {
        for g in guards { try check(g, c) }
    }

    static func check(_ g: Guard, _ c: GuardContext) throws(RuleViolation) {
        let actor = c.actor
        switch g {
        case .specComplete:
            guard let s = c.spec, !s.system.trimmingSpaces.isEmpty, !s.purpose.trimmingSpaces.isEmpty,
                  s.owners.business.utf8.contains(0x40), s.owners.technical.utf8.contains(0x40) else {  // "@"
                throw RuleViolation(rule: "spec-complete", "a request needs a system, a purpose, and both owners as e-mail addresses")
            }
        case .untilRequired:
            guard c.spec?.until != nil else {
                throw RuleViolation(rule: "until-required", "this workflow is for temporary connectors: give --until, the time the connector must end")
            }
        case .approverRole:
            if let roles = c.roles, !roles.isApprover(actor) {
                throw RuleViolation(rule: "approver-role", "\(actor) is not listed in Workflows/roles.json \"approvers\", so may not \(c.event.rawValue)")
            }
        case .notRequester:
            if let r = c.state.requester, Identity.same(r, actor) {
                throw RuleViolation(rule: "separation-of-duties", "\(actor) requested \(c.state.connector) and may not also approve it")
            }
            if c.state.reapprovalPending, let a = c.state.amender, Identity.same(a, actor) {
                throw RuleViolation(rule: "separation-of-duties", "\(actor) made the widening amend of \(c.state.connector) and may not also approve it")
            }
        case .notTechnicalOwner:
            if let t = c.state.spec?.owners.technical, Identity.same(t, actor) {
                throw RuleViolation(rule: "separation-of-duties", "\(actor) is the technical owner of \(c.state.connector) and may not \(c.event.rawValue) it")
            }
        case .distinctApprover:
            if c.state.approvals.contains(where: { Identity.same($0, actor) }) {
                throw RuleViolation(rule: "distinct-approvers", "\(actor) already approved \(c.state.connector) in this round; a high-risk connector needs a second, different approver")
            }
        case .noPendingApproval:
            if c.state.reapprovalPending {
                throw RuleViolation(rule: "unapproved-widening", "\(c.state.connector) was widened by an amend and must be approved again first")
            }
        case .reasonRequired:
            guard let r = c.data["reason"]?.stringValue, !r.trimmingSpaces.isEmpty else {
                throw RuleViolation(rule: "reason-required", "\(c.event.rawValue) needs a reason (--reason TEXT)")
            }
        case .evidenceRequired:
            guard let e = c.data["evidence"]?.stringValue, !e.trimmingSpaces.isEmpty else {
                throw RuleViolation(rule: "evidence-required", "\(c.event.rawValue) needs evidence (--evidence TEXT): what was done, and where it can be checked")
            }
        case .runnerOnly:
            guard actor == Event.runnerActor else {
                throw RuleViolation(rule: "runner-only", "only \(Event.runnerActor) may append '\(c.event.rawValue)'")
            }
        case .humanOnly:
            guard actor != Event.runnerActor else {
                throw RuleViolation(rule: "human-only", "\(Event.runnerActor) may not append '\(c.event.rawValue)'")
            }
        }
    }
}
