// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Steward",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "steward", targets: ["steward"]),
        .library(name: "StewardCore", targets: ["StewardCore"]),
    ],
    targets: [
        // The engine: pure lifecycle core (Model, Lifecycle, Encoding, Check) plus its
        // adapters (Store, Git, Inventory). No package dependencies.
        .target(name: "StewardCore"),
        // The command line: argument parser, one file per command, output formatting.
        .target(name: "StewardCLI", dependencies: ["StewardCore"]),
        // The executable: only calls StewardCLI.
        .executableTarget(name: "steward", dependencies: ["StewardCLI"]),
        .testTarget(name: "StewardCoreTests", dependencies: ["StewardCore"], exclude: ["Fixtures"]),
        .testTarget(name: "StewardCLITests", dependencies: ["StewardCLI", "StewardCore"]),
    ]
)

// A developer tool, not shipped: writes deterministic synthetic estates for benchmarks
// and crash tests (`steward-estate-gen --help`).
package.targets.append(.executableTarget(name: "steward-estate-gen", dependencies: ["StewardCore"], path: "Sources/EstateGenerator"))
package.products.append(.executable(name: "steward-estate-gen", targets: ["steward-estate-gen"]))
