#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StewardAdapters

struct Generator: Sendable {
    let standard: Workflow
    let temporary: Workflow
    let roles: Roles
    let now: Timestamp
    let seed: UInt64

    /// The connector of index `i`: its file name and bytes.
    func connector(_ i: Int, due: Bool) -> (name: String, bytes: [UInt8]) {
        var rng = Rng(seed: seed, stream: UInt64(i))
        let sys = systems[rng.below(systems.count)]
        let id = "\(sys.name)-\(rng.pick(sys.nouns))-\(decimal(i, width: 6))"
        // The first six connectors take the six states in turn, so that even a tiny estate
        // has every state; after that, states follow a realistic mix.
        let fixed = i < Target.allCases.count
        let isTemporary = fixed ? false : rng.chance(0.10)
        let target: Target = fixed ? Target(rawValue: i)! : Target(rawValue: rng.weighted([7, 5, 46, 7, 5, 30]))!
        let risk: Risk = [Risk.low, .medium, .high][rng.weighted([40, 40, 20])]
        var lastError = ""
        for _ in 0..<200 {
            var attempt = rng
            _ = rng.next()
            do {
                let life = try build(id: id, sys: sys, temporary: isTemporary, risk: risk, due: due, target: target, rng: &attempt)
                if let doc = life.doc, let s = life.state, (3...12).contains(doc.history.count) {
                    if !due && !isTemporary && doc.state != target.stateName {
                        lastError = "ended \(doc.state), not \(target.stateName)"
                        continue
                    }
                    let planned = try RunPlan.plan(doc, state: s, workflow: life.wf, now: now, people: nil, signals: nil,
                                                   file: "State/\(id).json")
                    if (planned != nil) == due {
                        return (name: "\(id).json", bytes: DocumentEncoding.bytes(doc))
                    }
                    lastError = due ? "nothing due at now" : "something due at now (\(s.state ?? ""))"
                } else {
                    lastError = "event count \(life.count)"
                }
            } catch let e as GenerationFailure {
                lastError = e.reason
            } catch {
                lastError = "\(error)"
            }
            if debug { writeStderr("retry \(i) due=\(due): \(lastError) [\(debugTrail)]\n") }
        }
        fail("could not build connector \(i) (\(id)): \(lastError); this is a generator bug", code: 70)
    }

    func build(id: String, sys: SystemProfile, temporary: Bool, risk: Risk, due: Bool, target: Target,
               rng: inout Rng) throws -> Life {
        let wf = temporary ? self.temporary : standard
        var life = Life(id: try ConnectorID(id), wf: wf, roles: roles, now: now)
        let business = person(&rng)
        var technical = person(&rng)
        while technical == business { technical = person(&rng) }
        let approvers = roles.approvers
        let reviewPeriod = (wf.timers.review[risk] ?? .days(90)).seconds
        let rotationPeriod = wf.timers.rotation.seconds
        let grace = wf.timers.reviewGrace.seconds
        let requestExpiry = wf.timers.requestExpiry.seconds
        let lapse = wf.timers.approvalLapse.seconds
        /// When a due connector's timer runs out: within the day before now.
        let dueAt = now - rng.int(0, day - 1)

        // The spec, and how it may change.
        let environment = rng.chance(0.8) ? "production" : rng.pick(["staging", "development"])
        let writes = rng.chance(0.55)
        var scopes = Array(sys.readScopes.shuffled(using: &rng).prefix(Int(rng.int(1, 3))))
        if writes { scopes += sys.writeScopes.shuffled(using: &rng).prefix(Int(rng.int(1, 2))) }
        let purpose = rng.pick(writes ? sys.writePurposes : sys.readPurposes)
        let reaches = Array(sys.reaches.shuffled(using: &rng).prefix(Int(rng.int(0, 2))))
        var bindings: [Binding] = []
        let nBindings = min(sys.platforms.count, rng.chance(0.3) ? 2 : 1)
        for p in sys.platforms.prefix(nBindings) { bindings.append(binding(platform: p, id: id, environment: environment, rng: &rng)) }
        var spec = Spec(system: sys.name, purpose: purpose, kind: rng.pick(sys.kinds), environment: environment, risk: risk,
                        owners: Owners(business: business, technical: technical), scopes: scopes, reaches: reaches,
                        secretRef: "vault://kv/integrations/\(id)", until: nil, bindings: bindings)

        func approvalRound(endingAt t: Timestamp) throws {
            let a = approvers.shuffled(using: &rng)
            if risk == .high {
                let room = t.seconds - life.lastAt.seconds
                try life.human(.approve, actor: a[0], at: t - rng.int(1, max(1, min(3 * day, room - 1))), note: "first approval")
                try life.human(.approve, actor: a[1], at: t, note: rng.pick(["", "second approval", "LGTM, scopes match the purpose"]))
            } else {
                try life.human(.approve, actor: a[0], at: t, note: rng.pick(["", "approved", "scopes match the purpose"]))
            }
        }
        func request(at t: Timestamp) throws {
            if temporary, spec.until == nil { spec.until = t + rng.int(20 * day, 89 * day) }
            let requester = rng.chance(0.8) ? technical : business
            try life.human(.request, actor: requester, at: t, note: rng.pick(["", "needed for \(sys.name) integration", "ticket OPS-\(rng.int(100, 9999))"]),
                           data: ["spec": DocumentEncoding.spec(spec.normalized())])
        }
        /// A non-widening amend (purpose wording, a removed scope, or a lower risk is not offered: kept simple).
        func narrowAmend(at t: Timestamp) throws {
            var n = spec
            if n.scopes.count > 1 && rng.chance(0.5) {
                n.scopes.removeLast()
            } else {
                n.purpose = spec.purpose + rng.pick([" (hourly)", " for the EU entity", " and the US entity", " (v2)"])
            }
            spec = n
            try life.human(.amend, actor: technical, at: t, note: "narrowed / clarified", data: ["spec": DocumentEncoding.spec(n.normalized())])
        }
        /// A widening amend (an added scope) followed by its re-approval.
        func wideningAmend(at t: Timestamp, approveBy deadline: Timestamp) throws {
            var n = spec
            let extra = (sys.readScopes + sys.writeScopes).filter { !n.scopes.contains($0) }
            guard let s = extra.first else { return try narrowAmend(at: t) }
            if !writes && sys.writeScopes.contains(s) { return try narrowAmend(at: t) }
            n.scopes.append(s)
            spec = n
            try life.human(.amend, actor: technical, at: t, note: "needs \(s)", data: ["spec": DocumentEncoding.spec(n.normalized())])
            let stillRequested = life.current == StateName.requested
            if !stillRequested {
                let a = approvers.shuffled(using: &rng)
                let when = min(deadline, t + rng.int(hour, 3 * day))
                try life.human(.approve, actor: a[0], at: when, note: "re-approved after widening")
                if risk == .high && life.state?.reapprovalPending == true {
                    try life.human(.approve, actor: a[1], at: min(deadline, when + rng.int(minute, day)), note: "second re-approval")
                }
            }
        }
        func activate(at t: Timestamp) throws {
            try life.human(.activate, actor: technical, at: t, note: "credential issued",
                           data: ["credentialId": .string("cred-\(id.suffix(6))-1")])
        }
        var rotations = 1
        func rotatePair(at t: Timestamp, confirmBy limit: Timestamp, exactly: Bool = false) throws {
            rotations += 1
            try life.human(.rotate, actor: technical, at: t, data: ["credentialId": .string("cred-\(id.suffix(6))-\(rotations)")])
            let c = exactly ? limit : min(limit, t + rng.int(30 * minute, 3 * day))
            try life.human(.confirmRotation, actor: technical, at: c,
                           data: ["evidence": .string("old key revoked at \(sys.name); change CHG-\(rng.int(1000, 99999))")])
        }
        func recertify(at t: Timestamp) throws {
            let a = approvers.filter { !Identity.same($0, technical) }
            try life.human(.recertify, actor: rng.pick(a), at: t, note: rng.pick(["still needed", "reviewed scopes with the owner", "quarterly review"]))
        }
        /// Requests, approves and activates, ending with activation at `t`.
        func onboard(activatedAt t: Timestamp) throws {
            let approvedAt = t - rng.int(hour, 10 * day)
            let requestedAt = approvedAt - rng.int(4 * hour, 12 * day)
            try request(at: requestedAt)
            if rng.chance(0.2) { try narrowAmend(at: requestedAt + rng.int(10 * minute, (approvedAt.seconds - requestedAt.seconds) / 3)) }
            try approvalRound(endingAt: approvedAt)
            try activate(at: t)
        }
        /// Keeps an active connector in good standing (recertify, rotate) until `stop`;
        /// every obligation falling due before `stop + margin` is met before `stop`.
        func maintain(until stop: Timestamp, budget: Int, rotation handleRotation: Bool = true, lateReviews: Bool = true) throws {
            for _ in 0..<20 {
                guard life.count < budget, let s = life.state,
                      s.state == StateName.active || s.state == StateName.reviewDue else { return }
                let review = s.due.review ?? Timestamp(seconds: Int64.max / 4)
                let rot = handleRotation && !s.taskOpened(kind: "rotate-credential", after: s.rotationArmedSeq)
                    ? (s.due.rotation ?? Timestamp(seconds: Int64.max / 4)) : Timestamp(seconds: Int64.max / 4)
                let next = min(review, rot)
                if next > stop + 2 * day { return }
                if rot <= review {
                    let at = max(life.lastAt + hour, rot - rng.int(day, 12 * day))
                    guard at + 3 * day < stop, life.count + 2 <= budget else { return }
                    try rotatePair(at: at, confirmBy: stop - hour)
                } else {
                    let late = lateReviews && rng.chance(0.25)
                    let at = late ? review + rng.int(2 * day, 11 * day) : max(life.lastAt + hour, review - rng.int(hour, 6 * day))
                    guard at < stop else { return }
                    try recertify(at: at)
                }
                if rng.chance(0.07), life.count + 2 < budget {
                    let t = life.lastAt + rng.int(hour, 5 * day)
                    if t + 4 * day < stop, t < (life.state?.due.review ?? t) - 4 * day {
                        if rng.chance(0.5) { try wideningAmend(at: t, approveBy: stop - hour) } else { try narrowAmend(at: t) }
                    }
                }
            }
        }
        /// How far back an active life may start, for the event budget.
        let span: Int64 = [Risk.low: 300 * day, .medium: 200 * day, .high: 110 * day][risk]!

        if temporary {
            // Temporary windows last at most 90 days from the request (workflow maxWindow).
            let until: Timestamp
            let start: Timestamp
            if due {
                until = rng.chance(0.6) ? dueAt : dueAt + 7 * day  // the window ends, or its notice falls due
                start = until - rng.int(25 * day, 88 * day)
            } else if rng.chance(0.6) {
                start = now - rng.int(10 * day, 70 * day)  // still running, the notice not yet due
                until = max(now + 8 * day, start + rng.int(20 * day, 88 * day))
            } else {
                until = now - rng.int(2 * day, 300 * day)  // ended: decommissioned by the cron
                start = until - rng.int(20 * day, 88 * day)
            }
            spec.until = until
            try request(at: start)
            let stopAt = min(now - hour, until - hour)
            func within(_ lo: Int64, _ hi: Int64) -> Timestamp {
                let room = stopAt.seconds - life.lastAt.seconds
                return life.lastAt + rng.int(min(lo, max(1, room / 4)), max(1, min(hi, room / 2)))
            }
            switch rng.weighted([15, 15, 55, 15]) {
            case 0:  // still requested
                try narrowAmend(at: within(hour, 5 * day))
                try narrowAmend(at: within(hour, 5 * day))
            case 1:  // approved
                try approvalRound(endingAt: within(day, 5 * day))
                if life.count < 3 { try narrowAmend(at: within(hour, 3 * day)) }
            case 2:  // active
                try approvalRound(endingAt: within(day, 5 * day))
                try activate(at: within(hour, 5 * day))
                if rng.chance(0.3) { try narrowAmend(at: within(hour, 5 * day)) }
            default:  // rotated once
                try approvalRound(endingAt: within(day, 5 * day))
                try activate(at: within(hour, 3 * day))
                try rotatePair(at: within(5 * day, 15 * day), confirmBy: stopAt)
            }
            try life.settle()
            return life
        }

        if due {
            let kinds: [DueKind] = [.expire, .lapse, .review, .overdue, .rotation]
            switch kinds[rng.weighted([10, 10, 40, 20, 20])] {
            case .expire:
                let t = dueAt - requestExpiry
                try request(at: t)
                try narrowAmend(at: t + rng.int(hour, 10 * day))
                if risk == .high && rng.chance(0.5) {
                    try life.human(.approve, actor: approvers[rng.below(approvers.count)], at: t + rng.int(11 * day, 20 * day), note: "first approval")
                } else {
                    try narrowAmend(at: t + rng.int(11 * day, 25 * day))
                }
            case .lapse:
                let a = dueAt - lapse
                try request(at: a - rng.int(5 * day, 12 * day))
                if rng.chance(0.5) { try narrowAmend(at: a - 3 * day - rng.int(hour, day)) }
                try approvalRound(endingAt: a)
                if life.count < 3 { try narrowAmend(at: a + rng.int(hour, 5 * day)) }
            case .review:
                let r = dueAt - reviewPeriod
                let act = r - rng.int(0, span)
                try onboard(activatedAt: act)
                try maintain(until: r - day, budget: 11, rotation: true, lateReviews: false)
                if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
                try maintain(until: now - 3 * day, budget: 12, rotation: true, lateReviews: false)
            case .overdue:
                let r = dueAt - grace - reviewPeriod
                let act = r - rng.int(0, span)
                try onboard(activatedAt: act)
                try maintain(until: r - day, budget: 10, rotation: true, lateReviews: false)
                if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
            case .rotation:
                let q = dueAt - rotationPeriod
                if rng.chance(0.5) || risk == .low {
                    try onboard(activatedAt: q)
                } else {
                    try onboard(activatedAt: q - rng.int(20 * day, 80 * day))
                    try maintain(until: q - 4 * day, budget: 8, rotation: false, lateReviews: false)
                    if let s = life.state, s.state == StateName.active || s.state == StateName.reviewDue, life.lastAt < q - 4 * day {
                        try rotatePair(at: q - rng.int(day, 3 * day), confirmBy: q, exactly: true)
                    } else {
                        throw GenerationFailure(reason: "rotation scenario")
                    }
                }
                try maintain(until: now - 2 * day, budget: 12, rotation: false, lateReviews: false)
            case .windowEnd, .expiryNotice:
                break
            }
            try life.settle()
            return life
        }

        switch target {
        case .requested:
            if rng.chance(0.5) {
                let t = now - rng.int(2 * day, 28 * day)
                try request(at: t)
                let gap = (now.seconds - t.seconds - hour) / 3
                try narrowAmend(at: t + rng.int(hour, gap))
                if risk == .high && rng.chance(0.5) {
                    try life.human(.approve, actor: rng.pick(approvers), at: t + gap + rng.int(hour, gap), note: "first approval")
                } else {
                    try narrowAmend(at: t + gap + rng.int(hour, gap))
                }
            } else {
                let a = now - rng.int(16 * day, 42 * day)
                try request(at: a - rng.int(4 * day, 9 * day))
                try approvalRound(endingAt: a)
                try life.settle()  // the approval lapses at the next cron after a + 14d
                if rng.chance(0.5) { try narrowAmend(at: life.lastAt + rng.int(hour, max(hour, (now.seconds - life.lastAt.seconds) / 2))) }
            }
        case .approved:
            let a = now - rng.int(hour, 13 * day)
            let r = a - rng.int(4 * day, 10 * day)
            try request(at: r)
            if risk != .high || rng.chance(0.5) { try narrowAmend(at: r + rng.int(hour, day)) }
            try approvalRound(endingAt: a)
            if life.count < 3 { try narrowAmend(at: a + rng.int(minute, max(minute, (now.seconds - a.seconds) / 2))) }
        case .active:
            let act = now - rng.int(day, span)
            try onboard(activatedAt: act)
            try maintain(until: now - 2 * day, budget: 12)
            if life.current == StateName.reviewDue { try recertify(at: life.lastAt + rng.int(hour, day)) }
        case .reviewDue:
            // The last review reset r: its review fell due between 13 and 2 days ago.
            let r = now - reviewPeriod - rng.int(2 * day, 13 * day)
            try onboard(activatedAt: r - rng.int(0, span))
            try maintain(until: r - day, budget: 10, rotation: true, lateReviews: false)
            if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
        case .rotated:
            let x = now - rng.int(hour, 20 * day)
            try onboard(activatedAt: x - rng.int(2 * day, span))
            try maintain(until: x - day, budget: 10)
            try life.human(.rotate, actor: technical, at: x, data: ["credentialId": .string("cred-\(id.suffix(6))-new")])
        case .decommissioned:
            let end = now - rng.int(2 * day, 500 * day)
            switch rng.weighted([15, 15, 15, 55]) {
            case 0:  // rejected
                let t = end - rng.int(day, 20 * day)
                try request(at: t)
                try narrowAmend(at: t + rng.int(hour, (end.seconds - t.seconds) / 2))
                try life.human(.reject, actor: rng.pick(approvers), at: end,
                               data: ["reason": .string(rng.pick(["duplicate of an existing connector", "use the shared SSO integration instead", "scopes far beyond the purpose"]))])
            case 1:  // request expired at the cron
                let t = end - requestExpiry
                try request(at: t)
                try narrowAmend(at: t + rng.int(hour, 14 * day))
                if rng.chance(0.5) { try narrowAmend(at: t + rng.int(15 * day, 28 * day)) }
            case 2:  // review overdue: fail closed
                let r = end - grace - reviewPeriod
                try onboard(activatedAt: r - rng.int(0, span / 2))
                try maintain(until: r - day, budget: 8, rotation: true, lateReviews: false)
                if life.lastAt < r - hour, life.state?.due.review ?? now > r { try recertify(at: r) }
            default:  // decommissioned by a person, then offboarding tasks closed
                try onboard(activatedAt: end - rng.int(3 * day, span))
                try maintain(until: end - day, budget: 7)
                try life.human(.decommission, actor: rng.chance(0.5) ? business : "security-oncall@northwind.example", at: end,
                               data: ["reason": .string(rng.pick(["integration retired", "replaced by the v2 connector", "vendor contract ended", "owner left; nobody needs it"]))])
            }
            try life.settle()
            // Close some offboarding tasks with evidence, one at a time.
            var t = life.lastAt
            for _ in 0..<rng.below(5) where life.count < 12 {
                guard let task = life.state?.tasks.first(where: { $0.status == .open }) else { break }
                t = t + rng.int(10 * minute, day)
                guard t < now - hour else { break }
                // Removal is verified by an approver who never held the credential.
                let handlers = (life.state?.credentialHandlers ?? []) + [technical]
                let verifier = approvers.first { a in !handlers.contains { Identity.same($0, a) } } ?? technical
                try life.human(.closeTask, actor: task.kind == "verify-removal" ? verifier : technical, at: t,
                               data: ["task": .string(task.id), "evidence": .string("done: \(task.kind) for \(id), ticket OPS-\(rng.int(100, 9999))")])
            }
        }
        try life.settle()
        return life
    }

    func binding(platform: String, id: String, environment: String, rng: inout Rng) -> Binding {
        let prod = environment == "production"
        switch platform {
        case "aws":
            let account = prod ? rng.pick(["123456789012", "210987654321", "555566667777"]) : rng.pick(["444455556666", "888899990000"])
            return Binding(platform: "aws", ref: "arn:aws:iam::\(account):\(rng.chance(0.6) ? "user" : "role")/\(id)")
        case "github":
            return Binding(platform: "github", ref: "northwind-\(id)")
        case "salesforce":
            return Binding(platform: "salesforce", ref: "NW_" + id.replacingDashes())
        default:
            return Binding(platform: platform, ref: "\(platform)/\(id)")
        }
    }
}

extension String {
    func replacingDashes() -> String { String(map { $0 == "-" ? "_" : $0 }) }
}

extension Array {
    func shuffled(using rng: inout Rng) -> [Element] {
        var a = self
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = rng.below(i + 1)
            a.swapAt(i, j)
        }
        return a
    }
}
