import Foundation
import StewardApp

/// Output formats a command may be asked for.
enum OutputFormat: String {
    case text, json, github, markdown, sarif, html, mermaid, dot
}

/// One parsed command line with its environment: resolves the root, the time, the actor
/// and the output format the same way for every command.
struct Invocation {
    let args: ParsedArguments
    let env: [String: String]
    let cwd: String

    /// The requested output format; `allowed` lists what this command supports.
    func format(allowed: [OutputFormat] = [.text, .json]) throws(InputError) -> OutputFormat {
        let text = args.value("format") ?? "text"
        guard let f = OutputFormat(rawValue: text), allowed.contains(f) else {
            throw InputError("unknown format '\(text)' for '\(args.command)'; expected one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
        }
        return f
    }

    /// The governance root.
    func root() throws -> GovernanceRoot {
        try GovernanceRoot.find(explicit: args.value("root"), cwd: cwd)
    }

    /// `--now`, else `$STEWARD_NOW`, else the system clock; always whole seconds, UTC.
    func now() throws(InputError) -> Timestamp {
        if let text = args.value("now") ?? env["STEWARD_NOW"], !text.isEmpty {
            guard let t = Timestamp(lenient: text) else {
                throw InputError("invalid time '\(text.prefix(40))' (from \(args.value("now") != nil ? "--now" : "STEWARD_NOW")); expected ISO 8601 such as 2026-01-05T09:00:00Z")
            }
            return t
        }
        return Timestamp(seconds: Int64(Date().timeIntervalSince1970))
    }

    /// `--as`, else `$STEWARD_ACTOR`, else `git config user.email`, else an error. The
    /// value is taken as given (only git's trailing newline is dropped) and must be a
    /// plain e-mail address: anything else is a usage error.
    func actor(root: GovernanceRoot) throws(InputError) -> String {
        var found = args.value("as")
        var source = "--as"
        if found == nil, let e = env["STEWARD_ACTOR"], !e.isEmpty { found = e; source = "STEWARD_ACTOR" }
        if found == nil {
            if let out = try? GitCLI.run(["config", "user.email"], root: root), out.status == 0 {
                var text = Substring(out.text)
                while text.last == "\n" || text.last == "\r" { text = text.dropLast() }
                if !text.isEmpty { found = String(text); source = "git config user.email" }
            }
        }
        guard let actor = found else {
            throw InputError("who is acting? pass --as EMAIL, set STEWARD_ACTOR, or set git config user.email")
        }
        try Self.identity(actor, from: source)
        return actor
    }

    /// Refuses an identity given on the command line (or environment) that is not a plain
    /// e-mail address; the message shows the value with invisible characters escaped.
    static func identity(_ value: String, from source: String) throws(InputError) {
        if let p = Identity.problem(value) {
            throw InputError("\(source) '\(Self.visible(value))' is not a plain e-mail address: it \(p)")
        }
    }

    /// An e-mail option (`--business-owner`), checked as an identity; nil when absent.
    func email(_ option: String) throws(InputError) -> String? {
        guard let v = args.value(option) else { return nil }
        try Self.identity(v, from: "--\(option)")
        return v
    }

    /// `value` shortened, with every character outside printable ASCII shown as `\u{…}`.
    static func visible(_ value: String) -> String {
        var out = ""
        for s in value.unicodeScalars.prefix(80) {
            if s.value >= 0x20 && s.value < 0x7F { out.unicodeScalars.append(s) } else { out += "\\u{\(String(s.value, radix: 16, uppercase: true))}" }
        }
        return out
    }

    /// `--wait SECONDS`, default 0.
    func wait() throws(InputError) -> Double {
        guard let text = args.value("wait") else { return 0 }
        guard let v = Double(text), v >= 0, v <= 86_400 else { throw InputError("--wait takes a number of seconds between 0 and 86400") }
        return v
    }

    /// A validated connector id from the positional `ID`.
    func connectorID(_ name: String = "ID") throws(InputError) -> ConnectorID {
        try ConnectorID(args.positional(name) ?? "")
    }

    /// A required option's value, refusing one that is empty or holds only whitespace or
    /// invisible characters (Unicode ones included).
    func required(_ option: String, why: String = "") throws(InputError) -> String {
        guard let v = args.value(option), !BlankText.isBlank(v) else {
            throw InputError("'\(args.command)' needs --\(option)" + (why.isEmpty ? "" : " (\(why))"))
        }
        return v
    }

    /// An optional time option, parsed leniently.
    func time(_ option: String) throws(InputError) -> Timestamp? {
        guard let v = args.value(option) else { return nil }
        guard let t = Timestamp(lenient: v) else { throw InputError("--\(option) '\(v.prefix(40))' is not an ISO 8601 time such as 2026-12-15T00:00:00Z") }
        return t
    }

    /// Bindings given as PLATFORM=REF.
    func bindings(_ option: String) throws(InputError) -> [Binding] {
        var out: [Binding] = []
        for v in args.values(option) {
            guard let eq = v.firstIndex(of: "="), eq != v.startIndex, v.index(after: eq) != v.endIndex else {
                throw InputError("--\(option) takes PLATFORM=REF, e.g. aws=arn:aws:iam::123456789012:user/crm-sync")
            }
            out.append(Binding(platform: String(v[..<eq]), ref: String(v[v.index(after: eq)...])))
        }
        return out
    }

    /// A risk tier option.
    func risk(_ option: String = "risk") throws(InputError) -> Risk? {
        guard let v = args.value(option) else { return nil }
        guard let r = Risk(rawValue: v) else { throw InputError("--\(option) takes low, medium or high") }
        return r
    }
}
