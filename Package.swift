// swift-tools-version:6.1
import PackageDescription

// Strict settings shared by every Swift target, applied in one loop at the end.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Escucha",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "escucha", targets: ["escucha"]),
        .library(name: "EscuchaIngest", targets: ["EscuchaIngest"]),
        .library(name: "EscuchaNormalize", targets: ["EscuchaNormalize", "EscuchaText", "EscuchaLexicon"]),
        .library(name: "EscuchaSentiment", targets: ["EscuchaSentiment"]),
        .library(name: "EscuchaTopics", targets: ["EscuchaTopics"]),
        .library(name: "EscuchaCustomers", targets: ["EscuchaCustomers"]),
        .library(name: "EscuchaReport", targets: ["EscuchaClassify", "EscuchaReport"]),
        .library(name: "EscuchaAnalysis", targets: ["EscuchaAnalysis"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C libraries from Debian packages. No Swift file imports CICU: ICU stays behind CEscuchaICU,
        // whose public header uses only <stdint.h> types (see docs/decisions/0001-icu-behind-c.md).
        .systemLibrary(name: "CICU", pkgConfig: "icu-io", providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CEscuchaICU", dependencies: ["CICU"]),
        .target(name: "CEscuchaSystem"),

        .target(name: "EscuchaCore"),
        .target(name: "EscuchaText", dependencies: ["EscuchaCore", "CEscuchaICU"]),
        .target(name: "EscuchaIngest", dependencies: ["EscuchaCore", "EscuchaText", "CLibXML2"]),
        .target(name: "EscuchaLexicon", dependencies: ["EscuchaText"]),
        .target(name: "EscuchaNormalize", dependencies: ["EscuchaCore", "EscuchaText", "EscuchaLexicon"]),
        .target(name: "EscuchaSentiment", dependencies: ["EscuchaCore", "EscuchaLexicon", "EscuchaNormalize"]),
        .target(name: "EscuchaTopics", dependencies: ["EscuchaCore", "EscuchaLexicon", "EscuchaNormalize", "EscuchaSentiment"]),
        .target(name: "EscuchaClassify", dependencies: ["EscuchaCore", "EscuchaSentiment", "EscuchaTopics"]),
        .target(name: "EscuchaCustomers", dependencies: ["EscuchaCore", "EscuchaText", "EscuchaIngest"]),
        .target(name: "EscuchaReport", dependencies: ["EscuchaCore", "EscuchaIngest", "EscuchaClassify"]),
        // A document's whole analysis (sentiment, topics, signals, emotions, class, link), without I/O: what a
        // command, a store or a server calls.
        .target(name: "EscuchaAnalysis", dependencies: ["EscuchaCore", "EscuchaLexicon", "EscuchaNormalize", "EscuchaSentiment", "EscuchaTopics",
                                                        "EscuchaClassify", "EscuchaCustomers"]),
        .executableTarget(
            name: "escucha",
            dependencies: [
                "EscuchaCore", "EscuchaText", "EscuchaIngest", "EscuchaLexicon", "EscuchaNormalize", "EscuchaSentiment", "EscuchaTopics",
                "EscuchaClassify", "EscuchaCustomers", "EscuchaReport", "EscuchaAnalysis", "CEscuchaSystem",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // One helper every test target shares: where the checkout is.
        .target(name: "EscuchaTestSupport", path: "Tests/EscuchaTestSupport"),
        .testTarget(name: "EscuchaCoreTests", dependencies: ["EscuchaCore"]),
        .testTarget(name: "EscuchaTextTests", dependencies: ["EscuchaText"]),
        // The fixture is read by path from the checkout, not bundled.
        .testTarget(name: "EscuchaIngestTests", dependencies: ["EscuchaTestSupport", "EscuchaIngest"], exclude: ["Fixtures"]),
        .testTarget(name: "EscuchaNormalizeTests", dependencies: ["EscuchaTestSupport", "EscuchaNormalize", "EscuchaLexicon", "EscuchaIngest"]),
        .testTarget(name: "EscuchaSentimentTests", dependencies: ["EscuchaTestSupport", "EscuchaSentiment"]),
        .testTarget(name: "EscuchaTopicsTests", dependencies: ["EscuchaTestSupport", "EscuchaTopics"]),
        .testTarget(name: "EscuchaCustomersTests", dependencies: ["EscuchaTestSupport", "EscuchaCustomers"]),
        .testTarget(name: "EscuchaReportTests", dependencies: ["EscuchaTestSupport", "EscuchaReport", "EscuchaClassify", "EscuchaSentiment", "EscuchaIngest"]),
        .testTarget(name: "EscuchaAnalysisTests", dependencies: ["EscuchaTestSupport", "EscuchaAnalysis", "EscuchaIngest"]),
        .testTarget(name: "EscuchaCLITests", dependencies: ["EscuchaTestSupport", "escucha"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system && target.name.first != "C" {
    target.swiftSettings = (target.swiftSettings ?? []) + strictSettings
}
