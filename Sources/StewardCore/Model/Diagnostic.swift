/// A problem at a place in a file: the file, where in it, the rule broken, and what to do.
/// The one diagnostic shape for errors that name a file; `Source` only tells the kinds apart
/// (`DataError` for governance files, `InventoryError` for platform exports), so each can be
/// thrown and caught as its own type while both are built and printed the same way.
public struct Diagnostic<Source: DiagnosticSource>: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file, relative to the governance root where possible (`State/crm-sync.json`).
    public var file: String
    /// Where in the file: a field path (`history[2].at`), `line:column`, `row 7`; empty for
    /// the whole file.
    public var location: String
    /// What is wrong and what is expected.
    public var message: String
    /// The rule broken when it has an id of its own (`identity`); nil for plain format errors.
    public var rule: RuleID?

    public init(file: String, location: String, message: String, rule: RuleID? = nil) {
        self.file = file
        self.location = location
        self.message = message
        self.rule = rule
    }

    /// `FILE: LOCATION: MESSAGE (rule RULE)`, without the location when it is empty and
    /// without the rule when there is none.
    public var description: String {
        let text = location.isEmpty ? "\(file): \(message)" : "\(file): \(location): \(message)"
        return rule.map { "\(text) (rule \($0))" } ?? text
    }
}

/// What kind of file a `Diagnostic` speaks of.
public protocol DiagnosticSource: Sendable {}

/// A governance file: `State/`, `Workflows/`, `Templates/`, or a file given on the command line.
public enum GovernanceFile: DiagnosticSource {}

/// A platform export read by `InventoryReader`.
public enum ExportFile: DiagnosticSource {}
