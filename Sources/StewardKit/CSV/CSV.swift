/// Why a CSV file could not be read, with where: the physical line and the record.
public struct CSVError: Error, Equatable, CustomStringConvertible {
    /// 1-based physical line where the problem is (a quoted field may span lines).
    public let line: Int
    /// 1-based record number; the header is record 1.
    public let record: Int
    /// What is wrong and how to fix it.
    public let message: String

    /// `line 4 (record 3): MESSAGE`.
    public var description: String { "line \(line) (record \(record)): \(message)" }
}

/// A hand-written RFC 4180 reader.
///
/// Accepts quoted fields with `""` escapes, commas, CR and LF inside quotes, CRLF or LF
/// record ends and an optional final newline; skips a UTF-8 byte order mark at the very
/// start. A blank line is a record holding one empty field. Refuses invalid UTF-8, a
/// quote inside an unquoted field, text after a closing quote, a bare CR outside quotes,
/// and an unterminated quote.
public enum CSV {
    /// The records of `bytes`, each a list of fields, in file order.
    public static func parse(_ bytes: [UInt8]) throws(CSVError) -> [[String]] {
        var parser = Parser(bytes: bytes)
        return try parser.run()
    }

    private struct Parser {
        let b: [UInt8]
        var i = 0
        var line = 1
        var records: [[String]] = []
        var fields: [String] = []
        let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        init(bytes: [UInt8]) {
            b = bytes
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        }

        var record: Int { records.count + 1 }

        func fail(_ message: String, line: Int? = nil) -> CSVError {
            CSVError(line: line ?? self.line, record: record, message: message)
        }

        mutating func run() throws(CSVError) -> [[String]] {
            guard i < b.count else { return [] }
            while true {
                let field = b[i...].first == quote ? try quoted() : try unquoted()
                fields.append(field)
                if i == b.count {  // end of input ends the last record
                    records.append(fields)
                    return records
                }
                switch b[i] {
                case comma:
                    i += 1
                case lf:
                    try endRecord(after: 1)
                case cr where i + 1 < b.count && b[i + 1] == lf:
                    try endRecord(after: 2)
                default:
                    throw fail("a carriage return outside quotes must be followed by a line feed; "
                        + "save the file with CRLF or LF line ends")
                }
                if i == b.count { return records }  // optional final newline
            }
        }

        mutating func endRecord(after n: Int) throws(CSVError) {
            i += n
            records.append(fields)
            fields = []
            line += 1
        }

        mutating func unquoted() throws(CSVError) -> String {
            let start = i
            while i < b.count {
                let c = b[i]
                if c == comma || c == lf || c == cr { break }
                if c == quote {
                    throw fail("a quote (\") inside an unquoted field; quote the whole field and "
                        + "double the quotes inside it (\"\")")
                }
                i += 1
            }
            return try text(b[start..<i], line: line)
        }

        mutating func quoted() throws(CSVError) -> String {
            let openLine = line
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < b.count else {
                    throw fail("a quoted field that starts on line \(openLine) is never closed; "
                        + "add the closing quote (\")", line: openLine)
                }
                let c = b[i]
                if c == quote {
                    if i + 1 < b.count, b[i + 1] == quote {
                        out.append(quote)
                        i += 2
                        continue
                    }
                    i += 1
                    break
                }
                if c == lf { line += 1 }
                out.append(c)
                i += 1
            }
            if i < b.count, b[i] != comma, b[i] != lf, b[i] != cr {
                throw fail("text after a closing quote; a quoted field must end at a comma or the "
                    + "end of the line (write a quote inside it as \"\")")
            }
            return try text(out[...], line: openLine)
        }

        func text(_ bytes: ArraySlice<UInt8>, line: Int) throws(CSVError) -> String {
            guard let s = String(validating: bytes, as: UTF8.self) else {
                throw fail("invalid UTF-8; save the file as UTF-8", line: line)
            }
            return s
        }
    }
}
