// A pull reader over JSON bytes for formats whose shape is known in advance (the connector
// file). It borrows `StrictJSONParser`'s scalar readers (strings with full UTF-8, control
// character and surrogate checks, numbers, literals) and its tree reader for free-form
// values, so every byte it accepts is judged by the same code as `StrictJSON.parse`.
// It never reports *why* something is wrong: it throws `FastPathMiss` and the caller takes
// the reference path (`StrictJSON.parse` then the tree decoder), which names the problem.

/// The pull reader gave up: the input is malformed, or merely unusual (an escape in a key,
/// an unknown field). The caller re-reads the input the reference way.
package struct FastPathMiss: Error { package init() {} }

/// A field name of at most 16 ASCII bytes, packed for matching by integer comparison.
package struct KeyPattern {
    package let lo: UInt64
    package let hi: UInt64
    package let length: Int

    package init(_ name: StaticString) {
        precondition(name.utf8CodeUnitCount <= 16)
        var lo: UInt64 = 0, hi: UInt64 = 0
        for i in 0..<name.utf8CodeUnitCount {
            let b = UInt64(name.utf8Start[i])
            if i < 8 { lo |= b << UInt64(8 * i) } else { hi |= b << UInt64(8 * (i - 8)) }
        }
        self.lo = lo
        self.hi = hi
        length = name.utf8CodeUnitCount
    }
}

extension KeyPattern: ExpressibleByStringLiteral {
    package init(stringLiteral value: StaticString) { self.init(value) }
}

/// A forward-only cursor over one JSON document whose objects are read field by field.
package struct ByteCursor: ~Copyable {
    /// The scalar and tree readers, positioned at the next unread byte.
    var p: StrictJSONParser

    /// Strings already read, for `string()` to share; a caller reading many documents
    /// lends the same tables to each (`lend`).
    var repeats = RepeatedStrings()

    /// Swaps `strings` in as this cursor's table of strings read, and the cursor's out:
    /// call before reading to lend a table kept from earlier documents, and after, to take
    /// it back with what this one added.
    package mutating func lend(_ strings: inout RepeatedStrings) { swap(&repeats, &strings) }

    /// The first byte of the document being read.
    package var base: UnsafePointer<UInt8> { p.base }

    /// A cursor at the start of `count` bytes at `base`. `maxDepth` limits values read with
    /// `anyValue()`, counted from where they start.
    package init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        p = StrictJSONParser(base: base, count: count, maxDepth: maxDepth)
    }

    /// The offset of the next unread byte; a reader may move back to one it saved, to read
    /// a value again another way.
    package var position: Int {
        get { p.pos }
        set { p.pos = newValue }
    }

    /// How deep a value read with `anyValue()` may nest.
    package var maxDepth: Int { p.maxDepth }

    /// The next byte after whitespace, without consuming it.
    @inline(__always)
    package mutating func peek() throws(FastPathMiss) -> UInt8 {
        p.skipWhitespace()
        guard p.pos < p.count else { throw FastPathMiss() }
        return p.base[p.pos]
    }

    /// Consumes `byte` after whitespace, or gives up.
    @inline(__always)
    package mutating func expect(_ byte: UInt8) throws(FastPathMiss) {
        guard try peek() == byte else { throw FastPathMiss() }
        p.pos += 1
    }

    /// True when only whitespace is left.
    package mutating func atEnd() -> Bool {
        p.skipWhitespace()
        return p.pos == p.count
    }

    /// The next key of the current object as an index into `keys`, or nil when the object
    /// closes. Consumes the key, the colon and (unless `first`) the comma before it. A key
    /// with an escape, a non-ASCII byte or not in `keys` gives up. Call with `first` true
    /// right after the opening brace.
    package mutating func nextKey(_ keys: [KeyPattern], first: inout Bool) throws(FastPathMiss) -> Int? {
        guard try another(closingWith: JSONByte.closeBrace, first: &first) else { return nil }
        guard try peek() == JSONByte.quote else { throw FastPathMiss() }
        // The key's bytes, eight at a time: the first byte that is a quote, a backslash, a
        // control or non-ASCII byte must be the closing quote, within 15 bytes.
        let start = p.pos + 1
        guard start &+ 16 <= p.count else { throw FastPathMiss() }  // never for a whole document
        let w0 = UInt64(littleEndian: UnsafeRawPointer(p.base + start).loadUnaligned(as: UInt64.self))
        let f0 = StrictJSONParser.specialStringBytes(w0)
        let length: Int
        var lo = w0, hi: UInt64 = 0
        if f0 != 0 {
            length = f0.trailingZeroBitCount &>> 3
            lo = length == 0 ? 0 : w0 & (UInt64.max &>> UInt64(64 &- 8 &* length))
        } else {
            let w1 = UInt64(littleEndian: UnsafeRawPointer(p.base + start + 8).loadUnaligned(as: UInt64.self))
            let f1 = StrictJSONParser.specialStringBytes(w1)
            guard f1 != 0 else { throw FastPathMiss() }
            let rest = f1.trailingZeroBitCount &>> 3
            length = 8 &+ rest
            hi = rest == 0 ? 0 : w1 & (UInt64.max &>> UInt64(64 &- 8 &* rest))
        }
        guard p.base[start &+ length] == JSONByte.quote else { throw FastPathMiss() }
        p.pos = start &+ length &+ 1
        try expect(JSONByte.colon)
        var index = 0
        while index < keys.count {
            let k = keys[index]
            if k.lo == lo && k.hi == hi && k.length == length { return index }
            index += 1
        }
        throw FastPathMiss()
    }

    /// Records field `index` as seen; a second sighting (a duplicate key) gives up.
    @inline(__always)
    package static func mark(_ index: Int, in seen: inout UInt32) throws(FastPathMiss) {
        let bit = UInt32(1) << UInt32(index)
        guard seen & bit == 0 else { throw FastPathMiss() }
        seen |= bit
    }

    /// Whether another element of the current array follows (consuming the comma before
    /// it); false once the array closes. Call with `first` true right after the bracket.
    package mutating func nextElement(first: inout Bool) throws(FastPathMiss) -> Bool {
        try another(closingWith: JSONByte.closeBracket, first: &first)
    }

    /// The step between the members of an object or array: false after consuming `close`;
    /// otherwise true, after consuming the comma before the member unless `first`.
    @inline(__always)
    mutating func another(closingWith close: UInt8, first: inout Bool) throws(FastPathMiss) -> Bool {
        let byte = try peek()
        if byte == close {
            p.pos += 1
            return false
        }
        if !first {
            guard byte == JSONByte.comma else { throw FastPathMiss() }
            p.pos += 1
        }
        first = false
        return true
    }

    /// A string value. One without escapes whose bytes repeat one already read — `prev`
    /// after the previous event's `hash`, an actor, an owner, the projection's copy of a
    /// spec, a state or event name — is returned as that same string instead of a new one.
    package mutating func string() throws(FastPathMiss) -> String {
        guard try peek() == JSONByte.quote else { throw FastPathMiss() }
        let open = p.pos
        let end: Int
        do {
            end = try p.scanPlainString(open: open)
            if p.base[end] == JSONByte.backslash { return try p.parseEscapedString(open: open, firstEscape: end) }
        } catch { throw FastPathMiss() }
        p.pos = end + 1
        let start = p.base + open + 1, length = end - open - 1
        return repeats.string(start, length)
    }

    /// A string value that is not empty once spaces, tabs and line breaks are trimmed.
    package mutating func nonEmptyString() throws(FastPathMiss) -> String {
        let s = try string()
        guard let first = s.utf8.first else { throw FastPathMiss() }
        // A first byte that is not blank cannot be trimmed away; otherwise ask the exact rule.
        if first == JSONByte.space || first == JSONByte.tab || first == JSONByte.newline
            || first == JSONByte.carriageReturn {
            guard !s.trimmingSpaces.isEmpty else { throw FastPathMiss() }
        }
        return s
    }

    /// True (and consumed) when the next value is `null`.
    package mutating func null() throws(FastPathMiss) -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        do { _ = try p.parseLiteral("null", .null) } catch { throw FastPathMiss() }
        return true
    }

    /// A string value, or nil for `null`.
    package mutating func optionalString() throws(FastPathMiss) -> String? {
        try null() ? nil : try string()
    }

    /// A plain integer literal that fits in `Int64`.
    package mutating func int() throws(FastPathMiss) -> Int64 {
        let byte = try peek()
        guard byte == JSONByte.minus || byte &- JSONByte.zero <= 9 else { throw FastPathMiss() }
        do {
            guard case .int(let i) = try p.parseNumber() else { throw FastPathMiss() }
            return i
        } catch { throw FastPathMiss() }
    }

    /// A `YYYY-MM-DDTHH:MM:SSZ` string, read from its bytes (an escaped one gives up).
    package mutating func timestamp() throws(FastPathMiss) -> Timestamp {
        guard try peek() == JSONByte.quote, p.pos + 21 < p.count, p.base[p.pos + 21] == JSONByte.quote,
              let t = Timestamp.documentForm(p.base + p.pos + 1, count: 20) else { throw FastPathMiss() }
        p.pos += 22
        return t
    }

    /// A timestamp, or nil for `null`.
    package mutating func optionalTimestamp() throws(FastPathMiss) -> Timestamp? {
        try null() ? nil : try timestamp()
    }

    /// An array of strings.
    package mutating func strings() throws(FastPathMiss) -> [String] {
        try expect(JSONByte.openBracket)
        var out: [String] = []
        var first = true
        while try nextElement(first: &first) {
            if out.isEmpty { out.reserveCapacity(4) }   // one allocation for a short list, not one per growth
            out.append(try string())
        }
        return out
    }

    /// Any value, as a tree, with the strict reader's duplicate-key and depth rules.
    package mutating func anyValue() throws(FastPathMiss) -> JSONValue {
        do { return try p.parseValue() } catch { throw FastPathMiss() }
    }
}
