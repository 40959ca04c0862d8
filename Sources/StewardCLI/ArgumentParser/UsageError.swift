/// A command line that cannot be parsed: unknown command or option, missing value, etc.
///
/// The CLI prints `steward: error: <description>` followed by `hint(programName:)`.
public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, phrased for the user: `"unknown option '--x' for 'list'"`.
    public var message: String
    /// The command the error is about, when one was recognized; used for the hint.
    public var command: String?

    /// Creates a usage error.
    public init(message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    /// The message.
    public var description: String { message }

    /// Where to look next: `"see 'steward help approve'"`, or `"see 'steward help'"`.
    public func hint(programName: String = "steward") -> String {
        if let command { return "see '\(programName) help \(command)'" }
        return "see '\(programName) help'"
    }
}
