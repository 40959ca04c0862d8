extension SecretScanner {
    /// All findings in `b`, sorted by start and non-overlapping: first the fixed-prefix
    /// kinds (at any position, glued to other text or not), then passwords in URL userinfo
    /// and credential-named query parameters, then high-entropy runs in what those leave.
    /// Inside a URL (`scheme://…`) or an `arn:` word each `/`- or `=`-separated piece is
    /// judged on its own, and URL pieces with a lower length bar (webhook tokens).
    static func findings(_ b: [UInt8]) -> [Finding] {
        let direct = visibleFindings(b)
        guard direct.isEmpty, b.contains(where: { $0 >= 0x80 }) else { return direct }
        // An invisible character (soft hyphen, zero-width joiner, word joiner, ...) inside a
        // token hides nothing from a person pasting it: judge the text without them, and
        // report the whole string, since positions in the shortened text do not map back.
        var visible: [UInt8] = []
        visible.reserveCapacity(b.count)
        for scalar in String(decoding: b, as: UTF8.self).unicodeScalars where !isInvisible(scalar) {
            visible.append(contentsOf: String(scalar).utf8)
        }
        guard visible.count < b.count, let first = visibleFindings(visible).first else { return direct }
        return [Finding(start: 0, end: b.count, kind: first.kind)]
    }

    /// A scalar that renders as nothing: format characters (U+00AD, U+200B…U+200F, U+2060,
    /// U+FEFF, tags), other default-ignorable code points (Hangul fillers, variation
    /// selectors) and the braille blank.
    static func isInvisible(_ s: Unicode.Scalar) -> Bool {
        if s.value < 0x80 { return false }
        let p = s.properties
        return p.isDefaultIgnorableCodePoint || p.generalCategory == .format || s.value == 0x2800
    }
}
