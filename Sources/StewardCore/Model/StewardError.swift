/// The process exit status a failure maps to, as the contract (§7) fixes it.
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
public struct DataError: StewardFailure, Equatable {
    /// The file, relative to the governance root where possible (`State/crm-sync.json`).
    public var file: String
    /// Where in the file: a field path (`history[2].at`) or `line:column`.
    public var location: String
    /// What is wrong and what is expected.
    public var message: String
    /// The rule broken when it has an id of its own (`identity`); nil for plain format errors.
    public var rule: String?

    public init(file: String, location: String, message: String, rule: String? = nil) {
        self.file = file
        self.location = location
        self.message = message
        self.rule = rule
    }

    public var exitStatus: ExitStatus { .invalidData }
    public var description: String {
        let text = location.isEmpty ? "\(file): \(message)" : "\(file): \(location): \(message)"
        return rule.map { "\(text) (rule \($0))" } ?? text
    }
}

/// A transition or command refused by a lifecycle rule. Nothing was written.
public struct RuleViolation: StewardFailure, Equatable {
    /// A stable rule id, e.g. `separation-of-duties`.
    public var rule: String
    /// What was refused and why, and what would be accepted.
    public var message: String

    public init(rule: String, _ message: String) {
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
