/// Small text helpers the report renderers share. Pure, no Foundation: escaping for HTML
/// and Markdown table cells, and number formats people read.
public enum ReportText {
    /// `s` safe inside HTML text and double-quoted attribute values.
    public static func html(_ s: String) -> String {
        // Most values (ids, dates, e-mail addresses) need nothing: return them as they are.
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x7F || $0 == 0xC2 }) {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters other than tab and newline have no place in a page.
                if c.value < 0x20 && c != "\t" && c != "\n" || (0x7F...0x9F).contains(c.value) { out += "\u{FFFD}" } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }

    /// `s` safe inside one Markdown table cell: pipes escaped, line breaks flattened.
    public static func cell(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "|": out += "\\|"
            case "\n", "\r", "\u{2028}", "\u{2029}": out += " "
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A duration in days with one decimal: `2.5 days`, `1 day`.
    public static func days(seconds: Int64) -> String {
        let tenths = (seconds * 10 + 43_200) / 86_400
        let text = tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
        return text + (tenths == 10 ? " day" : " days")
    }

    /// "1 connector", "3 connectors".
    public static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// A list for one table cell, or "-" when empty.
    public static func list(_ items: [String]) -> String { items.isEmpty ? "-" : items.joined(separator: ", ") }
}
