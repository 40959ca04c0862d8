/// A problem in a template, located at `line:column` (both 1-based, columns in characters).
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The template's name, e.g. `"Templates/revoke-credential.md"`.
    public var template: String
    /// Line of the offending `{{`, 1-based.
    public var line: Int
    /// Column of the offending `{{`, 1-based.
    public var column: Int
    /// What is wrong: `"unknown placeholder 'conector'; allowed: connector, dueAt"`.
    public var message: String

    /// `Templates/revoke-credential.md:3:9: unknown placeholder 'x'; allowed: a, b`.
    public var description: String { "\(template):\(line):\(column): \(message)" }
}

/// A Markdown template with `{{name}}` placeholders (spaces inside the braces allowed).
///
/// Names match `[A-Za-z][A-Za-z0-9_.-]*`. Every problem is found when the template is
/// loaded: unknown names (not in `allowed`), an unterminated `{{` (closing `}}` must be on
/// the same line), an empty `{{}}` and invalid names. Rendering inserts values verbatim:
/// no escaping, and a value containing `{{x}}` is not expanded. A lone `{` or `}` is literal.
public struct Template: Sendable, Equatable {
    /// The template's name, used in errors.
    public let name: String
    /// Distinct placeholder names in order of first use.
    public let placeholders: [String]
    private let segments: [Segment]

    private enum Segment: Sendable, Equatable {
        case text(String)
        case placeholder(name: String, line: Int, column: Int)
    }

    /// Parses and validates `text`; throws the first problem with its line and column.
    public init(name: String, text: String, allowed: Set<String>) throws(TemplateError) {
        self.name = name
        let chars = Array(text)
        var segments: [Segment] = [], names: [String] = [], literal = ""
        var line = 1, column = 1, i = 0
        while i < chars.count {
            guard chars[i] == "{", i + 1 < chars.count, chars[i + 1] == "{" else {
                literal.append(chars[i])
                if chars[i].isNewline { line += 1; column = 1 } else { column += 1 }
                i += 1
                continue
            }
            func fail(_ message: String) -> TemplateError {
                TemplateError(template: name, line: line, column: column, message: message)
            }
            var end = i + 2
            while end + 1 < chars.count, !chars[end].isNewline,
                !(chars[end] == "}" && chars[end + 1] == "}")
            {
                end += 1
            }
            guard end + 1 < chars.count, chars[end] == "}", chars[end + 1] == "}" else {
                throw fail("unterminated '{{' (no closing '}}' on the same line)")
            }
            let inner = Template.trimmed(String(chars[(i + 2)..<end]))
            if inner.isEmpty { throw fail("empty placeholder '{{}}'; put a name inside the braces") }
            guard Template.isValidName(inner) else {
                throw fail("invalid placeholder name '\(inner)'; a name starts with a letter and "
                    + "contains only letters, digits, '_', '.' and '-'")
            }
            guard allowed.contains(inner) else {
                let list = allowed.isEmpty ? "(none)" : allowed.sorted().joined(separator: ", ")
                throw fail("unknown placeholder '\(inner)'; allowed: \(list)")
            }
            if !literal.isEmpty { segments.append(.text(literal)); literal = "" }
            segments.append(.placeholder(name: inner, line: line, column: column))
            if !names.contains(inner) { names.append(inner) }
            column += end + 2 - i
            i = end + 2
        }
        if !literal.isEmpty { segments.append(.text(literal)) }
        self.segments = segments
        self.placeholders = names
    }

    /// Fills in every placeholder; throws (naming the first use) if any value is missing.
    public func render(_ values: [String: String]) throws(TemplateError) -> String {
        let missing = placeholders.filter { values[$0] == nil }
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text):
                output += text
            case .placeholder(let key, let line, let column):
                guard let value = values[key] else {
                    let others = missing.filter { $0 != key }
                    let also = others.isEmpty ? "" : "; also missing: " + others.joined(separator: ", ")
                    throw TemplateError(
                        template: name, line: line, column: column,
                        message: "no value for placeholder '\(key)'\(also)")
                }
                output += value
            }
        }
        return output
    }

    /// Whether `name` matches `[A-Za-z][A-Za-z0-9_.-]*` (ASCII only).
    static func isValidName(_ name: String) -> Bool {
        let isLetter = { (c: Unicode.Scalar) in ("a"..."z").contains(c) || ("A"..."Z").contains(c) }
        guard let first = name.unicodeScalars.first, isLetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { c in
            isLetter(c) || ("0"..."9").contains(c) || "_.-".unicodeScalars.contains(c)
        }
    }

    /// Drops leading and trailing spaces and tabs.
    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }
}
