import StewardApp

/// `steward tasks --by-owner`: one section per technical owner (Markdown, or JSON).
enum TasksByOwner {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .markdown, .json])
        let root = try inv.root()
        let workflows = try WorkflowSet.load(root)
        let scan = EstateScan(root: root)
        let (ids, problems) = try scan.listing()
        var docs: [ConnectorDocument] = []
        var errors = problems
        scan.forEachChunk(ids, verifiedBy: workflows) { chunk in
            for l in chunk {
                switch l.result {
                case .success(let d): docs.append(d)
                case .failure(let e): errors.append(e)
                }
            }
        }
        let digest = OwnerDigest(docs: docs, terminal: workflows.terminal(of:), now: try inv.now())
        if format == .json { Output.json(digest.json()) } else { Output.out(digest.markdown()) }
        for e in errors { Output.error(e.description) }
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
