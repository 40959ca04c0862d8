/// Applies one event to a replay state: checks the event is a legal transition of the
/// workflow from the current state, that its guards hold and its data is well-formed,
/// and returns the target state and the new replay state. Pure: no I/O, no clock.
public enum Transition {
    /// The data keys `event` may carry, in key order (required ones marked true); a list
    /// read without hashing, since it is consulted for every event replayed.
    static func dataKeyList(_ event: EventKind) -> [(key: String, required: Bool)] {
        switch event {
        case .request, .amend: return [("spec", true)]
        case .approve, .recertify: return []
        case .reject, .decommission: return [("reason", true)]
        case .activate: return [("credentialId", false), ("secretRef", false)]
        case .rotate: return [("credentialId", false)]
        case .confirmRotation: return [("evidence", true)]
        case .closeTask: return [("evidence", true), ("task", true)]
        case .expire, .lapse, .reviewDue, .reviewOverdue, .windowEnd: return [("reason", true), ("tasks", false)]
        case .openTask: return [("reason", true), ("tasks", true)]
        }
    }

    /// Applies `event` by `actor` at `at`. `file` names the document in data errors.
    public static func apply(_ s: LifecycleState, event: EventKind, actor: String, at: Timestamp,
                             data: [String: JSONValue], workflow wf: Workflow, roles: Roles?,
                             file: String, decodedSpec: Spec? = nil) throws(RuleViolation) -> (to: String, next: LifecycleState) {
        var n = s
        let to = try apply(to: &n, event: event, actor: actor, at: at, data: data, workflow: wf, roles: roles,
                           file: file, decodedSpec: decodedSpec)
        return (to, n)
    }

    /// Applies `event` to `n` in place and returns the target state. Every check runs before
    /// the first change, so a refused event leaves `n` as it was. Same rules, order and
    /// messages as the copying form, which calls it. `heldSpec`: the event's data also has
    /// a `spec` object, held decoded (`Event.heldSpec`) rather than in `data`.
    static func apply(to n: inout LifecycleState, event: EventKind, actor: String, at: Timestamp,
                      data: [String: JSONValue], heldSpec: Bool = false, workflow wf: Workflow, roles: Roles?,
                      file: String, decodedSpec: consuming Spec? = nil) throws(RuleViolation) -> String {
        let before = n.state
        if before == wf.terminal && event != .closeTask {
            throw RuleViolation(rule: "terminal-state", "\(n.connector) is \(wf.terminal); nothing more may happen to it but closing its tasks")
        }
        try checkData(event, data, heldSpec: heldSpec)
        if let last = n.lastAt, at < last {
            throw RuleViolation(rule: "time-order", "\(event.rawValue) at \(at) is earlier than the last event (\(last)); time may not go backwards")
        }
        // The spec a request or amend carries (nil for every other event, which keeps n.spec).
        let carriesSpec = event == .request || event == .amend
        var carried: Spec?
        if carriesSpec {
            if decodedSpec != nil {
                carried = decodedSpec   // moved: the caller's copy is the state's spec
            } else {
                do { carried = try DocumentDecoding.spec(data["spec"] ?? .null, path: "data.spec", file: file) } catch {
                    throw RuleViolation(rule: error.rule ?? "event-data", "\(event.rawValue): \(error.location): \(error.message)")
                }
            }
            // Whichever way the spec was decoded (the reader's cache or here), its rules apply.
            try SpecRules.check(old: n.spec, new: carried, event: event, at: at)
            if let until = carried?.until, let max = wf.timers.maxWindow, RuleCatalog.level("window-too-long", lints: wf.lints) == .error {
                let start = event == .request ? at : (n.requestedAt ?? at)
                if until.seconds - start.seconds > max.seconds {
                    throw RuleViolation(rule: "window-too-long", "the temporary window would run \(start.days(until: until)) days (from \(start.dateOnly) until \(until.dateOnly)); workflow '\(wf.name)' allows at most \(max)")
                }
            }
        }
        let candidates = wf.transitions(of: event, from: before)
        guard !candidates.isEmpty else {
            let from = before ?? "(none)"
            let legal = wf.transitions.filter { t in (before.map { t.from.contains($0) } ?? t.from.isEmpty) && !t.event.isRunnerEvent }
                .map(\.event.rawValue)
            let list = Array(Set(legal)).sorted().joined(separator: ", ")
            throw RuleViolation(rule: "illegal-transition", "'\(event.rawValue)' is not allowed from state '\(from)' in workflow '\(wf.name)'" + (list.isEmpty ? "" : "; allowed: \(list)"))
        }
        // Decide (checks only, n untouched).
        var target: String?
        var approvalComplete = false
        var closing = 0
        switch event {
        case .approve:
            let needed = (n.spec?.risk ?? .medium).approvalsNeeded
            if before != StateName.requested && !n.reapprovalPending {
                throw RuleViolation(rule: "illegal-transition", "\(n.connector) is \(before ?? "new") and has no pending approval")
            }
            approvalComplete = n.approvals.count + 1 >= needed
            if before == StateName.requested {
                target = approvalComplete ? (candidates.first { $0.to != before }?.to ?? StateName.approved) : before
            } else {
                target = before
            }
        case .closeTask:
            let taskID = data["task"]?.stringValue ?? ""
            guard let i = n.tasks.firstIndex(where: { $0.id == taskID }) else {
                throw RuleViolation(rule: "unknown-task", "\(n.connector) has no task '\(taskID)'")
            }
            guard n.tasks[i].status == .open else {
                throw RuleViolation(rule: "task-closed", "task \(taskID) is already done")
            }
            if n.tasks[i].kind == RemovalVerification.taskKind {
                try RemovalVerification.checkCloser(actor, taskID: taskID, state: n, roles: roles)
            }
            closing = i
        default:
            break
        }
        let to = target ?? candidates[0].to ?? before ?? wf.initial
        guard let chosen = candidates.first(where: { ($0.to ?? before) == to }) else {
            throw RuleViolation(rule: "illegal-transition", "'\(event.rawValue)' from '\(before ?? "(none)")' to '\(to)' is not a transition of workflow '\(wf.name)'")
        }
        try Guards.check(chosen.guards, state: n, event: event, actor: actor, data: data,
                         spec: carriesSpec ? carried : n.spec, roles: roles)
        var runnerTasks: [TaskKind] = []
        if event.isRunnerEvent, let kinds = data["tasks"]?.arrayValue {
            for k in kinds {
                guard let kind = k.stringValue.map(TaskKind.init(rawValue:)), wf.taskKinds[kind] != nil else {
                    let named = k.stringValue.map { "'\($0.prefix(40))'" } ?? "a value that is not a string"
                    throw RuleViolation(rule: "event-data", "\(event.rawValue): data.tasks names \(named), not a task kind of workflow '\(wf.name)' (its kinds: \(wf.taskKinds.keys.sorted().map(\.rawValue).joined(separator: ", ")))")
                }
                runnerTasks.append(kind)
            }
        }
        // Apply (nothing below throws).
        n.seq += 1
        n.lastAt = at
        switch event {
        case .request:
            n.spec = carried
            n.requester = actor
            n.requestedAt = at
            n.approvals = []
            n.amenders = []
            n.due = Due(approval: at.adding(wf.timers.requestExpiry), until: carried?.until)
            n.untilArmedSeq = n.seq
        case .approve:
            n.approvals.append(actor)
            if approvalComplete {
                n.reapprovalPending = false
                n.amenders = []
                if before == StateName.requested || before == StateName.approved {
                    n.due.approval = at.adding(wf.timers.approvalLapse)
                } else {
                    n.due.approval = nil
                }
            }
        case .activate:
            n.credentialHandlers.append(actor)
            if let t = n.spec?.owners.technical { n.credentialHandlers.append(t) }
            n.credentialIssued = true
            n.credentialId = data["credentialId"]?.stringValue
            if let ref = data["secretRef"]?.stringValue { n.spec?.secretRef = ref }
            n.due.approval = nil
            n.due.review = at.adding(wf.timers.review[n.spec?.risk ?? .medium] ?? .days(90))
            n.due.rotation = at.adding(wf.timers.rotation)
            n.rotationArmedSeq = n.seq
        case .rotate:
            n.credentialHandlers.append(actor)
            if let t = n.spec?.owners.technical { n.credentialHandlers.append(t) }
            if let id = data["credentialId"]?.stringValue { n.credentialId = id }
            n.credentialIssued = true
            let seq = n.seq
            close(&n, kind: TaskKind.rotateCredential, at: at, evidence: "credential rotated (event \(seq))")
            n.tasks.append(openTask(n.connector, seq: n.seq, kind: TaskKind.revokeOldCredential, at: at, wf: wf, until: n.due.until))
        case .confirmRotation:
            n.credentialHandlers.append(actor)
            close(&n, kind: TaskKind.revokeOldCredential, at: at, evidence: data["evidence"]?.stringValue ?? "")
            n.due.rotation = at.adding(wf.timers.rotation)
            n.rotationArmedSeq = n.seq
        case .recertify:
            n.due.review = at.adding(wf.timers.review[n.spec?.risk ?? .medium] ?? .days(90))
        case .amend:
            let oldSpec = n.spec
            n.spec = carried
            guard let old = oldSpec, let new = carried else { break }
            if n.credentialIssued && !Identity.same(old.owners.technical, new.owners.technical) {
                n.credentialHandlers += [old.owners.technical, new.owners.technical]
            }
            if !n.amenders.contains(where: { Identity.same($0, actor) }) { n.amenders.append(actor) }
            if old.widens(to: new) {
                n.approvals = []
                if before != StateName.requested {
                    n.reapprovalPending = true
                    n.due.approval = at.adding(wf.timers.approvalLapse)
                }
            }
            if old.until != new.until {
                n.due.until = new.until
                n.untilArmedSeq = n.seq
            }
        case .closeTask:
            let taskID = n.tasks[closing].id
            if actor != Event.runnerActor { n.taskClosers[taskID] = actor }
            n.tasks[closing].status = .done
            n.tasks[closing].closedAt = at
            n.tasks[closing].evidence = data["evidence"]?.stringValue
        case .lapse:
            n.approvals = []
            n.due.approval = at.adding(wf.timers.requestExpiry)
        case .reject, .decommission, .expire, .reviewOverdue, .windowEnd, .reviewDue, .openTask:
            break
        }
        for kind in runnerTasks {
            n.tasks.append(openTask(n.connector, seq: n.seq, kind: kind, at: at, wf: wf, until: n.due.until))
        }
        // Entering the terminal state (not staying in it: close-task there keeps the state).
        if to == wf.terminal && before != wf.terminal {
            // Upkeep reminders lose their point; revocation obligations (an old credential
            // still live after an unconfirmed rotation) stay open until closed with evidence.
            let superseded = "superseded: \(n.connector) was decommissioned (event \(n.seq))"
            close(&n, where: TaskKind.upkeep.contains, at: at, evidence: superseded)
            let kinds = n.credentialIssued ? wf.offboarding : wf.offboardingWithoutCredential
            for kind in kinds { n.tasks.append(openTask(n.connector, seq: n.seq, kind: kind, at: at, wf: wf, until: nil)) }
            n.due = Due()
            n.reapprovalPending = false
        }
        n.state = to
        return to
    }

    /// Checks `data`'s keys and types for `event`; `heldSpec`: it also has a `spec` object
    /// not in `data`.
    static func checkData(_ event: EventKind, _ data: [String: JSONValue], heldSpec: Bool = false) throws(RuleViolation) {
        let allowed = dataKeyList(event)
        // Sorted only when one is refused, so the message names the same key every time.
        if data.keys.contains(where: { k in !allowed.contains { $0.key == k } })
            || heldSpec && !allowed.contains(where: { $0.key == "spec" }) {
            for key in (Array(data.keys) + (heldSpec ? ["spec"] : [])).sorted() where !allowed.contains(where: { $0.key == key }) {
                throw RuleViolation(rule: "event-data", "\(event.rawValue) does not take data.\(key.prefix(40))")
            }
        }
        for (key, required) in allowed {
            if heldSpec && key == "spec" { continue }   // an object, as it must be
            guard let v = data[key] else {
                if required && key != "reason" && key != "evidence" {
                    throw RuleViolation(rule: "event-data", "\(event.rawValue) needs data.\(key)")
                }
                continue
            }
            switch (key, v) {
            case ("spec", .object), ("tasks", .array), (_, .string): continue
            default: throw RuleViolation(rule: "event-data", "\(event.rawValue): data.\(key) has the wrong type (\(v.typeDescription))")
            }
        }
    }

    static func openTask(_ connector: ConnectorID, seq: Int, kind: TaskKind, at: Timestamp, wf: Workflow, until: Timestamp?) -> ConnectorTask {
        let due: Timestamp? = wf.taskKinds[kind]?.due.map { at.adding($0) } ?? until
        return ConnectorTask(id: ConnectorTask.makeID(connector: connector, seq: seq, kind: kind), kind: kind,
                             openedAt: at, dueAt: due)
    }

    /// Closes the open tasks of `kind`.
    static func close(_ n: inout LifecycleState, kind: TaskKind, at: Timestamp, evidence: @autoclosure () -> String) {
        close(&n, where: { $0 == kind }, at: at, evidence: evidence())
    }

    /// Closes the open tasks whose kind `matches`; `evidence` is built only when one closes.
    static func close(_ n: inout LifecycleState, where matches: (TaskKind) -> Bool, at: Timestamp,
                      evidence: @autoclosure () -> String) {
        for i in n.tasks.indices where n.tasks[i].status == .open && matches(n.tasks[i].kind) {
            n.tasks[i].status = .done
            n.tasks[i].closedAt = at
            n.tasks[i].evidence = evidence()
        }
    }
}

