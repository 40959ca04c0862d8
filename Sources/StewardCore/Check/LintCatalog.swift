/// The policy lint rules `steward check` knows, with the standards they map to and their
/// default level. A workflow's `lints` may only name these ids.
public struct LintRule: Sendable, Equatable {
    public let id: String
    public let title: String
    /// OWASP Non-Human Identities Top 10 (2025) id.
    public let owasp: String
    /// NIST CSF 2.0 subcategory.
    public let nist: String
    /// "error" or "warning" unless the workflow says otherwise.
    public let defaultLevel: String
    /// What to do about it.
    public let fix: String
}

/// The catalogue of lint rules.
public enum LintCatalog {
    public static let rules: [LintRule] = [
        LintRule(id: "secret-in-file", title: "A credential is stored in the connector file",
                 owasp: "NHI2:2025 Secret Leakage", nist: "PR.DS-01", defaultLevel: "error",
                 fix: "remove the value, rotate the credential, and store only a reference (secretRef: vault://…)"),
        LintRule(id: "overprivileged", title: "One connector for everything",
                 owasp: "NHI5:2025 Overprivileged NHI", nist: "PR.AA-05", defaultLevel: "warning",
                 fix: "split the connector so each one holds only the scopes its purpose needs"),
        LintRule(id: "purpose-scope-mismatch", title: "A read-only purpose holds write scopes",
                 owasp: "NHI5:2025 Overprivileged NHI", nist: "PR.AA-05", defaultLevel: "warning",
                 fix: "drop the write scopes, or amend the purpose to say why writing is needed"),
        LintRule(id: "environment-mixing", title: "Production and non-production mixed in one connector",
                 owasp: "NHI8:2025 Environment Isolation", nist: "PR.IR-01", defaultLevel: "warning",
                 fix: "use one connector per environment"),
        LintRule(id: "shared-secret", title: "One secretRef behind two connectors",
                 owasp: "NHI9:2025 NHI Reuse", nist: "PR.AA-01", defaultLevel: "error",
                 fix: "issue a separate credential for each connector"),
        LintRule(id: "window-too-long", title: "A temporary window longer than the workflow allows",
                 owasp: "NHI7:2025 Long-Lived Secrets", nist: "PR.AA-05", defaultLevel: "error",
                 fix: "shorten spec.until, or use the standard workflow with reviews"),
        LintRule(id: "owner-missing", title: "An owner is missing, or both owners are the same person",
                 owasp: "NHI1:2025 Improper Offboarding", nist: "GV.RR-02", defaultLevel: "warning",
                 fix: "name two different people as business and technical owner"),
    ]

    /// Every lint rule id.
    public static let ids: Set<String> = Set(rules.map(\.id))

    /// Rules that no lint setting lowers or switches off, on any branch: a workflow's
    /// `lints` may name them, but they stay errors. (Identity, the hash chain, the
    /// projection, append-only history and separation of duties are not lints at all.)
    public static let core: Set<String> = ["secret-in-file"]

    /// The level of `rule` under a workflow's `lints`: always "error" for a core rule.
    public static func level(_ rule: String, lints: [String: String]) -> String {
        if core.contains(rule) { return "error" }
        return lints[rule] ?? self.rule(rule)?.defaultLevel ?? "warning"
    }

    /// The rule with `id`.
    public static func rule(_ id: String) -> LintRule? { rules.first { $0.id == id } }
}
