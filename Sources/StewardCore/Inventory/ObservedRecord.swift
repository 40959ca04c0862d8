/// What a platform really holds, one object, as read from a platform export.
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

    public init(file: String, format: InventoryFormat, records: [ObservedRecord], platforms: Set<String>) {
        self.file = file
        self.format = format
        self.records = records
        self.platforms = platforms
    }
}

/// Why an export could not be read: the file, where in it, and what to do.
public struct InventoryError: Error, Equatable, CustomStringConvertible {
    /// The file name as given to the reader.
    public let file: String
    /// Where in the file: `row 7`, `row 7, column access_key_1_last_rotated`,
    /// `installations[3].app_slug`, `[2].lastUsed`, `line 2:5`; nil for the whole file.
    public let location: String?
    /// What is wrong and how to fix it.
    public let message: String

    public init(file: String, location: String?, message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `FILE: LOCATION: MESSAGE`, or `FILE: MESSAGE` without a location.
    public var description: String {
        if let location { return "\(file): \(location): \(message)" }
        return "\(file): \(message)"
    }
}
