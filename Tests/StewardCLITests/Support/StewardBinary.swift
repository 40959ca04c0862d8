import Foundation

/// The one binary locator of the end-to-end and gate tests.
enum StewardBinary {
    /// The `steward` executable of this build: next to the test bundle, else in one of the
    /// package's `.build*` directories (newest first).
    static let path: String = {
        let fm = FileManager.default
        var dirs: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let exe = Bundle.main.executableURL { dirs.append(exe.deletingLastPathComponent()) }
        for b in Bundle.allBundles where b.bundlePath.hasSuffix(".xctest") { dirs.append(b.bundleURL.deletingLastPathComponent()) }
        func usable(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && !isDir.boolValue && fm.isExecutableFile(atPath: path)
        }
        for d in dirs where usable(d.appendingPathComponent("steward").path) { return d.appendingPathComponent("steward").path }
        var package = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { package.deleteLastPathComponent() }  // Tests/StewardCLITests/Support/StewardBinary.swift
        var found: [(String, Date)] = []
        for scratch in (try? fm.contentsOfDirectory(atPath: package.path)) ?? [] where scratch.hasPrefix(".build") {
            for config in ["debug", "release"] {
                let path = "\(package.path)/\(scratch)/\(config)/steward"
                if usable(path), let date = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date {
                    found.append((path, date))
                }
            }
        }
        return found.max { $0.1 < $1.1 }?.0 ?? ""
    }()
}
