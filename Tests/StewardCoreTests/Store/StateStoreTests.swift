import Foundation
import XCTest
@testable import StewardCore

/// `StateStore`: State/ holds `<id>.json` files and dotfiles only; everything else is
/// reported, and a file must carry the id its name says.
final class StateStoreTests: XCTestCase {
    typealias F = Fixture

    private func touch(_ path: String, _ text: String = "{}") {
        Fixture.put(path, Data(text.utf8))
    }

    func testListingReportsNonConnectorFilesAndIgnoresDotfiles() throws {
        let root = F.governanceRoot(self)
        for n in ["crm-sync.json", "a.json", "notes.txt", "Upper.json", "-dash.json", ".lock", ".crm-sync.json.tmp-7-0", ".gitkeep"] {
            touch(root.statePath + "/" + n)
        }
        try FileManager.default.createDirectory(atPath: root.statePath + "/archive", withIntermediateDirectories: false)
        let (ids, problems) = try StateStore(root: root).listing()
        XCTAssertEqual(ids, ["a", "crm-sync"])
        XCTAssertEqual(problems.map(\.file), ["State/-dash.json", "State/Upper.json", "State/archive", "State/notes.txt"])
        XCTAssertTrue(problems.allSatisfy { $0.message.contains("is not a connector file") })
    }

    func testListingRefusesAStateThatIsALink() throws {
        let root = F.governanceRoot(self)
        let elsewhere = F.temporaryDirectory(self)
        try FileManager.default.removeItem(atPath: root.statePath)
        try FileManager.default.createSymbolicLink(atPath: root.statePath, withDestinationPath: elsewhere)
        let e = expectDataError { _ = try StateStore(root: root).listing() }
        XCTAssertEqual(e?.file, "State/")
    }

    func testWriteThenLoadRoundTripsInTheContractFormat() throws {
        let root = F.governanceRoot(self)
        let store = StateStore(root: root)
        let doc = try ConnectorBuilder.active().document
        try store.write([doc])
        XCTAssertEqual(try store.load("crm-sync"), doc)
        let text = String(decoding: FileManager.default.contents(atPath: root.statePath + "/crm-sync.json")!, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("}\n"), "a trailing newline")
        XCTAssertTrue(text.hasPrefix("{\n  \"due\": {"), "sorted keys, two-space indentation: \(text.prefix(40))")
        XCTAssertTrue(store.exists(try ConnectorID("crm-sync")))
        XCTAssertFalse(store.exists(try ConnectorID("other")))
    }

    func testLoadRefusesAnIdThatDoesNotMatchTheFileName() throws {
        let root = F.governanceRoot(self)
        let store = StateStore(root: root)
        try store.write([try ConnectorBuilder.active().document])
        try FileManager.default.moveItem(atPath: root.statePath + "/crm-sync.json", toPath: root.statePath + "/crm-copy.json")
        let e = expectDataError { _ = try store.load("crm-copy") }
        XCTAssertEqual(e?.file, "State/crm-copy.json")
        XCTAssertEqual(e?.location, "id")
        XCTAssertTrue(e?.message.contains("'crm-sync'") ?? false)
    }

    func testLoadNamesTheFileAndFieldOfMalformedData() throws {
        let root = F.governanceRoot(self)
        touch(root.statePath + "/broken.json", "{\"schema\": 1, \"id\": \"broken\"")
        let syntax = expectDataError { _ = try StateStore(root: root).load("broken") }
        XCTAssertEqual(syntax?.file, "State/broken.json")
        XCTAssertTrue(syntax?.location.contains(":") ?? false, "line:column")
        var value = DocumentEncoding.document(try ConnectorBuilder.active("typed").document)
        value = F.edit(value, path: ["version"], value: .string("3"))
        touch(root.statePath + "/typed.json", String(decoding: CanonicalJSON.pretty(value), as: UTF8.self))
        let typed = expectDataError { _ = try StateStore(root: root).load("typed") }
        XCTAssertEqual(typed?.location, "version")
        XCTAssertEqual(typed?.description, "State/typed.json: version: expected an integer, found a string")
    }

    func testTheEstateScanKeepsGoingPastABadFile() throws {
        let root = F.governanceRoot(self)
        try StateStore(root: root).write([try ConnectorBuilder.active("a").document, try ConnectorBuilder.active("c").document])
        touch(root.statePath + "/b.json", "{")
        var scan = EstateScan(root: root)
        scan.chunkSize = 2
        var loaded: [LoadedConnector] = []
        var chunks = 0
        scan.forEachChunk(["a", "b", "c"]) { chunk in
            loaded += chunk
            chunks += 1
        }
        XCTAssertEqual(chunks, 2)
        XCTAssertEqual(loaded.map(\.id), ["a", "b", "c"])
        XCTAssertNotNil(try? loaded[0].result.get())
        XCTAssertNil(try? loaded[1].result.get())
        XCTAssertNotNil(try? loaded[2].result.get())
    }

    /// Names are judged as before the listing worked on bytes: a dot joined by a combining
    /// mark is not a dotfile, a lone ".json" is one, non-ASCII names are reported, and the
    /// problems come in `String` order.
    func testListingJudgesOddNamesByCharacters() throws {
        let root = F.governanceRoot(self)
        let odd = [".json", "json", ".\u{301}x", "\u{E9}.json", "e\u{301}.json", "b.json", "a.json"]
        for n in odd { touch(root.statePath + "/" + n) }
        let (ids, problems) = try StateStore(root: root).listing()
        XCTAssertEqual(ids, ["a", "b"])
        XCTAssertEqual(problems.map(\.file), [".\u{301}x", "\u{E9}.json", "e\u{301}.json", "json"].sorted().map { "State/" + $0 })
    }

    /// A scan whose State/ cannot be opened any more (it became a link after the listing)
    /// fails every file with that reason and never reads through the link.
    func testAScanWhoseStateBecameALinkReadsNothingThroughIt() throws {
        let root = F.governanceRoot(self)
        try StateStore(root: root).write([try ConnectorBuilder.active("a").document])
        let (ids, _) = try StateStore(root: root).listing()
        let moved = F.temporaryDirectory(self) + "/State"
        try FileManager.default.moveItem(atPath: root.statePath, toPath: moved)
        try FileManager.default.createSymbolicLink(atPath: root.statePath, withDestinationPath: moved)
        var loaded: [LoadedConnector] = []
        EstateScan(root: root).forEachChunk(ids) { loaded += $0 }
        XCTAssertEqual(loaded.map(\.id), ["a"])
        guard case .failure(let e) = loaded[0].result else { return XCTFail("read through the link") }
        XCTAssertEqual(e.file, "State/a.json")
        XCTAssertTrue(e.message.hasPrefix("cannot be read: State/ cannot be opened: "), e.message)
    }
}
