/// The process exit status a failure maps to: 0 success, 1 violation, 2 usage, 3 busy, 4 invalid data.
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case ok = 0
    /// A violation found, or a transition refused by a rule.
    case violation = 1
    /// The command line was wrong.
    case usage = 2
    /// The state lock is held by another writer, or a version conflict.
    case busy = 3
    /// A file does not parse or breaks the format.
    case invalidData = 4
}

/// An error a user can act on: a message (never containing a secret) and the exit status.
public protocol StewardFailure: Error, CustomStringConvertible {
    /// The exit status this failure ends the process with.
    var exitStatus: ExitStatus { get }
}

/// A file that does not parse or breaks the format. Names the file, the field path or
/// line:column, and the rule broken.
public typealias DataError = Diagnostic<GovernanceFile>

extension Diagnostic: StewardFailure where Source == GovernanceFile {
    public var exitStatus: ExitStatus { .invalidData }
}

/// A transition or command refused by a lifecycle rule. Nothing was written.
public struct RuleViolation: StewardFailure, Equatable {
    /// A stable rule id, e.g. `separation-of-duties`.
    public var rule: RuleID
    /// What was refused and why, and what would be accepted.
    public var message: String

    public init(rule: RuleID, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var exitStatus: ExitStatus { .violation }
    public var description: String { "\(message) (rule \(rule))" }
}

/// A usage mistake found after parsing: an invalid id, a malformed option value.
public struct InputError: StewardFailure, Equatable {
    /// What is wrong with the input and what is accepted.
    public var message: String
    public init(_ message: String) { self.message = message }
    public var exitStatus: ExitStatus { .usage }
    public var description: String { message }
}
