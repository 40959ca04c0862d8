/// Approvers no real governance repository should keep: the placeholders `steward init`
/// writes (`@example.invalid`) and the example estate's company (`@northwind.example`).
/// While any is listed, `steward check` warns: such an identity answers to nobody, and
/// anyone can type it as a commit author.
public enum PlaceholderRoles {
    /// The rule id of the warning.
    public static let rule: RuleID = "placeholder-approvers"
    /// Domains that mark an address as a placeholder or an example.
    public static let domains = ["example.invalid", "northwind.example"]

    /// True when `email` belongs to a placeholder or example domain.
    public static func isPlaceholder(_ email: String) -> Bool {
        let lower = Identity.normalize(email)
        return domains.contains { lower.hasSuffix("@" + $0) }
    }

    /// One warning naming every placeholder approver and login, or none.
    public static func check(_ roles: Roles, file: String = "Workflows/roles.json") -> [CheckFinding] {
        let approvers = roles.approvers.filter(isPlaceholder)
        let logins = roles.logins.filter { isPlaceholder($0.value) }.keys.sorted()
        guard !approvers.isEmpty || !logins.isEmpty else { return [] }
        var what: [String] = []
        if !approvers.isEmpty { what.append("approvers \(approvers.joined(separator: ", "))") }
        if !logins.isEmpty { what.append("logins \(logins.joined(separator: ", "))") }
        return [CheckFinding(file: file, rule: rule,
                             message: "still lists placeholder or example identities (\(what.joined(separator: "; "))); replace them with the people who may approve connectors in this repository")]
    }
}
