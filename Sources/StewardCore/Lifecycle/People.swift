/// Who still works here, from `--people FILE`: a JSON array of `{"email", "status"}`.
/// An owner counts as gone when absent from the list or when the status is not `active`.
public struct PeopleDirectory: Sendable, Equatable {
    /// Normalised e-mail → status.
    public var statuses: [String: String]

    public init(statuses: [String: String]) { self.statuses = statuses }

    /// Reads the people file's parsed JSON; errors name the file and the entry.
    public init(_ value: JSONValue, file: String) throws(DataError) {
        guard case .array(let items) = value else {
            throw DataError(file: file, location: "top level", message: "expected an array of {\"email\", \"status\"} objects")
        }
        var map: [String: String] = [:]
        for (i, item) in items.enumerated() {
            var r = try FieldReader(item, path: "[\(i)]", file: file)
            let email = try r.nonEmptyString("email")
            let status = try r.nonEmptyString("status")
            _ = r.raw("name")
            try r.finish()
            if let p = Identity.problem(email) { throw Identity.error(file: file, field: "[\(i)].email", p) }
            let key = Identity.normalize(email)
            if map[key] != nil { throw r.error("email", "\(email) is listed twice") }
            map[key] = status
        }
        statuses = map
    }

    /// True when `email` is absent or not active.
    public func isGone(_ email: String) -> Bool { statuses[Identity.normalize(email)] != "active" }
}
