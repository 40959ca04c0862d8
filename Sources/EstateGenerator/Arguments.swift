#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardAdapters

let usage = """
usage: steward-estate-gen --root DIR --count N --seed S --now T [--due-fraction F] [--quiet]

Writes a governance repository at DIR (Workflows/, Templates/, .gitignore, State/) holding
N connectors whose histories were built through the real lifecycle engine:
  - every state represented, 3 to 12 events each, low/medium/high risk, ~10% temporary;
  - bindings (aws ARNs, github app slugs, salesforce connected apps, …), distinct secretRefs;
  - exactly round(F*N) connectors have a timer due at T (a `steward run --now T` changes
    exactly those), the others have nothing due at T (default F = 0).
A daily cron is assumed to have run at T-1d, T-2d, …: every earlier runner step is in the
histories. The same arguments always give the same bytes. DIR must not hold State/*.json.

"""

func writeStderr(_ text: String) {
    let bytes = Array(text.utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { write(2, $0.baseAddress! + off, bytes.count - off) }
        if n <= 0 { return }
        off += n
    }
}

func fail(_ message: String, code: Int32 = 2) -> Never {
    writeStderr("steward-estate-gen: error: \(message)\n")
    exit(code)
}

// MARK: - Arguments

struct Arguments {
    var root = ""
    var count = -1
    var seed: UInt64 = 0
    var now: Timestamp?
    var dueFraction = 0.0
    var quiet = false

    init(_ argv: [String]) {
        var i = 0
        var seenSeed = false
        func value(_ name: String) -> String {
            i += 1
            guard i < argv.count else { fail("\(name) needs a value\n\n" + usage) }
            return argv[i]
        }
        while i < argv.count {
            let a = argv[i]
            switch a {
            case "--root": root = value(a)
            case "--count":
                guard let n = Int(value(a)), n >= 0, n <= 10_000_000 else { fail("--count takes an integer from 0 to 10000000") }
                count = n
            case "--seed":
                guard let s = UInt64(value(a)) else { fail("--seed takes an unsigned integer") }
                seed = s
                seenSeed = true
            case "--now":
                let t = value(a)
                guard let ts = Timestamp(iso8601: t) else { fail("--now takes a time like 2027-03-01T09:00:00Z, not '\(t)'") }
                now = ts
            case "--due-fraction":
                guard let f = Double(value(a)), f >= 0, f <= 1 else { fail("--due-fraction takes a number from 0 to 1") }
                dueFraction = f
            case "--quiet", "-q": quiet = true
            case "--help", "-h":
                print(usage, terminator: "")
                exit(0)
            default: fail("unknown argument '\(a)'\n\n" + usage)
            }
            i += 1
        }
        if root.isEmpty || count < 0 || !seenSeed || now == nil { fail("--root, --count, --seed and --now are required\n\n" + usage) }
    }
}
