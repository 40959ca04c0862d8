/// The platform export formats Steward reads; raw values are the `--observed-format` names.
public enum InventoryFormat: String, Sendable, CaseIterable {
    /// Each format, by what produces it:
    /// - `generic-json`: Steward's own JSON, `[{"platform", "ref", "scopes", "createdAt", …}]`.
    /// - `aws-credential-report`: the AWS IAM credential report CSV
    ///   (`aws iam get-credential-report`).
    /// - `github-installations`: GitHub's `GET /orgs/{org}/installations` response.
    /// - `entra-applications`: `az ad app list --all -o json`, or one Graph
    ///   `GET /applications` page.
    /// - `gcp-service-account-keys`: `gcloud iam service-accounts keys list --format=json`
    ///   (one list, or an array of lists).
    /// - `github-fine-grained-pats`: `gh api --paginate /orgs/ORG/personal-access-tokens`.
    /// - `okta-api-tokens`: Okta `GET /api/v1/api-tokens`.
    /// - `kubernetes-service-account-tokens`: `kubectl get secrets -A --field-selector
    ///   type=kubernetes.io/service-account-token -o json`.
    case generic = "generic-json", awsCredentialReport = "aws-credential-report", githubInstallations = "github-installations"
    case entraApplications = "entra-applications", gcpServiceAccountKeys = "gcp-service-account-keys"
    case githubFineGrainedPATs = "github-fine-grained-pats", oktaAPITokens = "okta-api-tokens"
    case kubernetesServiceAccountTokens = "kubernetes-service-account-tokens"

    /// The valid names, comma-separated, for error messages.
    static var validNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Reads platform exports into `ObservedRecord`s, detecting the format when not told.
public enum InventoryReader {
    /// The format `bytes` look like, or nil when they match none:
    /// - a JSON object with an `installations` key is GitHub installations; one with a
    ///   `value` array is a Graph applications page; one with `items` (a Kubernetes List)
    ///   is service-account token Secrets;
    /// - a JSON array is judged by its first record (looking inside a first page when the
    ///   array holds pages): `installations` → GitHub installations, `appId` → Entra,
    ///   `keyType` or a key `name` → GCP keys, `token_name` → fine-grained PATs,
    ///   `tokenWindow` or `userId` → Okta tokens, anything else (or nothing) → generic JSON;
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
            let what = json?.objectValue != nil ? "a JSON object without \"installations\", \"value\" or \"items\" matches no "
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
        case .entraApplications: return try EntraApplications.read(value(), file: file)
        case .gcpServiceAccountKeys: return try GCPServiceAccountKeys.read(value(), file: file)
        case .githubFineGrainedPATs: return try GitHubFineGrainedPATs.read(value(), file: file)
        case .oktaAPITokens: return try OktaAPITokens.read(value(), file: file)
        case .kubernetesServiceAccountTokens: return try KubernetesTokens.read(value(), file: file)
        }
    }

    static func sniff(_ json: JSONValue) -> InventoryFormat? {
        switch json {
        case .array(let items):
            var first = items.first
            if case .array(let page)? = first { first = page.first }
            guard case .object(let o)? = first else { return .generic }
            if o["installations"] != nil { return .githubInstallations }
            if o["platform"] != nil && o["ref"] != nil { return .generic }
            if o["appId"] != nil { return .entraApplications }
            if o["token_name"] != nil { return .githubFineGrainedPATs }
            if o["keyType"] != nil || o["validAfterTime"] != nil { return .gcpServiceAccountKeys }
            if o["tokenWindow"] != nil || o["userId"] != nil { return .oktaAPITokens }
            return .generic
        case .object(let members):
            if members["installations"] != nil { return .githubInstallations }
            if members["value"]?.arrayValue != nil { return .entraApplications }
            if members["items"] != nil, members["kind"] != nil { return .kubernetesServiceAccountTokens }
            return nil
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
