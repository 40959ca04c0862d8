/// The stable id of a rule: what `steward check` prints in brackets, SARIF's `ruleId`, the
/// `rule` of a refused command, the key of a workflow's `lints`. An open set of words (the
/// catalogue describes the ones with advice); written as a literal where a rule is named.
public struct RuleID: NameType {
    /// The id, a lower-case word or words joined by '-'.
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
}
