import StewardApp

/// Writes `{"<key>": [ …elements… ], <rest>}` to stdout element by element, byte-identical
/// to `CanonicalJSON.pretty` of the whole document, so a large listing is never held in
/// memory. The streamed key must sort before every key in `rest`.
struct JSONStream {
    private var count = 0
    private let write: (String) -> Void

    /// Starts the document with the streamed array `key`.
    init(key: String, write: @escaping (String) -> Void = Output.out) {
        self.write = write
        write("{\n  \(String(decoding: CanonicalJSON.encode(.string(key)), as: UTF8.self)): [")
    }

    /// Appends one array element.
    mutating func append(_ value: JSONValue) {
        write((count == 0 ? "\n    " : ",\n    ") + String(decoding: CanonicalJSON.pretty(value, nestedAt: 2), as: UTF8.self))
        count += 1
    }

    /// Closes the array, writes the remaining members (sorted), and ends the document.
    func finish(rest: [String: JSONValue]) {
        write(count == 0 ? "]" : "\n  ]")
        for key in rest.keys.sorted() {
            let value = String(decoding: CanonicalJSON.pretty(rest[key]!, nestedAt: 1), as: UTF8.self)
            write(",\n  \(String(decoding: CanonicalJSON.encode(.string(key)), as: UTF8.self)): " + value)
        }
        write("\n}\n")
    }
}
