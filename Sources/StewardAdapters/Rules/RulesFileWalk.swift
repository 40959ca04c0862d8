/// Walking the rules folders on disk for the secret scan.
extension RulesFileScan {
    /// Scans every regular file under the rules folders of `root` (links are not followed;
    /// unreadable files are reported by the checks that read them).
    public static func run(_ root: GovernanceRoot) -> [CheckFinding] {
        var out: [CheckFinding] = []
        for folder in folders { walk(root.path + "/" + folder, shown: folder, depth: 0, into: &out) }
        return out
    }

    private static func walk(_ path: String, shown: String, depth: Int, into out: inout [CheckFinding]) {
        guard depth < 8, SafeFile.isDirectory(path), let names = try? SafeFile.list(path, shown: shown) else { return }
        for name in names {
            let p = path + "/" + name, s = shown + "/" + name
            if SafeFile.isDirectory(p) {
                walk(p, shown: s, depth: depth + 1, into: &out)
            } else if let bytes = try? SafeFile.read(p, shown: s) {
                out += findings(file: s, bytes: bytes)
            }
        }
    }
}
