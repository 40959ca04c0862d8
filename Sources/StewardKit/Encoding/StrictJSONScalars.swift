// Scalars for `StrictJSONParser`: strings (with UTF-8 validation), numbers and literals.

extension StrictJSONParser {
    /// Parses a string whose opening quote is at `pos`, leaving `pos` after the closing quote.
    ///
    /// Fast path: a string without escapes is validated in one pass and built straight from
    /// its bytes, skipping eight plain ASCII bytes at a time. The first backslash hands over
    /// to `parseEscapedString`.
    mutating func parseString() throws(JSONParseError) -> String {
        let open = pos
        let end = try scanPlainString(open: open)
        if base[end] == JSONByte.backslash { return try parseEscapedString(open: open, firstEscape: end) }
        pos = end + 1
        return String(decoding: UnsafeBufferPointer(start: base + open + 1, count: end - open - 1), as: UTF8.self)
    }

    /// Validates the string whose opening quote is at `open` up to its closing quote or its
    /// first backslash, and returns that byte's offset (the caller decides what to build).
    @inline(__always)
    func scanPlainString(open: Int) throws(JSONParseError) -> Int {
        var index = open + 1
        while index < count {
            // Skip to the first byte that is a quote, a backslash, a control or non-ASCII.
            while index &+ 8 <= count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                let flags = Self.specialStringBytes(word)
                if flags != 0 {
                    index &+= flags.trailingZeroBitCount &>> 3
                    break
                }
                index &+= 8
            }
            guard index < count else { break }
            let byte = base[index]
            if byte &- 0x20 < 0x60 {  // printable ASCII, 0x20...0x7F
                if byte == JSONByte.quote || byte == JSONByte.backslash { return index }
                index += 1
            } else if byte < 0x20 {
                throw controlCharacter(at: index)
            } else {
                index = try validateUTF8Sequence(at: index)
            }
        }
        throw failure(.syntax, at: open, "unterminated string")
    }

    /// The high bit of each byte of `word` that may need attention inside a string: `"`, `\\`,
    /// below 0x20, or 0x80 and up. Borrows can flag extra bytes, but only above a truly
    /// flagged one, so the lowest flag is always exact.
    @inline(__always)
    static func specialStringBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* UInt64(JSONByte.quote))
        let backslashes = word ^ (ones &* UInt64(JSONByte.backslash))
        let flags = word | (word &- ones &* 0x20) | (quotes &- ones) | (backslashes &- ones)
        return flags & (ones &* 0x80)
    }

    /// The slow path of `parseString`: decodes escapes into `scratch`, copying unescaped
    /// runs in bulk.
    mutating func parseEscapedString(open: Int, firstEscape: Int) throws(JSONParseError) -> String {
        scratch.removeAll(keepingCapacity: true)
        var runStart = open + 1
        var index = firstEscape
        while index < count {
            let byte = base[index]
            if byte == JSONByte.quote || byte == JSONByte.backslash {
                scratch.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: index - runStart))
                if byte == JSONByte.quote {
                    pos = index + 1
                    return String(decoding: scratch, as: UTF8.self)
                }
                index = try decodeEscape(at: index)
                runStart = index
            } else if byte < 0x20 {
                throw controlCharacter(at: index)
            } else if byte < 0x80 {
                index += 1
            } else {
                index = try validateUTF8Sequence(at: index)
            }
        }
        throw failure(.syntax, at: open, "unterminated string")
    }

    /// Decodes the escape whose backslash is at `index` into `scratch`; returns the offset after it.
    mutating func decodeEscape(at index: Int) throws(JSONParseError) -> Int {
        guard index + 1 < count else {
            throw failure(.syntax, at: index, "unexpected end of input inside an escape sequence")
        }
        let decoded: UInt8
        switch base[index + 1] {
        case JSONByte.quote: decoded = JSONByte.quote
        case JSONByte.backslash: decoded = JSONByte.backslash
        case JSONByte.slash: decoded = JSONByte.slash
        case UInt8(ascii: "b"): decoded = 0x08
        case UInt8(ascii: "f"): decoded = 0x0C
        case UInt8(ascii: "n"): decoded = 0x0A
        case UInt8(ascii: "r"): decoded = 0x0D
        case UInt8(ascii: "t"): decoded = 0x09
        case UInt8(ascii: "u"): return try decodeUnicodeEscape(at: index)
        default:
            let escaped = base[index + 1]
            let shown = escaped >= 0x21 && escaped < 0x7F
                ? "\\\(Character(Unicode.Scalar(escaped)))" : "a backslash followed by \(describe(byteAt: index + 1))"
            throw failure(.syntax, at: index, "invalid escape sequence \(shown)")
        }
        scratch.append(decoded)
        return index + 2
    }

    /// Decodes `\uXXXX` (and a following low surrogate when XXXX is a high one) at `index`.
    mutating func decodeUnicodeEscape(at index: Int) throws(JSONParseError) -> Int {
        var scalar = try hexQuad(at: index)
        var next = index + 6
        if scalar >= 0xD800 && scalar <= 0xDBFF {
            guard next + 1 < count && base[next] == JSONByte.backslash && base[next + 1] == UInt8(ascii: "u") else {
                throw failure(.loneSurrogate, at: index,
                              "\\u\(JSONParseError.hex(scalar, width: 4)) is a high surrogate without a low surrogate after it")
            }
            let low = try hexQuad(at: next)
            guard low >= 0xDC00 && low <= 0xDFFF else {
                throw failure(.loneSurrogate, at: index,
                              "\\u\(JSONParseError.hex(scalar, width: 4)) is a high surrogate followed by "
                                + "\\u\(JSONParseError.hex(low, width: 4)), which is not a low surrogate")
            }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            next += 6
        } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
            throw failure(.loneSurrogate, at: index,
                          "\\u\(JSONParseError.hex(scalar, width: 4)) is a low surrogate without a high surrogate before it")
        }
        appendUTF8(scalar)
        return next
    }

    /// The four hex digits after the `\u` whose backslash is at `index`.
    func hexQuad(at index: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        var offset = index + 2
        while offset < index + 6 {
            guard offset < count else {
                throw failure(.syntax, at: index, "unexpected end of input inside a \\u escape")
            }
            let byte = base[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                throw failure(.syntax, at: index, "invalid \\u escape: expected four hexadecimal digits")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// Appends the UTF-8 encoding of a scalar value (never a surrogate) to `scratch`.
    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(truncatingIfNeeded: scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(truncatingIfNeeded: 0xC0 | scalar >> 6))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(truncatingIfNeeded: 0xE0 | scalar >> 12))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(truncatingIfNeeded: 0xF0 | scalar >> 18))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(truncatingIfNeeded: 0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence starting at `index` (whose first byte is >= 0x80)
    /// against Unicode Table 3-7; returns the offset after it.
    func validateUTF8Sequence(at index: Int) throws(JSONParseError) -> Int {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        var secondProblem = "truncated UTF-8 sequence"
        switch lead {
        case 0xC2...0xDF:
            length = 2
        case 0xE0:
            length = 3; low = 0xA0; secondProblem = "overlong UTF-8 encoding"
        case 0xE1...0xEC, 0xEE, 0xEF:
            length = 3
        case 0xED:
            length = 3; high = 0x9F; secondProblem = "UTF-16 surrogate encoded in UTF-8"
        case 0xF0:
            length = 4; low = 0x90; secondProblem = "overlong UTF-8 encoding"
        case 0xF1...0xF3:
            length = 4
        case 0xF4:
            length = 4; high = 0x8F; secondProblem = "UTF-8 sequence beyond U+10FFFF"
        case 0x80...0xBF:
            throw invalidUTF8(at: index, "unexpected UTF-8 continuation byte")
        case 0xC0, 0xC1:
            throw invalidUTF8(at: index, "overlong UTF-8 encoding")
        default:
            throw invalidUTF8(at: index, "byte that never appears in UTF-8")
        }
        guard index + 1 < count else { throw invalidUTF8(at: index, "truncated UTF-8 sequence") }
        let second = base[index + 1]
        if second < 0x80 || second > 0xBF {
            throw invalidUTF8(at: index, "truncated UTF-8 sequence")
        }
        if second < low || second > high {
            throw invalidUTF8(at: index, secondProblem)
        }
        var offset = index + 2
        while offset < index + length {
            guard offset < count && base[offset] & 0xC0 == 0x80 else {
                throw invalidUTF8(at: index, "truncated UTF-8 sequence")
            }
            offset += 1
        }
        return offset
    }

    /// Matches the literal `word` (`true`, `false`, `null`) at the current position.
    mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let length = word.utf8CodeUnitCount
        let text = word.utf8Start
        var index = 0
        while index < length {
            guard pos + index < count && base[pos + index] == text[index] else {
                throw failure(.syntax, at: pos, "invalid literal, expected '\(word)'")
            }
            index += 1
        }
        pos += length
        return value
    }

    @inline(__always)
    func isDigit(at offset: Int) -> Bool {
        offset < count && base[offset] &- JSONByte.zero <= 9
    }

    /// Parses a number per the RFC 8259 grammar:
    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = pos
        let negative = base[pos] == JSONByte.minus
        if negative { pos += 1 }
        guard pos < count else {
            throw failure(.syntax, at: pos, "unexpected end of input, expected a digit after '-'")
        }
        var magnitude: UInt64 = 0
        var overflow = false
        let first = base[pos]
        if first == JSONByte.zero {
            pos += 1
            if isDigit(at: pos) {
                throw failure(.syntax, at: start, "numbers must not have leading zeros")
            }
        } else if first &- JSONByte.zero <= 9 {
            while pos < count {
                let digit = base[pos] &- JSONByte.zero
                if digit > 9 { break }
                if !overflow {
                    let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(UInt64(digit))
                    magnitude = sum
                    overflow = o1 || o2
                }
                pos += 1
            }
        } else {
            throw unexpected(at: pos, "where a digit was expected after '-'")
        }
        var isInteger = true
        if pos < count && base[pos] == JSONByte.dot {
            isInteger = false
            pos += 1
            guard isDigit(at: pos) else {
                throw failure(.syntax, at: pos, "expected a digit after the decimal point")
            }
            while isDigit(at: pos) { pos += 1 }
        }
        if pos < count && (base[pos] | 0x20) == UInt8(ascii: "e") {
            isInteger = false
            pos += 1
            if pos < count && (base[pos] == JSONByte.plus || base[pos] == JSONByte.minus) { pos += 1 }
            guard isDigit(at: pos) else {
                throw failure(.syntax, at: pos, "expected a digit in the exponent")
            }
            while isDigit(at: pos) { pos += 1 }
        }
        if isInteger && !overflow {
            if !negative && magnitude <= UInt64(Int64.max) {
                return .int(Int64(magnitude))
            }
            if negative && magnitude <= UInt64(Int64.max) + 1 {
                return .int(Int64(truncatingIfNeeded: 0 &- magnitude))
            }
        }
        let literal = UnsafeBufferPointer(start: base + start, count: pos - start)
        return .number(String(decoding: literal, as: UTF8.self))
    }
}
