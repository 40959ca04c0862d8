/// The task templates of a governance root (`Templates/<kind>.md`), loaded leniently: a
/// missing or broken template is recorded, never thrown, so that it costs only its ticket
/// (written from `builtIn`) and never stops a transition.
public struct TaskTemplates: Sendable {
    /// Kind → parsed template, for every template that loaded.
    public var templates: [TaskKind: Template] = [:]
    /// Kind → why its template file could not be used (unreadable, not UTF-8, a bad placeholder).
    public var broken: [TaskKind: DataError] = [:]
    /// Set when the `Templates/` folder itself could not be listed.
    public var folderProblem: DataError?

    package init() {}

    /// The placeholders a task template may use.
    public static let placeholders: Set<String> = [
        "connector", "system", "purpose", "state", "workflow", "environment", "risk", "businessOwner",
        "technicalOwner", "secretRef", "credentialId", "bindings", "scopes", "taskId", "taskKind", "taskTitle",
        "reason", "openedAt", "dueAt", "until", "closeCommand",
    ]

    /// The rendering used when a kind has no usable template: every fact a ticket needs.
    public static let builtIn: Template = {
        let text = """
            # {{taskTitle}}: {{connector}}

            | | |
            |---|---|
            | Task | `{{taskId}}` ({{taskKind}}) |
            | Connector | `{{connector}}` ({{state}}, workflow {{workflow}}) |
            | System | {{system}} ({{environment}}, risk {{risk}}) |
            | Purpose | {{purpose}} |
            | Business owner | {{businessOwner}} |
            | Technical owner | {{technicalOwner}} |
            | Secret reference | {{secretRef}} |
            | Credential id | {{credentialId}} |
            | Bindings | {{bindings}} |
            | Scopes | {{scopes}} |
            | Opened | {{openedAt}} |
            | Due | {{dueAt}} |
            | Ends | {{until}} |

            ## Why this task exists

            {{reason}}

            ## How to close it

            ```
            {{closeCommand}}
            ```

            (Written from steward's built-in rendering: this task kind's template was missing or broken.)

            """
        // The text above is fixed and uses only allowed placeholders.
        return try! Template(name: "(built-in)", text: text, allowed: placeholders)
    }()

    /// The template for `kind`, or nil with the reason it cannot be used.
    public func template(for kind: TaskKind) -> Result<Template, DataError> {
        if let t = templates[kind] { return .success(t) }
        if let e = broken[kind] { return .failure(e) }
        let file = "Templates/\(kind).md"
        if let f = folderProblem { return .failure(DataError(file: file, location: "", message: "cannot be read: \(f.description)")) }
        return .failure(DataError(file: file, location: "", message: "is missing; every task kind a workflow can open needs a template"))
    }

    /// The task kinds `wf` can open: its declared kinds, its offboarding tasks, and the
    /// `revoke-old-credential` a rotation opens.
    public static func kinds(of wf: Workflow) -> Set<TaskKind> {
        var kinds = Set(wf.taskKinds.keys).union(wf.offboarding).union(wf.offboardingWithoutCredential)
        if wf.allows(.rotate) { kinds.insert(TaskKind.revokeOldCredential) }
        return kinds
    }
}
