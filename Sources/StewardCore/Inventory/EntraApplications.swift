/// Reads Entra ID (Azure AD) app registrations: the array `az ad app list --all -o json`
/// writes, or one Microsoft Graph `GET /applications` page (`{"value": [...]}`).
///
/// One record per application: platform `azure`, ref = `appId` (a GUID), createdAt =
/// `createdDateTime`, one credential per entry of `passwordCredentials` (client secrets)
/// and `keyCredentials` (certificates): id `keyId`, valid from `startDateTime` to
/// `endDateTime`. `requiredResourceAccess` is what the app asks for, not what it was
/// granted, so it is not read as scopes (scopes stay unknown).
///
/// A Graph page that still carries `@odata.nextLink` is one page of several: it is
/// refused, since the applications on the missing pages would read as removed. Merge the
/// pages first, or use `az ad app list --all`, which follows the links itself.
enum EntraApplications {
    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        let items: [JSONValue]
        let base: String
        if let page = json.objectValue {
            if let next = page["@odata.nextLink"], !next.isNull {
                throw InventoryError(file: file, location: "@odata.nextLink",
                                     message: "this Graph page is incomplete: more applications follow at its @odata.nextLink; "
                                         + "fetch every page and merge their \"value\" arrays into one file "
                                         + "(or use az ad app list --all -o json), then pass that file")
            }
            guard let value = page["value"] else {
                throw InventoryError(file: file, location: "value", message: "is required: a Graph page holds its applications in \"value\"")
            }
            guard let list = value.arrayValue else {
                throw InventoryError(file: file, location: "value", message: "expected an array of applications, not \(value.typeDescription)")
            }
            (items, base) = (list, "value")
        } else {
            (items, base) = (try ExportList.items(json, file: file, what: "the az ad app list array or a Graph page"), "")
        }
        var records: [ObservedRecord] = []
        records.reserveCapacity(items.count)
        for (i, item) in items.enumerated() {
            let app = try ExportRecord(item, file: file, record: "\(base)[\(i)]", what: "an application")
            records.append(try application(app))
        }
        return Inventory(file: file, format: .entraApplications, records: ExportList.merged(records), platforms: ["azure"])
    }

    static func application(_ app: ExportRecord) throws(InventoryError) -> ObservedRecord {
        let appId = try app.string("appId")
        guard BindingShape.isGUID(appId) else {
            throw app.fail("appId", "\(InventoryReader.shown(appId)) is not a GUID like 1b4f816e-5eaf-48b9-8613-7923830595ad")
        }
        try app.checkTypes(.string("id"), .string("displayName"))
        var r = ObservedRecord(platform: "azure", ref: appId, createdAt: try app.optionalTime("createdDateTime"))
        r.source = app.record
        for field in ["passwordCredentials", "keyCredentials"] {
            for c in try app.objects(field) {
                try c.checkTypes(.string("displayName"), .string("customKeyIdentifier"))
                r.credentials.append(ObservedCredential(id: try c.string("keyId"), createdAt: try c.optionalTime("startDateTime"),
                                                        expiresAt: try c.optionalTime("endDateTime"), source: c.source))
            }
        }
        return r
    }
}
