/// A strict RFC 8259 JSON reader for untrusted input (files from pull requests).
///
/// Beyond the grammar it refuses: a UTF-8 byte order mark, malformed UTF-8 anywhere,
/// unescaped control characters in strings, `\u` escapes that leave half a surrogate pair,
/// duplicate keys in one object, nesting deeper than `maxDepth`, inputs larger than
/// `maxBytes`, and empty input. Parsing is iterative, so hostile nesting cannot overflow
/// the stack. Every refusal is a `JSONParseError` with a rule id and a line:column.
///
/// A plain integer literal (no fraction or exponent) that fits in `Int64` becomes `.int`;
/// every other number becomes `.number` holding its literal text unchanged.
public enum StrictJSON: Sendable {
    /// The default limit on nested arrays and objects.
    public static let defaultMaxDepth = 64
    /// The default limit on input size: 1 MiB.
    public static let defaultMaxBytes = 1 << 20

    /// Parses one JSON document from raw bytes.
    ///
    /// - Parameters:
    ///   - bytes: the whole document, UTF-8 without a byte order mark.
    ///   - maxDepth: how many arrays/objects may enclose one another (a lone `[]` is depth 1).
    ///   - maxBytes: the largest accepted input; checked before anything else.
    /// - Throws: `JSONParseError` describing the first problem found.
    public static func parse(
        _ bytes: [UInt8], maxDepth: Int = defaultMaxDepth, maxBytes: Int = defaultMaxBytes
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            try parse(buffer: buffer, maxDepth: maxDepth, maxBytes: maxBytes)
        }
    }

    /// Parses one JSON document from a string, with the default limits.
    /// - Throws: `JSONParseError` describing the first problem found.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// The shared entry point over borrowed bytes.
    static func parse(
        buffer: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxBytes: Int
    ) throws(JSONParseError) -> JSONValue {
        if buffer.count > maxBytes {
            throw JSONParseError(
                rule: .tooLarge, line: 1, column: 1,
                message: "input is \(buffer.count) bytes, more than the limit of \(maxBytes) bytes")
        }
        guard let base = buffer.baseAddress, buffer.count > 0 else {
            throw JSONParseError(rule: .empty, line: 1, column: 1, message: "input is empty, expected a JSON value")
        }
        if buffer.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF {
            throw JSONParseError(
                rule: .byteOrderMark, line: 1, column: 1,
                message: "input starts with a UTF-8 byte order mark; save the file as UTF-8 without BOM")
        }
        var parser = StrictJSONParser(base: base, count: buffer.count, maxDepth: maxDepth)
        return try parser.parseDocument()
    }
}

/// ASCII bytes the parser dispatches on, named after their characters.
package enum JSONByte {
    package static let quote = UInt8(ascii: "\"")
    package static let backslash = UInt8(ascii: "\\")
    package static let slash = UInt8(ascii: "/")
    package static let comma = UInt8(ascii: ",")
    package static let colon = UInt8(ascii: ":")
    package static let openBracket = UInt8(ascii: "[")
    package static let closeBracket = UInt8(ascii: "]")
    package static let openBrace = UInt8(ascii: "{")
    package static let closeBrace = UInt8(ascii: "}")
    package static let minus = UInt8(ascii: "-")
    package static let plus = UInt8(ascii: "+")
    package static let dot = UInt8(ascii: ".")
    package static let zero = UInt8(ascii: "0")
    package static let nine = UInt8(ascii: "9")
    package static let space = UInt8(ascii: " ")
    package static let tab = UInt8(0x09)
    package static let newline = UInt8(0x0A)
    package static let carriageReturn = UInt8(0x0D)
}

/// The byte-level parser state for one document. Containers are kept on explicit stacks
/// (`frames`, `values`, `keys`) rather than the call stack.
struct StrictJSONParser: ~Copyable {
    /// One open array or object.
    struct Frame {
        /// True for an object, false for an array.
        let isObject: Bool
        /// Where this container's members start in `values`.
        let valueStart: Int
        /// Where this object's keys start in `keys` and `keyOffsets`.
        let keyStart: Int
    }

    /// The first input byte; valid for `count` bytes for the parser's whole life.
    let base: UnsafePointer<UInt8>
    /// The input length in bytes.
    let count: Int
    /// How many containers may be open at once.
    let maxDepth: Int
    /// The offset of the next unread byte.
    var pos = 0
    /// The open containers, innermost last.
    var frames: [Frame] = []
    /// Finished members of every open container, innermost last.
    var values = JSONValueStack()
    /// Keys of every open object, parallel to the object members in `values`.
    var keys: [String] = []
    /// The byte offset of each key's opening quote, for duplicate-key messages.
    var keyOffsets: [Int] = []
    /// Reused buffer for decoding strings that contain escapes.
    var scratch: [UInt8] = []

    /// A parser positioned at the start of `count` bytes at `base`.
    init(base: UnsafePointer<UInt8>, count: Int, maxDepth: Int) {
        self.base = base
        self.count = count
        self.maxDepth = maxDepth
    }

    /// The borrowed input, for error positions.
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// An error of `rule` at byte `offset`, with its line and column computed now.
    func failure(_ rule: JSONParseError.Rule, at offset: Int, _ message: String) -> JSONParseError {
        let (line, column) = JSONParseError.position(of: offset, in: buffer)
        return JSONParseError(rule: rule, line: line, column: column, message: message)
    }

    /// Advances past JSON whitespace: space, tab, line feed, carriage return.
    @inline(__always)
    mutating func skipWhitespace() {
        while pos < count {
            let byte = base[pos]
            guard byte == JSONByte.space || byte == JSONByte.newline
                || byte == JSONByte.carriageReturn || byte == JSONByte.tab else { return }
            pos += 1
            // Indentation: spaces counted eight bytes at a time.
            while pos &+ 8 <= count {
                let notSpace = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)) ^ 0x2020_2020_2020_2020
                if notSpace != 0 {
                    pos &+= notSpace.trailingZeroBitCount &>> 3
                    break
                }
                pos &+= 8
            }
        }
    }

    /// Parses the single top-level value and checks only whitespace follows it.
    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        skipWhitespace()
        if pos == count {
            throw failure(.empty, at: 0, "input contains only whitespace, expected a JSON value")
        }
        let value = try parseValue()
        skipWhitespace()
        if pos < count {
            throw unexpected(at: pos, "after the top-level value")
        }
        return value
    }

    /// Parses one value, including everything nested inside it, without recursion.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var value: JSONValue
        nextValue: while true {
            skipWhitespace()
            guard pos < count else {
                throw failure(.syntax, at: pos, "unexpected end of input, expected a value")
            }
            switch base[pos] {
            case JSONByte.quote:
                value = .string(try parseString())
            case JSONByte.minus, JSONByte.zero...JSONByte.nine:
                value = try parseNumber()
            case JSONByte.openBrace, JSONByte.openBracket:
                let isObject = base[pos] == JSONByte.openBrace
                try checkDepth()
                pos += 1
                skipWhitespace()
                if pos < count && base[pos] == (isObject ? JSONByte.closeBrace : JSONByte.closeBracket) {
                    pos += 1
                    value = isObject ? .object([:]) : .array([])
                } else {
                    frames.append(Frame(isObject: isObject, valueStart: values.count, keyStart: keys.count))
                    if isObject { try parseKeyAndColon() }
                    continue nextValue
                }
            case UInt8(ascii: "t"):
                value = try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"):
                value = try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"):
                value = try parseLiteral("null", .null)
            default:
                throw unexpected(at: pos, "where a value was expected")
            }

            // Hand the finished value to the enclosing containers, closing any that end here.
            while let top = frames.last {
                values.push(value)
                skipWhitespace()
                let close = top.isObject ? JSONByte.closeBrace : JSONByte.closeBracket
                guard pos < count else {
                    throw failure(
                        .syntax, at: pos,
                        "unexpected end of input, expected ',' or '\(Character(Unicode.Scalar(close)))'")
                }
                let byte = base[pos]
                if byte == JSONByte.comma {
                    pos += 1
                    if top.isObject {
                        skipWhitespace()
                        try parseKeyAndColon()
                    }
                    continue nextValue
                }
                guard byte == close else {
                    throw unexpected(at: pos, "where ',' or '\(Character(Unicode.Scalar(close)))' was expected")
                }
                pos += 1
                frames.removeLast()
                value = top.isObject ? try closeObject(top) : closeArray(top)
            }
            return value
        }
    }

    /// Refuses one more level of nesting when `maxDepth` containers are already open.
    @inline(__always)
    func checkDepth() throws(JSONParseError) {
        if frames.count >= maxDepth {
            throw failure(.tooDeep, at: pos, "arrays and objects are nested more than \(maxDepth) levels deep")
        }
    }

    /// Reads `"key"` `:` inside an object and records the key.
    mutating func parseKeyAndColon() throws(JSONParseError) {
        guard pos < count && base[pos] == JSONByte.quote else {
            throw unexpected(at: pos, "where a string key was expected")
        }
        keyOffsets.append(pos)
        keys.append(try parseString())
        skipWhitespace()
        guard pos < count && base[pos] == JSONByte.colon else {
            throw unexpected(at: pos, "where ':' was expected after an object key")
        }
        pos += 1
    }

    /// Builds the array for a closed frame from the value stack.
    mutating func closeArray(_ frame: Frame) -> JSONValue {
        .array(values.popArray(from: frame.valueStart))
    }

    /// Builds the object for a closed frame, refusing duplicate keys.
    mutating func closeObject(_ frame: Frame) throws(JSONParseError) -> JSONValue {
        switch values.popObject(from: frame.valueStart, keys: keys, keyStart: frame.keyStart) {
        case .success(let object):
            let memberCount = keys.count - frame.keyStart
            keys.removeLast(memberCount)
            keyOffsets.removeLast(memberCount)
            return .object(object)
        case .failure(let duplicate):
            throw duplicateKey(frame: frame, index: duplicate.index)
        }
    }

    /// The error for the `index`-th key of `frame`, which repeats an earlier key.
    func duplicateKey(frame: Frame, index: Int) -> JSONParseError {
        let key = keys[frame.keyStart + index]
        var message = "duplicate key \(JSONParseError.displayKey(key))"
        var first = frame.keyStart
        while first < frame.keyStart + index && keys[first] != key { first += 1 }
        if first < frame.keyStart + index {
            let (line, column) = JSONParseError.position(of: keyOffsets[first], in: buffer)
            if keys[first].unicodeScalars.elementsEqual(key.unicodeScalars) {
                message += " (first seen at \(line):\(column))"
            } else {
                message += " (canonically equivalent to the key at \(line):\(column))"
            }
        }
        return failure(.duplicateKey, at: keyOffsets[frame.keyStart + index], message)
    }
}
