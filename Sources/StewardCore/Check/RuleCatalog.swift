/// One rule `steward check` reports: its stable id and what to do about a finding of it;
/// for a policy lint also its title, the standards it maps to and its default level.
public struct CheckRule: Sendable, Equatable {
    public let id: String
    /// What to do about a finding of this rule (the `fix:` line, SARIF `help`).
    public let advice: String
    /// The lint part; nil for a rule that is no lint (history, identity, separation of
    /// duties, the repository rules): such a finding is always an error.
    public let lint: Lint?

    /// What a policy lint adds to a rule.
    public struct Lint: Sendable, Equatable {
        public let title: String
        /// OWASP Non-Human Identities Top 10 (2025) id.
        public let owasp: String
        /// NIST CSF 2.0 subcategory.
        public let nist: String
        /// "error" or "warning" unless the workflow says otherwise.
        public let defaultLevel: String
        /// False for a rule no lint setting lowers or switches off, on any branch: a
        /// workflow's `lints` may name it, but it stays an error.
        public let mayBeLowered: Bool
    }
}

/// The one catalogue of the rules `steward check` knows: the lints a workflow's `lints`
/// may name, and the advice for the rules that have one (a finding of any other rule id
/// prints without a `fix:` line).
public enum RuleCatalog {
    /// The catalogue, one rule per block of two lines. The first line is
    /// `id | level | OWASP id | NIST id | title` for a lint, where the level is `error` or
    /// `warning` (the default a workflow may change) or `error (fixed)` (never lowered); or
    /// `id[, id…] | fixed` for rules that are no lint and always errors. The second line,
    /// indented, is the advice.
    static let table = """
        secret-in-file | error (fixed) | NHI2:2025 Secret Leakage | PR.DS-01 | A credential is stored in the connector file
            remove the value, rotate the credential, and store only a reference (secretRef: vault://…)
        overprivileged | warning | NHI5:2025 Overprivileged NHI | PR.AA-05 | One connector for everything
            split the connector so each one holds only the scopes its purpose needs
        purpose-scope-mismatch | warning | NHI5:2025 Overprivileged NHI | PR.AA-05 | A read-only purpose holds write scopes
            drop the write scopes, or amend the purpose to say why writing is needed
        environment-mixing | warning | NHI8:2025 Environment Isolation | PR.IR-01 | Production and non-production mixed in one connector
            use one connector per environment
        shared-secret | error | NHI9:2025 NHI Reuse | PR.AA-01 | One secretRef behind two connectors
            issue a separate credential for each connector
        window-too-long | error | NHI7:2025 Long-Lived Secrets | PR.AA-05 | A temporary window longer than the workflow allows
            shorten spec.until, or use the standard workflow with reviews
        owner-missing | warning | NHI1:2025 Improper Offboarding | GV.RR-02 | An owner is missing, or both owners are the same person
            name two different people as business and technical owner
        future-event | fixed
            fix the clock that wrote the event; events are never dated ahead of now
        rules-change | fixed
            have an approver of the base branch author the change (and, with --reviews, another approver approve it)
        path-case | fixed
            spell the folder exactly State/, Workflows/ or Templates/, or move the file elsewhere
        gitattributes | fixed
            remove the attribute, or limit its pattern to folders outside State/, Workflows/ and Templates/
        signature | fixed
            sign the commit with your own key (git commit -S) and have an approver list it for your e-mail in Workflows/allowed_signers on the base branch
        runner-event | fixed
            drop the hand-written or input-driven runner event; run 'steward run' without --people/--observed, or let the runner push it
        hash-chain, sequence, version, projection | fixed
            restore the file from the base branch and make the change with steward commands
        separation-of-duties, distinct-approvers, approver-role | fixed
            have an approver who is neither the requester nor the technical owner approve it
        format | fixed
            fix the file so it is valid connector JSON, or restore it from git
        unapproved-widening | fixed
            an approver must run 'steward approve ID' in this pull request
        """

    /// Every rule, in catalogue order.
    public static let rules: [CheckRule] = parse(table)

    /// Every rule by id.
    static let byID: [String: CheckRule] = Dictionary(uniqueKeysWithValues: rules.map { ($0.id, $0) })

    /// Every lint rule id: the ids a workflow's `lints` may name.
    public static let lintIDs: Set<String> = Set(rules.filter { $0.lint != nil }.map(\.id))

    /// The rule with `id`, or nil for an id the catalogue does not know.
    public static func rule(_ id: String) -> CheckRule? { byID[id] }

    /// The lint part of rule `id`, or nil when `id` is no lint.
    public static func lint(_ id: String) -> CheckRule.Lint? { byID[id]?.lint }

    /// The level of lint `rule` under a workflow's `lints`: always "error" for a rule that
    /// may not be lowered.
    public static func level(_ rule: String, lints: [String: String]) -> String {
        guard let lint = lint(rule) else { return lints[rule] ?? "warning" }
        if !lint.mayBeLowered { return "error" }
        return lints[rule] ?? lint.defaultLevel
    }

    /// Reads `text` in the format of `table`; a malformed block is a programming error.
    static func parse(_ text: String) -> [CheckRule] {
        var out: [CheckRule] = []
        var header: [String]?
        for line in text.split(separator: "\n") {
            let cells = line.split(separator: "|").map(trimmed)
            guard let head = header else {
                header = cells
                continue
            }
            header = nil
            let advice = trimmed(line)
            let ids = head[0].split(separator: ",").map(trimmed)
            let lint: CheckRule.Lint?
            switch head.count {
            case 2:
                precondition(head[1] == "fixed", "rule catalogue: \(head[0]) is 'fixed' or a lint")
                lint = nil
            case 5:
                let fixed = head[1] == "error (fixed)"
                precondition(fixed || head[1] == "error" || head[1] == "warning", "rule catalogue: \(head[0]) level \(head[1])")
                lint = .init(title: head[4], owasp: head[2], nist: head[3], defaultLevel: fixed ? "error" : head[1], mayBeLowered: !fixed)
            default:
                preconditionFailure("rule catalogue: \(head[0]) has \(head.count) columns")
            }
            out += ids.map { CheckRule(id: $0, advice: advice, lint: lint) }
        }
        precondition(header == nil, "rule catalogue: the last rule has no advice")
        return out
    }

    private static func trimmed(_ s: Substring) -> String {
        var t = s
        while t.first == " " { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }
}
