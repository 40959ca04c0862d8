import StewardApp

/// `steward tasks --by-owner`: one section per technical owner (Markdown, or JSON).
enum TasksByOwner {
    static func run(_ inv: Invocation) throws -> Int32 {
        let format = try inv.format(allowed: [.text, .markdown, .json])
        let (digest, errors) = try EstateQueries.ownerDigest(try inv.root(), now: try inv.now())
        if format == .json { Output.json(digest.json()) } else { Output.out(digest.markdown()) }
        for e in errors { Output.error(e.description) }
        return errors.isEmpty ? 0 : ExitStatus.invalidData.rawValue
    }
}
