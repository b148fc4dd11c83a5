// swift-tools-version:6.1
import PackageDescription

// Benchmarks live in their own package so that their extra dependency (CSV.swift, measured beside
// Escucha's own CSV reader) never reaches the product or CI's test build.
let package = Package(
    name: "EscuchaBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "Escucha", path: ".."),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    ],
    targets: [
        .executableTarget(
            name: "escucha-bench",
            dependencies: [
                .product(name: "EscuchaIngest", package: "Escucha"),
                .product(name: "EscuchaNormalize", package: "Escucha"),
                .product(name: "EscuchaSentiment", package: "Escucha"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
        ),
    ],
    swiftLanguageModes: [.v6]
)
