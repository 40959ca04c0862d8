/// A change to a spec asked for by `steward amend`: lists to add to or remove from, and
/// fields to replace. Applying it is pure.
public struct SpecChange: Sendable, Equatable {
    /// Each list in two halves, what to add and what to remove.
    public var addScopes: [String] = [], removeScopes: [String] = []
    public var addReaches: [String] = [], removeReaches: [String] = []
    public var addBindings: [Binding] = [], removeBindings: [Binding] = []
    /// Fields to replace; nil keeps the field.
    public var purpose: String?
    public var kind: String?
    public var environment: String?
    public var risk: Risk?
    public var secretRef: String?
    public var until: Timestamp?
    public var businessOwner: String?
    public var technicalOwner: String?

    public init() {}

    /// True when nothing would change.
    public var isEmpty: Bool { self == SpecChange() }

    /// The spec after this change.
    public func applied(to s: Spec) -> Spec {
        var n = s
        n.scopes = n.scopes.filter { !removeScopes.contains($0) } + addScopes
        n.reaches = n.reaches.filter { !removeReaches.contains($0) } + addReaches
        n.bindings = n.bindings.filter { !removeBindings.contains($0) } + addBindings
        if let v = purpose { n.purpose = v }
        if let v = kind { n.kind = v }
        if let v = environment { n.environment = v }
        if let v = risk { n.risk = v }
        if let v = secretRef { n.secretRef = v }
        if let v = until { n.until = v }
        if let v = businessOwner { n.owners.business = v }
        if let v = technicalOwner { n.owners.technical = v }
        return n.normalized()
    }
}

/// What a person asks of a connector through the command line, before it becomes an event.
public enum LifecycleCommand: Sendable, Equatable {
    case request(Spec)
    case approve
    case reject(reason: String)
    case activate(credentialId: String?, secretRef: String?)
    case rotate(credentialId: String?)
    case confirmRotation(evidence: String)
    case recertify
    case amend(SpecChange)
    case decommission(reason: String)
    case closeTask(taskID: String, evidence: String)

    /// The event this command appends.
    public var event: EventKind {
        switch self {
        case .request: return .request
        case .approve: return .approve
        case .reject: return .reject
        case .activate: return .activate
        case .rotate: return .rotate
        case .confirmRotation: return .confirmRotation
        case .recertify: return .recertify
        case .amend: return .amend
        case .decommission: return .decommission
        case .closeTask: return .closeTask
        }
    }

    /// The event data this command records, given the connector's current spec.
    public func data(currentSpec: Spec?) throws(RuleViolation) -> [String: JSONValue] {
        switch self {
        case .request(let spec): return ["spec": DocumentEncoding.spec(spec.normalized())]
        case .approve, .recertify: return [:]
        case .reject(let reason), .decommission(let reason): return ["reason": .string(reason)]
        case .activate(let cred, let ref):
            var d: [String: JSONValue] = [:]
            if let cred { d["credentialId"] = .string(cred) }
            if let ref { d["secretRef"] = .string(ref) }
            return d
        case .rotate(let cred): return cred.map { ["credentialId": .string($0)] } ?? [:]
        case .confirmRotation(let evidence): return ["evidence": .string(evidence)]
        case .amend(let change):
            guard let spec = currentSpec else { return [:] }
            guard !change.isEmpty else { throw RuleViolation(rule: "empty-amend", "amend needs at least one change (see steward help amend)") }
            let new = change.applied(to: spec)
            guard new != spec.normalized() else {
                throw RuleViolation(rule: "empty-amend", "the amend changes nothing: the spec already says that")
            }
            return ["spec": DocumentEncoding.spec(new)]
        case .closeTask(let id, let evidence): return ["task": .string(id), "evidence": .string(evidence)]
        }
    }
}
