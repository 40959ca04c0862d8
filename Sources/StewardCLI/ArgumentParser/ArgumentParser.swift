/// A small table-driven parser for `steward COMMAND [ARGS] [OPTIONS]`.
///
/// Rules:
/// - The first argument that is not an option (nor an option's value) is the command.
///   Global options may appear anywhere; a command's own options only after the command.
///   If a command option and a global option share a name, the command's option wins.
/// - `--name value` and `--name=value`. The argument after a valued option is always its
///   value, even if it starts with `-` (`--note -x`).
/// - `--` ends options: everything after it is positional. A lone `-` is positional.
/// - `-h` / `--help` anywhere before `--` requests help and suppresses every other error.
/// - No command at all: `helpRequested` with command `"help"`.
/// - Aliases (`OptionAlias`) may stand for an option with a value: `--json` → `--format json`.
public struct ArgumentParser: Sendable {
    /// The program name used in usage lines and hints: `"steward"`.
    public let programName: String
    /// The command table, in the order the overview lists them.
    public let commands: [CommandSpec]
    /// Options accepted by every command, before or after the command word.
    public let globalOptions: [OptionSpec]
    /// Optional one-line description of the program shown at the top of the overview.
    public let abstract: String?

    /// Spellings that request help; always accepted, never listed in a table.
    static let helpNames = ["-h", "--help"]

    /// Creates a parser over a command table.
    public init(
        programName: String, commands: [CommandSpec], globalOptions: [OptionSpec],
        abstract: String? = nil
    ) {
        self.programName = programName
        self.commands = commands
        self.globalOptions = globalOptions
        self.abstract = abstract
    }

    /// The command spec with this exact name, hidden or not.
    public func command(named name: String) -> CommandSpec? {
        commands.first { $0.name == name }
    }

    /// Parses `argv` (without the program name).
    ///
    /// Throws the first problem found, e.g. `unknown option '--x' for 'list'`,
    /// `missing ID for 'approve'`, `--reason given twice`.
    public func parse(_ argv: [String]) throws(UsageError) -> ParsedArguments {
        var run = ParseRun(parser: self)
        var index = 0
        while index < argv.count {
            let argument = argv[index]
            index += 1
            if !run.optionsEnded {
                if argument == "--" { run.optionsEnded = true; continue }
                if ArgumentParser.helpNames.contains(argument) { run.helpSeen = true; continue }
                if argument.hasPrefix("-") && argument != "-" {
                    let next = index < argv.count ? argv[index] : nil
                    if run.option(argument, next: next) { index += 1 }
                    continue
                }
            }
            run.word(argument)
        }
        return try run.finish()
    }

    /// The option (and the alias's implied value, if any) that `name` spells for `command`.
    func resolve(_ name: String, for command: CommandSpec?) -> (spec: OptionSpec, implied: String?)? {
        for spec in (command?.options ?? []) + globalOptions {
            if spec.name == name { return (spec, nil) }
            if let alias = spec.aliases.first(where: { $0.name == name }) {
                return (spec, spec.isFlag ? nil : alias.impliedValue)
            }
        }
        return nil
    }

    /// Every option spelling valid for `command` (or only globals), for suggestions.
    func optionSpellings(for command: CommandSpec?) -> [String] {
        let specs = (command?.options ?? []) + globalOptions
        return specs.flatMap { [$0.name] + $0.aliases.map(\.name) } + ArgumentParser.helpNames
    }
}

/// The mutable state of one `parse` call.
private struct ParseRun {
    let parser: ArgumentParser
    var command: CommandSpec?
    var commandWord: String?
    var positionals: [String] = []
    var values: [String: [String]] = [:]
    var flags: Set<String> = []
    /// How each valued option was first spelled (for "given twice" messages about aliases).
    var spelledAs: [String: String] = [:]
    var optionsEnded = false
    var helpSeen = false
    /// The first problem; parsing continues so a later `--help` can still win.
    var firstError: UsageError?

    init(parser: ArgumentParser) { self.parser = parser }

    mutating func fail(_ message: String) {
        if firstError == nil { firstError = UsageError(message: message, command: command?.name) }
    }

    /// Handles a non-option argument: the command word first, positionals after it.
    mutating func word(_ argument: String) {
        guard commandWord == nil else { positionals.append(argument); return }
        commandWord = argument
        command = parser.command(named: argument)
        if command == nil {
            let visible = parser.commands.filter { !$0.hidden }.map(\.name)
            fail("unknown command '\(argument)'" + Suggestion.clause(for: argument, among: visible))
        }
    }

    /// Handles `--name`, `--name=value` or `--name value`; returns true if `next` was consumed.
    mutating func option(_ argument: String, next: String?) -> Bool {
        let name: String, inline: String?
        if let equals = argument.firstIndex(of: "=") {
            name = String(argument[..<equals])
            inline = String(argument[argument.index(after: equals)...])
        } else {
            name = argument
            inline = nil
        }
        guard let (spec, implied) = parser.resolve(name, for: command) else {
            unknownOption(name)
            return false
        }
        if spec.isFlag || implied != nil {
            if let inline {
                fail("\(name) does not take a value (remove '=\(inline)')")
            } else if let implied {
                record(implied, for: spec, typed: name)
            } else {
                recordFlag(spec)
            }
            return false
        }
        if let inline { record(inline, for: spec, typed: name); return false }
        guard let next else {
            fail("missing value for \(name) (expected \(spec.valueName ?? "a value"))")
            return false
        }
        record(next, for: spec, typed: name)
        return true
    }

    mutating func unknownOption(_ name: String) {
        if command == nil && commandWord == nil,
            let owner = parser.commands.first(where: { parser.resolve(name, for: $0) != nil })
        {
            let message = "option '\(name)' must come after the command, e.g. "
                + "'\(parser.programName) \(owner.name) ... \(name)'"
            if firstError == nil { firstError = UsageError(message: message, command: owner.name) }
            return
        }
        let context = command.map { " for '\($0.name)'" } ?? ""
        let suggestion = Suggestion.clause(for: name, among: parser.optionSpellings(for: command))
        fail("unknown option '\(name)'\(context)\(suggestion)")
    }

    mutating func recordFlag(_ spec: OptionSpec) {
        if flags.contains(spec.key) && !spec.repeatable { fail("\(spec.name) given twice") }
        flags.insert(spec.key)
    }

    mutating func record(_ value: String, for spec: OptionSpec, typed: String) {
        if let earlier = spelledAs[spec.key], !spec.repeatable {
            let spellings = earlier == typed ? [typed] : [earlier, typed]
            let explained = spellings.compactMap { spelling in
                spec.aliases.first { $0.name == spelling && $0.impliedValue != nil }
            }
            let notes = explained.map { "\($0.name) means \(spec.name) \($0.impliedValue!)" }
            fail("\(spec.name) given twice" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"))
        }
        spelledAs[spec.key] = spelledAs[spec.key] ?? typed
        values[spec.key, default: []].append(value)
    }

    /// Applies help / error precedence and checks the positional count.
    func finish() throws(UsageError) -> ParsedArguments {
        if helpSeen || (commandWord == nil && firstError == nil) {
            guard let command else { return ParsedArguments(command: "help", helpRequested: true) }
            return ParsedArguments(
                command: command.name, positionals: positionals, values: values, flags: flags,
                helpRequested: true, positionalSpecs: command.positionals)
        }
        if let firstError { throw firstError }
        guard let command else { throw UsageError(message: "no command given") }
        // Every missing positional and required option, in one error.
        var missing = command.positionals.dropFirst(positionals.count).filter { !$0.optional }.map(\.name)
        missing += command.options.filter { $0.required && values[$0.key] == nil && !flags.contains($0.key) }.map(\.name)
        if !missing.isEmpty {
            let names = missing.count == 1 ? missing[0] : missing.dropLast().joined(separator: ", ") + " and " + missing.last!
            throw UsageError(message: "missing \(names) for '\(command.name)'", command: command.name)
        }
        if positionals.count > command.positionals.count && !command.acceptsUnlimitedPositionals {
            let extra = positionals[command.positionals.count]
            let expected =
                command.positionals.isEmpty
                ? "it takes no arguments"
                : "it takes " + command.positionals.map(\.name).joined(separator: " ")
            throw UsageError(
                message: "unexpected argument '\(extra)' for '\(command.name)'; \(expected)",
                command: command.name)
        }
        return ParsedArguments(
            command: command.name, positionals: positionals, values: values, flags: flags,
            positionalSpecs: command.positionals)
    }
}
