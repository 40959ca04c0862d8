// swift-tools-version:6.0
import PackageDescription

// Linux is the one platform steward is built and tested on (the file adapters use Glibc);
// the package declares no Apple platform.
// The kit and the core may not import the platform: each of these module names is aliased
// to one that does not exist, so `import Foundation` (or Glibc, Dispatch, …) in either target
// fails to compile with "no such module 'Foundation_is_not_allowed_here'".
let platformModules = ["Foundation", "FoundationEssentials", "FoundationInternationalization",
                       "FoundationNetworking", "CoreFoundation", "Glibc", "Musl", "Darwin",
                       "Dispatch", "WinSDK"]
let noPlatform: [SwiftSetting] = [.unsafeFlags(platformModules.flatMap { ["-module-alias", "\($0)=\($0)_is_not_allowed_here"] })]

let package = Package(
    name: "Steward",
    products: [
        .executable(name: "steward", targets: ["steward"]),
        .library(name: "StewardCore", targets: ["StewardCore"]),
    ],
    targets: [
        // The kit: hand-written infrastructure the "no packages" rule forces (strict and
        // canonical JSON, SHA-256, CSV, the template renderer, calendar time). No imports.
        .target(name: "StewardKit", swiftSettings: noPlatform),
        // The pure core: model, lifecycle rules, replay, run plan, gate rules, lints,
        // reconciliation, inventory parsing, reports. Imports neither Foundation nor Glibc.
        .target(name: "StewardCore", dependencies: ["StewardKit"], swiftSettings: noPlatform),
        // The adapters: store, lock, atomic writer, git, file readers and writers.
        .target(name: "StewardAdapters", dependencies: ["StewardCore"]),
        // The application: one pipeline per command, composing adapters and core.
        .target(name: "StewardApp", dependencies: ["StewardAdapters"]),
        // The command line: argument parser, one file per command, output formatting.
        .target(name: "StewardCLI", dependencies: ["StewardApp"]),
        // The executable: only calls StewardCLI.
        .executableTarget(name: "steward", dependencies: ["StewardCLI"]),
        .testTarget(name: "StewardKitTests", dependencies: ["StewardKit"], exclude: ["Fixtures"]),
        .testTarget(name: "StewardCoreTests", dependencies: ["StewardApp"], exclude: ["Fixtures"]),
        .testTarget(name: "StewardCLITests", dependencies: ["StewardCLI", "StewardApp"]),
    ]
)

// A developer tool, not shipped: writes deterministic synthetic estates for benchmarks
// and crash tests (`steward-estate-gen --help`).
package.targets.append(.executableTarget(name: "steward-estate-gen", dependencies: ["StewardAdapters"], path: "Sources/EstateGenerator"))
package.products.append(.executable(name: "steward-estate-gen", targets: ["steward-estate-gen"]))
