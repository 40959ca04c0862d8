#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardAdapters

// MARK: - Simulation of one connector's life

struct GenerationFailure: Error { var reason: String }

/// A connector's life replayed through the engine: human actions at chosen times, and the
/// runner's steps at every daily cron slot (T-1d, T-2d, …) where something fell due.
struct Life {
    let id: ConnectorID
    let wf: Workflow
    let roles: Roles
    let now: Timestamp
    var doc: ConnectorDocument?
    var state: LifecycleState?
    /// The last cron slot that has run.
    var lastCron = Timestamp(seconds: Int64.min / 4)

    init(id: ConnectorID, wf: Workflow, roles: Roles, now: Timestamp) {
        self.id = id
        self.wf = wf
        self.roles = roles
        self.now = now
    }

    var count: Int { doc?.history.count ?? 0 }
    var current: String? { state?.state }
    var lastAt: Timestamp { state?.lastAt ?? Timestamp(seconds: 0) }

    /// The first daily cron slot at or after `t` (slots are now - k days).
    func slot(atOrAfter t: Timestamp) -> Timestamp {
        let k = (now.seconds - t.seconds) / day  // floor for t <= now
        return t <= now ? now - k * day : now + ((t.seconds - now.seconds + day - 1) / day) * day
    }

    /// When something might next fall due for the runner (not all of these act).
    func candidates() -> [Timestamp] {
        guard let s = state else { return [] }
        var out: [Timestamp] = []
        let d = s.due
        for t in [d.approval, d.review, d.rotation, d.until] { if let t { out.append(t) } }
        if let r = d.review { out.append(r.adding(wf.timers.reviewGrace)) }
        if let u = d.until, let n = wf.timers.expiryNotice { out.append(u.subtracting(n)) }
        return out
    }

    /// Runs every cron slot before `limit` (exclusive) at which the runner had work.
    mutating func runCrons(before limit: Timestamp) throws {
        let cap = min(limit, now)  // the cron at `now` is the run being benchmarked
        for _ in 0..<64 {
            guard let s = state, let d = doc, s.state != wf.terminal else { return }
            let base = max(lastCron.seconds, s.lastAt?.seconds ?? 0)
            let next = candidates().map { slot(atOrAfter: Timestamp(seconds: max($0.seconds, base))) }
                .filter { $0 > lastCron }.min()
            guard let c = next, c < cap else { return }
            lastCron = c
            if let p = try RunPlan.plan(d, state: s, workflow: wf, now: c, people: nil, signals: nil, file: "State/\(id).json") {
                doc = p.document
                state = p.state
            }
        }
        throw GenerationFailure(reason: "runner loop did not settle")
    }

    /// A human event at `at`, after the crons before it.
    mutating func human(_ event: EventKind, actor: String, at: Timestamp, note: String = "",
                        data: [String: JSONValue] = [:]) throws {
        guard at < now else { throw GenerationFailure(reason: "\(event.rawValue) at or after now") }
        try runCrons(before: at)
        guard at >= lastAt else { throw GenerationFailure(reason: "\(event.rawValue) before the last event") }
        if debug { debugTrail = (doc?.history.map { "\($0.event)@\($0.at)" } ?? []).joined(separator: " ") + " +\(event.rawValue)@\(at) \((data["task"]?.stringValue) ?? "")" }
        let out = try Append.event(event, to: doc, state: state, id: id, actor: actor, at: at, note: note, data: data,
                                   workflow: wf, roles: roles, file: "State/\(id).json")
        doc = out.document
        state = out.state
    }

    /// Runs the crons up to and including now - 1d: the estate as the cron left it.
    mutating func settle() throws { try runCrons(before: now) }
}

// MARK: - Scenarios

let debug = getenv("STEWARD_GEN_DEBUG") != nil
nonisolated(unsafe) var debugTrail = ""  // single-threaded debug runs only

enum Target: Int, CaseIterable {
    case requested, approved, active, reviewDue, rotated, decommissioned

    var stateName: String {
        switch self {
        case .requested: return StateName.requested
        case .approved: return StateName.approved
        case .active: return StateName.active
        case .reviewDue: return StateName.reviewDue
        case .rotated: return StateName.rotated
        case .decommissioned: return StateName.decommissioned
        }
    }
}

enum DueKind: CaseIterable {
    case expire, lapse, review, overdue, rotation, windowEnd, expiryNotice
}
