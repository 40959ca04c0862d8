/// Why `StrictJSON` refused an input, and where.
///
/// The position is 1-based; the column counts bytes, not characters, from the start of the
/// line (lines are separated by `\n`). The message never quotes string values from the
/// input, since pull-request files may hold secrets; object key names may appear, quoted
/// and truncated to 64 characters.
public struct JSONParseError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The rule an input broke. The raw value is the stable identifier shown to users.
    public enum Rule: String, Sendable {
        /// Anything the RFC 8259 grammar does not allow.
        case syntax
        /// The same key twice in one object (compared after decoding escapes).
        case duplicateKey = "duplicate-key"
        /// Arrays and objects nested deeper than the allowed depth.
        case tooDeep = "nesting-too-deep"
        /// More bytes than the allowed size.
        case tooLarge = "too-large"
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8 = "invalid-utf8"
        /// The input starts with a UTF-8 byte order mark.
        case byteOrderMark = "byte-order-mark"
        /// A `\u` escape naming half of a surrogate pair without its other half.
        case loneSurrogate = "lone-surrogate"
        /// An unescaped control character (below U+0020) inside a string.
        case controlCharacter = "control-character"
        /// No JSON value at all: zero bytes, or only whitespace.
        case empty
    }

    /// The rule the input broke.
    public let rule: Rule
    /// The 1-based line of the offending byte.
    public let line: Int
    /// The 1-based column of the offending byte, counted in bytes.
    public let column: Int
    /// A human explanation, without string contents from the input.
    public let message: String

    /// `LINE:COL: MESSAGE (rule RULE)`.
    public var description: String {
        "\(line):\(column): \(message) (rule \(rule.rawValue))"
    }
}

extension JSONParseError {
    /// The 1-based line and byte column of `offset` in `bytes`, found by counting newlines.
    /// Only called when an error is thrown, so the parser's hot loop never tracks lines.
    static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(max(offset, 0), bytes.count)
        var index = 0
        while index < end {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        return (line, end - lineStart + 1)
    }

    /// A key name made safe for a message: quoted, control characters, quotes and
    /// backslashes escaped, and cut to 64 characters (with "…" when cut).
    static func displayKey(_ key: String) -> String {
        var shown = ""
        var count = 0
        for character in key {
            if count == 64 {
                shown += "…"
                break
            }
            count += 1
            for scalar in character.unicodeScalars {
                switch scalar {
                case "\"", "\\": shown += "\\" + String(scalar)
                case "\n": shown += "\\n"
                case "\r": shown += "\\r"
                case "\t": shown += "\\t"
                default:
                    if scalar.value < 0x20 || scalar.value == 0x7F {
                        shown += "\\u" + hex(scalar.value, width: 4)
                    } else {
                        shown.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        return "\"" + shown + "\""
    }

    /// Upper-case hexadecimal of `value`, zero-padded to `width` digits.
    static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

// Error construction for `StrictJSONParser`; only runs once parsing has failed.
extension StrictJSONParser {
    /// An `invalid-utf8` error naming the offending lead byte.
    func invalidUTF8(at index: Int, _ problem: String) -> JSONParseError {
        failure(.invalidUTF8, at: index,
                "invalid UTF-8: \(problem) (byte 0x\(JSONParseError.hex(UInt32(base[index]), width: 2))); "
                    + "the file must be saved as UTF-8")
    }

    /// A `control-character` error for a raw byte below 0x20 inside a string.
    func controlCharacter(at index: Int) -> JSONParseError {
        failure(.controlCharacter, at: index,
                "unescaped control character U+00\(JSONParseError.hex(UInt32(base[index]), width: 2)) in a string; "
                    + "write it as an escape such as \\n or \\u00XX")
    }

    /// A syntax error for the byte at `index` (or end of input). A non-ASCII byte that is not
    /// valid UTF-8 is reported as `invalid-utf8` instead.
    func unexpected(at index: Int, _ context: String) -> JSONParseError {
        if index < count && base[index] >= 0x80 {
            do {
                _ = try validateUTF8Sequence(at: index)
            } catch {
                return error
            }
        }
        return failure(.syntax, at: index, "unexpected \(describe(byteAt: index)) \(context)")
    }

    /// A short human name for the byte at `index`: `'x'`, `space`, `character U+00E9`,
    /// `byte 0x01`, or `end of input`.
    func describe(byteAt index: Int) -> String {
        guard index < count else { return "end of input" }
        let byte = base[index]
        switch byte {
        case 0x20: return "space"
        case 0x09: return "tab"
        case 0x0A: return "line feed"
        case 0x0D: return "carriage return"
        default: break
        }
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        if byte >= 0x80, let scalar = decodeScalar(at: index) {
            return "character U+\(JSONParseError.hex(scalar, width: 4))"
        }
        return "byte 0x\(JSONParseError.hex(UInt32(byte), width: 2))"
    }

    /// The scalar encoded by a valid UTF-8 sequence at `index`, or nil.
    func decodeScalar(at index: Int) -> UInt32? {
        guard let end = try? validateUTF8Sequence(at: index) else { return nil }
        let length = end - index
        var scalar = UInt32(base[index]) & (0xFF >> (length + 1))
        for offset in (index + 1)..<end {
            scalar = scalar << 6 | UInt32(base[offset] & 0x3F)
        }
        return scalar
    }
}
