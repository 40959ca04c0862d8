/// The reading side of `steward check` over the whole tree: loads the workflows, the
/// templates and every connector, and applies the pure per-file checks.
extension TreeCheck {
    /// Checks every connector of `root` against its workflows; with `now`, also that no
    /// event is dated after it plus 5 minutes (`future-event`).
    public static func run(_ root: GovernanceRoot, now: Timestamp? = nil) -> CheckReport {
        var report = CheckReport()
        let workflows: WorkflowSet
        do { workflows = try WorkflowSet.load(root) } catch {
            report.add(CheckFinding(file: error.file, rule: error.rule ?? "workflow", message: error.description))
            for f in RulesFileScan.run(root) { report.add(f) }
            report.sort()
            return report
        }
        for f in PlaceholderRoles.check(workflows.roles) { report.add(f, level: "warning") }
        for f in RulesFileScan.run(root) { report.add(f) }
        checkTemplates(root, workflows: workflows, into: &report)
        let scan = EstateScan(root: root)
        let ids: [ConnectorID]
        do {
            let listing = try scan.listing()
            ids = listing.ids
            for p in listing.problems { report.add(CheckFinding(file: p.file, rule: "format", message: p.description)) }
        } catch {
            report.add(CheckFinding(file: error.file, rule: "format", message: error.description))
            return report
        }
        report.filesChecked = ids.count
        var perFile: [(findings: [(CheckFinding, String)], secret: Lints.SecretUse?)] = []
        scan.forEachChunk(ids, map: { loaded -> (findings: [(CheckFinding, String)], secret: Lints.SecretUse?) in
            let file = loaded.file
            do {
                let doc = try loaded.result.get()
                // Core rules (secrets, hash chain, projection, …) are always errors.
                var out = check(doc, file: file, workflows: workflows).map { ($0, "error") }
                if let now { out += FutureEvents.findings(doc, file: file, now: now).map { ($0, "error") } }
                if let wf = workflows.workflows[doc.workflow] {
                    out += Lints.check(doc, file: file, workflow: wf)
                }
                return (out, Lints.SecretUse(file: file, doc: doc, terminal: workflows.terminal(of: doc)))
            } catch let error as DataError {
                return ([(CheckFinding(file: error.file, rule: error.rule ?? "format", message: error.description), "error")], nil)
            } catch {
                return ([(CheckFinding(file: file, rule: "format", message: "\(error)"), "error")], nil)
            }
        }) { perFile += $0 }
        for r in perFile { for (f, level) in r.findings { report.add(f, level: level) } }
        for (f, level) in Lints.sharedSecrets(perFile.compactMap(\.secret), workflows: workflows) {
            report.add(f, level: level)
        }
        report.sort()
        return report
    }

    /// Every task kind a workflow can open needs a template that loads (rule `template-missing`,
    /// rule `template` for a broken one). The runner never stops on them; check does.
    static func checkTemplates(_ root: GovernanceRoot, workflows: WorkflowSet, into report: inout CheckReport) {
        let loaded = TaskTemplates.load(root)
        if let f = loaded.folderProblem { report.add(CheckFinding(file: f.file, rule: "template", message: f.description)) }
        for kind in loaded.broken.keys.sorted() {
            let e = loaded.broken[kind]!
            report.add(CheckFinding(file: e.file, rule: "template", message: e.description))
        }
        var needed: [String: [String]] = [:]
        for (name, wf) in workflows.workflows { for kind in TaskTemplates.kinds(of: wf) { needed[kind, default: []].append(name) } }
        for kind in needed.keys.sorted() where loaded.templates[kind] == nil && loaded.broken[kind] == nil && loaded.folderProblem == nil {
            let names = needed[kind]!.sorted().joined(separator: ", ")
            report.add(CheckFinding(file: "Templates/\(kind).md", rule: "template-missing",
                                    message: "Templates/\(kind).md is missing: workflow \(names) can open task kind '\(kind)', and its tickets would fall back to the built-in rendering"))
        }
    }
}
