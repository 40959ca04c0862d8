import Foundation

/// What git says about one commit's signature.
public struct SignatureCheck: Sendable, Equatable {
    /// git's `%G?`: G good, B bad, U good but of unknown validity, N none, E cannot check, …
    public var status: String
    /// git's `%GS`: for SSH, the principal the allowed-signers file lists for the key.
    public var signer: String
    /// Whether the signature verified (and, when signers were given, was made by a key
    /// listed for `author`).
    public var verified: Bool
}

extension GitRepository {
    /// Checks the signature of `commit`. With `allowedSigners` (the bytes of the base
    /// branch's `Workflows/allowed_signers`), git verifies against only the lines that list
    /// the commit's author e-mail, so a key listed for someone else, or listed nowhere,
    /// does not verify. Without it, git's own configuration decides.
    public func checkSignature(_ commit: GitCommit, allowedSigners: [UInt8]?) throws(any Error) -> SignatureCheck {
        var config: [String] = []
        var file: String?
        if let allowedSigners {
            let lines = AllowedSigners.lines(for: commit.authorEmail, in: String(decoding: allowedSigners, as: UTF8.self))
            let path = FileManager.default.temporaryDirectory.appendingPathComponent("steward-signers-\(UUID().uuidString)").path
            guard FileManager.default.createFile(atPath: path, contents: Data(lines.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw StoreError(.io, "cannot write a temporary allowed-signers file in \(FileManager.default.temporaryDirectory.path)")
            }
            file = path
            config = ["-c", "gpg.ssh.allowedSignersFile=\(path)"]
        }
        defer { if let file { try? FileManager.default.removeItem(atPath: file) } }
        let out = try git(config + ["log", "-1", "--format=%G?%x1f%GS", commit.sha])
        guard out.status == 0 else { throw StoreError(.io, "git log failed: \(out.stderr)") }
        let f = out.text.split(separator: "\u{1F}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let status = f.first ?? "N", signer = f.count > 1 ? f[1] : ""
        var verified = status == "G"
        if allowedSigners != nil { verified = verified && Identity.same(signer, commit.authorEmail) }
        return SignatureCheck(status: status, signer: signer, verified: verified)
    }
}
