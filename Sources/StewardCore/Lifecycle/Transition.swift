/// Applies one event to a replay state: checks the event is a legal transition of the
/// workflow from the current state, that its guards hold and its data is well-formed,
/// and returns the target state and the new replay state. Pure: no I/O, no clock.
public enum Transition {
    /// The data keys each event may carry (required ones marked true).
    static let dataKeys: [EventKind: [String: Bool]] = [
        .request: ["spec": true], .approve: [:], .reject: ["reason": true],
        .activate: ["credentialId": false, "secretRef": false], .rotate: ["credentialId": false],
        .confirmRotation: ["evidence": true], .recertify: [:], .amend: ["spec": true],
        .decommission: ["reason": true], .closeTask: ["task": true, "evidence": true],
        .expire: ["reason": true, "tasks": false], .lapse: ["reason": true, "tasks": false],
        .reviewDue: ["reason": true, "tasks": false], .reviewOverdue: ["reason": true, "tasks": false],
        .windowEnd: ["reason": true, "tasks": false], .openTask: ["reason": true, "tasks": true],
    ]

    /// Applies `event` by `actor` at `at`. `file` names the document in data errors.
    public static func apply(_ s: LifecycleState, event: EventKind, actor: String, at: Timestamp,
                             data: [String: JSONValue], workflow wf: Workflow, roles: Roles?,
                             file: String, decodedSpec: Spec? = nil) throws(RuleViolation) -> (to: String, next: LifecycleState) {
        if s.state == wf.terminal && event != .closeTask {
            throw RuleViolation(rule: "terminal-state", "\(s.connector) is \(wf.terminal); nothing more may happen to it but closing its tasks")
        }
        try checkData(event, data)
        if let last = s.lastAt, at < last {
            throw RuleViolation(rule: "time-order", "\(event.rawValue) at \(at) is earlier than the last event (\(last)); time may not go backwards")
        }
        var newSpec = s.spec
        if event == .request || event == .amend, let decodedSpec {
            newSpec = decodedSpec
        } else if event == .request || event == .amend {
            do { newSpec = try DocumentDecoding.spec(data["spec"] ?? .null, path: "data.spec", file: file) } catch {
                throw RuleViolation(rule: error.rule ?? "event-data", "\(event.rawValue): \(error.location): \(error.message)")
            }
        }
        // Whichever way the spec was decoded (the reader's cache or here), its rules apply.
        if event == .request || event == .amend {
            try SpecRules.check(old: s.spec, new: newSpec, event: event, at: at)
        }
        if event == .request || event == .amend, let until = newSpec?.until, let max = wf.timers.maxWindow,
           wf.lints["window-too-long"] ?? .error == .error {
            let start = event == .request ? at : (s.requestedAt ?? at)
            if until.seconds - start.seconds > max.seconds {
                throw RuleViolation(rule: "window-too-long", "the temporary window would run \(start.days(until: until)) days (from \(start.dateOnly) until \(until.dateOnly)); workflow '\(wf.name)' allows at most \(max)")
            }
        }
        let candidates = wf.transitions(of: event, from: s.state)
        guard !candidates.isEmpty else {
            let from = s.state ?? "(none)"
            let legal = wf.transitions.filter { t in (s.state.map { t.from.contains($0) } ?? t.from.isEmpty) && !t.event.isRunnerEvent }
                .map(\.event.rawValue)
            let list = Array(Set(legal)).sorted().joined(separator: ", ")
            throw RuleViolation(rule: "illegal-transition", "'\(event.rawValue)' is not allowed from state '\(from)' in workflow '\(wf.name)'" + (list.isEmpty ? "" : "; allowed: \(list)"))
        }
        let context = GuardContext(state: s, event: event, actor: actor, data: data, spec: newSpec, roles: roles)
        var n = s
        n.seq += 1
        n.lastAt = at
        n.spec = newSpec
        var target: String?
        switch event {
        case .request:
            n.requester = actor
            n.requestedAt = at
            n.approvals = []
            n.amenders = []
            n.due = Due(approval: at.adding(wf.timers.requestExpiry), until: newSpec?.until)
            n.untilArmedSeq = n.seq
        case .approve:
            let needed = s.spec?.risk == .high ? 2 : 1
            if s.state != StateName.requested && !s.reapprovalPending {
                throw RuleViolation(rule: "illegal-transition", "\(s.connector) is \(s.state ?? "new") and has no pending approval")
            }
            n.approvals.append(actor)
            let complete = n.approvals.count >= needed
            if s.state == StateName.requested {
                target = complete ? (candidates.first { $0.to != s.state }?.to ?? StateName.approved) : s.state
                if complete {
                    n.due.approval = at.adding(wf.timers.approvalLapse)
                    n.reapprovalPending = false
                    n.amenders = []
                }
            } else {
                target = s.state
                if complete {
                    n.reapprovalPending = false
                    n.amenders = []
                    n.due.approval = s.state == StateName.approved ? at.adding(wf.timers.approvalLapse) : nil
                }
            }
        case .activate:
            n.credentialHandlers += [actor] + (newSpec.map { [$0.owners.technical] } ?? [])
            n.credentialIssued = true
            n.credentialId = data["credentialId"]?.stringValue
            if let ref = data["secretRef"]?.stringValue { n.spec?.secretRef = ref }
            n.due.approval = nil
            n.due.review = at.adding(wf.timers.review[newSpec?.risk ?? .medium] ?? .days(90))
            n.due.rotation = at.adding(wf.timers.rotation)
            n.rotationArmedSeq = n.seq
        case .rotate:
            n.credentialHandlers += [actor] + (newSpec.map { [$0.owners.technical] } ?? [])
            if let id = data["credentialId"]?.stringValue { n.credentialId = id }
            n.credentialIssued = true
            close(&n, kinds: [TaskKind.rotateCredential], at: at, evidence: "credential rotated (event \(n.seq))")
            n.tasks.append(openTask(s.connector, seq: n.seq, kind: TaskKind.revokeOldCredential, at: at, wf: wf, until: n.due.until))
        case .confirmRotation:
            n.credentialHandlers.append(actor)
            close(&n, kinds: [TaskKind.revokeOldCredential], at: at, evidence: data["evidence"]?.stringValue ?? "")
            n.due.rotation = at.adding(wf.timers.rotation)
            n.rotationArmedSeq = n.seq
        case .recertify:
            n.due.review = at.adding(wf.timers.review[newSpec?.risk ?? .medium] ?? .days(90))
        case .amend:
            guard let old = s.spec, let new = newSpec else { break }
            if s.credentialIssued && !Identity.same(old.owners.technical, new.owners.technical) {
                n.credentialHandlers += [old.owners.technical, new.owners.technical]
            }
            if !n.amenders.contains(where: { Identity.same($0, actor) }) { n.amenders.append(actor) }
            if old.widens(to: new) {
                n.approvals = []
                if s.state != StateName.requested {
                    n.reapprovalPending = true
                    n.due.approval = at.adding(wf.timers.approvalLapse)
                }
            }
            if old.until != new.until {
                n.due.until = new.until
                n.untilArmedSeq = n.seq
            }
        case .closeTask:
            let taskID = data["task"]?.stringValue ?? ""
            guard let i = n.tasks.firstIndex(where: { $0.id == taskID }) else {
                throw RuleViolation(rule: "unknown-task", "\(s.connector) has no task '\(taskID)'")
            }
            guard n.tasks[i].status == .open else {
                throw RuleViolation(rule: "task-closed", "task \(taskID) is already done")
            }
            if n.tasks[i].kind == RemovalVerification.taskKind {
                try RemovalVerification.checkCloser(actor, taskID: taskID, state: s, roles: roles)
            }
            if actor != Event.runnerActor { n.taskClosers[taskID] = actor }
            n.tasks[i].status = .done
            n.tasks[i].closedAt = at
            n.tasks[i].evidence = data["evidence"]?.stringValue
        case .lapse:
            n.approvals = []
            n.due.approval = at.adding(wf.timers.requestExpiry)
        case .reject, .decommission, .expire, .reviewOverdue, .windowEnd, .reviewDue, .openTask:
            break
        }
        let to = target ?? candidates[0].to ?? s.state ?? wf.initial
        guard let chosen = candidates.first(where: { ($0.to ?? s.state) == to }) else {
            throw RuleViolation(rule: "illegal-transition", "'\(event.rawValue)' from '\(s.state ?? "(none)")' to '\(to)' is not a transition of workflow '\(wf.name)'")
        }
        try Guards.check(chosen.guards, context)
        if event.isRunnerEvent, let kinds = data["tasks"]?.arrayValue {
            for k in kinds {
                guard let kind = k.stringValue.map(TaskKind.init(rawValue:)), wf.taskKinds[kind] != nil else {
                    throw RuleViolation(rule: "event-data", "\(event.rawValue): data.tasks names an unknown task kind")
                }
                n.tasks.append(openTask(s.connector, seq: n.seq, kind: kind, at: at, wf: wf, until: n.due.until))
            }
        }
        // Entering the terminal state (not staying in it: close-task there keeps the state).
        if to == wf.terminal && s.state != wf.terminal {
            // Upkeep reminders lose their point; revocation obligations (an old credential
            // still live after an unconfirmed rotation) stay open until closed with evidence.
            close(&n, kinds: TaskKind.upkeep, at: at, evidence: "superseded: \(s.connector) was decommissioned (event \(n.seq))")
            let kinds = n.credentialIssued ? wf.offboarding : wf.offboardingWithoutCredential
            for kind in kinds { n.tasks.append(openTask(s.connector, seq: n.seq, kind: kind, at: at, wf: wf, until: nil)) }
            n.due = Due()
            n.reapprovalPending = false
        }
        n.state = to
        return (to, n)
    }

    static func checkData(_ event: EventKind, _ data: [String: JSONValue]) throws(RuleViolation) {
        let allowed = dataKeys[event] ?? [:]
        // Sorted only when one is refused, so the message names the same key every time.
        if data.keys.contains(where: { allowed[$0] == nil }) {
            for key in data.keys.sorted() where allowed[key] == nil {
                throw RuleViolation(rule: "event-data", "\(event.rawValue) does not take data.\(key.prefix(40))")
            }
        }
        for (key, required) in allowed {
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

    static func close(_ n: inout LifecycleState, kinds: Set<TaskKind>?, at: Timestamp, evidence: String) {
        for i in n.tasks.indices where n.tasks[i].status == .open && (kinds?.contains(n.tasks[i].kind) ?? true) {
            n.tasks[i].status = .done
            n.tasks[i].closedAt = at
            n.tasks[i].evidence = evidence
        }
    }
}

