import Foundation
import StewardApp

/// Writes data to stdout and errors to stderr, unbuffered enough for pipes and cron logs.
enum Output {
    /// Writes text to stdout (C stdio: buffered, flushed at exit; Foundation's FileHandle
    /// keeps memory per call, which a 100,000-row listing turns into hundreds of MB).
    static func out(_ text: String) {
        var t = text
        t.withUTF8 { p in _ = fwrite(p.baseAddress, 1, p.count, bufferedStdout) }
    }

    /// Writes one JSON document (sorted, indented) to stdout.
    static func json(_ value: JSONValue) {
        let bytes = CanonicalJSON.pretty(value)
        bytes.withUnsafeBufferPointer { p in _ = fwrite(p.baseAddress, 1, p.count, bufferedStdout) }
    }

    /// Writes a line to stderr (unbuffered), after flushing stdout so the order holds.
    static func err(_ text: String) {
        fflush(bufferedStdout)
        var line = text + "\n"
        line.withUTF8 { p in _ = write(2, p.baseAddress, p.count) }
    }

    /// `steward: error: …` on stderr.
    static func error(_ message: String) { err("steward: error: \(message)") }

    /// `steward: warning: …` on stderr.
    static func warning(_ message: String) { err("steward: warning: \(message)") }

    /// True when stderr is a terminal (progress lines go there only then).
    static var stderrIsTerminal: Bool { isatty(2) == 1 }

    /// "1 connector", "2 connectors".
    static func count(_ n: Int, _ noun: String) -> String { counted(n, noun) }

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

/// stdout as a C stream of its own (fd 1), flushed by exit(3) and before anything goes to
/// stderr. The process writes stdout from one thread only.
nonisolated(unsafe) let bufferedStdout: UnsafeMutablePointer<FILE> = fdopen(1, "w")
