/// Reads GitHub fine-grained personal access tokens with access to an organization, as
/// `gh api --paginate /orgs/ORG/personal-access-tokens` writes them: one JSON array (gh
/// merges the pages), or the array of page arrays that `--slurp` writes.
///
/// One record per token: platform `github`, ref = `owner.login/token_name`, scopes = each
/// entry of `permissions.organization` and `permissions.repository` as `name:level`,
/// createdAt = `access_granted_at`, lastUsedAt = `token_last_used_at`, person owner =
/// `owner.login`. Its one credential (id `token_id`, else `id`) expires at
/// `token_expires_at` (null: never) and is not live when `token_expired` is true.
enum GitHubFineGrainedPATs {
    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        let records = try ExportList.pagedRecords(json, file: file, what: "the personal-access-tokens array") { (value, at) throws(InventoryError) in
            try token(value, at, file)
        }
        return Inventory(file: file, format: .githubFineGrainedPATs, records: records, platforms: ["github"],
                         coverage: .refsWithSlash)
    }

    static func token(_ value: JSONValue, _ at: String, _ file: String) throws(InventoryError) -> ObservedRecord {
        let t = try ExportRecord(value, file: file, record: at, what: "a fine-grained personal access token")
        let id = try t.int("id")
        let login = try t.object("owner").string("login")
        let name = try t.string("token_name")
        var scopes: [String] = []
        if let perms = try t.optionalObject("permissions") {
            for group in ["organization", "repository"] {
                for (k, level) in try perms.stringMap(group) { scopes.append(k + ":" + level) }
            }
            try perms.checkTypes(.object("other"))
        }
        let hasTokenID = t.members["token_id"].map { !$0.isNull } ?? false
        let tokenID = hasTokenID ? try t.int("token_id") : id
        let expires = try t.optionalTime("token_expires_at")
        try t.checkTypes(.string("repository_selection"))
        var r = ObservedRecord(platform: "github", ref: login + "/" + name, scopes: scopes.sorted(),
                               createdAt: try t.optionalTime("access_granted_at"),
                               lastUsedAt: try t.optionalTime("token_last_used_at"))
        r.personOwner = login
        r.source = at
        r.credentials = [ObservedCredential(id: "github-pat:\(tokenID)", createdAt: r.createdAt, expiresAt: expires,
                                            neverExpires: expires == nil, disabled: try t.optionalBool("token_expired") ?? false,
                                            lastUsedAt: r.lastUsedAt, source: at)]
        return r
    }
}
