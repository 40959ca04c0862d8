/// A validated connector id: `^[a-z0-9][a-z0-9-]{0,62}$`. It is the file name under
/// `State/`, so it is checked before any path is built from it.
public struct ConnectorID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The id text.
    public let rawValue: String

    /// Validates `text`; throws an `InputError` that says what the pattern is.
    public init(_ text: String) throws(InputError) {
        guard ConnectorID.isValid(text) else {
            let shown = text.count > 70 ? String(text.prefix(70)) + "…" : text
            throw InputError("invalid connector id '\(shown)': \(ConnectorID.rule)")
        }
        rawValue = text
    }

    /// `text` as an id, or nil when it does not match the pattern (for readers that report
    /// the problem in their own words).
    public init?(checking text: String) {
        guard ConnectorID.isValid(text) else { return nil }
        rawValue = text
    }

    /// What an id must look like, for error messages.
    public static let rule = "an id is 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit"

    /// True when `text` matches the id pattern.
    public static func isValid(_ text: String) -> Bool {
        // Over the UTF-8 bytes in place: this runs once per file of every listing.
        if let valid = text.utf8.withContiguousStorageIfAvailable(isValid(bytes:)) { return valid }
        return isValid(bytes: text.utf8)
    }

    static func isValid<Bytes: Collection<UInt8>>(bytes: Bytes) -> Bool {
        var count = 0
        for c in bytes {
            let ok = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c == 45 && count > 0)
            count += 1
            if !ok || count > 63 { return false }
        }
        return count > 0
    }

    public static func < (a: ConnectorID, b: ConnectorID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { rawValue }
    /// The file name under `State/`.
    public var fileName: String { rawValue + ".json" }
}

extension Sequence where Element == ConnectorID {
    /// The ids as text, joined by `separator` (for messages that list connectors).
    public func joined(separator: String) -> String { map(\.rawValue).joined(separator: separator) }
}
