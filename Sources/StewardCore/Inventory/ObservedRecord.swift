/// What a platform really holds, one object, as read from a platform export.
///
/// Two records are equal when they say the same about the same object: `source`, where
/// in its file a record sat, is not part of the comparison.
///
/// Every field except `platform` and `ref` may be unknown (nil): exports differ in what
/// they say, and "the export does not say" must never be confused with "never" or "none".
public struct ObservedRecord: Sendable, Equatable {
    /// Platform name as the documents use it: `aws`, `github`, …
    public var platform: String
    /// The platform's identifier for the object (an ARN, an app slug, …).
    public var ref: String
    /// Granted scopes/permissions, sorted; nil when the export does not say.
    public var scopes: [String]?
    /// When the object was created.
    public var createdAt: Timestamp?
    /// When the object was last used, as far as the export knows.
    public var lastUsedAt: Timestamp?
    /// The credential whose age matters (e.g. `arn:…#access_key_2`), when the export names one.
    public var credentialId: String?
    /// When that credential was created or last rotated.
    public var credentialCreatedAt: Timestamp?
    /// The credentials the platform lists for the object, each with its own validity
    /// (empty for formats that name at most one credential, such as the AWS report).
    public var credentials: [ObservedCredential] = []
    /// The person who owns the object at the platform (an Okta token's `userId`, a
    /// fine-grained PAT's `owner.login`), when the platform ties it to one.
    public var personOwner: String?
    /// Where in the export the record came from (`[3]`, `value[2]`, `items[0]`, `row 4`).
    public var source: String = ""

    public init(platform: String, ref: String, scopes: [String]? = nil, createdAt: Timestamp? = nil,
                lastUsedAt: Timestamp? = nil, credentialId: String? = nil, credentialCreatedAt: Timestamp? = nil) {
        self.platform = platform
        self.ref = ref
        self.scopes = scopes
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.credentialId = credentialId
        self.credentialCreatedAt = credentialCreatedAt
    }

    public static func == (a: ObservedRecord, b: ObservedRecord) -> Bool {
        a.platform == b.platform && a.ref == b.ref && a.scopes == b.scopes && a.createdAt == b.createdAt
            && a.lastUsedAt == b.lastUsedAt && a.credentialId == b.credentialId && a.credentialCreatedAt == b.credentialCreatedAt
            && a.credentials == b.credentials && a.personOwner == b.personOwner
    }
}

/// One credential of an observed object: a client secret, a key, a token.
///
/// `live` is decided at reconciliation time: a credential is live unless the platform
/// says it is disabled or expired, or its expiry has passed.
public struct ObservedCredential: Sendable, Equatable {
    /// The platform's id for it (an Entra `keyId`, a GCP key id, a token id, a Secret name).
    public var id: String
    /// When it became valid, as the platform states it.
    public var createdAt: Timestamp?
    /// When the platform will stop accepting it; nil when unknown or never.
    public var expiresAt: Timestamp?
    /// True when the platform says it never expires (GCP `9999-12-31T23:59:59Z`, a
    /// Kubernetes legacy token).
    public var neverExpires = false
    /// True when `expiresAt` is an inactivity window that moves with each use (Okta).
    public var expiryMoves = false
    /// True when the platform says it is disabled, revoked, invalid or expired.
    public var disabled = false
    /// When it was last used, as far as the export knows.
    public var lastUsedAt: Timestamp?
    /// Where in the export it came from (`value[2].passwordCredentials[0]`).
    public var source: String

    /// True when the platform would still accept it at `now`.
    public func isLive(at now: Timestamp) -> Bool {
        !disabled && (neverExpires || expiresAt.map { $0 > now } ?? true)
    }
}

/// A parsed export: its records and which platforms it covers.
///
/// `platforms` matters for reconciliation: a declared identity on a covered platform that
/// is absent from `records` is missing; one on an uncovered platform is simply not observed.
public struct Inventory: Sendable {
    /// The file name the export was read from, as given to the reader.
    public let file: String
    /// The format it was read as.
    public let format: InventoryFormat
    /// The observed objects, in file order.
    public let records: [ObservedRecord]
    /// Platforms this export covers: `aws` for a credential report, `github` for
    /// installations, the distinct record platforms for generic JSON.
    public let platforms: Set<String>

    /// Which objects of those platforms the export lists in full; an object it covers and
    /// does not hold is gone (or never existed).
    public let coverage: InventoryCoverage

    public init(file: String, format: InventoryFormat, records: [ObservedRecord], platforms: Set<String>,
                coverage: InventoryCoverage = .all) {
        self.file = file
        self.format = format
        self.records = records
        self.platforms = platforms
        self.coverage = coverage
    }

    /// True when this export would list the object `binding` names if it existed.
    public func covers(_ binding: Binding) -> Bool {
        guard platforms.contains(binding.platform.lowercased()) else { return false }
        switch coverage {
        case .all: return true
        case .refs(let refs): return refs.contains(binding.ref)
        case .refsWithSlash: return binding.ref.contains("/")
        case .refsWithoutSlash: return !binding.ref.contains("/")
        }
    }
}

/// Which objects of its platforms an export lists in full.
public enum InventoryCoverage: Sendable, Equatable {
    /// Every object of its platforms.
    case all
    /// Only these refs (a GCP keys list names the accounts it covers).
    case refs(Set<String>)
    /// Only refs with a `/` (fine-grained PATs, `LOGIN/TOKEN_NAME`).
    case refsWithSlash
    /// Only refs without a `/` (GitHub App slugs).
    case refsWithoutSlash
}

/// Why an export could not be read: the file, where in it (`row 7`,
/// `row 7, column access_key_1_last_rotated`, `installations[3].app_slug`, `[2].lastUsed`,
/// `line 2:5`; empty for the whole file), and what to do.
/// Printed `FILE: LOCATION: MESSAGE`, or `FILE: MESSAGE` without a location.
public typealias InventoryError = Diagnostic<ExportFile>

extension Diagnostic where Source == ExportFile {
    /// An error at `location`, or about the whole file when `location` is nil.
    public init(file: String, location: String?, message: String) {
        self.init(file: file, location: location ?? "", message: message, rule: nil)
    }
}
