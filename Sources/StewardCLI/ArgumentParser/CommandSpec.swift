/// Another spelling of an option.
///
/// A plain alias (`impliedValue == nil`) is a synonym: `-n` for `--note` behaves exactly
/// like `--note`, taking a value if `--note` does.
///
/// An alias with an `impliedValue` is a shorthand for "the option with that value":
/// `OptionAlias("--json", impliedValue: "json")` on `--format` makes `--json` mean
/// `--format json`. Such an alias never takes a value itself (`--json=x` is an error) and
/// counts as an occurrence of its option (so `--json --format text` is "given twice" unless
/// the option is repeatable). An implied value on an alias of a flag is ignored.
public struct OptionAlias: Sendable, Hashable, ExpressibleByStringLiteral {
    /// The alias as typed, with its dashes: `"--json"`, `"-n"`.
    public var name: String
    /// The value the alias stands for, or `nil` for a plain synonym.
    public var impliedValue: String?
    /// Help shown for an implied-value alias; `nil` shows "Same as --format json.".
    public var help: String?

    /// Creates an alias; see the type's documentation for `impliedValue`.
    public init(_ name: String, impliedValue: String? = nil, help: String? = nil) {
        self.name = name
        self.impliedValue = impliedValue
        self.help = help
    }

    /// A plain synonym written as a string literal: `aliases: ["-n"]`.
    public init(stringLiteral value: String) {
        self.init(value)
    }
}

/// One named option of a command, or a global option.
public struct OptionSpec: Sendable, Hashable {
    /// The option as typed, with its dashes: `"--system"`.
    public var name: String
    /// Placeholder for its value in help (`"TEXT"`), or `nil` if the option is a flag.
    public var valueName: String?
    /// One-line help text.
    public var help: String
    /// Whether the option may be given more than once (values keep their order).
    public var repeatable: Bool
    /// Other spellings, e.g. `-n`, or `--json` implying `--format json`.
    public var aliases: [OptionAlias]
    /// Whether the command cannot run without it. The parser names every missing required
    /// option in one error, and help shows it without brackets.
    public var required: Bool

    /// Creates an option; `valueName == nil` makes it a flag.
    public init(
        name: String, valueName: String? = nil, help: String,
        repeatable: Bool = false, aliases: [OptionAlias] = [], required: Bool = false
    ) {
        self.name = name
        self.valueName = valueName
        self.help = help
        self.repeatable = repeatable
        self.aliases = aliases
        self.required = required
    }

    /// A flag (an option that takes no value).
    public static func flag(
        _ name: String, help: String, repeatable: Bool = false, aliases: [OptionAlias] = []
    ) -> OptionSpec {
        OptionSpec(name: name, valueName: nil, help: help, repeatable: repeatable, aliases: aliases)
    }

    /// An option that takes a value, shown as `valueName` in help.
    public static func option(
        _ name: String, value valueName: String, help: String,
        repeatable: Bool = false, aliases: [OptionAlias] = [], required: Bool = false
    ) -> OptionSpec {
        OptionSpec(name: name, valueName: valueName, help: help, repeatable: repeatable, aliases: aliases, required: required)
    }

    /// Whether the option takes no value.
    public var isFlag: Bool { valueName == nil }

    /// The key under which `ParsedArguments` stores it: the name without leading dashes.
    public var key: String { OptionSpec.key(for: name) }

    /// `"--system"` → `"system"`; a name without dashes is returned unchanged.
    public static func key(for name: String) -> String {
        String(name.drop(while: { $0 == "-" }))
    }
}

/// One positional argument of a command, e.g. the `ID` of `steward approve ID`.
public struct PositionalSpec: Sendable, Hashable {
    /// Name shown in usage and in errors: `"ID"`.
    public var name: String
    /// One-line help text.
    public var help: String
    /// Whether it may be left out. Optional positionals must follow required ones.
    public var optional: Bool
    /// Whether it takes all remaining arguments. Only the last positional may be variadic.
    public var variadic: Bool

    /// Creates a positional argument (required and single by default).
    public init(name: String, help: String, optional: Bool = false, variadic: Bool = false) {
        self.name = name
        self.help = help
        self.optional = optional
        self.variadic = variadic
    }
}

/// One command of the table: `steward NAME [POSITIONALS] [OPTIONS]`.
public struct CommandSpec: Sendable, Hashable {
    /// The command word: `"approve"`.
    public var name: String
    /// One-line summary shown in the overview and at the top of the command's help.
    public var summary: String
    /// Positional arguments, in order.
    public var positionals: [PositionalSpec]
    /// Options specific to this command (global options are given to the parser separately).
    public var options: [OptionSpec]
    /// Example invocations shown verbatim in help, e.g. `"steward approve T-12 --note ok"`.
    public var examples: [String]
    /// Hidden commands parse normally but are left out of the overview.
    public var hidden: Bool

    /// Creates a command specification.
    public init(
        name: String, summary: String, positionals: [PositionalSpec] = [],
        options: [OptionSpec] = [], examples: [String] = [], hidden: Bool = false
    ) {
        self.name = name
        self.summary = summary
        self.positionals = positionals
        self.options = options
        self.examples = examples
        self.hidden = hidden
    }

    /// The number of positionals that must be given.
    var requiredPositionalCount: Int { positionals.filter { !$0.optional }.count }

    /// Whether the last positional takes any number of arguments.
    var acceptsUnlimitedPositionals: Bool { positionals.last?.variadic ?? false }
}
