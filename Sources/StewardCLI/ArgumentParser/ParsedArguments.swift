/// The result of `ArgumentParser.parse`: the command, its positionals and its options.
///
/// Options are keyed by their name without leading dashes (`"system"` for `--system`),
/// whichever alias was typed. The accessors also accept the dashed form (`"--system"`).
public struct ParsedArguments: Sendable, Equatable {
    /// The command word, e.g. `"approve"`; `"help"` when no (known) command was given
    /// together with `-h`/`--help`, or when no command was given at all.
    public let command: String
    /// Positional arguments after the command, in order.
    public let positionals: [String]
    /// Values of valued options, in the order given, keyed by option name without dashes.
    public let values: [String: [String]]
    /// Flags that were given, keyed by option name without dashes.
    public let flags: Set<String>
    /// True when `-h`/`--help` appeared (before `--`) or no command was given.
    /// When true, the parser raised no validation errors and the other fields are best effort.
    public let helpRequested: Bool
    /// Positional values by positional name (a variadic one collects the rest).
    private let named: [String: [String]]

    /// Creates parsed arguments directly (useful in tests of commands).
    public init(
        command: String, positionals: [String] = [], values: [String: [String]] = [:],
        flags: Set<String> = [], helpRequested: Bool = false, positionalSpecs: [PositionalSpec] = []
    ) {
        self.command = command
        self.positionals = positionals
        self.values = values
        self.flags = flags
        self.helpRequested = helpRequested
        var named: [String: [String]] = [:]
        for (index, spec) in positionalSpecs.enumerated() where index < positionals.count {
            named[spec.name] = spec.variadic ? Array(positionals[index...]) : [positionals[index]]
        }
        self.named = named
    }

    /// The last value given for a valued option (`"system"` or `"--system"`), or `nil`.
    public func value(_ name: String) -> String? {
        values[OptionSpec.key(for: name)]?.last
    }

    /// Every value given for a valued option, in order; empty if it was not given.
    public func values(_ name: String) -> [String] {
        values[OptionSpec.key(for: name)] ?? []
    }

    /// Whether a flag (`"dry-run"` or `"--dry-run"`) was given.
    public func flag(_ name: String) -> Bool {
        flags.contains(OptionSpec.key(for: name))
    }

    /// The value of the positional named `name` (e.g. `"ID"`), or `nil` if it was not given.
    /// For a variadic positional this is its first value.
    public func positional(_ name: String) -> String? {
        named[name]?.first
    }

    /// All values of the positional named `name`; for a variadic one, every remaining argument.
    public func positionalValues(_ name: String) -> [String] {
        named[name] ?? []
    }
}
