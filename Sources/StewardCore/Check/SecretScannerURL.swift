/// The URL-specific rules of the secret scan: credential-named query parameters and
/// passwords in a URL's userinfo. Byte-level and pure, like the rest of `SecretScanner`.
extension SecretScanner {
    /// Query parameter names that say their value is a credential.
    static let credentialNames: Set<String> = [
        "token", "access_token", "accesstoken", "auth", "auth_token", "api_key", "apikey", "api-key",
        "secret", "client_secret", "password", "passwd", "pwd", "sig", "signature", "x-amz-signature",
        "x-amz-security-token", "private_token", "refresh_token", "id_token", "session_token",
    ]

    static func isCredentialName(_ b: [UInt8], _ s: Int, _ e: Int) -> Bool {
        guard e - s <= 24 else { return false }
        let name = String(decoding: b[s..<e].map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        return credentialNames.contains(name)
    }

    /// The password of a URL's `user:password@` userinfo starting at `a` (just after
    /// `://`), as a finding; nil when the authority has no userinfo password.
    static func userinfoPassword(_ b: [UInt8], authority a: Int) -> Finding? {
        var end = a
        while end < b.count, !"/?# \t\r\n".utf8.contains(b[end]) { end += 1 }
        guard let at = b[a..<end].lastIndex(of: UInt8(ascii: "@")),
              let colon = b[a..<at].firstIndex(of: UInt8(ascii: ":")), at > colon + 1 else { return nil }
        let password = b[(colon + 1)..<at]
        guard !password.allSatisfy({ $0 == UInt8(ascii: "*") }) else { return nil }
        return Finding(start: colon + 1, end: at, kind: "url-password")
    }
}
