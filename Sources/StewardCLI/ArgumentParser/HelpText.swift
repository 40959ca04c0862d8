/// Help and usage text built from the command table. Output is deterministic: tables are
/// listed in declaration order and columns are aligned per page.
extension ArgumentParser {
    /// Help for one command, or the overview when `command` is `nil` or not in the table.
    ///
    /// A command's page has its summary, the usage line, its arguments and options, the
    /// global options and its examples. The overview lists every non-hidden command with its
    /// summary, then the global options. The text has no trailing newline.
    public func helpText(for command: String?) -> String {
        guard let name = command, let spec = self.command(named: name) else { return overview() }
        var lines = [spec.summary, "", "USAGE: " + usage(for: spec)]
        let arguments = spec.positionals.map { HelpRow(label: usageWord(for: $0), help: $0.help) }
        let sections = [
            HelpSection(title: "ARGUMENTS", rows: arguments),
            HelpSection(title: "OPTIONS", rows: spec.options.flatMap(rows(for:))),
            HelpSection(title: "GLOBAL OPTIONS", rows: globalRows()),
        ]
        lines += render(sections)
        if !spec.examples.isEmpty {
            lines += ["", "EXAMPLES:"] + spec.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// The usage line of a command: `steward approve ID [--note TEXT] [--reason TEXT ...]`.
    public func usage(for spec: CommandSpec) -> String {
        var words = [programName, spec.name]
        words += spec.positionals.map { positional in
            positional.optional ? "[\(usageWord(for: positional))]" : usageWord(for: positional)
        }
        for option in spec.options {
            var word = option.name
            if let valueName = option.valueName { word += " " + valueName }
            if option.repeatable { word += " ..." }
            words.append(option.required ? word : "[\(word)]")
        }
        return words.joined(separator: " ")
    }

    private func overview() -> String {
        var lines: [String] = []
        if let abstract, !abstract.isEmpty { lines += [abstract, ""] }
        lines.append("USAGE: \(programName) COMMAND [ARGS] [OPTIONS]")
        let visible = commands.filter { !$0.hidden }
        lines += render([
            HelpSection(title: "COMMANDS", rows: visible.map { HelpRow(label: $0.name, help: $0.summary) }),
            HelpSection(title: "GLOBAL OPTIONS", rows: globalRows()),
        ])
        let more =
            command(named: "help") != nil
            ? "See '\(programName) help <command>' for details about a command."
            : "See '\(programName) <command> --help' for details about a command."
        lines += ["", more]
        return lines.joined(separator: "\n")
    }

    private func usageWord(for positional: PositionalSpec) -> String {
        positional.variadic ? positional.name + " ..." : positional.name
    }

    private func globalRows() -> [HelpRow] {
        globalOptions.flatMap(rows(for:))
            + [HelpRow(label: ArgumentParser.helpNames.joined(separator: ", "), help: "Show help.")]
    }

    /// One row for the option and its plain synonyms, one per implied-value alias.
    private func rows(for option: OptionSpec) -> [HelpRow] {
        let synonyms = option.aliases.filter { $0.impliedValue == nil || option.isFlag }.map(\.name)
        let short = synonyms.filter { !$0.hasPrefix("--") }
        let long = synonyms.filter { $0.hasPrefix("--") }
        var label = (short + [option.name] + long).joined(separator: ", ")
        if let valueName = option.valueName { label += " " + valueName }
        var help = option.repeatable ? option.help + " (repeatable)" : option.help
        if option.required && !help.contains("(required)") { help += " (required)" }
        var rows = [HelpRow(label: label, help: help)]
        if !option.isFlag {
            for alias in option.aliases {
                guard let implied = alias.impliedValue else { continue }
                let help = alias.help ?? "Same as \(option.name) \(implied)."
                rows.append(HelpRow(label: alias.name, help: help))
            }
        }
        return rows
    }

    /// Renders non-empty sections with one shared, aligned help column.
    private func render(_ sections: [HelpSection]) -> [String] {
        let shown = sections.filter { !$0.rows.isEmpty }
        let widest = shown.flatMap(\.rows).map(\.label.count).max() ?? 0
        let column = min(widest, HelpSection.maximumLabelWidth)
        var lines: [String] = []
        for section in shown {
            lines += ["", section.title + ":"]
            for row in section.rows {
                let indent = "  "
                if row.help.isEmpty {
                    lines.append(indent + row.label)
                } else if row.label.count > column {
                    lines.append(indent + row.label)
                    lines.append(indent + String(repeating: " ", count: column + 2) + row.help)
                } else {
                    let padding = String(repeating: " ", count: column - row.label.count + 2)
                    lines.append(indent + row.label + padding + row.help)
                }
            }
        }
        return lines
    }
}

/// One line of a help table: what to type, and what it does.
private struct HelpRow {
    let label: String
    let help: String
}

/// A titled help table such as `OPTIONS:`.
private struct HelpSection {
    /// Labels wider than this put their help on the next line.
    static let maximumLabelWidth = 28
    let title: String
    let rows: [HelpRow]
}
