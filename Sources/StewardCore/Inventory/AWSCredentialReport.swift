/// Reads the AWS IAM credential report (`aws iam get-credential-report`, base64-decoded),
/// a CSV with exactly the 22 columns AWS emits, in AWS's order.
///
/// One record per IAM user: platform `aws`, ref = the user's ARN, scopes nil (the report
/// does not list policies), createdAt = `user_creation_time`, lastUsedAt = the latest of
/// `password_last_used` and the active keys' `access_key_N_last_used_date`. The credential
/// whose age matters is the OLDEST active access key (by `access_key_N_last_rotated`; a key
/// whose rotation time is unknown is only chosen when no active key has a known one):
/// credentialId = `<arn>#access_key_N`, credentialCreatedAt = its `last_rotated`; both nil
/// when no key is active. Inactive keys count for nothing, usage included.
///
/// The `<root_account>` row is emitted (ref = its ARN) only when it has an active access
/// key — root access keys are a finding of their own — and skipped otherwise: the root
/// user is not a non-human identity to govern.
///
/// `N/A`, `no_information`, `not_supported` and empty cells mean "unknown" (nil). Dates
/// are ISO 8601 (AWS writes `2024-01-15T10:20:30+00:00`). Blank lines are skipped; "row N"
/// in errors is the CSV record number, the header being row 1.
enum AWSCredentialReport {
    static let columns = [
        "user", "arn", "user_creation_time", "password_enabled", "password_last_used",
        "password_last_changed", "password_next_rotation", "mfa_active",
        "access_key_1_active", "access_key_1_last_rotated", "access_key_1_last_used_date",
        "access_key_1_last_used_region", "access_key_1_last_used_service",
        "access_key_2_active", "access_key_2_last_rotated", "access_key_2_last_used_date",
        "access_key_2_last_used_region", "access_key_2_last_used_service",
        "cert_1_active", "cert_1_last_rotated", "cert_2_active", "cert_2_last_rotated",
    ]
    static let rootUser = "<root_account>"
    private static let unknown: Set<String> = ["N/A", "no_information", "not_supported", ""]
    private static let dateColumns: Set<String> = [
        "user_creation_time", "password_last_used", "password_last_changed", "password_next_rotation",
        "access_key_1_last_rotated", "access_key_1_last_used_date", "access_key_2_last_rotated",
        "access_key_2_last_used_date", "cert_1_last_rotated", "cert_2_last_rotated",
    ]
    private static let boolColumns: Set<String> = [
        "password_enabled", "mfa_active", "access_key_1_active", "access_key_2_active", "cert_1_active", "cert_2_active",
    ]

    static func read(_ bytes: [UInt8], file: String) throws(InventoryError) -> Inventory {
        let rows: [[String]]
        do {
            rows = try CSV.parse(bytes)
        } catch {
            throw InventoryError(file: file, location: "row \(error.record) (line \(error.line))", message: error.message)
        }
        guard let header = rows.first else {
            throw InventoryError(file: file, location: nil, message: "the file is empty; expected an AWS credential "
                + "report starting with the header \"user,arn,user_creation_time,…\"")
        }
        try checkHeader(header, file: file)
        var records: [ObservedRecord] = []
        for (index, fields) in rows.enumerated().dropFirst() where fields != [""] {
            if var record = try readRow(Row(fields: fields, number: index + 1, file: file)) {
                record.source = "row \(index + 1)"
                records.append(record)
            }
        }
        return Inventory(file: file, format: .awsCredentialReport, records: records, platforms: ["aws"])
    }

    private static func checkHeader(_ header: [String], file: String) throws(InventoryError) {
        func fail(_ column: Int, _ message: String) -> InventoryError {
            InventoryError(file: file, location: "row 1, column \(column)", message: message
                + "; an AWS credential report has exactly these 22 columns: " + columns.joined(separator: ","))
        }
        for (k, expected) in columns.enumerated() {
            guard k < header.count else {
                throw fail(k + 1, "column \(k + 1) \"\(expected)\" is missing (the header has \(header.count) columns)")
            }
            let got = header[k]
            guard got == expected else {
                let hint = header.contains(expected) ? " (the columns are out of order)" : ""
                throw fail(k + 1, "column \(k + 1) is \(InventoryReader.shown(got)), expected \"\(expected)\"" + hint)
            }
        }
        if header.count > columns.count {
            throw fail(columns.count + 1, "unexpected extra column \(columns.count + 1) "
                + InventoryReader.shown(header[columns.count]))
        }
    }

    /// One data row, with typed access to its cells by column name.
    private struct Row {
        let fields: [String]
        let number: Int
        let file: String

        func fail(_ column: String?, _ message: String) -> InventoryError {
            InventoryError(file: file, location: "row \(number)" + (column.map { ", column \($0)" } ?? ""), message: message)
        }

        /// The cell, or nil when it says "unknown".
        func text(_ column: String) -> String? {
            guard let k = AWSCredentialReport.columns.firstIndex(of: column) else { return nil }
            let v = fields[k]
            return AWSCredentialReport.unknown.contains(v) ? nil : v
        }

        func date(_ column: String) throws(InventoryError) -> Timestamp? {
            guard let v = text(column) else { return nil }
            guard let t = Timestamp(lenient: v) else {
                throw fail(column, "\(InventoryReader.shown(v)) is not a date; expected ISO 8601 like "
                    + "2024-01-15T10:20:30+00:00, or N/A / no_information / not_supported when unknown")
            }
            return t
        }

        func bool(_ column: String) throws(InventoryError) -> Bool? {
            guard let v = text(column) else { return nil }
            switch v.lowercased() {
            case "true": return true
            case "false": return false
            default: throw fail(column, "\(InventoryReader.shown(v)) is not true or false")
            }
        }
    }

    private static func readRow(_ row: Row) throws(InventoryError) -> ObservedRecord? {
        guard row.fields.count == columns.count else {
            throw row.fail(nil, "has \(row.fields.count) fields, expected the report's \(columns.count); "
                + "a field containing a comma must be quoted")
        }
        guard let user = row.text("user") else { throw row.fail("user", "the user name is empty") }
        guard let arn = row.text("arn"), arn.hasPrefix("arn:") else {
            throw row.fail("arn", "expected the user's ARN (arn:aws:iam::ACCOUNT:user/NAME), got "
                + InventoryReader.shown(row.fields[1]))
        }
        // Validate every date and boolean cell, used or not: a malformed report is refused whole.
        var dates: [String: Timestamp] = [:]
        for column in columns {
            if dateColumns.contains(column), let t = try row.date(column) { dates[column] = t }
            if boolColumns.contains(column) { _ = try row.bool(column) }
        }

        var lastUsed = dates["password_last_used"]
        var oldest: (key: Int, rotated: Timestamp?)?
        for key in 1...2 {
            guard try row.bool("access_key_\(key)_active") == true else { continue }
            if let used = dates["access_key_\(key)_last_used_date"], lastUsed.map({ used > $0 }) ?? true {
                lastUsed = used
            }
            let rotated = dates["access_key_\(key)_last_rotated"]
            if let current = oldest {
                if let r = rotated, current.rotated.map({ r < $0 }) ?? true { oldest = (key, r) }
            } else {
                oldest = (key, rotated)
            }
        }
        if user == rootUser, oldest == nil { return nil }
        return ObservedRecord(platform: "aws", ref: arn, scopes: nil, createdAt: dates["user_creation_time"],
                              lastUsedAt: lastUsed, credentialId: oldest.map { "\(arn)#access_key_\($0.key)" },
                              credentialCreatedAt: oldest?.rotated)
    }
}
