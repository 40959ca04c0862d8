/// The one way a command reads the whole estate: list `State/` (every entry that is not a
/// connector file is a problem), then load the connectors chunk by chunk, each chunk on
/// every CPU, in id order. A caller keeps only what it needs from each chunk, so no command
/// holds every document at once; an unreadable file arrives as a failed `LoadedConnector`,
/// never dropped.
public struct EstateScan: Sendable {
    public let store: StateStore
    /// Connectors loaded (and mapped) together before the caller sees them.
    public var chunkSize: Int

    public init(root: GovernanceRoot, chunkSize: Int = 4096) {
        store = StateStore(root: root)
        self.chunkSize = chunkSize
    }

    /// The connector ids in `State/` and a problem for each entry that is not a connector file.
    public func listing() throws(DataError) -> (ids: [ConnectorID], problems: [DataError]) { try store.listing() }

    /// Loads `ids` chunk by chunk (verified against `workflows` when given), applies `each`
    /// to every loaded connector on every CPU, and hands each chunk's results, in id order,
    /// to `body`. `progress(done, total)` is called after each chunk.
    public func forEachChunk<T: Sendable>(_ ids: [ConnectorID], verifiedBy workflows: WorkflowSet? = nil,
                                          map each: @Sendable (LoadedConnector) -> T,
                                          progress: ((Int, Int) -> Void)? = nil,
                                          _ body: ([T]) throws -> Void) rethrows {
        // State/ held open for the scan; when it cannot be opened, each file says why.
        let directory = store.openForScan()
        var start = 0
        while start < ids.count {
            let slice = Array(ids[start..<min(ids.count, start + chunkSize)])
            let store = store
            try body(ParallelMap.map(slice) { each(store.loaded($0, in: directory, verifiedBy: workflows)) })
            start += chunkSize
            progress?(min(start, ids.count), ids.count)
        }
    }

    /// `forEachChunk` handing over the loaded connectors themselves.
    public func forEachChunk(_ ids: [ConnectorID], verifiedBy workflows: WorkflowSet? = nil,
                             _ body: ([LoadedConnector]) throws -> Void) rethrows {
        try forEachChunk(ids, verifiedBy: workflows, map: { $0 }, body)
    }
}
