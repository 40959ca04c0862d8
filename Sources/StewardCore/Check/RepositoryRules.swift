/// The rule ids of the gate's repository-level rules (paths, attributes, rules changes,
/// signatures, dates judged by the gate's own clock); `RuleCatalog` holds their advice.
/// - `future-event`: an event dated after NOW + 5 minutes.
/// - `rules-change`: a commit touching Workflows/, Templates/, .gitattributes or .github/
///   not authored (and, with reviews, not approved) by an approver of the base branch.
/// - `path-case`: a path that differs from a governed folder only in letter case.
/// - `gitattributes`: a .gitattributes line that alters how governed files are checked
///   out or diffed.
/// - `signature`: a commit whose signature does not verify, or whose key is not listed
///   for its author.
public enum GateRule: RuleID, Sendable, CaseIterable {
    case futureEvent = "future-event", rulesChange = "rules-change", pathCase = "path-case"
    case gitattributes, signature
}

/// Pure classification of the paths and attribute files a pull request changes.
public enum RepositoryRules {
    /// The folders whose content the gate governs.
    public static let governedFolders = ["State", "Workflows", "Templates"]

    /// True when a change to `path` changes the rules a pull request is judged by:
    /// `Workflows/`, `Templates/`, `.github/`, any `.gitattributes` file, and the other
    /// places GitHub reads a CODEOWNERS file from (which route reviews of the rules).
    public static func isRulesPath(_ path: String) -> Bool {
        path.hasPrefix("Workflows/") || path.hasPrefix("Templates/") || path.hasPrefix(".github/")
            || path == ".gitattributes" || path.hasSuffix("/.gitattributes")
            || path == "CODEOWNERS" || path == "docs/CODEOWNERS"
    }

    /// The governed folder `path`'s first component imitates by differing only in letter
    /// case (`state/x.json` → `State`), or nil.
    public static func caseVariant(of path: String) -> String? {
        let first = String(path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        for folder in governedFolders + [".gitattributes", ".github"] where first != folder && first.asciiLowercased == folder.asciiLowercased {
            return folder
        }
        return nil
    }

    /// Attributes that change a file's bytes at checkout or what a diff shows of it.
    /// `crlf` is git's old name for `text`; `ident` rewrites `$Id$` at checkout. (`merge`
    /// is not here: a merge driver only shapes a merge, and the gate judges the merged
    /// result against the base branch, so a history a driver dropped is still refused.)
    public static let checkoutAttributes: Set<String> = ["filter", "eol", "text", "working-tree-encoding", "diff", "crlf", "ident"]

    /// One offending line of a .gitattributes file.
    public struct AttributeProblem: Sendable, Equatable {
        public var line: Int
        public var pattern: String
        public var attribute: String
    }

    /// The lines of the .gitattributes file at `path` (its directory decides what its
    /// patterns reach) that set, unset, unspecify or give a value to a checkout attribute,
    /// directly or through a macro (`binary`, or one the file defines), on a path that can
    /// lie in a governed folder. A pattern without a directory part applies at any depth,
    /// so it reaches the governed folders too.
    public static func gitattributesProblems(path: String, text: String) -> [AttributeProblem] {
        let dir = path.split(separator: "/").dropLast().map(String.init)
        var macros: [String: Set<String>] = ["binary": ["diff", "text"]]
        var out: [AttributeProblem] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = raw.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let pattern = fields.first, !pattern.hasPrefix("#") else { continue }
            let attrs = fields.dropFirst().map(attributeName)
            if pattern.hasPrefix("[attr]") {
                let name = String(pattern.dropFirst(6))
                macros[name] = Set(attrs.flatMap { a in [a] + (macros[a].map(Array.init) ?? []) }).intersection(checkoutAttributes)
                continue
            }
            guard reachesGoverned(pattern: pattern, directory: dir) else { continue }
            for a in attrs where checkoutAttributes.contains(a) || !(macros[a] ?? []).isEmpty {
                out.append(AttributeProblem(line: i + 1, pattern: pattern, attribute: a))
            }
        }
        return out
    }

    /// `-text`, `!text`, `text=auto` → `text`.
    static func attributeName(_ token: String) -> String {
        var t = Substring(token)
        if t.hasPrefix("-") || t.hasPrefix("!") { t = t.dropFirst() }
        return String(t.split(separator: "=", maxSplits: 1).first ?? "")
    }

    /// Whether `pattern`, read in `directory`, can match a path inside a governed folder.
    static func reachesGoverned(pattern raw: String, directory: [String]) -> Bool {
        // A .gitattributes below the root reaches only its own folder.
        if let top = directory.first { return governedFolders.contains { $0.asciiLowercased == top.asciiLowercased } }
        var p = raw
        if p.hasPrefix("\"") { p = String(p.dropFirst()) }
        let trimmed = p.hasSuffix("/") ? String(p.dropLast()) : p
        guard trimmed.contains("/") else { return true }   // a basename pattern: any depth
        let first = String(trimmed.drop(while: { $0 == "/" }).split(separator: "/").first ?? "")
        return isGovernedOrGlob(first)
    }

    static func isGovernedOrGlob(_ component: String) -> Bool {
        if component.contains(where: { "*?[\\".contains($0) }) { return true }
        return governedFolders.contains { $0.asciiLowercased == component.asciiLowercased }
    }
}
