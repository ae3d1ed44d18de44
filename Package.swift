// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dealers",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dealers", targets: ["dealers"]),
        .library(name: "DealersCore", targets: ["DealersCore"]),
        .library(name: "DealersStore", targets: ["DealersStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        // HeapModule: the merge of spilled runs (DealersSupport's SpillRuns).
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // The Prometheus metrics of `dealers watch`/`serve` (docs/scaling.md, "Metrics"): the
        // pipeline records through swift-metrics' facade, the CLI bootstraps the Prometheus backend.
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // libharu, for the documents to sign (mandate forms, contract conditions: docs/sepa.md).
        .systemLibrary(
            name: "CHPDF",
            providers: [.apt(["libhpdf-dev"])]
        ),
        // SIGTERM/SIGINT forwarded to the watcher's wake-up pipe by a handler (Watch/StopRequest).
        .target(name: "CSignalForward"),
        .target(
            name: "DealersSupport",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "HeapModule", package: "swift-collections"),
            ]
        ),
        .target(
            name: "DealersStore",
            dependencies: [
                "DealersSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "DealersPostgres",
            dependencies: [
                "DealersSupport",
                "DealersStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                // Lease takeovers counted through the facade (Workers/LeaseKeeper).
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The layers of the product, bottom to top (docs/architecture.md): each target names
        // the ones below it that it may import, and SwiftPM refuses any other import.
        .target(
            name: "DealersModel",
            dependencies: ["DealersSupport"]
        ),
        .target(
            name: "DealersFormats",
            dependencies: ["DealersModel", "DealersSupport"]
        ),
        .target(
            name: "DealersReading",
            dependencies: [
                "DealersModel", "DealersFormats", "DealersSupport", "CCSV",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "DealersLayouts",
            dependencies: ["DealersModel", "DealersFormats", "DealersReading", "DealersSupport"]
        ),
        .target(
            name: "DealersValidation",
            dependencies: ["DealersModel", "DealersFormats", "DealersReading", "DealersLayouts", "DealersSupport"]
        ),
        .target(
            name: "DealersDomain",
            dependencies: ["DealersModel", "DealersFormats", "DealersSupport"]
        ),
        .target(
            name: "DealersDomainStore",
            dependencies: [
                "DealersModel", "DealersDomain", "DealersStore", "DealersSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // SEPA direct debit: creditors, the collection rule, the TARGET calendar, the pain.008
        // writer (docs/sepa.md); pure, like the domain it reads.
        .target(
            name: "DealersSEPA",
            dependencies: ["DealersModel", "DealersFormats", "DealersDomain", "DealersSupport"]
        ),
        .target(
            name: "DealersWorkspace",
            dependencies: [
                "DealersModel", "DealersFormats", "DealersSEPA", "DealersSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DealersOutbox",
            dependencies: [
                "DealersModel", "DealersFormats", "DealersReading", "DealersLayouts", "DealersSupport",
                "CCSV", "CXLSXWriter", "CHPDF",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "DealersReports",
            dependencies: [
                "DealersModel", "DealersDomain", "DealersDomainStore", "DealersStore", "DealersWorkspace",
                "DealersOutbox", "DealersSEPA", "DealersSupport",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "DealersPipeline",
            dependencies: [
                "DealersModel", "DealersFormats", "DealersReading", "DealersLayouts", "DealersValidation",
                "DealersDomain", "DealersDomainStore", "DealersStore", "DealersWorkspace", "DealersOutbox",
                "DealersReports", "DealersSEPA", "DealersSupport", "CSignalForward",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Named metrics through the facade (Metrics/PipelineMetrics.swift); a no-op unless the CLI bootstraps it.
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // One import for the programs on top (the CLI, the portal, the bench): every layer's API.
        .target(
            name: "DealersCore",
            dependencies: [
                "DealersModel", "DealersFormats", "DealersReading", "DealersLayouts", "DealersValidation",
                "DealersDomain", "DealersDomainStore", "DealersWorkspace", "DealersOutbox", "DealersReports",
                "DealersPipeline", "DealersSEPA", "DealersStore", "DealersSupport",
            ]
        ),
        .target(
            name: "DealersPortal",
            dependencies: [
                "DealersCore",
                "DealersSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                // The pages' templates (docs/portal.md, "Adding a page").
                .product(name: "Mustache", package: "swift-mustache"),
                // NIOThreadPool: the portal's blocking file-system work runs off the event loop.
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "dealers",
            dependencies: [
                "DealersCore",
                "DealersPortal",
                "DealersPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                // --metrics-port: the Prometheus backend and its own small listener (MetricsListener).
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(
            name: "dealers-bench",
            dependencies: ["DealersCore", "DealersPostgres", "CCSV", "CXLSXWriter"]
        ),
        // Tests by kind (README, "Tests"): pure units of the layers, the store engine, the portal
        // in process, the built binary on temporary workspaces, and integration with PostgreSQL
        // and Chromium; the end-to-end and integration kinds share DealersTestSupport.
        .testTarget(
            name: "DealersCoreTests",
            // CCSV for References/: the line-fed reader the byte path is checked against.
            dependencies: ["DealersTestSupport", "DealersCore", "DealersStore", "DealersSupport", "CCSV",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "DealersStoreTests",
            dependencies: ["DealersTestSupport", "DealersCore", "DealersStore", "DealersSupport", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(
            name: "DealersPortalTests",
            dependencies: [
                "DealersPortal", "DealersCore", "DealersSupport",
                // The reversal flow end to end: the built binary on a TestWorkspace, the portal in process.
                "DealersTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .target(
            name: "DealersTestSupport",
            dependencies: ["DealersCore", .product(name: "Logging", package: "swift-log")],
            path: "Tests/DealersTestSupport"
        ),
        .testTarget(
            name: "DealersEndToEndTests",
            dependencies: ["DealersTestSupport", "DealersCore", "DealersStore", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        // The benchmark's own pure parts (the pg-workers stage's cut of the users file).
        .testTarget(
            name: "DealersBenchTests",
            dependencies: ["dealers-bench"]
        ),
        .testTarget(
            name: "DealersIntegrationTests",
            dependencies: ["DealersTestSupport", "DealersCore", "DealersStore", "DealersPostgres",
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
    ]
)
