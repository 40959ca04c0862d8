/// Reads Okta API tokens as `GET /api/v1/api-tokens` returns them: a JSON array of
/// tokens, or an array of such pages (Okta pages through a `Link: rel="next"` header, so
/// collect every page).
///
/// One record per token `name`: platform `okta`, createdAt = `created`, person owner =
/// `userId` (an Okta API token always acts as the user who made it). Its credential (id
/// `id`) expires at `expiresAt`, which is an inactivity window: each use pushes it out by
/// `tokenWindow` (an ISO 8601 duration like `P30D`). So the last use is `expiresAt` minus
/// `tokenWindow`, and the expiry gives no "expiring soon" warning; a token past
/// `expiresAt` has expired and is not live.
enum OktaAPITokens {
    static func read(_ json: JSONValue, file: String) throws(InventoryError) -> Inventory {
        let records = try ExportList.pagedRecords(json, file: file, what: "the api-tokens array") { (value, at) throws(InventoryError) in
            try token(value, at, file)
        }
        return Inventory(file: file, format: .oktaAPITokens, records: records, platforms: ["okta"])
    }

    static func token(_ value: JSONValue, _ at: String, _ file: String) throws(InventoryError) -> ObservedRecord {
        let t = try ExportRecord(value, file: file, record: at, what: "an API token")
        let id = try t.string("id")
        let name = try t.string("name")
        let user = try t.string("userId")
        let created = try t.optionalTime("created")
        let expires = try t.optionalTime("expiresAt")
        try t.checkTypes(.time("lastUpdated"), .string("clientName"), .object("network"))
        var lastUsed: Timestamp?
        if let text = try t.optionalString("tokenWindow") {
            guard let window = isoDuration(text) else {
                throw t.fail("tokenWindow", "\(InventoryReader.shown(text)) is not an ISO 8601 duration like P30D")
            }
            lastUsed = expires.map { $0.subtracting(window) }
        }
        var r = ObservedRecord(platform: "okta", ref: name, createdAt: created, lastUsedAt: lastUsed)
        r.personOwner = user
        r.source = at
        r.credentials = [ObservedCredential(id: "okta-token:" + id, createdAt: created, expiresAt: expires, expiryMoves: true,
                                            lastUsedAt: lastUsed, source: at)]
        return r
    }

    /// `PnDTnHnMnS` (weeks `PnW` too); nil for years, months or anything else.
    static func isoDuration(_ text: String) -> Duration? {
        var b = Array(text.utf8)
        guard b.first == UInt8(ascii: "P"), b.count >= 3 else { return nil }
        b.removeFirst()
        var seconds: Int64 = 0
        var number: Int64? = nil
        var inTime = false
        var any = false
        for c in b {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let n = (number ?? 0) * 10 + Int64(c - 48)
                guard n < 1_000_000 else { return nil }
                number = n
            case UInt8(ascii: "T"):
                guard !inTime, number == nil else { return nil }
                inTime = true
            default:
                guard let n = number else { return nil }
                switch (c, inTime) {
                case (UInt8(ascii: "W"), false): seconds += n * 604_800
                case (UInt8(ascii: "D"), false): seconds += n * 86_400
                case (UInt8(ascii: "H"), true): seconds += n * 3600
                case (UInt8(ascii: "M"), true): seconds += n * 60
                case (UInt8(ascii: "S"), true): seconds += n
                default: return nil
                }
                number = nil
                any = true
            }
        }
        guard any, number == nil, seconds > 0 else { return nil }
        return Duration(seconds: seconds)
    }
}
