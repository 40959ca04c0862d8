/// The secret scan of the rules folders: every file under `Workflows/` and `Templates/`
/// is scanned like a connector file, so a credential pasted into a template, a workflow
/// or `roles.json` is caught too. The public keys of `Workflows/allowed_signers` are not
/// secrets: each line's key blob (the field after its key type) is left out, and
/// everything else on the line, comments included, is scanned.
public enum RulesFileScan {
    /// The folders scanned, relative to the governance root.
    public static let folders = ["Workflows", "Templates"]

    /// The secret findings of one rules file. Pure.
    public static func findings(file: String, bytes: [UInt8]) -> [CheckFinding] {
        if file.hasSuffix(".json"), let value = try? JSONFile.parse(bytes: bytes, shown: file) {
            return SecretScanner.scan(value).map { finding(file, where: $0.path.isEmpty ? "the file" : $0.path, kind: $0.kind) }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if file.hasSuffix("/allowed_signers") { lines = lines.map(withoutKeyBlob) }
        var out: [CheckFinding] = []
        for (i, line) in lines.enumerated() {
            if let kind = SecretScanner.kind(of: line) { out.append(finding(file, where: "line \(i + 1)", kind: kind)) }
        }
        return out
    }

    /// An allowed-signers line with the base64 blob after each SSH key type removed.
    static func withoutKeyBlob(_ line: String) -> String {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard !line.hasPrefix("#") else { return line }
        var kept: [Substring] = []
        var skipNext = false
        for f in fields {
            if skipNext { skipNext = false; continue }
            kept.append(f)
            if isKeyType(f) { skipNext = true }
        }
        return kept.joined(separator: " ")
    }

    static func isKeyType(_ f: Substring) -> Bool {
        f.hasPrefix("ssh-") || f.hasPrefix("ecdsa-sha2-") || f.hasPrefix("sk-ssh-") || f.hasPrefix("sk-ecdsa-")
    }

    static func finding(_ file: String, where place: String, kind: String) -> CheckFinding {
        CheckFinding(file: file, rule: "secret-in-file",
                     message: "\(place) looks like a credential (\(kind)); remove it from the file and its git history, rotate the credential, and keep only a reference (vault://…)")
    }
}
