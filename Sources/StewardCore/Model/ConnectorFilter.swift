/// The filters of `steward list`: a state, a system (compared without case) and an owner
/// (either owner, compared as normalised identities). A nil filter matches everything.
public struct ConnectorFilter: Sendable {
    public var state: String?
    /// Lower-cased.
    public var system: String?
    /// Normalised (`Identity.normalize`).
    public var owner: String?

    public init(state: String?, system: String?, owner: String?) {
        (self.state, self.system, self.owner) = (state, system?.lowercased(), owner.map(Identity.normalize))
    }

    /// True when `d` passes every filter given.
    public func matches(_ d: ConnectorDocument) -> Bool {
        if let state, d.state != state { return false }
        if let system, d.spec.system.lowercased() != system { return false }
        if let owner, Identity.normalize(d.spec.owners.business) != owner && Identity.normalize(d.spec.owners.technical) != owner { return false }
        return true
    }
}
