// steward-estate-gen: writes a deterministic synthetic governance repository for
// benchmarks and crash tests. Every connector is built through the real core: each event
// is appended with `Append.event` under the shipped workflows (real guards, real hash
// chains), the runner's own events come from `RunPlan.plan` at the time a daily cron would
// have run, and the files are written with `AtomicWriter`, byte for byte what `steward`
// itself writes. Same arguments → same bytes.
#if canImport(Glibc)
#elseif canImport(Darwin)
#endif

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardAdapters

// MARK: - Main

let args = Arguments(Array(CommandLine.arguments.dropFirst()))
let rootPath = args.root.hasPrefix("/") ? args.root : GovernanceRoot.currentDirectory() + "/" + args.root
let started = monotonic()

func monotonic() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func makeDirectories(_ path: String) {
    var built = ""
    for part in path.split(separator: "/") {
        built += "/" + part
        if mkdir(built, 0o755) != 0 && errno != EEXIST { fail("cannot create \(built): \(errorText(errno))", code: 1) }
    }
}

func writeFile(_ path: String, _ contents: String) {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o644)
    guard fd >= 0 else { fail("cannot write \(path): \(errorText(errno))", code: 1) }
    let bytes = Array(contents.utf8)
    var off = 0
    while off < bytes.count {
        let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + off, bytes.count - off) }
        if n <= 0 { fail("cannot write \(path): \(errorText(errno))", code: 1) }
        off += n
    }
    close(fd)
}

makeDirectories(rootPath + "/State")
if let existing = try? SafeFile.list(rootPath + "/State", shown: "State/"), existing.contains(where: { !$0.hasPrefix(".") }) {
    fail("\(args.root)/State/ already holds connector files; give an empty or new directory", code: 1)
}
for f in DefaultFiles.all {
    let path = rootPath + "/" + f.path
    if let slash = path.lastIndex(of: "/") { makeDirectories(String(path[..<slash])) }
    writeFile(path, f.contents)
}
writeFile(rootPath + "/.gitignore", "# steward: the lock and stray temporary files are never committed\nState/.lock\nState/.*.tmp-*\n")
writeFile(rootPath + "/State/.gitkeep", "")

let root = GovernanceRoot(path: rootPath)
let workflows: WorkflowSet
do { workflows = try WorkflowSet.load(root) } catch { fail("the default workflows do not load: \(error)", code: 70) }
guard let standardWF = workflows.workflows["standard"], let temporaryWF = workflows.workflows["temporary"] else {
    fail("the default workflows lack standard or temporary", code: 70)
}
let generator = Generator(standard: standardWF, temporary: temporaryWF, roles: workflows.roles, now: args.now!, seed: args.seed)

let dueCount = Int((args.dueFraction * Double(args.count)).rounded())
/// Connector i is due when the count of due connectors below i+1 steps up: spreads
/// exactly `dueCount` of them evenly over the indices.
@Sendable func isDue(_ i: Int, count: Int, dueCount: Int) -> Bool {
    guard count > 0 else { return false }
    return (i + 1) * dueCount / count != i * dueCount / count
}
let total = args.count

let writer = AtomicWriter(directory: root.statePath, shown: "State")
let batch = 4096
var start = 0
var bytesWritten = 0
while start < args.count {
    let indices = Array(start..<min(args.count, start + batch))
    let make: @Sendable (Int) -> (name: String, bytes: [UInt8]) = { i in generator.connector(i, due: isDue(i, count: total, dueCount: dueCount)) }
    let files = debug ? indices.map(make) : ParallelMap.map(indices, make)
    do { try writer.write(files) } catch { fail("\(error)", code: 1) }
    bytesWritten += files.reduce(0) { $0 + $1.bytes.count }
    start += batch
}
if !args.quiet {
    let tenths = Int(((monotonic() - started) * 10).rounded())
    writeStderr("steward-estate-gen: wrote \(args.count) connectors (\(dueCount) due at \(args.now!)) to \(args.root)/State, \(bytesWritten / 1024) KiB in \(tenths / 10).\(tenths % 10) s\n")
}
