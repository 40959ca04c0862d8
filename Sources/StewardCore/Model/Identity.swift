/// How people are named and compared. An identity (an event's actor, an owner, a
/// `roles.json` entry) is a plain e-mail address: exactly one `@` with text on both sides,
/// no whitespace, control, format or invisible character of any kind (Unicode included),
/// at most 254 characters. Two identities name the same person when they are equal after
/// ASCII lower-casing, and after nothing else: no trimming, no Unicode folding, so a
/// look-alike such as `dana@example.com` followed by a no-break space is never "the same"
/// as the address it imitates; it is refused outright. Pure: no I/O.
public enum Identity {
    /// The rule id reported when an identity is malformed.
    public static let rule: RuleID = "identity"
    /// The longest identity accepted, in Unicode scalars.
    public static let maxLength = 254

    /// The comparable form of an address: ASCII letters lower-cased, nothing else changed.
    public static func normalize(_ email: String) -> String {
        email.asciiLowercased
    }

    /// True when two addresses name the same person.
    public static func same(_ a: String, _ b: String) -> Bool {
        // Two ASCII strings: compare bytes lower-cased, without building either form (for
        // ASCII, String equality is byte equality). Anything else: the normalized strings.
        var ia = a.utf8.makeIterator(), ib = b.utf8.makeIterator()
        while true {
            switch (ia.next(), ib.next()) {
            case (nil, nil): return true
            case let (x?, y?) where x < 0x80 && y < 0x80:
                if x == y || (x | 0x20 == y | 0x20 && (x | 0x20) >= 97 && (x | 0x20) <= 122) { continue }
                return false
            case (_?, nil), (nil, _?):
                if a.utf8.allSatisfy({ $0 < 0x80 }) && b.utf8.allSatisfy({ $0 < 0x80 }) { return false }
                return normalize(a) == normalize(b)
            default: return normalize(a) == normalize(b)
            }
        }
    }

    /// Why `text` is not a plain address, or nil when it is one.
    public static func problem(_ text: String) -> String? {
        if text.isEmpty { return "is empty; expected a plain e-mail address" }
        // Printable ASCII only (the usual case): counted on the bytes in place, no scalar decoding.
        let ascii = text.utf8.withContiguousStorageIfAvailable { bytes -> (ats: Int, atIndex: Int)? in
            var ats = 0, atIndex = -1
            for i in bytes.indices {
                let b = bytes[i]
                guard b > 0x20 && b < 0x7F else { return nil }
                if b == 64 { ats += 1; atIndex = i }
            }
            return (ats, atIndex)
        }
        if let counted = ascii ?? nil {
            return shapeProblem(count: text.utf8.count, ats: counted.ats, atIndex: counted.atIndex)
        }
        var ats = 0, count = 0, atIndex = -1
        for s in text.unicodeScalars {
            if s == "@" { ats += 1; atIndex = count }
            if isForbidden(s) {
                return "holds \(describe(s)); an identity is a plain e-mail address with no whitespace, control or invisible character"
            }
            count += 1
        }
        return shapeProblem(count: count, ats: ats, atIndex: atIndex)
    }

    /// The length and `@` rules, given the scalar count and where the (last) `@` is.
    static func shapeProblem(count: Int, ats: Int, atIndex: Int) -> String? {
        if count > maxLength { return "is \(count) characters long; an e-mail address has at most \(maxLength)" }
        guard ats == 1 else { return "has \(ats) '@' signs; a plain e-mail address has exactly one" }
        guard atIndex > 0, atIndex < count - 1 else { return "needs text on both sides of its '@'" }
        return nil
    }

    /// True for a reserved actor name that is not an address (`steward-runner`).
    public static func isReservedActor(_ text: String) -> Bool { text == Event.runnerActor }

    /// Why `actor` may not act, or nil: an address, or the runner's reserved name.
    public static func actorProblem(_ actor: String) -> String? {
        isReservedActor(actor) ? nil : problem(actor)
    }

    /// Checks every identity a connector file holds: both owners of its spec and every
    /// event's actor (the runner's reserved name allowed there). Owners inside the specs
    /// carried by events are checked when replay decodes them.
    public static func check(_ doc: ConnectorDocument, file: String) throws(DataError) {
        if let p = problem(doc.spec.owners.business) { throw error(file: file, field: "spec.owners.business", p) }
        if let p = problem(doc.spec.owners.technical) { throw error(file: file, field: "spec.owners.technical", p) }
        for i in doc.history.indices {
            if let p = actorProblem(doc.history[i].actor) { throw error(file: file, field: "history[\(i)].actor", p) }
        }
    }

    /// The data error for a malformed identity at `field` of `file`.
    public static func error(file: String, field: String, _ problem: String) -> DataError {
        DataError(file: file, location: field, message: "the identity \(problem)", rule: rule)
    }

    /// True for a scalar no address may hold: any whitespace, control, format (zero-width,
    /// bidi, BOM), separator, private-use, unassigned or default-ignorable character, and
    /// the braille pattern blank.
    public static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        if s.value > 0x20 && s.value < 0x7F { return false }
        if s.value < 0x80 { return true }
        // The braille pattern blank draws nothing, though Unicode files it as a symbol.
        if s.value == 0x2800 { return true }
        let p = s.properties
        if p.isWhitespace || p.isDefaultIgnorableCodePoint { return true }
        switch p.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator, .privateUse,
             .surrogate, .unassigned:
            return true
        default:
            return false
        }
    }

    /// `U+00A0` style name of a scalar, safe to print.
    static func describe(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

/// Free text that must say something (evidence, reasons): blank means it holds no character
/// that is visible, so only whitespace, control or invisible characters (Unicode included).
public enum BlankText {
    /// True when `text` holds no character other than whitespace, control or invisible ones.
    public static func isBlank(_ text: String) -> Bool {
        // A visible ASCII character (0x21...0x7E) settles it without decoding scalars.
        if text.utf8.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return false }
        return !text.unicodeScalars.contains { !Identity.isForbidden($0) || ($0.properties.generalCategory == .privateUse) }
    }
}
