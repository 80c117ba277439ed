// swift-tools-version: 6.2
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "Pixora",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pixora", targets: ["pixora"]),
        .executable(name: "pixora-bench", targets: ["pixora-bench"]),
        .library(name: "PixoraCore", targets: ["PixoraCore"]),
        .library(name: "PixoraMedia", targets: ["PixoraMedia"]),
        .library(name: "PixoraGenerators", targets: ["PixoraGenerators"]),
        .library(name: "PixoraPipeline", targets: ["PixoraPipeline"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    ],
    targets: [
        .target(
            name: "PixoraCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: strict),
        .target(
            name: "PixoraMedia",
            dependencies: ["PixoraCore", .product(name: "Subprocess", package: "swift-subprocess")],
            swiftSettings: strict),
        .target(
            name: "PixoraGenerators",
            dependencies: ["PixoraCore", "PixoraMedia"],
            swiftSettings: strict),
        .target(
            name: "PixoraPipeline",
            dependencies: ["PixoraCore", "PixoraMedia", "PixoraGenerators"],
            swiftSettings: strict),
        .executableTarget(
            name: "pixora",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // Benchmarks print tables; they are programs, not timed tests.
        .executableTarget(
            name: "pixora-bench",
            dependencies: ["PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline"],
            path: "bench/Sources/pixora-bench",
            swiftSettings: strict),
        .testTarget(name: "PixoraCoreTests", dependencies: ["PixoraCore"], swiftSettings: strict),
        .testTarget(name: "PixoraMediaTests", dependencies: ["PixoraMedia"], swiftSettings: strict),
        .testTarget(name: "PixoraGeneratorsTests", dependencies: ["PixoraGenerators", "PixoraCore", "PixoraMedia"], swiftSettings: strict),
        .testTarget(name: "PixoraPipelineTests", dependencies: ["PixoraPipeline"], swiftSettings: strict),
        // Runs the built `pixora` binary as a user would; depends on it so it is built first.
        .testTarget(name: "PixoraCLITests", dependencies: ["pixora", "PixoraMedia"], swiftSettings: strict),
    ]
)
