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
        .library(name: "PixoraProviders", targets: ["PixoraProviders"]),
        .library(name: "PixoraStore", targets: ["PixoraStore"]),
        .library(name: "PixoraJobs", targets: ["PixoraJobs"]),
        .library(name: "PixoraServer", targets: ["PixoraServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.7.1"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", from: "1.13.4"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", from: "0.12.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
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
        // The job queue's workers and the video jobs: the pipeline run against the store.
        .target(
            name: "PixoraJobs",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline", "PixoraStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: strict),
        // Cloud AI providers behind the generator protocols.
        .target(
            name: "PixoraProviders",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strict),
        .target(
            name: "PixoraStore",
            dependencies: [
                "PixoraCore", "PixoraMedia",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The S3 client of the object storage.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict),
        // Request and response bodies generated from the contract by scripts/generate-api.sh (committed).
        .target(
            name: "PixoraAPI",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraPipeline", "PixoraStore", "PixoraJobs",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            swiftSettings: strict),
        .target(
            name: "PixoraServer",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline", "PixoraStore", "PixoraJobs",
                "PixoraProviders", "PixoraAPI",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "MCP", package: "swift-sdk"),
                // Sign-in providers' discovery, keys and token endpoints.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Web"), .copy("Contract")],
            swiftSettings: strict),
        .executableTarget(
            name: "pixora",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline", "PixoraStore", "PixoraJobs",
                "PixoraServer", "PixoraProviders",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: strict),
        // Benchmarks print tables; they are programs, not timed tests.
        .executableTarget(
            name: "pixora-bench",
            dependencies: [
                "PixoraCore", "PixoraMedia", "PixoraGenerators", "PixoraPipeline", "PixoraStore", "PixoraJobs",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "bench/Sources/pixora-bench",
            swiftSettings: strict),
        // The sample-analysis benchmark: Core and Media only, so its release build is quick.
        .executableTarget(
            name: "pixora-analyze-bench", dependencies: ["PixoraCore", "PixoraMedia"],
            path: "bench/Sources/pixora-analyze-bench", swiftSettings: strict),
        .testTarget(name: "PixoraCoreTests", dependencies: ["PixoraCore"], swiftSettings: strict),
        .testTarget(name: "PixoraMediaTests", dependencies: ["PixoraMedia"], swiftSettings: strict),
        .testTarget(
            name: "PixoraGeneratorsTests", dependencies: ["PixoraGenerators", "PixoraCore", "PixoraMedia"],
            swiftSettings: strict),
        .testTarget(
            name: "PixoraPipelineTests",
            dependencies: ["PixoraPipeline", "PixoraCore", "PixoraMedia", "PixoraGenerators"],
            swiftSettings: strict),
        .testTarget(
            name: "PixoraProvidersTests",
            dependencies: [
                "PixoraProviders", "PixoraCore", "PixoraGenerators", "PixoraMedia", "PixoraPipeline",
                "PixoraTestSupport",
            ],
            swiftSettings: strict),
        // Test databases on both engines, shared by the test targets.
        .target(
            name: "PixoraTestSupport",
            dependencies: [
                "PixoraStore", .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // The OpenID Connect emulator signs its ID tokens with a fresh RSA key.
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/Support",
            swiftSettings: strict),
        .testTarget(
            name: "PixoraStoreTests",
            dependencies: [
                "PixoraStore", "PixoraCore", "PixoraTestSupport", .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: strict),
        .testTarget(
            name: "PixoraServerTests",
            dependencies: [
                "PixoraServer", "PixoraStore", "PixoraCore", "PixoraMedia", "PixoraPipeline", "PixoraJobs",
                "PixoraProviders",
                "PixoraTestSupport", "PixoraAPI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                // The data export's zip is opened and read back by its tests.
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                // The MCP tests talk to /mcp with the SDK's client.
                .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: strict),
        // Runs the built `pixora` binary as a user would; depends on it so it is built first.
        .testTarget(
            name: "PixoraCLITests",
            dependencies: [
                "pixora", "PixoraMedia", "PixoraCore", "PixoraStore", "PixoraPipeline", "PixoraJobs",
                "PixoraTestSupport", .product(name: "MCP", package: "swift-sdk"),
            ],
            swiftSettings: strict),
    ]
)
