/// One commit of a `git log`: its header fields (as the `--format` placeholders asked) and
/// the raw changes git listed for it (none for a merge unless `--diff-merges` asks).
public struct GitLogRecord: Sendable, Equatable {
    public var fields: [String]
    public var changes: [GitChange]
    /// Where the record stands in the log (0 for the first), for error messages.
    public var index: Int

    /// Field `i` read as a time (`%ct`, `%at`: seconds since 1970); an error naming the
    /// commit when git wrote something else.
    public func time(_ i: Int) throws(StoreError) -> Timestamp {
        guard let t = Int64(fields[i]) else {
            throw GitLog.malformed(index, "the time '\(fields[i].prefix(20))' is not a number")
        }
        return Timestamp(seconds: t)
    }
}

/// The one reader of git's log format: `git log -z --raw --no-abbrev --format=<format>`,
/// where each commit starts with a record separator (0x1E) and its header fields are split
/// by 0x1F, then come its raw changes (NUL-separated meta and path). Used by the range walk
/// (`GitRangeLog`), the path-limited file versions and the event provenance.
public enum GitLog {
    /// The `--format` for the placeholders (`["%H", "%ae"]` → `%x1e%H%x1f%ae`).
    public static func format(_ placeholders: [String]) -> String { "%x1e" + placeholders.joined(separator: "%x1f") }

    /// Parses log output whose headers hold `fieldCount` fields (the last keeps any 0x1F of
    /// its own, such as a subject's). A header with another count, or a change line that is
    /// not git's raw form, is an error naming the record, never skipped.
    public static func parse(_ bytes: [UInt8], fieldCount: Int) throws(StoreError) -> [GitLogRecord] {
        var records: [GitLogRecord] = []
        for record in bytes.split(separator: 0x1E) {
            let parts = record.split(separator: 0, omittingEmptySubsequences: false)
            let head = String(decoding: parts[0], as: UTF8.self)
            let fields = head.split(separator: "\u{1F}", maxSplits: fieldCount - 1, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == fieldCount else {
                throw malformed(records.count, "its header has \(fields.count) field(s), expected \(fieldCount): '\(head.prefix(80))'")
            }
            var r = GitLogRecord(fields: fields, changes: [], index: records.count)
            var i = 1
            while i < parts.count {
                var meta = String(decoding: parts[i], as: UTF8.self)
                if meta.hasPrefix("\n") { meta.removeFirst() }
                i += 1
                if meta.isEmpty { continue }
                guard meta.hasPrefix(":"), i < parts.count else { throw malformed(records.count, "a change line is not git's raw form: '\(meta.prefix(80))'") }
                let path = String(decoding: parts[i], as: UTF8.self)
                i += 1
                let colons = meta.prefix { $0 == ":" }.count
                let items = meta.dropFirst(colons).split(separator: " ")
                // One mode and one blob per parent, then the result's, then the status.
                guard items.count == 2 * (colons + 1) + 1, let status = items.last?.first else {
                    throw malformed(records.count, "a change line is not git's raw form: '\(meta.prefix(80))'")
                }
                r.changes.append(GitChange(status: status, oldMode: String(items[0]), newMode: String(items[colons]),
                                           oldBlob: String(items[colons + 1]), newBlob: String(items[2 * colons + 1]), path: path))
            }
            records.append(r)
        }
        return records
    }

    static func malformed(_ index: Int, _ what: String) -> StoreError {
        StoreError(.io, "git log returned an unexpected answer: commit \(index + 1) of the log: \(what); this is a problem of steward or of the git in use (`git --version`): report it with the commit named")
    }
}
