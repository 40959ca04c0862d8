/// One problem `steward check` found: the file, a stable rule id, and a message that says
/// what is wrong and what to do. Never contains a secret's value.
public struct CheckFinding: Sendable, Equatable, Comparable {
    public var file: String
    public var rule: RuleID
    public var message: String

    public init(file: String, rule: RuleID, message: String) {
        self.file = file
        self.rule = rule
        self.message = message
    }

    public static func < (a: CheckFinding, b: CheckFinding) -> Bool {
        (a.file, a.rule, a.message) < (b.file, b.rule, b.message)
    }
}

/// The result of `steward check`: violations fail the gate (exit 1); warnings do not.
public struct CheckReport: Sendable, Equatable {
    public var violations: [CheckFinding] = []
    public var warnings: [CheckFinding] = []
    /// How many connector files were examined.
    public var filesChecked = 0

    public init() {}

    /// Adds a finding at `level` (error → violation, warning → warning, off → dropped).
    public mutating func add(_ f: CheckFinding, level: LintLevel = .error) {
        switch level {
        case .error: violations.append(f)
        case .warning: warnings.append(f)
        case .off: break
        }
    }

    /// Sorts both lists so output is stable.
    public mutating func sort() {
        violations.sort()
        warnings.sort()
    }

    public var passed: Bool { violations.isEmpty }
}
