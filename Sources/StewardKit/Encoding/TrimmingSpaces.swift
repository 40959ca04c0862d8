/// The one trimming rule of the connector format: spaces, tabs and line breaks only (never
/// Unicode whitespace, which the identity rule refuses instead of trimming).
extension String {
    /// The text without leading and trailing spaces, tabs and newlines.
    package var trimmingSpaces: String {
        // Nothing to trim when neither end is blank (a blank Character is one of these bytes).
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if let first = utf8.first, let last = utf8.last, !blank(first), !blank(last) { return self }
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s = s.dropLast() }
        return String(s)
    }
}
