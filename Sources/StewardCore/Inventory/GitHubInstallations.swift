/// Reads GitHub's organization installations response (`GET /orgs/{org}/installations`):
/// `{"total_count": N, "installations": [{"id", "app_slug", "permissions", "created_at", …}]}`.
///
/// Also accepts the array of such pages that `gh api --paginate --slurp` writes. Each
/// installation needs `id` (an integer), `app_slug` (a non-empty string) and `permissions`
/// (an object of strings); every other field GitHub returns (account, events, html_url,
/// app_id, target_type, …) is ignored, as this is a third-party API that keeps growing.
///
/// One record per installation: platform `github`, ref = `app_slug`, scopes = the
/// permissions as `name:level`, sorted, createdAt = `created_at`. lastUsedAt is nil:
/// GitHub does not report usage, and `updated_at` is not usage. credentialId is nil.
/// Suspended installations are still observed, since they still exist.
///
/// When `total_count` says there are more installations than the file holds, the file is
/// one page of a paginated response and is refused: the missing installations would
/// otherwise be reported as missing identities.
enum GitHubInstallations {
    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        let f = InventoryJSONFields(file: file)
        var records: [ObservedRecord] = []
        var declared: (count: Int64, path: String)?
        func readPage(_ value: JSONValue, _ prefix: String) throws(InventoryError) {
            guard let page = value.objectValue else {
                throw InventoryError(file: file, location: prefix.isEmpty ? nil : String(prefix.dropLast()),
                                     message: "expected an installations response object "
                                         + "{\"total_count\", \"installations\"}, not \(value.typeDescription)")
            }
            if let total = page["total_count"] {
                guard let n = total.intValue else {
                    throw f.fail(prefix + "total_count", "must be an integer, not \(total.typeDescription)")
                }
                if n > declared?.count ?? -1 { declared = (n, prefix + "total_count") }
            }
            guard let list = page["installations"] else {
                throw f.fail(prefix + "installations", "is required (the array of installations)")
            }
            guard let items = list.arrayValue else {
                throw f.fail(prefix + "installations", "must be an array, not \(list.typeDescription)")
            }
                for (i, item) in items.enumerated() {
                var r = try installation(item, prefix + "installations[\(i)]", f)
                r.source = prefix + "installations[\(i)]"
                records.append(r)
            }
        }
        if let pages = json.arrayValue {
            for (p, page) in pages.enumerated() { try readPage(page, "[\(p)].") }
        } else {
            try readPage(json, "")
        }
        if let declared, declared.count > Int64(records.count) {
            throw f.fail(declared.path, "says \(declared.count) installations but the file holds \(records.count): "
                + "it is one page of a paginated response; fetch every page "
                + "(gh api --paginate --slurp /orgs/ORG/installations) and pass that file")
        }
        return Inventory(file: file, format: .githubInstallations, records: records, platforms: ["github"],
                         coverage: .refsWithoutSlash)
    }

    private static func installation(_ item: JSONValue, _ at: String, _ f: InventoryJSONFields) throws(InventoryError) -> ObservedRecord {
        guard let o = item.objectValue else {
            throw f.fail(at, "must be an installation object, not \(item.typeDescription)")
        }
        guard let id = o["id"], !id.isNull else { throw f.fail(at + ".id", "is required (the installation id)") }
        guard id.intValue != nil else { throw f.fail(at + ".id", "must be an integer, not \(id.typeDescription)") }
        let slug = try f.requiredString(o["app_slug"], at + ".app_slug")
        guard let perms = o["permissions"], !perms.isNull else {
            throw f.fail(at + ".permissions", "is required (an object like {\"contents\": \"read\"})")
        }
        guard let members = perms.objectValue else {
            throw f.fail(at + ".permissions", "must be an object like {\"contents\": \"read\"}, not \(perms.typeDescription)")
        }
        var scopes: [String] = []
        for name in members.keys.sorted() {
            let level = try f.requiredString(members[name], at + ".permissions." + InventoryReader.safeKey(name))
            scopes.append(name + ":" + level)
        }
        return ObservedRecord(platform: "github", ref: slug, scopes: scopes,
                              createdAt: try f.optionalTime(o["created_at"], at + ".created_at"))
    }
}
