/// Reads GCP service-account keys as `gcloud iam service-accounts keys list
/// --iam-account=SA --format=json` writes them: an array of keys for one account, or an
/// array of several such arrays (one per account, as a loop over accounts collects them).
///
/// Each key: `name` (`projects/P/serviceAccounts/EMAIL/keys/KEYID`), `keyType`,
/// `validAfterTime`, `validBeforeTime` (`9999-12-31T23:59:59Z` means never), `disabled`
/// (absent means false), plus `keyAlgorithm`, `keyOrigin` and whatever else gcloud adds.
/// `SYSTEM_MANAGED` keys are Google's own and ignored. One record per account with at
/// least one `USER_MANAGED` key: platform `gcp`, ref = the account e-mail, one credential
/// per user-managed key. A disabled key is still present (it can be re-enabled) but not
/// live.
///
/// A keys list covers only the accounts it names: an account it does not mention is not
/// "gone", it was simply not listed.
enum GCPServiceAccountKeys {
    /// `9999-12-31T23:59:59Z`: GCP's "no expiry".
    static let never = Timestamp(iso8601: "9999-12-31T23:59:59Z")!

    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        let keys = try ExportList.pagedItems(json, file: file, what: "the gcloud iam service-accounts keys list array")
        var records: [ObservedRecord] = []
        var accounts: Set<String> = []
        for (value, at) in keys {
            let key = try ExportRecord(value, file: file, record: at, what: "a service-account key")
            let name = try key.string("name")
            guard let (email, keyID) = parse(name) else {
                throw key.fail("name", "\(InventoryReader.shown(name)) is not projects/PROJECT/serviceAccounts/EMAIL/keys/KEYID")
            }
            accounts.insert(email)
            let type = try key.string("keyType")
            let disabled = try key.optionalBool("disabled") ?? false
            let after = try key.optionalTime("validAfterTime")
            let before = try key.optionalTime("validBeforeTime")
            try key.checkTypes(.string("keyAlgorithm"), .string("keyOrigin"))
            guard type == "USER_MANAGED" else { continue }
            var r = ObservedRecord(platform: "gcp", ref: email)
            r.source = at
            r.credentials = [ObservedCredential(id: keyID, createdAt: after, expiresAt: before == never ? nil : before,
                                                neverExpires: before == never, disabled: disabled, source: at)]
            records.append(r)
        }
        return Inventory(file: file, format: .gcpServiceAccountKeys, records: ExportList.merged(records), platforms: ["gcp"],
                         coverage: .refs(accounts))
    }

    /// (account e-mail, key id) from `projects/P/serviceAccounts/EMAIL/keys/KEYID`.
    static func parse(_ name: String) -> (String, String)? {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "projects", !parts[1].isEmpty, parts[2] == "serviceAccounts",
              parts[3].contains("@"), parts[4] == "keys", !parts[5].isEmpty else { return nil }
        return (String(parts[3]), String(parts[5]))
    }
}
