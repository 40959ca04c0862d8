import Foundation
import StewardCore

/// Writes data to stdout and errors to stderr, unbuffered enough for pipes and cron logs.
enum Output {
    /// Writes text to stdout.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Writes one JSON document (sorted, indented) to stdout.
    static func json(_ value: JSONValue) {
        FileHandle.standardOutput.write(Data(CanonicalJSON.pretty(value)))
    }

    /// Writes a line to stderr.
    static func err(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// `steward: error: …` on stderr.
    static func error(_ message: String) { err("steward: error: \(message)") }

    /// `steward: warning: …` on stderr.
    static func warning(_ message: String) { err("steward: warning: \(message)") }

    /// True when stderr is a terminal (progress lines go there only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// "1 connector", "2 connectors".
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// Pads `text` to `width` characters.
    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// Formats rows as aligned columns.
    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ r: [String]) -> String {
            r.enumerated().map { i, c in i == r.count - 1 ? c : pad(c, widths[i]) }.joined(separator: "  ")
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }
}
