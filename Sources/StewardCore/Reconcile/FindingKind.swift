/// What a reconciliation finding is about; raw values are the names in reports and JSON.
public enum FindingKind: String, Sendable, CaseIterable {
    /// Offboarding:
    /// - `unmanaged`: observed at a platform, and no approved or live connector binds it.
    /// - `revocation-ineffective`: bound by a decommissioned connector and still at the
    ///   platform.
    /// - `missing`: an active connector's binding is absent from an export that covers it.
    /// - `dormant`: not used for the workflow's dormancy period.
    case unmanaged, revocationIneffective = "revocation-ineffective", missing, dormant
    /// Observed scopes beyond the spec.
    case scopeDrift = "scope-drift"
    /// A credential older than the rotation period.
    case staleCredential = "stale-credential"
    /// One credential or secret behind two connectors.
    case sharedCredential = "shared-credential"
    /// Expiry: a live credential's platform expiry falls within the workflow's notice
    /// period (`credential-expiring`), or falls after the connector's `until` or lives
    /// longer than allowed (`expiry-drift`).
    case credentialExpiring = "credential-expiring", expiryDrift = "expiry-drift"
    /// A credential owned by a person backs a connector that is not a personal token.
    case personBound = "person-bound"

    /// The OWASP Non-Human Identities Top 10 (2025) id.
    public var owasp: String {
        switch self {
        case .unmanaged, .revocationIneffective, .missing, .dormant: return "NHI1:2025 Improper Offboarding"
        case .scopeDrift: return "NHI5:2025 Overprivileged NHI"
        case .staleCredential, .credentialExpiring, .expiryDrift: return "NHI7:2025 Long-Lived Secrets"
        case .sharedCredential: return "NHI9:2025 NHI Reuse"
        case .personBound: return "NHI10:2025 Human Use of NHI"
        }
    }
}

/// Where a finding came from: the export file and the record in it (`value[2]`,
/// `row 4`, `items[0]`), or the connector file for a finding drawn from the estate alone.
public struct FindingSource: Sendable, Equatable {
    public var file: String
    /// The record's place in the file; nil when the finding is about an absence.
    public var record: String?
    public init(file: String, record: String?) {
        self.file = file
        self.record = record
    }
}

/// How platforms compare refs: AWS IAM names and GitHub logins without regard to case,
/// everything else exactly.
public enum RefKey {
    /// The binding as reconciliation compares it: platform lower-cased, ref folded as the
    /// platform folds it.
    public static func of(platform: String, ref: String) -> Binding {
        let p = platform.lowercased()
        switch p {
        case "aws":
            return Binding(platform: p, ref: ref.lowercased())
        case "github":
            guard let slash = ref.firstIndex(of: "/") else { return Binding(platform: p, ref: ref.lowercased()) }
            return Binding(platform: p, ref: ref[..<slash].lowercased() + ref[slash...])
        default:
            return Binding(platform: p, ref: ref)
        }
    }

    static func of(_ b: Binding) -> Binding { of(platform: b.platform, ref: b.ref) }
}
