/// How a workflow treats a lint rule's findings: an `error` fails the check, a `warning`
/// is printed, `off` drops it. Raw values are the words of a workflow's `lints`.
public enum LintLevel: String, Sendable, CaseIterable, Comparable {
    case off, warning, error

    /// `off` < `warning` < `error`: the strictest of several workflows wins.
    public static func < (a: LintLevel, b: LintLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
