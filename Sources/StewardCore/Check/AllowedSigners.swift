/// Git's SSH allowed-signers format (`principals [options] keytype key [comment]`), read
/// only as far as the gate needs: which lines list a given author. Pure.
public enum AllowedSigners {
    /// The lines of `text` whose principals include `author` exactly (ASCII case ignored),
    /// each rewritten to name only `author`, so git can match the key to no one else.
    /// Wildcard principals never match: a key is tied to one person. An author address
    /// that could not be a plain principal (whitespace, quote, comma, wildcard) matches
    /// nothing.
    public static func lines(for author: String, in text: String) -> String {
        guard !author.isEmpty, !author.contains(where: { $0.isWhitespace || "\",*?!".contains($0) }) else { return "" }
        var out = ""
        for raw in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let line = raw.drop(while: { $0 == " " || $0 == "\t" })
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let (principals, rest) = splitPrincipals(line)
            guard !rest.isEmpty, principals.contains(where: { Identity.same($0, author) }) else { continue }
            out += "\(author) \(rest)\n"
        }
        return out
    }

    /// The principals field (quoted or not, comma-separated) and the rest of the line.
    static func splitPrincipals(_ line: Substring) -> ([String], Substring) {
        var field: Substring
        var rest: Substring
        if line.hasPrefix("\"") {
            let body = line.dropFirst()
            guard let end = body.firstIndex(of: "\"") else { return ([], "") }
            field = body[..<end]
            rest = body[body.index(after: end)...]
        } else {
            let end = line.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? line.endIndex
            field = line[..<end]
            rest = line[end...]
        }
        rest = rest.drop(while: { $0 == " " || $0 == "\t" })
        return (field.split(separator: ",").map(String.init), rest)
    }
}
