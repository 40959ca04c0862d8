/// Deterministic JSON writers: the hashed canonical form and the on-disk document form.
///
/// Both sort object keys by their UTF-16 code units (RFC 8785 §3.2.3) and escape strings
/// the same way: `"` → `\"`, `\` → `\\`, U+0008 → `\b`, U+000C → `\f`, `\n`, `\r`, `\t`,
/// any other character below U+0020 → `\u00xx` (lower-case hex); everything else,
/// including `/`, DEL and U+2028, is written as raw UTF-8.
///
/// Numbers are written as they are held: `.int` in decimal, `.number` as its literal text.
/// (Full RFC 8785 would re-render non-integers in ECMAScript form; our documents hold
/// integers only where hashing matters.)
public enum CanonicalJSON: Sendable {
    /// RFC 8785 (JCS) bytes: keys sorted by UTF-16 code units, no whitespace, "/" not escaped.
    public static func encode(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        writeCompact(value, into: &out)
        return out
    }

    /// The on-disk document form: keys sorted (same order), two-space indentation, ", " never trailing,
    /// "key": value, empty containers as [] and {}, non-ASCII written as raw UTF-8, and a trailing "\n".
    /// Byte-identical to Python's json.dumps(v, indent=2, sort_keys=True, ensure_ascii=False) + "\n" for our data
    /// (Python sorts keys by code point, which differs from UTF-16 order only when one key has a character
    /// above U+FFFF where another has one in U+E000...U+FFFF).
    public static func pretty(_ value: JSONValue) -> [UInt8] {
        var out = pretty(value, nestedAt: 0)
        out.append(0x0A)
        return out
    }

    /// `value` in the same form as it reads nested `level` containers deep in a larger
    /// document (each line indented two spaces more per level), without the trailing "\n":
    /// how a streamed listing writes one element at a time.
    public static func pretty(_ value: JSONValue, nestedAt level: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(2048)
        writePretty(value, level: level, into: &out)
        return out
    }

    /// Object keys in RFC 8785 order: lexicographic by UTF-16 code units.
    static func sortedKeys(_ object: [String: JSONValue]) -> [String] {
        object.keys.sorted(by: utf16Precedes)
    }

    /// Object members in RFC 8785 key order.
    static func sortedMembers(_ object: [String: JSONValue]) -> [(key: String, value: JSONValue)] {
        object.sorted { utf16Precedes($0.key, $1.key) }
    }

    /// Whether `lhs` sorts before `rhs` by UTF-16 code units, computed from UTF-8 bytes.
    ///
    /// UTF-8 byte order is code point order, which matches UTF-16 order except between
    /// U+E000...U+FFFF (lead bytes 0xEE, 0xEF) and U+10000 and up (lead bytes 0xF0...0xF4),
    /// whose UTF-16 surrogates (0xD800...0xDBFF) sort first. At the first differing byte both
    /// strings are at the same position within a character, so comparing lead bytes suffices.
    static func utf16Precedes(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            guard let l = left.next() else { return right.next() != nil }
            guard let r = right.next() else { return false }
            if l != r {
                if l >= 0xEE && r >= 0xEE && (l >= 0xF0) != (r >= 0xF0) {
                    return l >= 0xF0
                }
                return l < r
            }
        }
    }

    /// Writes `value` with no whitespace.
    package static func writeCompact(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeCompact(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, member) in sortedMembers(members).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                writeCompact(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        default:
            writeScalar(value, into: &out)
        }
    }

    /// Writes `value` indented two spaces per `level`, without a trailing newline.
    static func writePretty(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
        switch value {
        case .array(let elements) where !elements.isEmpty:
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeNewline(level: level + 1, into: &out)
                writePretty(element, level: level + 1, into: &out)
            }
            writeNewline(level: level, into: &out)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            out.append(UInt8(ascii: "{"))
            for (index, member) in sortedMembers(members).enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                writeNewline(level: level + 1, into: &out)
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                writePretty(member.value, level: level + 1, into: &out)
            }
            writeNewline(level: level, into: &out)
            out.append(UInt8(ascii: "}"))
        default:
            writeScalar(value, into: &out)
        }
    }

    /// Writes a newline and the indentation for `level`.
    static func writeNewline(level: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * level))
    }

    /// Writes a scalar, or an empty container as `[]` / `{}`.
    static func writeScalar(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .int(let integer): out.append(contentsOf: String(integer).utf8)
        case .number(let literal): out.append(contentsOf: literal.utf8)
        case .string(let text): writeString(text, into: &out)
        case .array: out.append(contentsOf: "[]".utf8)
        case .object: out.append(contentsOf: "{}".utf8)
        }
    }

    /// Writes `text` as a quoted, escaped JSON string.
    package static func writeString(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            writeEscaped(bytes, into: &out)
        }
        if done == nil {
            writeEscaped(Array(text.utf8), into: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Copies runs of bytes that need no escaping in bulk and escapes the rest.
    static func writeEscaped<Bytes: RandomAccessCollection>(_ bytes: Bytes, into out: inout [UInt8])
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var runStart = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            out.append(contentsOf: bytes[runStart..<index])
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                let low = byte & 0x0F
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0") + (byte >> 4))  // 0 or 1: byte < 0x20 here
                out.append(low < 10 ? UInt8(ascii: "0") + low : UInt8(ascii: "a") + low - 10)
            }
            index += 1
            runStart = index
        }
        out.append(contentsOf: bytes[runStart..<index])
    }
}
