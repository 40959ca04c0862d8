/// The stable id of a rule: what `steward check` prints in brackets, SARIF's `ruleId`, the
/// `rule` of a refused command, the key of a workflow's `lints`. An open set of words (the
/// catalogue describes the ones with advice); written as a literal where a rule is named.
public struct RuleID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id, a lower-case word or words joined by '-'.
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral id: String) { rawValue = id }

    public var description: String { rawValue }
    public static func < (a: RuleID, b: RuleID) -> Bool { a.rawValue < b.rawValue }
}
