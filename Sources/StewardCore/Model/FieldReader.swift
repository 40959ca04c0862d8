/// Reads the fields of one JSON object strictly: each field is taken once by name and type,
/// and `finish()` refuses any field nobody asked for. Every error names the file and the
/// full field path (`history[3].at`), so a reviewer can find it.
public struct FieldReader {
    let object: [String: JSONValue]
    let path: String
    let file: String
    /// The present fields read so far (an array: cheaper than hashing into a set).
    private var readKeys: [String] = []

    /// Starts reading `value`, which must be an object, found at `path` in `file`.
    public init(_ value: JSONValue, path: String, file: String) throws(DataError) {
        guard case .object(let o) = value else {
            throw DataError(file: file, location: path.isEmpty ? "top level" : path,
                            message: "expected an object, found \(value.typeDescription)")
        }
        object = o
        self.path = path
        self.file = file
    }

    /// The path of a field of this object.
    public func pathOf(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// An error at `key` of this object.
    public func error(_ key: String, _ message: String) -> DataError {
        DataError(file: file, location: pathOf(key), message: message)
    }

    /// The raw value of `key`, nil when absent. Marks the field as read.
    public mutating func raw(_ key: String) -> JSONValue? {
        let v = object[key]
        if v != nil { readKeys.append(key) }
        return v
    }

    /// A required value of any type.
    public mutating func required(_ key: String) throws(DataError) -> JSONValue {
        guard let v = raw(key) else { throw error(key, "required field is missing" + foundInstead(of: key)) }
        return v
    }

    /// What the object holds in place of a missing `key`: the unread field that looks like a
    /// misspelling of it, else the fields it does have, so a typo is named, not just its effect.
    func foundInstead(of key: String) -> String {
        func shown(_ k: String) -> String { k.count > 64 ? String(k.prefix(64)) + "…" : k }
        let unread = object.keys.filter { !readKeys.contains($0) }.sorted()
        let target = key.lowercased()
        if let close = unread.first(where: { $0.lowercased() == target })
            ?? unread.filter({ FieldReader.distance($0.lowercased(), target, limit: 2) <= 2 })
                .min(by: { FieldReader.distance($0.lowercased(), target, limit: 2) < FieldReader.distance($1.lowercased(), target, limit: 2) }) {
            return "; found the unknown field '\(shown(close))' instead (a misspelling of '\(key)'?)"
        }
        if object.isEmpty { return " (the object is empty)" }
        let keys = object.keys.sorted().prefix(8).map { "'\(shown($0))'" }
        return "; the object has \(keys.joined(separator: ", "))\(object.count > 8 ? ", …" : "")"
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) when the lengths alone differ by more.
    static func distance(_ a: String, _ b: String, limit: Int) -> Int {
        let a = Array(a), b = Array(b)
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// A required string.
    public mutating func string(_ key: String) throws(DataError) -> String {
        let v = try required(key)
        guard case .string(let s) = v else { throw error(key, "expected a string, found \(v.typeDescription)") }
        return s
    }

    /// A required non-empty string.
    public mutating func nonEmptyString(_ key: String) throws(DataError) -> String {
        let s = try string(key)
        guard !s.trimmingSpaces.isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    /// An optional string: absent or null gives nil.
    public mutating func optionalString(_ key: String) throws(DataError) -> String? {
        guard let v = raw(key), !v.isNull else { return nil }
        guard case .string(let s) = v else { throw error(key, "expected a string or null, found \(v.typeDescription)") }
        return s
    }

    /// A required plain integer (no fraction, no exponent).
    public mutating func int(_ key: String) throws(DataError) -> Int64 {
        let v = try required(key)
        guard case .int(let i) = v else {
            if case .number(let text) = v {
                let shown = text.count > 24 ? String(text.prefix(24)) + "…" : text
                throw error(key, "expected a plain integer, found the number \(shown)")
            }
            throw error(key, "expected an integer, found \(v.typeDescription)")
        }
        return i
    }

    /// A required timestamp in the document form `YYYY-MM-DDTHH:MM:SSZ`.
    public mutating func timestamp(_ key: String) throws(DataError) -> Timestamp {
        let s = try string(key)
        guard let t = Timestamp(iso8601: s) else { throw error(key, "expected a UTC time like 2026-01-05T09:00:00Z") }
        return t
    }

    /// An optional timestamp: absent or null gives nil.
    public mutating func optionalTimestamp(_ key: String) throws(DataError) -> Timestamp? {
        guard let s = try optionalString(key) else { return nil }
        guard let t = Timestamp(iso8601: s) else { throw error(key, "expected a UTC time like 2026-01-05T09:00:00Z, or null") }
        return t
    }

    /// A required array of strings.
    public mutating func strings(_ key: String) throws(DataError) -> [String] {
        let v = try required(key)
        guard case .array(let items) = v else { throw error(key, "expected an array of strings, found \(v.typeDescription)") }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else {
                throw DataError(file: file, location: "\(pathOf(key))[\(i)]", message: "expected a string, found \(item.typeDescription)")
            }
            out.append(s)
        }
        return out
    }

    /// A required array of values.
    public mutating func array(_ key: String) throws(DataError) -> [JSONValue] {
        let v = try required(key)
        guard case .array(let items) = v else { throw error(key, "expected an array, found \(v.typeDescription)") }
        return items
    }

    /// A required object, as a dictionary.
    public mutating func object(_ key: String) throws(DataError) -> [String: JSONValue] {
        let v = try required(key)
        guard case .object(let o) = v else { throw error(key, "expected an object, found \(v.typeDescription)") }
        return o
    }

    /// Refuses any field that was not read: unknown fields are mistakes or smuggling.
    public func finish() throws(DataError) {
        if object.count == readKeys.count { return }
        let unknown = object.keys.filter { !readKeys.contains($0) }.sorted()
        if let first = unknown.first {
            let name = first.count > 64 ? String(first.prefix(64)) + "…" : first
            throw error(name, "unknown field" + (unknown.count > 1 ? " (and \(unknown.count - 1) more)" : ""))
        }
    }
}
