/// How urgent a reconciliation finding is. Raw values are the words in reports and JSON;
/// `allCases` runs from the most urgent.
public enum Severity: String, Sendable, CaseIterable {
    case critical, high, medium, low

    /// 0 for `critical`, the most urgent, up to 3 for `low`: reports sort by it.
    public var rank: Int { Severity.allCases.firstIndex(of: self)! }

    /// The word with a capital, as a section title.
    public var title: String {
        switch self {
        case .critical: return "Critical"
        case .high: return "High"
        case .medium: return "Medium"
        case .low: return "Low"
        }
    }
}
