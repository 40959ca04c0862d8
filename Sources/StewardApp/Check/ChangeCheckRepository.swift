/// The repository-level rules of `check --base`: case-variant paths, checkout-altering
/// `.gitattributes`, who may change the rules, and signatures. Everything they trust
/// (roles, allowed signers) comes from the base branch.
extension ChangeCheck {
    static func repositoryRules(_ repo: GitRepository, changes: [GitChange], commits: [(commit: GitCommit, paths: [String])],
                                base: String, roles: Roles, approving: Set<String>, options: Options,
                                into report: inout CheckReport) throws {
        // Where each change leaves a file: the new path of a rename.
        let landed = changes.filter { $0.status != "D" }.map { (path: $0.newPath ?? $0.path, blob: $0.newBlob) }
        for c in landed {
            if let folder = RepositoryRules.caseVariant(of: c.path) {
                report.add(CheckFinding(file: c.path, rule: GateRule.pathCase.rawValue,
                                        message: "differs from \(folder) only in letter case; on a case-insensitive checkout it would mix with the governed files without being judged as one of them"))
            }
        }
        let attributes = landed.filter { $0.path == ".gitattributes" || $0.path.hasSuffix("/.gitattributes") }
        for (c, bytes) in zip(attributes, try repo.objects(attributes.map(\.blob))) {
            for p in RepositoryRules.gitattributesProblems(path: c.path, text: String(decoding: bytes ?? [], as: UTF8.self)) {
                report.add(CheckFinding(file: c.path, rule: GateRule.gitattributes.rawValue,
                                        message: "line \(p.line) sets '\(p.attribute)' on '\(p.pattern.prefix(80))', which reaches State/, Workflows/ or Templates/; attributes that change how governed files are checked out or diffed are refused"))
            }
        }
        for (commit, paths) in commits {
            guard let path = paths.first(where: RepositoryRules.isRulesPath) else { continue }
            let short = commit.sha.prefix(10)
            if !roles.isApprover(commit.authorEmail) {
                report.add(CheckFinding(file: path, rule: GateRule.rulesChange.rawValue,
                                        message: "commit \(short) by \(commit.authorEmail) changes the rules (Workflows/, Templates/, .gitattributes or .github/); only an approver of the base branch may author such a commit"))
            } else if options.reviewsGiven && !approvedByAnotherApprover(commit.authorEmail, roles: roles, approving: approving) {
                report.add(CheckFinding(file: path, rule: GateRule.rulesChange.rawValue,
                                        message: "commit \(short) by \(commit.authorEmail) changes the rules; it needs an approving review of the head commit by another approver (a GitHub login mapped in the base branch's Workflows/roles.json)"))
            }
        }
        if options.requireSigned {
            let signers = try repo.blobs([(base, "Workflows/allowed_signers")]).first ?? nil
            for (commit, paths) in commits where paths.contains(where: { p in
                RepositoryRules.governedFolders.contains { p.hasPrefix($0 + "/") } || RepositoryRules.isRulesPath(p)
            }) {
                let result = try repo.checkSignature(commit, allowedSigners: signers)
                guard !result.verified else { continue }
                let why = result.status == "N" ? "is not signed"
                    : signers != nil ? "is not signed by a key the base branch's Workflows/allowed_signers lists for \(commit.authorEmail) (git: \(result.status)\(result.signer.isEmpty ? "" : ", signer \(result.signer.prefix(80))"))"
                    : "carries a signature git does not verify (git: \(result.status))"
                report.add(CheckFinding(file: paths.first ?? "", rule: GateRule.signature.rawValue,
                                        message: "commit \(commit.sha.prefix(10)) by \(commit.authorEmail) \(why)"))
            }
        }
    }

    /// Whether an approver other than `author` approved the head commit through a review
    /// whose login the base branch's roles map to them.
    static func approvedByAnotherApprover(_ author: String, roles: Roles, approving: Set<String>) -> Bool {
        roles.logins.contains { login, email in
            approving.contains(login.lowercased()) && roles.isApprover(email) && !Identity.same(email, author)
        }
    }
}
