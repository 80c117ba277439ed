// swift-tools-version: 6.2
// Builds only the generator's command-line tool, in its own scratch folder, so the app's build never compiles it.
import PackageDescription

let package = Package(
    name: "PixoraOpenAPIGenerator",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")
    ],
    targets: []
)
