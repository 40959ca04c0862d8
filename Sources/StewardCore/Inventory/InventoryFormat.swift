/// The platform export formats Steward reads; raw values are the `--observed-format` names.
public enum InventoryFormat: String, Sendable, CaseIterable {
    /// Steward's own JSON: `[{"platform", "ref", "scopes", "createdAt", …}]`.
    case generic = "generic-json"
    /// The AWS IAM credential report CSV (`aws iam get-credential-report`).
    case awsCredentialReport = "aws-credential-report"
    /// GitHub's `GET /orgs/{org}/installations` response.
    case githubInstallations = "github-installations"

    /// The valid names, comma-separated, for error messages.
    static var validNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Reads platform exports into `ObservedRecord`s, detecting the format when not told.
public enum InventoryReader {
    /// The format `bytes` look like, or nil when they match none:
    /// - a JSON array is generic JSON (or, when its first element is an object with an
    ///   `installations` key, GitHub pages as `gh api --paginate --slurp` saves them);
    /// - a JSON object with an `installations` key is GitHub installations;
    /// - text whose first line (after an optional byte order mark) starts with `user,arn,`
    ///   is an AWS credential report.
    public static func sniff(_ bytes: [UInt8]) -> InventoryFormat? {
        let body = dropBOM(bytes)
        if startsWith(body, "user,arn,") { return .awsCredentialReport }
        guard let first = firstNonSpace(body), first == UInt8(ascii: "[") || first == UInt8(ascii: "{"),
              let json = try? parseJSON(bytes, file: "") else { return nil }
        return sniff(json)
    }

    /// Reads `bytes` (from `file`, used in errors) as `format`, or as the sniffed format
    /// when `format` is nil.
    public static func read(_ bytes: [UInt8], file: String, format: InventoryFormat? = nil) throws(InventoryError) -> Inventory {
        var json: JSONValue?
        var chosen = format
        if chosen == nil {
            let body = dropBOM(bytes)
            if startsWith(body, "user,arn,") {
                chosen = .awsCredentialReport
            } else if let first = firstNonSpace(body), first == UInt8(ascii: "[") || first == UInt8(ascii: "{") {
                let parsed = try parseJSON(bytes, file: file)
                json = parsed
                chosen = sniff(parsed)
            }
        }
        guard let chosen else {
            let what = json?.objectValue != nil ? "a JSON object without an \"installations\" key matches no "
                + "known export format" : "cannot tell which export format this is"
            throw InventoryError(file: file, location: nil, message: what
                + "; pass --observed-format with one of: \(InventoryFormat.validNames)")
        }
        func value() throws(InventoryError) -> JSONValue {
            if let json { return json }
            return try parseJSON(bytes, file: file)
        }
        switch chosen {
        case .awsCredentialReport: return try AWSCredentialReport.read(bytes, file: file)
        case .generic: return try GenericInventory.read(value(), file: file)
        case .githubInstallations: return try GitHubInstallations.read(value(), file: file)
        }
    }

    static func sniff(_ json: JSONValue) -> InventoryFormat? {
        switch json {
        case .array(let items):
            if case .object(let page)? = items.first, page["installations"] != nil { return .githubInstallations }
            return .generic
        case .object(let members):
            return members["installations"] != nil ? .githubInstallations : nil
        default:
            return nil
        }
    }

    /// Parses an export as JSON (exports may exceed the document size limit, so up to 256 MiB),
    /// skipping a leading byte order mark.
    static func parseJSON(_ bytes: [UInt8], file: String) throws(InventoryError) -> JSONValue {
        let body = bytes.starts(with: bom) ? Array(bytes.dropFirst(3)) : bytes
        do {
            return try StrictJSON.parse(body, maxBytes: 256 << 20)
        } catch {
            throw InventoryError(file: file, location: "line \(error.line):\(error.column)",
                                 message: "not valid JSON: \(error.message)")
        }
    }

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    static func dropBOM(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        bytes.starts(with: bom) ? bytes.dropFirst(3) : bytes[...]
    }

    private static func startsWith(_ body: ArraySlice<UInt8>, _ prefix: String) -> Bool {
        body.starts(with: prefix.utf8)
    }

    private static func firstNonSpace(_ body: ArraySlice<UInt8>) -> UInt8? {
        body.first { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
    }
}

/// Shared field readers for the JSON formats: each throws an `InventoryError` naming the path.
struct InventoryJSONFields {
    let file: String

    func fail(_ path: String, _ message: String) -> InventoryError {
        InventoryError(file: file, location: path, message: message)
    }

    /// A required non-empty string.
    func requiredString(_ v: JSONValue?, _ path: String) throws(InventoryError) -> String {
        guard let v, !v.isNull else { throw fail(path, "is required (a non-empty string)") }
        guard let s = v.stringValue else { throw fail(path, "must be a string, not \(v.typeDescription)") }
        guard !s.isEmpty else { throw fail(path, "must not be empty") }
        return s
    }

    /// An optional string: absent or null is nil.
    func optionalString(_ v: JSONValue?, _ path: String) throws(InventoryError) -> String? {
        guard let v, !v.isNull else { return nil }
        guard let s = v.stringValue else { throw fail(path, "must be a string or null, not \(v.typeDescription)") }
        return s
    }

    /// An optional ISO 8601 time (offsets, fractions and bare dates allowed): absent or null is nil.
    func optionalTime(_ v: JSONValue?, _ path: String) throws(InventoryError) -> Timestamp? {
        guard let s = try optionalString(v, path) else { return nil }
        guard let t = Timestamp(lenient: s) else {
            throw fail(path, "\(InventoryReader.shown(s)) is not an ISO 8601 time (like 2026-01-05T09:00:00Z)")
        }
        return t
    }
}

extension InventoryReader {
    /// A key for an error location, credentials redacted.
    static func safeKey(_ key: String) -> String { SecretScanner.redact(key) }

    /// `text` quoted for an error message: credentials redacted, cut to 60 characters.
    static func shown(_ text: String) -> String {
        let safe = SecretScanner.redact(text)
        return "\"" + (safe.count > 60 ? String(safe.prefix(57)) + "..." : safe) + "\""
    }
}
