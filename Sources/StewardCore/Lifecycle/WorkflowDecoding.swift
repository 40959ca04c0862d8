/// Reads `Workflows/<name>.json` and `Workflows/roles.json` strictly, then checks the
/// workflow is sound (see `WorkflowValidation`). Errors name the file and the field.
public enum WorkflowDecoding {
    /// Decodes and validates one workflow file.
    public static func workflow(_ value: JSONValue, file: String) throws(DataError) -> Workflow {
        var r = try FieldReader(value, path: "", file: file)
        let schema = try r.int("schema")
        guard schema == 1 else { throw r.error("schema", "unsupported workflow schema \(schema); expected 1") }
        let name = try r.nonEmptyString("name")
        let description = try r.optionalString("description") ?? ""
        let states = try r.strings("states")
        let initial = try r.nonEmptyString("initial")
        let terminal = try r.nonEmptyString("terminal")
        var transitions: [WorkflowTransition] = []
        for (i, t) in try r.array("transitions").enumerated() {
            transitions.append(try transition(t, path: "transitions[\(i)]", file: file))
        }
        let timers = try self.timers(try r.required("timers"), path: "timers", file: file)
        var taskKinds: [TaskKind: TaskKindSpec] = [:]
        for (kind, v) in try r.object("tasks") {
            var tr = try FieldReader(v, path: "tasks.\(kind)", file: file)
            let title = try tr.nonEmptyString("title")
            let due = try optionalDuration(&tr, "due")
            try tr.finish()
            taskKinds[TaskKind(rawValue: kind)] = TaskKindSpec(title: title, due: due)
        }
        var off = try FieldReader(try r.required("offboarding"), path: "offboarding", file: file)
        let offboarding = try off.strings("credentialIssued").map(TaskKind.init(rawValue:))
        let offboardingWithout = try off.strings("noCredential").map(TaskKind.init(rawValue:))
        try off.finish()
        var lints: [RuleID: LintLevel] = [:]
        for (rule, v) in try r.object("lints") {
            guard let level = v.stringValue.flatMap(LintLevel.init(rawValue:)) else {
                throw r.error("lints.\(rule)", "expected \"error\", \"warning\" or \"off\"")
            }
            lints[RuleID(rawValue: rule)] = level
        }
        let maxReaches = try r.int("maxReaches")
        guard maxReaches >= 1, maxReaches <= 1000 else { throw r.error("maxReaches", "must be between 1 and 1000") }
        try r.finish()
        let wf = Workflow(name: name, description: description, states: states, initial: initial, terminal: terminal,
                          transitions: transitions, timers: timers, taskKinds: taskKinds, offboarding: offboarding,
                          offboardingWithoutCredential: offboardingWithout, lints: lints, maxReaches: Int(maxReaches))
        try WorkflowValidation.validate(wf, file: file)
        return wf
    }

    static func transition(_ value: JSONValue, path: String, file: String) throws(DataError) -> WorkflowTransition {
        var r = try FieldReader(value, path: path, file: file)
        let eventName = try r.string("event")
        guard let event = EventKind(rawValue: eventName) else {
            let known = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw r.error("event", "unknown event '\(eventName.prefix(40))'; the engine knows: \(known)")
        }
        let from = try r.strings("from")
        let to = try r.optionalString("to")
        var guards: [Guard] = []
        for (i, g) in try r.strings("guards").enumerated() {
            guard let gd = Guard(rawValue: g) else {
                let known = Guard.allCases.map(\.rawValue).joined(separator: ", ")
                throw DataError(file: file, location: "\(r.pathOf("guards"))[\(i)]",
                                message: "unknown guard '\(g.prefix(40))'; known guards: \(known)")
            }
            guards.append(gd)
        }
        try r.finish()
        return WorkflowTransition(event: event, from: from, to: to, guards: guards)
    }

    static func timers(_ value: JSONValue, path: String, file: String) throws(DataError) -> WorkflowTimers {
        var r = try FieldReader(value, path: path, file: file)
        let requestExpiry = try duration(&r, "requestExpiry")
        let approvalLapse = try duration(&r, "approvalLapse")
        var rr = try FieldReader(try r.required("review"), path: r.pathOf("review"), file: file)
        var review: [Risk: Duration] = [:]
        for risk in Risk.allCases { review[risk] = try duration(&rr, risk.rawValue) }
        try rr.finish()
        var t = WorkflowTimers(requestExpiry: requestExpiry, approvalLapse: approvalLapse, review: review,
                               reviewGrace: try duration(&r, "reviewGrace"), rotation: try duration(&r, "rotation"),
                               expiryNotice: try optionalDuration(&r, "expiryNotice"),
                               maxWindow: try optionalDuration(&r, "maxWindow"), dormant: try duration(&r, "dormant"),
                               revocationGrace: try duration(&r, "revocationGrace"))
        // Added with the platform exports: a workflow written before them keeps the defaults
        // (30 d, 365 d); null switches the finding off.
        if r.raw("credentialNotice") != nil { t.credentialNotice = try optionalDuration(&r, "credentialNotice") }
        if r.raw("maxCredentialLifetime") != nil { t.maxCredentialLifetime = try optionalDuration(&r, "maxCredentialLifetime") }
        try r.finish()
        return t
    }

    static func duration(_ r: inout FieldReader, _ key: String) throws(DataError) -> Duration {
        let text = try r.string(key)
        guard let d = Duration(text: text), d.seconds > 0 else {
            throw r.error(key, "expected a duration like \"30d\", \"12h\", \"45m\" or \"10s\"")
        }
        return d
    }

    static func optionalDuration(_ r: inout FieldReader, _ key: String) throws(DataError) -> Duration? {
        guard let text = try r.optionalString(key) else { return nil }
        guard let d = Duration(text: text), d.seconds > 0 else {
            throw r.error(key, "expected a duration like \"30d\", \"12h\", \"45m\" or \"10s\", or null")
        }
        return d
    }

    /// Decodes `Workflows/roles.json`.
    public static func roles(_ value: JSONValue, file: String) throws(DataError) -> Roles {
        var r = try FieldReader(value, path: "", file: file)
        let approvers = try r.strings("approvers")
        for (i, a) in approvers.enumerated() {
            if let p = Identity.problem(a) { throw Identity.error(file: file, field: "approvers[\(i)]", p) }
        }
        var logins: [String: String] = [:]
        if let raw = r.raw("logins"), !raw.isNull {
            guard case .object(let o) = raw else { throw r.error("logins", "expected an object mapping GitHub logins to e-mail addresses") }
            for (login, v) in o {
                guard let email = v.stringValue else {
                    throw r.error("logins.\(login)", "expected an e-mail address")
                }
                if let p = Identity.problem(email) { throw Identity.error(file: file, field: "logins.\(login.prefix(64))", p) }
                logins[login] = email
            }
        }
        _ = r.raw("$comment")
        try r.finish()
        return Roles(approvers: approvers, logins: logins)
    }
}
