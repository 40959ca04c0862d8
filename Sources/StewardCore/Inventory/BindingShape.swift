/// The platforms whose exports Steward reads, and the shape each gives a binding's ref.
///
/// `new` and `amend` check every binding they add, so a typo is caught at the door rather
/// than surfacing weeks later as an "unmanaged" object and a "missing" binding. Platform
/// names compare without regard to case; any other platform name is free-form and its
/// ref is not checked (the generic export matches it as written).
public enum BindingPlatform: String, Sendable, CaseIterable {
    case aws, github, azure, gcp, okta, kubernetes

    /// A correct ref, for error messages.
    public var example: String {
        switch self {
        case .aws: return "aws=arn:aws:iam::123456789012:user/crm-sync"
        case .github: return "github=octo-org-sync (an App slug) or github=octocat/release-bot (LOGIN/TOKEN_NAME of a fine-grained PAT)"
        case .azure: return "azure=1b4f816e-5eaf-48b9-8613-7923830595ad (the application's appId)"
        case .gcp: return "gcp=crm-sync@my-project.iam.gserviceaccount.com"
        case .okta: return "okta=crm-sync-token (the API token's name)"
        case .kubernetes: return "kubernetes=payments/ledger-sync (NAMESPACE/SERVICEACCOUNT)"
        }
    }
}

/// Checks a binding's ref against its platform's shape.
public enum BindingShape {
    /// nil when `binding` is well formed (or on a free-form platform), else what is wrong,
    /// with an example of the right shape.
    public static func problem(_ binding: Binding) -> String? {
        guard let platform = BindingPlatform(rawValue: binding.platform.lowercased()) else { return nil }
        let ref = binding.ref
        let ok: Bool
        switch platform {
        case .aws: ok = isARN(ref)
        case .github: ok = isGitHubRef(ref)
        case .azure: ok = isGUID(ref)
        case .gcp: ok = isServiceAccountEmail(ref)
        case .okta: ok = !ref.isEmpty && ref.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
        case .kubernetes: ok = isNamespacedName(ref)
        }
        guard !ok else { return nil }
        let what: String
        switch platform {
        case .aws: what = "an ARN"
        case .github: what = "an App slug or LOGIN/TOKEN_NAME"
        case .azure: what = "an application's appId (a GUID)"
        case .gcp: what = "a service account's e-mail (NAME@PROJECT.iam.gserviceaccount.com)"
        case .okta: what = "an API token's name"
        case .kubernetes: what = "NAMESPACE/SERVICEACCOUNT"
        }
        return "binding \(binding.platform)=\(ref.count > 80 ? String(ref.prefix(77)) + "..." : ref) is not \(what); for example \(platform.example)"
    }

    /// `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
    static func isARN(_ s: String) -> Bool {
        let parts = s.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[0] == "arn" && !parts[1].isEmpty && !parts[2].isEmpty && !parts[5].isEmpty
            && !s.contains(where: { $0 == " " || $0.isNewline })
    }

    /// 8-4-4-4-12 hexadecimal digits.
    public static func isGUID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) { if c != UInt8(ascii: "-") { return false } } else if !isHex(c) { return false }
        }
        return true
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
    }

    /// A GitHub login: 1-39 letters, digits or single hyphens, not at either end.
    static func isLogin<S: StringProtocol>(_ s: S) -> Bool {
        !s.isEmpty && s.count <= 39 && s.first != "-" && s.last != "-" && !s.contains("--")
            && s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" }
    }

    /// An App slug, or `LOGIN/TOKEN_NAME`.
    static func isGitHubRef(_ s: String) -> Bool {
        guard let slash = s.firstIndex(of: "/") else {
            return !s.isEmpty && s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
        }
        let name = s[s.index(after: slash)...]
        return isLogin(s[..<slash]) && !name.isEmpty && name.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F }
    }

    /// `NAME@PROJECT.iam.gserviceaccount.com` (or another `*.gserviceaccount.com` domain).
    static func isServiceAccountEmail(_ s: String) -> Bool {
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].hasSuffix(".gserviceaccount.com") else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.@".contains($0)) }
    }

    /// `NAMESPACE/NAME`: a DNS label and a DNS subdomain name, lower case.
    static func isNamespacedName(_ s: String) -> Bool {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        func alnum(_ c: Character) -> Bool { c.isASCII && ((c.isLetter && c.isLowercase) || c.isNumber) }
        func dns(_ p: Substring, dots: Bool, max: Int) -> Bool {
            guard let f = p.first, let l = p.last, p.count <= max else { return false }
            return alnum(f) && alnum(l) && p.allSatisfy { alnum($0) || $0 == "-" || (dots && $0 == ".") }
        }
        return dns(parts[0], dots: false, max: 63) && dns(parts[1], dots: true, max: 253)
    }
}
