/// Reads Steward's generic JSON inventory, for platforms without a dedicated reader:
///
/// ```json
/// [{"platform": "salesforce", "ref": "crm-sync", "scopes": ["api"],
///   "createdAt": "2025-01-01T00:00:00Z", "lastUsedAt": null,
///   "credentialId": "key-1", "credentialCreatedAt": "2025-06-01"}]
/// ```
///
/// `platform` and `ref` are required non-empty strings; the rest may be absent or null
/// (unknown). Times are ISO 8601 with offsets, fractions or bare dates allowed. Unlike the
/// third-party formats, an unknown field is an error: a typo like `lastUsed` must not
/// silently read as "usage unknown" and hide dormancy. The export covers exactly the
/// platforms its records name.
enum GenericInventory {
    static let fields = ["platform", "ref", "scopes", "createdAt", "lastUsedAt", "credentialId", "credentialCreatedAt"]

    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        let f = InventoryJSONFields(file: file)
        guard let items = json.arrayValue else {
            throw InventoryError(file: file, location: nil,
                                 message: "generic JSON must be an array of records, not \(json.typeDescription)")
        }
        var records: [ObservedRecord] = []
        records.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let at = "[\(i)]"
            guard let o = item.objectValue else {
                throw f.fail(at, "must be an object with platform and ref, not \(item.typeDescription)")
            }
            for key in o.keys.sorted() where !fields.contains(key) {
                throw f.fail(at + "." + InventoryReader.safeKey(key), unknownFieldMessage(key))
            }
            var r = ObservedRecord(platform: try f.requiredString(o["platform"], at + ".platform"),
                                   ref: try f.requiredString(o["ref"], at + ".ref"))
            r.scopes = try scopes(o["scopes"], at + ".scopes", f)
            r.createdAt = try f.optionalTime(o["createdAt"], at + ".createdAt")
            r.lastUsedAt = try f.optionalTime(o["lastUsedAt"], at + ".lastUsedAt")
            r.credentialId = try f.optionalString(o["credentialId"], at + ".credentialId")
            r.credentialCreatedAt = try f.optionalTime(o["credentialCreatedAt"], at + ".credentialCreatedAt")
            r.source = at
            if r.credentialId == "" { throw f.fail(at + ".credentialId", "must not be empty (use null when unknown)") }
            records.append(r)
        }
        return Inventory(file: file, format: .generic, records: records, platforms: Set(records.map(\.platform)))
    }

    private static func scopes(_ v: JSONValue?, _ path: String, _ f: InventoryJSONFields) throws(InventoryError) -> [String]? {
        guard let v, !v.isNull else { return nil }
        guard let list = v.arrayValue else {
            throw f.fail(path, "must be an array of strings or null, not \(v.typeDescription)")
        }
        var out: [String] = []
        for (j, s) in list.enumerated() {
            out.append(try f.requiredString(s, path + "[\(j)]"))
        }
        return out.sorted()
    }

    /// "unknown field …; the fields are …", with a suggestion when the name is close to one.
    static func unknownFieldMessage(_ key: String) -> String {
        var message = "unknown field \(InventoryReader.shown(key))"
        if let near = nearest(key) { message += " (did you mean \"\(near)\"?)" }
        return message + "; the fields are " + fields.joined(separator: ", ")
    }

    private static func nearest(_ key: String) -> String? {
        func norm(_ s: String) -> [Character] { Array(s.lowercased().filter { $0 != "_" && $0 != "-" }) }
        let k = norm(key)
        guard !k.isEmpty else { return nil }
        var best: (String, Int)?
        for field in fields {
            let n = norm(field)
            let d = k.count >= 3 && (n.starts(with: k) || k.starts(with: n)) ? 0 : distance(k, n)
            if d <= 2, d < (best?.1 ?? Int.max) { best = (field, d) }
        }
        return best?.0
    }

    /// Levenshtein distance.
    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var prev = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var cur = [i + 1]
            for (j, cb) in b.enumerated() {
                cur.append(min(prev[j + 1] + 1, cur[j] + 1, prev[j] + (ca == cb ? 0 : 1)))
            }
            prev = cur
        }
        return prev[b.count]
    }
}
