/// How much harm a connector could do; sets the review period.
public enum Risk: String, Sendable, CaseIterable, Comparable {
    case low, medium, high
    public static func < (a: Risk, b: Risk) -> Bool {
        let order: [Risk] = [.low, .medium, .high]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }

    /// How many different approvers an approval round needs: two for high risk, else one.
    public var approvalsNeeded: Int { self == .high ? 2 : 1 }
}

/// The two people accountable for a connector.
public struct Owners: Sendable, Equatable {
    /// Who answers for why the connector exists.
    public var business: String
    /// Who runs it; may not approve it.
    public var technical: String
    public init(business: String, technical: String) {
        self.business = business
        self.technical = technical
    }
}

/// A platform object the connector is, e.g. `aws` / `arn:aws:iam::…:user/crm-sync`.
public struct Binding: Sendable, Hashable, Comparable {
    public var platform: String
    public var ref: String
    public init(platform: String, ref: String) {
        self.platform = platform
        self.ref = ref
    }
    public static func < (a: Binding, b: Binding) -> Bool { (a.platform, a.ref) < (b.platform, b.ref) }
    /// `platform=ref`, as the command line takes it.
    public var text: String { "\(platform)=\(ref)" }
}

/// What a connector is allowed to be: its system, purpose, owners, scopes and reach.
/// Set by the `request` event and replaced by each `amend`.
///
/// A value type whose fields sit in one shared, never-changed box: a spec is copied into
/// every state and event that holds it, and a copy then costs one reference instead of one
/// per string and list. Setting a field makes a new box.
public struct Spec: Sendable, Equatable {
    private var box: SpecBox

    /// The fields themselves.
    struct Fields: Sendable, Equatable {
        var system: String
        var purpose: String
        var kind: String
        var environment: String
        var risk: Risk
        var owners: Owners
        var scopes: [String]
        var reaches: [String]
        var secretRef: String?
        var until: Timestamp?
        var bindings: [Binding]
    }

    /// One spec's fields, shared by its copies and never changed.
    final class SpecBox: Sendable {
        let fields: Fields
        init(_ fields: consuming Fields) { self.fields = fields }
    }

    /// Changes one field: the other copies keep the box they share.
    private mutating func change(_ edit: (inout Fields) -> Void) {
        var f = box.fields
        edit(&f)
        box = SpecBox(f)
    }

    public var system: String { get { box.fields.system } set { change { $0.system = newValue } } }
    public var purpose: String { get { box.fields.purpose } set { change { $0.purpose = newValue } } }
    public var kind: String { get { box.fields.kind } set { change { $0.kind = newValue } } }
    public var environment: String { get { box.fields.environment } set { change { $0.environment = newValue } } }
    public var risk: Risk { get { box.fields.risk } set { change { $0.risk = newValue } } }
    public var owners: Owners { get { box.fields.owners } set { change { $0.owners = newValue } } }
    public var scopes: [String] { get { box.fields.scopes } set { change { $0.scopes = newValue } } }
    public var reaches: [String] { get { box.fields.reaches } set { change { $0.reaches = newValue } } }
    public var secretRef: String? { get { box.fields.secretRef } set { change { $0.secretRef = newValue } } }
    public var until: Timestamp? { get { box.fields.until } set { change { $0.until = newValue } } }
    public var bindings: [Binding] { get { box.fields.bindings } set { change { $0.bindings = newValue } } }

    public static func == (a: Spec, b: Spec) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    /// What a request that does not say gets: an API key, in production, of medium risk.
    public static let defaultKind = "api-key", defaultEnvironment = "production"
    public static let defaultRisk = Risk.medium

    public init(system: String, purpose: String, kind: String = Spec.defaultKind, environment: String = Spec.defaultEnvironment,
                risk: Risk = Spec.defaultRisk, owners: Owners, scopes: [String] = [], reaches: [String] = [],
                secretRef: String? = nil, until: Timestamp? = nil, bindings: [Binding] = []) {
        box = SpecBox(Fields(system: system, purpose: purpose, kind: kind, environment: environment, risk: risk,
                             owners: owners, scopes: scopes, reaches: reaches, secretRef: secretRef, until: until,
                             bindings: bindings))
    }

    /// Lists are kept sorted and free of duplicates, so equal specs have equal bytes.
    public func normalized() -> Spec {
        var s = self
        s.change {
            $0.scopes = Array(Set(scopes)).sorted()
            $0.reaches = Array(Set(reaches)).sorted()
            $0.bindings = Array(Set(bindings)).sorted()
        }
        return s
    }

    /// What `new` spec grants beyond `self`: an added scope, reach or binding; a changed
    /// system or environment; a changed owner (compared as identities); a lower risk (a
    /// shorter review clock becomes a longer one); a later or removed `until`. Empty when
    /// `new` is the same or narrower: removals, an earlier or newly set `until`, a higher
    /// risk. (A change of workflow is a document change, judged where documents are.)
    public func widenings(to new: Spec) -> [String] {
        var out: [String] = []
        for s in Set(new.scopes).subtracting(scopes).sorted() { out.append("scope \(s)") }
        for r in Set(new.reaches).subtracting(reaches).sorted() { out.append("reach \(r)") }
        for b in Set(new.bindings).subtracting(bindings).sorted() { out.append("binding \(b.text)") }
        if new.environment != environment { out.append("environment \(environment) → \(new.environment)") }
        if new.system != system { out.append("system \(system) → \(new.system)") }
        if new.kind != kind { out.append("kind \(kind) → \(new.kind)") }
        if new.secretRef != secretRef { out.append("secret reference \(secretRef ?? "none") → \(new.secretRef ?? "none")") }
        if !Identity.same(new.owners.business, owners.business) { out.append("business owner \(owners.business) → \(new.owners.business)") }
        if !Identity.same(new.owners.technical, owners.technical) { out.append("technical owner \(owners.technical) → \(new.owners.technical)") }
        if new.risk < risk { out.append("risk \(risk.rawValue) → \(new.risk.rawValue)") }
        if let old = until {
            if let later = new.until {
                if later > old { out.append("until \(old) → \(later)") }
            } else {
                out.append("until \(old) removed")
            }
        }
        return out
    }

    /// Whether `new` widens this spec: exactly `!widenings(to: new).isEmpty`, without
    /// building the descriptions (replay asks this for every amend).
    public func widens(to new: Spec) -> Bool {
        // Subset tests on the (short) lists themselves: no sets built.
        if !new.scopes.allSatisfy(scopes.contains) || !new.reaches.allSatisfy(reaches.contains)
            || !new.bindings.allSatisfy(bindings.contains) {
            return true
        }
        if new.environment != environment || new.system != system || new.risk < risk { return true }
        if new.kind != kind || new.secretRef != secretRef { return true }
        if !Identity.same(new.owners.business, owners.business) || !Identity.same(new.owners.technical, owners.technical) { return true }
        if let old = until { return new.until.map { $0 > old } ?? true }
        return false
    }
}
