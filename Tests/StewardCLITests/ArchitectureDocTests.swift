import Foundation
import XCTest

/// docs/ARCHITECTURE.md is checked against the tree: every Swift file it names exists
/// (under Sources/, or from the package root),
/// every target folder under Sources/ is named in its target diagram, and the targets that must stay pure
/// are declared with the module aliases that make a platform import fail to compile.
final class ArchitectureDocTests: XCTestCase {
    private let package: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/StewardCLITests/ArchitectureDocTests.swift
        return url
    }()

    private func read(_ relative: String) throws -> String {
        try String(contentsOf: package.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Every file under Sources/, by its path below Sources/ and by its bare name.
    private func sourceFiles() throws -> (paths: Set<String>, names: Set<String>) {
        let root = package.appendingPathComponent("Sources").path
        var paths: Set<String> = []
        for case let path as String in FileManager.default.enumerator(atPath: root)! where path.hasSuffix(".swift") {
            paths.insert(path)
        }
        return (paths, Set(paths.map { ($0 as NSString).lastPathComponent }))
    }

    func testEverySwiftFileTheDocNamesExists() throws {
        let doc = try read("docs/ARCHITECTURE.md")
        let files = try sourceFiles()
        let pattern = try NSRegularExpression(pattern: #"[A-Za-z0-9_+/]+\.swift"#)
        let range = NSRange(doc.startIndex..., in: doc)
        var named = 0
        var missing: [String] = []
        for match in pattern.matches(in: doc, range: range) {
            let token = String(doc[Range(match.range, in: doc)!])
            named += 1
            let atRoot = FileManager.default.fileExists(atPath: package.appendingPathComponent(token).path)
            let known = atRoot || (token.contains("/") ? files.paths.contains(token) : files.names.contains(token))
            if !known { missing.append(token) }
        }
        XCTAssertGreaterThan(named, 20, "the doc should say where each rule lives")
        XCTAssertEqual(missing, [], "docs/ARCHITECTURE.md names files that are not under Sources/")
    }

    func testEveryTargetFolderIsInTheDiagram() throws {
        let doc = try read("docs/ARCHITECTURE.md")
        // The target diagram is the doc's first fenced code block.
        let fences = doc.components(separatedBy: "```")
        XCTAssertGreaterThanOrEqual(fences.count, 3, "docs/ARCHITECTURE.md has no target diagram")
        let diagram = fences.count >= 3 ? fences[1] : ""
        let folders = try FileManager.default.contentsOfDirectory(atPath: package.appendingPathComponent("Sources").path)
        XCTAssertFalse(folders.isEmpty)
        for folder in folders.sorted() {
            // The folder as a whole name (`steward` in `steward (main.swift)`, not in
            // `steward-estate-gen`; `EstateGenerator` in `(Sources/EstateGenerator)`).
            let name = NSRegularExpression.escapedPattern(for: folder)
            let named = diagram.range(of: #"(^|[\s(/])\#(name)(?=[\s)])"#, options: .regularExpression) != nil
            XCTAssertTrue(named, "target folder Sources/\(folder) is not in the target diagram of docs/ARCHITECTURE.md")
        }
    }

    func testPureTargetsCannotImportThePlatform() throws {
        let manifest = try read("Package.swift")
        for target in ["StewardKit", "StewardCore"] {
            XCTAssertTrue(manifest.contains(".target(name: \"\(target)\"") && manifest.range(
                of: #"\.target\(name: "\#(target)"[^\n]*swiftSettings: noPlatform"#, options: .regularExpression) != nil,
                "\(target) must be built with the noPlatform settings")
        }
        for module in ["Foundation", "Glibc", "Dispatch", "Darwin"] {
            XCTAssertTrue(manifest.contains("\"\(module)\""), "\(module) is not aliased away in Package.swift")
        }
        // And no source file of those targets imports one (the compiler refuses it; this
        // names the file if someone loosens the settings).
        // Any import form counts: indented, with attributes (`@_exported`, `@preconcurrency`),
        // an access level, or a declaration kind (`import struct Foundation.Date`). StewardCore
        // may import StewardKit only; StewardKit imports nothing.
        let importLine = try NSRegularExpression(pattern:
            #"^\s*(@\w+\s+)*((public|package|internal|fileprivate|private)\s+)?import\s+((typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_][A-Za-z0-9_]*)"#)
        let files = try sourceFiles().paths.filter { $0.hasPrefix("StewardKit/") || $0.hasPrefix("StewardCore/") }
        XCTAssertFalse(files.isEmpty)
        for file in files.sorted() {
            let allowed: Set<String> = file.hasPrefix("StewardCore/") ? ["StewardKit"] : []
            let text = try read("Sources/" + file)
            for line in text.split(separator: "\n").map(String.init) {
                XCTAssertFalse(line.contains("canImport("), "\(file): \(line)")
                guard let match = importLine.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)),
                      let module = Range(match.range(at: 6), in: line).map({ String(line[$0]) }) else { continue }
                XCTAssertTrue(allowed.contains(module), "\(file) imports \(module): \(line)")
            }
        }
    }
}
