
/// One credential-looking token found in a document: where it sits and what it looks like.
///
/// The matched text itself is never kept, so a report built from matches cannot echo the
/// leak. When an object key is itself a credential, `path` names that key in redacted form
/// (`spec.[REDACTED aws-access-key-id]`).
public struct SecretMatch: Sendable, Equatable {
    /// Field path of the string or key, like `spec.purpose` or `history[2].note`.
    public let path: String
    /// What the token looks like, e.g. `aws-access-key-id` (see `SecretScanner` for the list).
    public let kind: String
}

/// Finds credentials in text that must only hold references (`vault://…`).
///
/// Kinds reported, each found at any position of the text, glued to other text or not:
/// - `aws-access-key-id`: `AKIA`/`ASIA` + 16 or more of `[A-Z0-9]`
/// - `github-token`: `ghp_`/`gho_`/`ghs_`/`ghu_`/`ghr_` + 36 or more of `[A-Za-z0-9]`
/// - `github-fine-grained-token`: `github_pat_` + 22 or more of `[A-Za-z0-9_]`
/// - `slack-token`: `xoxa-`/`xoxb-`/`xoxp-`/`xoxo-`/`xoxs-`/`xoxr-` + 10 or more of
///   `[A-Za-z0-9-]` including a digit
/// - `stripe-secret-key`: `sk_live_`/`rk_live_` + 16 or more of `[A-Za-z0-9]`
/// - `private-key`: a PEM `-----BEGIN … PRIVATE KEY-----` block, through its `-----END …-----`
///   line (or the end of the text when that is missing)
/// - `vault-token`: `hvs.`/`hvb.` + 20 or more of `[A-Za-z0-9_-]`
/// - `google-api-key`: `AIza` + exactly 35 of `[A-Za-z0-9_-]`
/// - `jwt`: `eyJ….eyJ….signature` (base64url segments)
/// - `url-password`: the password of a URL's `user:password@` userinfo (any scheme; a
///   password of only `*` is a redaction, not a secret)
/// - `url-credential-parameter`: the value (8 or more characters) of a URL query
///   parameter named like a credential (`token`, `access_token`, `api_key`, `secret`,
///   `password`, `sig`, … see `credentialNames`)
/// - `high-entropy-string`: a run of 32 or more of `[A-Za-z0-9+/=_-]` that mixes upper case,
///   lower case and digits and has a Shannon entropy of at least 4.0 bits per character,
///   unless it looks like an identifier rather than random bytes:
///   mostly lower-case words (over half its characters in lower-case runs of 3 or more);
///   a path (a `/` together with `-`, `_`, a leading `/`, an empty segment or a lower-case
///   word segment like `/api/`); dash-separated parts (2 or more `-`/`_`, every part under
///   16 characters, and case changes between under 30% of adjacent letters: UUIDs,
///   CloudFormation names); an SSH public key blob (`AAAAB3NzaC1…`). Inside a URL
///   (`scheme://…`) or an `arn:` word, each `/`- or `=`-separated piece is judged on its
///   own, and URL pieces (path segments, query values: where webhook tokens live) need
///   only 20 characters and 3.7 bits per character.
///
/// Deliberately not flagged: lower-case hex digests, UUIDs, ordinary ARNs, `vault://`
/// references, URLs without a credential in them, e-mail addresses, ISO timestamps,
/// sentences and slugs.
public enum SecretScanner {
    /// The kind of the first credential-looking token in `text`, or nil when there is none.
    public static func kind(of text: String) -> String? {
        // The shortest token any rule matches (a Slack token) is 15 bytes.
        if text.utf8.count < minimumTokenLength { return nil }
        return findings(Array(text.utf8)).first?.kind
    }

    /// No rule matches text shorter than this, so it is not examined.
    static let minimumTokenLength = 15

    /// Walks every string and every object key under `value` (keys in sorted order) and
    /// reports one match per string or key that holds a credential, naming the kind of its
    /// first token. The values of keys named in `skipping` (e.g. `["hash", "prev"]`, which
    /// hold SHA-256 chain hex) are not scanned; their key names still are.
    public static func scan(_ value: JSONValue, path: String = "", skipping: Set<String> = []) -> [SecretMatch] {
        var out: [SecretMatch] = []
        walk(value, path: path, skipping: skipping, into: &out)
        return out
    }

    /// `text` with each credential-looking token replaced by `[REDACTED <kind>]`.
    public static func redact(_ text: String) -> String {
        let b = Array(text.utf8)
        let found = findings(b)
        if found.isEmpty { return text }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var last = 0
        for f in found {
            out += b[last..<f.start]
            out += Array("[REDACTED \(f.kind)]".utf8)
            last = f.end
        }
        out += b[last...]
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: - Walking

    /// Walks the value keeping the path as components; the path text is only built for a match.
    private static func walk(_ value: JSONValue, path: String, skipping: Set<String>, into out: inout [SecretMatch]) {
        var components: [String] = path.isEmpty ? [] : [path]
        walk(value, components: &components, skipping: skipping, into: &out)
    }

    static func walk(_ value: JSONValue, components: inout [String], skipping: Set<String>, into out: inout [SecretMatch]) {
        switch value {
        case .string(let s):
            if let k = kind(of: s) { out.append(SecretMatch(path: joined(components), kind: k)) }
        case .array(let items):
            for (i, item) in items.enumerated() {
                switch item {
                case .null, .bool, .int, .number: continue
                case .string(let s) where s.utf8.count < minimumTokenLength: continue
                default: break
                }
                components.append("[\(i)]")
                walk(item, components: &components, skipping: skipping, into: &out)
                components.removeLast()
            }
        case .object(let members):
            for key in members.keys.sorted() {
                let keyKind = kind(of: key)
                components.append(keyKind == nil ? "." + key : "." + redact(key))
                if let k = keyKind { out.append(SecretMatch(path: joined(components), kind: k)) }
                if !skipping.contains(key), let member = members[key] {
                    walk(member, components: &components, skipping: skipping, into: &out)
                }
                components.removeLast()
            }
        case .null, .bool, .int, .number:
            break
        }
    }

    /// `spec.bindings[0].ref` from its components (`spec`, `.bindings`, `[0]`, `.ref`).
    static func joined(_ components: [String]) -> String {
        var s = components.joined()
        if s.hasPrefix(".") { s.removeFirst() }
        return s
    }

    // MARK: - Matching

    struct Finding: Equatable {
        var start: Int
        var end: Int
        var kind: String
    }

    /// The findings of `b` as it stands (see `findings`).
    static func visibleFindings(_ b: [UInt8]) -> [Finding] {
        var specific: [Finding] = []
        var i = 0
        while i < b.count {
            if prefixStarts[Int(b[i])], let f = prefixed(b, at: i) {
                specific.append(f)
                i = f.end
            } else {
                i += 1
            }
        }
        var all = specific
        var next = 0  // index into `specific` of the first finding not yet behind the cursor
        var inURL = false, inARN = false  // a `scheme://` or `arn:` seen in the current word
        i = 0
        while i < b.count {
            guard isRunByte(b[i]) else {
                if b[i] == 32 || b[i] == 9 || b[i] == 10 || b[i] == 13 { inURL = false; inARN = false }
                if b[i] == UInt8(ascii: ":") {
                    if has(b, i, "://") {
                        inURL = true
                        if let f = userinfoPassword(b, authority: i + 3) { all.append(f) }
                    }
                    if i >= 3, has(b, i - 3, "arn:"), i == 3 || !isAlnum(b[i - 4]) { inARN = true }
                }
                i += 1
                continue
            }
            var j = i
            while j < b.count, isRunByte(b[j]) { j += 1 }
            var pieces: [(Int, Int)] = [(i, j)]
            if inURL || inARN {
                pieces = []
                var a = i
                for k in i...j where k == j || b[k] == UInt8(ascii: "/") || b[k] == UInt8(ascii: "=") {
                    if k > a { pieces.append((a, k)) }
                    if inURL, k < j, b[k] == UInt8(ascii: "="), k > a, isCredentialName(b, a, k) {
                        var e = k + 1
                        while e < j, b[e] != UInt8(ascii: "/") { e += 1 }
                        if e - (k + 1) >= 8 { all.append(Finding(start: k + 1, end: e, kind: "url-credential-parameter")) }
                    }
                    a = k + 1
                }
            }
            for (ps, pe) in pieces {
                var s = ps
                while next < specific.count, specific[next].end <= ps { next += 1 }
                var k = next
                func judge(_ x: Int, _ y: Int) {
                    if let f = highEntropy(b, x, y) ?? (inURL ? highEntropy(b, x, y, minLength: 20, minEntropy: 3.7) : nil) {
                        all.append(f)
                    }
                }
                while k < specific.count, specific[k].start < pe {
                    if specific[k].start > s { judge(s, specific[k].start) }
                    s = max(s, specific[k].end)
                    k += 1
                }
                if s < pe { judge(s, pe) }
            }
            i = j
        }
        if all.count == specific.count { return all }
        var out: [Finding] = []
        for f in all.sorted(by: { ($0.start, $1.end) < ($1.start, $0.end) }) where out.last.map({ f.start >= $0.end }) ?? true {
            out.append(f)
        }
        return out
    }

    /// The bytes a fixed-prefix kind can start with (`A`, `g`, `x`, `s`, `r`, `h`, `e`, `-`).
    private static let prefixStarts: [Bool] = (0..<256).map { "Agxsrhe-".utf8.contains(UInt8($0)) }

    private static func prefixed(_ b: [UInt8], at i: Int) -> Finding? {
        func hit(_ end: Int, _ kind: String) -> Finding { Finding(start: i, end: end, kind: kind) }
        switch b[i] {
        case UInt8(ascii: "A"):
            if has(b, i, "AKIA") || has(b, i, "ASIA") {
                let e = span(b, i + 4, isUpperOrDigit)
                if e - (i + 4) >= 16 { return hit(e, "aws-access-key-id") }
            }
            if has(b, i, "AIza") {
                let e = span(b, i + 4, isURLSafe)
                if e - (i + 4) == 35 { return hit(e, "google-api-key") }
            }
        case UInt8(ascii: "g"):
            if i + 4 <= b.count, has(b, i, "gh"), "pousr".utf8.contains(b[i + 2]), b[i + 3] == UInt8(ascii: "_") {
                let e = span(b, i + 4, isAlnum)
                if e - (i + 4) >= 36 { return hit(e, "github-token") }
            }
            if has(b, i, "github_pat_") {
                let e = span(b, i + 11) { isAlnum($0) || $0 == UInt8(ascii: "_") }
                if e - (i + 11) >= 22 { return hit(e, "github-fine-grained-token") }
            }
        case UInt8(ascii: "x"):
            if i + 5 <= b.count, has(b, i, "xox"), "abposr".utf8.contains(b[i + 3]), b[i + 4] == UInt8(ascii: "-") {
                let e = span(b, i + 5) { isAlnum($0) || $0 == UInt8(ascii: "-") }
                if e - (i + 5) >= 10, b[(i + 5)..<e].contains(where: isDigit) { return hit(e, "slack-token") }
            }
        case UInt8(ascii: "s"), UInt8(ascii: "r"):
            if has(b, i, "sk_live_") || has(b, i, "rk_live_") {
                let e = span(b, i + 8, isAlnum)
                if e - (i + 8) >= 16 { return hit(e, "stripe-secret-key") }
            }
        case UInt8(ascii: "h"):
            if has(b, i, "hvs.") || has(b, i, "hvb.") {
                let e = span(b, i + 4, isURLSafe)
                if e - (i + 4) >= 20 { return hit(e, "vault-token") }
            }
        case UInt8(ascii: "e"):
            if let e = jwtEnd(b, i) { return hit(e, "jwt") }
        case UInt8(ascii: "-"):
            if let e = pemEnd(b, i) { return hit(e, "private-key") }
        default:
            break
        }
        return nil
    }

    /// End of `eyJ<header>.eyJ<payload>.<signature>` starting at `i`, or nil.
    private static func jwtEnd(_ b: [UInt8], _ i: Int) -> Int? {
        guard has(b, i, "eyJ") else { return nil }
        let e1 = span(b, i, isURLSafe)
        guard e1 - i >= 8, e1 < b.count, b[e1] == UInt8(ascii: "."), has(b, e1 + 1, "eyJ") else { return nil }
        let e2 = span(b, e1 + 1, isURLSafe)
        guard e2 - (e1 + 1) >= 8, e2 < b.count, b[e2] == UInt8(ascii: ".") else { return nil }
        return span(b, e2 + 1, isURLSafe)
    }

    /// End of a PEM private-key block starting at `i` (through the `-----END …-----` line,
    /// or the end of the text when the block is cut short), or nil.
    private static func pemEnd(_ b: [UInt8], _ i: Int) -> Int? {
        guard has(b, i, "-----BEGIN ") else { return nil }
        let e = span(b, i + 11) { isUpperOrDigit($0) || $0 == 32 }
        guard e - (i + 11) <= 40, has(b, e, "-----") else { return nil }
        let label = String(decoding: b[(i + 11)..<e], as: UTF8.self)
        guard label.hasSuffix("PRIVATE KEY") else { return nil }
        guard let end = find(b, "-----END ", from: e + 5) else { return b.count }
        guard let close = find(b, "-----", from: end + 9) else { return b.count }
        return close + 5
    }

    private static func highEntropy(_ b: [UInt8], _ s: Int, _ e: Int, minLength: Int = 32, minEntropy: Double = 4.0) -> Finding? {
        let n = e - s
        guard n >= minLength, !has(b, s, "AAAAB3NzaC1"), !has(b, s, "AAAAC3NzaC1"), !has(b, s, "AAAAE2VjZHNh") else { return nil }
        var counts = [Int](repeating: 0, count: 128)
        var upper = false, lower = false, digit = false, slash = false
        var wordy = 0, lowerRun = 0  // characters in lower-case runs of 3 or more; the current run
        var separators = 0, part = 0, longestPart = 0
        var letterPairs = 0, caseChanges = 0, previousUpper: Bool?
        for k in s..<e {
            let c = b[k]
            counts[Int(c)] += 1
            let isLower = c >= 97 && c <= 122, isUpper = c >= 65 && c <= 90
            if isLower { lower = true; lowerRun += 1 } else {
                if lowerRun >= 3 { wordy += lowerRun }
                lowerRun = 0
            }
            if isUpper { upper = true } else if isDigit(c) { digit = true } else if c == UInt8(ascii: "/") { slash = true }
            if c == UInt8(ascii: "-") || c == UInt8(ascii: "_") {
                separators += 1
                longestPart = max(longestPart, part)
                part = 0
            } else {
                part += 1
            }
            if isLower || isUpper {
                if let p = previousUpper { letterPairs += 1; if p != isUpper { caseChanges += 1 } }
                previousUpper = isUpper
            } else {
                previousUpper = nil
            }
        }
        if lowerRun >= 3 { wordy += lowerRun }
        longestPart = max(longestPart, part)
        guard upper, lower, digit, wordy * 2 <= n else { return nil }
        if slash, separators > 0 || b[s] == UInt8(ascii: "/") || hasWordSegment(b, s, e) { return nil }
        if separators >= 2, longestPart < 16, caseChanges * 10 < letterPairs * 3 { return nil }
        var entropy = 0.0
        for c in counts where c > 0 {
            let p = Double(c) / Double(n)
            entropy -= p * log2(p)
        }
        return entropy >= minEntropy ? Finding(start: s, end: e, kind: "high-entropy-string") : nil
    }

    /// True when a `/`-separated segment of `b[s..<e]` is empty (`//`) or a lower-case word
    /// of 3 or more letters (`com`, `api`, `repos`): a path, not base64.
    private static func hasWordSegment(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        var start = s
        for k in s...e where k == e || b[k] == UInt8(ascii: "/") {
            let n = k - start
            if n == 0 && k < e { return true }
            if n >= 3, b[start..<k].allSatisfy({ $0 >= 97 && $0 <= 122 }) { return true }
            start = k + 1
        }
        return false
    }

    // MARK: - Byte helpers

    private static func has(_ b: [UInt8], _ i: Int, _ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard i >= 0, i + n <= b.count else { return false }
        return p.withUTF8Buffer { pb in
            for k in 0..<n where b[i + k] != pb[k] { return false }
            return true
        }
    }

    /// First index of `p` in `b` at or after `from`, or nil.
    private static func find(_ b: [UInt8], _ p: StaticString, from: Int) -> Int? {
        var i = from
        while i + p.utf8CodeUnitCount <= b.count {
            if has(b, i, p) { return i }
            i += 1
        }
        return nil
    }

    private static func span(_ b: [UInt8], _ i: Int, _ ok: (UInt8) -> Bool) -> Int {
        var e = i
        while e < b.count, ok(b[e]) { e += 1 }
        return e
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    private static func isUpperOrDigit(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || isDigit(c) }
    private static func isAlnum(_ c: UInt8) -> Bool { isUpperOrDigit(c) || (c >= 97 && c <= 122) }
    private static func isURLSafe(_ c: UInt8) -> Bool { isAlnum(c) || c == UInt8(ascii: "_") || c == UInt8(ascii: "-") }
    private static func isRunByte(_ c: UInt8) -> Bool {
        isURLSafe(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || c == UInt8(ascii: "=")
    }
}
