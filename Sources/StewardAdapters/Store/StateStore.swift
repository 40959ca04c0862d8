/// One connector file as read from `State/`: its document, or why it could not be used.
public struct LoadedConnector: Sendable {
    public var id: ConnectorID
    /// `State/<id>.json`.
    public var file: String
    public var result: Result<ConnectorDocument, DataError>
}

/// Reads and writes connector files under `State/`. Dotfiles (the lock, temporary files)
/// are ignored; anything else that is not `<id>.json` is reported, never silently skipped.
public struct StateStore: Sendable {
    public let root: GovernanceRoot

    public init(root: GovernanceRoot) { self.root = root }

    /// The file of connector `id`, as shown to users.
    public static func shown(_ id: ConnectorID) -> String { shown(fileName: id.fileName) }

    /// A file under `State/` as shown to users.
    static func shown(fileName: String) -> String { "State/" + fileName }

    /// The connector ids present, plus a problem for every entry that is not a connector file.
    public func listing() throws(DataError) -> (ids: [ConnectorID], problems: [DataError]) {
        guard SafeFile.isDirectory(root.statePath) else {
            throw DataError(file: "State/", location: "", message: "is not a directory (a symbolic link to a directory is refused too)")
        }
        let names = try DirectoryNames.read(in: try OpenDirectory(root.statePath, shown: "State/"), shown: "State/")
        var ids: [ConnectorID] = []
        ids.reserveCapacity(names.count)
        var problems: [DataError] = []
        // Each name is judged (and an id built) on every CPU, in the sorted order.
        let order = names.sortedOrder()
        let entries = ParallelMap.map(order) { i in names.withName(i, StateStore.entry) }
        for (i, entry) in zip(order, entries) {
            switch entry {
            case .connector(let id): ids.append(id)
            case .ignored: continue
            case .foreign:
                problems.append(DataError(file: "State/\(names.name(i))", location: "", message: "is not a connector file: State/ holds only <id>.json, where an id is a-z, 0-9 and '-' (dotfiles are ignored)"))
            }
        }
        return (ids, problems)
    }

    /// What one entry of `State/` is.
    private enum Entry: Sendable { case connector(ConnectorID), ignored, foreign }

    /// The entry named by `name`'s bytes: checked in place, so only an id's own text
    /// becomes a `String`.
    private static func entry(_ name: UnsafeBufferPointer<UInt8>) -> Entry {
        // Dotfiles (the lock, temporary files) are ignored: a name whose first character is a
        // dot; a dot that a combining mark joins (a non-ASCII byte next) is another character.
        if name.first == UInt8(ascii: ".") {
            if name.count == 1 || name[1] < 0x80 { return .ignored }
            if String(decoding: name, as: UTF8.self).hasPrefix(".") { return .ignored }
        }
        let suffix = ".json".utf8
        guard name.count > suffix.count, name.suffix(suffix.count).elementsEqual(suffix),
              let id = ConnectorID(checking: String(decoding: name.dropLast(suffix.count), as: UTF8.self))
        else { return .foreign }
        return .connector(id)
    }

    /// Whether `State/<id>.json` exists (as any kind of entry).
    public func exists(_ id: ConnectorID) -> Bool { SafeFile.entryType(root.statePath + "/" + id.fileName) != nil }

    /// Reads, parses and decodes one connector; checks its id matches the file name.
    public func load(_ id: ConnectorID) throws(DataError) -> ConnectorDocument {
        try load(id, fileName: id.fileName, shown: StateStore.shown(id), in: nil)
    }

    /// `load`, given the file's name and how it is shown (built once per file by a scan);
    /// with `directory` (`State/` held open by a scan), the file is opened by its name alone.
    private func load(_ id: ConnectorID, fileName: String, shown: String, in directory: OpenDirectory?) throws(DataError) -> ConnectorDocument {
        let bytes = if let directory {
            try SafeFile.read(fileName, in: directory, shown: shown)
        } else {
            try SafeFile.read(root.statePath + "/" + fileName, shown: shown)
        }
        let doc = try StateStore.decode(bytes, shown: shown)
        guard doc.id == id else {
            throw DataError(file: shown, location: "id", message: "the id is '\(doc.id)' but the file is named \(id.fileName); they must match")
        }
        return doc
    }

    /// Parses and decodes the bytes of one connector file (`shown` names it in errors): in
    /// one pass straight from the bytes (`DocumentReader`) when the file is regular, else by
    /// the reference path (strict parse to a tree, then decode), which names any problem.
    public static func decode(_ bytes: [UInt8], shown: String) throws(DataError) -> ConnectorDocument {
        let cache = ThreadStrings.current
        if let doc = bytes.withUnsafeBufferPointer({ DocumentReader.document($0, sharing: &cache.strings) }) {
            // The one-pass reader decodes the format only; the identity rule holds on both paths.
            try Identity.check(doc, file: shown)
            return doc
        }
        return try DocumentDecoding.document(try JSONFile.parse(bytes: bytes, shown: shown), file: shown)
    }

    /// `State/` opened for a scan (`OpenDirectory`), or why it cannot be.
    public func openForScan() -> Result<OpenDirectory, DataError> {
        do { return .success(try OpenDirectory(root.statePath, shown: "State/")) } catch { return .failure(error) }
    }

    /// Loads one connector from a scan's open `State/`; with `workflows`, also replays it
    /// (see `verify(_:workflows:hashes:)`), so a reader never shows a projection its history
    /// does not give. Never throws: a problem is the result. When `State/` could not be
    /// opened (it became a link, or vanished, after the listing), every file fails with that
    /// reason: a scan never falls back to walking the path again.
    public func loaded(_ id: ConnectorID, in directory: Result<OpenDirectory, DataError>,
                       verifiedBy workflows: WorkflowSet? = nil) -> LoadedConnector {
        let fileName = id.fileName
        let shown = StateStore.shown(fileName: fileName)
        let r: Result<ConnectorDocument, DataError>
        do throws(DataError) {
            let open: OpenDirectory
            switch directory {
            case .success(let d): open = d
            case .failure(let e): throw DataError(file: shown, location: "", message: "cannot be read: State/ \(e.message)")
            }
            let doc = try load(id, fileName: fileName, shown: shown, in: open)
            if let workflows { try StateStore.verify(doc, workflows: workflows, hashes: false) }
            r = .success(doc)
        } catch {
            r = .failure(error)
        }
        return LoadedConnector(id: id, file: shown, result: r)
    }

    /// Replays `doc` through its workflow and throws a data error naming the file when its
    /// state, spec, due dates or tasks are not what its history gives (a hand edit), or the
    /// history itself breaks a rule. `hashes: false` checks the chain's links but does not
    /// recompute each event's hash (the costly part); `steward check` does.
    public static func verify(_ doc: ConnectorDocument, workflows: WorkflowSet, hashes: Bool) throws(DataError) {
        let file = shown(doc.id)
        let wf = try workflows.workflow(named: doc.workflow, for: file)
        if case .failure(let p) = Replay.run(doc, workflow: wf, file: file, options: Replay.Options(verifyHashes: hashes)) {
            throw DataError(file: file, location: p.location,
                            message: "\(p.message) (rule \(p.rule)); the file does not match its own history, so it is not shown: run 'steward check'")
        }
    }

    /// Writes documents atomically and durably (see `AtomicWriter`).
    public func write(_ docs: [ConnectorDocument]) throws(StoreError) {
        let writer = AtomicWriter(directory: root.statePath, shown: "State")
        try writer.write(docs.map { (name: $0.id.fileName, bytes: DocumentEncoding.bytes($0)) })
    }
}
