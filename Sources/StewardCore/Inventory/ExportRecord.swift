/// Typed access to one record of a platform's JSON export, for the platform readers.
///
/// Every error names the file, the record and the field: `FILE: record value[3], field
/// passwordCredentials[0].endDateTime: expected an ISO 8601 time, not an integer`.
/// Fields the reader does not ask for are ignored: platforms keep adding fields, and a new
/// one must not break a nightly run. A field the reader does ask for must have the type
/// the platform documents; null is read as "the platform does not say".
struct ExportRecord {
    let file: String
    /// The record's place in the export: `[3]`, `value[3]`, `items[0]`, `[1][4]`.
    let record: String
    /// The path of this object inside the record (`passwordCredentials[0].`), empty at the top.
    let prefix: String
    let members: [String: JSONValue]

    /// Reads `value` as the record at `record`; refuses anything that is not an object.
    init(_ value: JSONValue, file: String, record: String, what: String) throws(InventoryError) {
        guard let o = value.objectValue else {
            throw InventoryError(file: file, location: "record \(record)",
                                 message: "expected \(what) (a JSON object), not \(value.typeDescription)")
        }
        self.init(file: file, record: record, prefix: "", members: o)
    }

    private init(file: String, record: String, prefix: String, members: [String: JSONValue]) {
        self.file = file
        self.record = record
        self.prefix = prefix
        self.members = members
    }

    /// An error at `field` of this record.
    func fail(_ field: String, _ message: String) -> InventoryError {
        InventoryError(file: file, location: "record \(record), field \(prefix)\(InventoryReader.safeKey(field))", message: message)
    }

    /// A required non-empty string.
    func string(_ key: String) throws(InventoryError) -> String {
        guard let s = try optionalString(key) else { throw fail(key, "is required: expected a string, not null or absent") }
        guard !s.isEmpty else { throw fail(key, "must not be empty") }
        return s
    }

    /// An optional string: absent or null is nil.
    func optionalString(_ key: String) throws(InventoryError) -> String? {
        guard let v = members[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw fail(key, "expected a string, not \(v.typeDescription)") }
        return s
    }

    /// A required ISO 8601 time.
    func time(_ key: String) throws(InventoryError) -> Timestamp {
        guard let t = try optionalTime(key) else { throw fail(key, "is required: expected an ISO 8601 time, not null or absent") }
        return t
    }

    /// An optional ISO 8601 time (offsets, fractions and bare dates allowed).
    func optionalTime(_ key: String) throws(InventoryError) -> Timestamp? {
        guard let v = members[key], !v.isNull else { return nil }
        guard let s = v.stringValue else {
            throw fail(key, "expected an ISO 8601 time like 2026-01-05T09:00:00Z, not \(v.typeDescription)")
        }
        guard let t = Timestamp(lenient: s) else {
            throw fail(key, "\(InventoryReader.shown(s)) is not an ISO 8601 time (like 2026-01-05T09:00:00Z)")
        }
        return t
    }

    /// An optional boolean: absent or null is nil.
    func optionalBool(_ key: String) throws(InventoryError) -> Bool? {
        guard let v = members[key], !v.isNull else { return nil }
        guard case .bool(let b) = v else { throw fail(key, "expected true or false, not \(v.typeDescription)") }
        return b
    }

    /// A required integer.
    func int(_ key: String) throws(InventoryError) -> Int64 {
        guard let v = members[key], !v.isNull else { throw fail(key, "is required: expected an integer, not null or absent") }
        guard let i = v.intValue else { throw fail(key, "expected an integer, not \(v.typeDescription)") }
        return i
    }

    /// A field the platform documents and no reader uses, named with the type it must have.
    enum UnusedField {
        case string(String), time(String), object(String)
    }

    /// Checks `fields`, in order: each may be absent or null, and otherwise must have its
    /// documented type, so an export that breaks the platform's format is refused.
    func checkTypes(_ fields: UnusedField...) throws(InventoryError) {
        for field in fields {
            switch field {
            case .string(let key): _ = try optionalString(key)
            case .time(let key): _ = try optionalTime(key)
            case .object(let key): _ = try optionalObject(key)
            }
        }
    }

    /// A nested object, or nil when absent or null.
    func optionalObject(_ key: String) throws(InventoryError) -> ExportRecord? {
        guard let v = members[key], !v.isNull else { return nil }
        guard let o = v.objectValue else { throw fail(key, "expected an object, not \(v.typeDescription)") }
        return ExportRecord(file: file, record: record, prefix: prefix + key + ".", members: o)
    }

    /// A required nested object.
    func object(_ key: String) throws(InventoryError) -> ExportRecord {
        guard let o = try optionalObject(key) else { throw fail(key, "is required: expected an object, not null or absent") }
        return o
    }

    /// A nested array of objects (empty when absent or null), each as an `ExportRecord`.
    func objects(_ key: String) throws(InventoryError) -> [ExportRecord] {
        guard let v = members[key], !v.isNull else { return [] }
        guard let items = v.arrayValue else { throw fail(key, "expected an array, not \(v.typeDescription)") }
        var out: [ExportRecord] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let at = "\(key)[\(i)]"
            guard let o = item.objectValue else { throw fail(at, "expected an object, not \(item.typeDescription)") }
            out.append(ExportRecord(file: file, record: record, prefix: prefix + at + ".", members: o))
        }
        return out
    }

    /// An object of string values (labels, annotations, permission levels), sorted by key;
    /// empty when absent or null.
    func stringMap(_ key: String) throws(InventoryError) -> [(key: String, value: String)] {
        guard let v = members[key], !v.isNull else { return [] }
        guard let o = v.objectValue else { throw fail(key, "expected an object of strings, not \(v.typeDescription)") }
        var out: [(key: String, value: String)] = []
        for k in o.keys.sorted() {
            guard let s = o[k]?.stringValue else {
                throw fail(key + "." + k, "expected a string, not \(o[k]?.typeDescription ?? "nothing")")
            }
            out.append((k, s))
        }
        return out
    }

    /// The path of this object's own source (`value[2].passwordCredentials[0]`).
    var source: String { prefix.isEmpty ? record : record + "." + String(prefix.dropLast()) }
}

/// Helpers the platform readers share: the top-level list, record grouping.
enum ExportList {
    /// The items of a top-level JSON array, or an error naming the format expected.
    static func items(_ json: JSONValue, file: String, what: String) throws(InventoryError) -> [JSONValue] {
        guard let items = json.arrayValue else {
            throw InventoryError(file: file, location: nil, message: "expected \(what) (a JSON array), not \(json.typeDescription)")
        }
        return items
    }

    /// The records of a top-level JSON array that holds either the records or pages of
    /// them (arrays of records), each with its source path: `[i]` or `[i][j]`.
    static func pagedItems(_ json: JSONValue, file: String, what: String) throws(InventoryError) -> [(value: JSONValue, at: String)] {
        var out: [(value: JSONValue, at: String)] = []
        for (i, item) in try items(json, file: file, what: what).enumerated() {
            if let page = item.arrayValue {
                for (j, v) in page.enumerated() { out.append((v, "[\(i)][\(j)]")) }
            } else {
                out.append((item, "[\(i)]"))
            }
        }
        return out
    }

    /// One record per item of a records-or-pages array (see `pagedItems`), read by `record`
    /// from the item and its source path, then merged (see `merged`).
    static func pagedRecords(_ json: JSONValue, file: String, what: String,
                             _ record: (JSONValue, String) throws(InventoryError) -> ObservedRecord) throws(InventoryError) -> [ObservedRecord] {
        let items = try pagedItems(json, file: file, what: what)
        var records: [ObservedRecord] = []
        records.reserveCapacity(items.count)
        for item in items { records.append(try record(item.value, item.at)) }
        return merged(records)
    }

    /// Merges records that name the same object (several secrets of one service account,
    /// two tokens of one name), keeping the first record's fields and every credential.
    /// Order: first appearance.
    static func merged(_ records: [ObservedRecord]) -> [ObservedRecord] {
        var index: [String: Int] = [:]
        var out: [ObservedRecord] = []
        out.reserveCapacity(records.count)
        for r in records {
            if let i = index[r.ref] {
                out[i].credentials += r.credentials
                if let c = r.createdAt, out[i].createdAt.map({ c < $0 }) ?? true { out[i].createdAt = c }
                if out[i].personOwner == nil { out[i].personOwner = r.personOwner }
                if let s = r.scopes { out[i].scopes = Array(Set((out[i].scopes ?? []) + s)).sorted() }
            } else {
                index[r.ref] = out.count
                out.append(r)
            }
        }
        return out
    }
}
