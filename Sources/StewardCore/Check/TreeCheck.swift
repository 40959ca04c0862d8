/// `steward check` over the whole tree: every file parses strictly, ids match file names,
/// hash chains hold, the projection equals the replay, no secrets, workflows are sound,
/// and no live connector runs on a widening nobody re-approved.
public enum TreeCheck {
    /// The findings for one parsed document.
    public static func check(_ doc: ConnectorDocument, file: String, workflows: WorkflowSet) -> [CheckFinding] {
        var out: [CheckFinding] = []
        for m in SecretScanner.scan(document: doc) {
            out.append(CheckFinding(file: file, rule: "secret-in-file",
                                    message: "\(m.path) looks like a credential (\(m.kind)); remove it from the file and its git history, rotate the credential, and keep only a reference (vault://…)"))
        }
        let wf: Workflow
        do { wf = try workflows.workflow(named: doc.workflow, for: file) } catch {
            out.append(CheckFinding(file: file, rule: "workflow", message: error.description))
            return out
        }
        switch Replay.run(doc, workflow: wf, file: file) {
        case .failure(let p):
            out.append(CheckFinding(file: file, rule: p.rule, message: "\(p.location): \(p.message)"))
        case .success(let s):
            if s.reapprovalPending && s.state != StateName.requested {
                out.append(CheckFinding(file: file, rule: "unapproved-widening",
                                        message: "\(doc.id) is \(s.state ?? "") on a widening amend that nobody has approved; an approver must run 'steward approve \(doc.id)'"))
            }
        }
        return out
    }
}
