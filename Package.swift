// swift-tools-version:6.0
import PackageDescription

/// `make demo` builds a debug `argus`: its dependencies unoptimised (BoringSSL, NIO, Hummingbird…
/// compile in about half the time of a release build), but the maths optimised, whole-module as in
/// release, because the demo's cluster signs and verifies on every change and pairings at -Onone
/// are far too slow. Release builds (`make test`, `make bench`, production) are -O everywhere.
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O", "-wmo", "-num-threads", "2"], .when(configuration: .debug))]

let package = Package(
    name: "Argus",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "argus", targets: ["ArgusCLI"]),
        .library(name: "ArgusCore", targets: ["ArgusCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
    ],
    targets: [
        // The folders show the layers: Sources/Support (leaf utilities), Sources/Crypto (pure maths:
        // BLS12381 with swift-crypto's SHA-256/HMAC/HKDF, BN254), Sources/Zellular (the sequencer's
        // wire, hashing with the system's xxHash, client and embedded sequencer; usable without
        // Argus) and Sources/Argus (the monitor, from its pure cores up to the CLI).
        // Hex text: lower-case encoding, strict decoding (the one codec every module uses).
        .target(name: "HexCodec", path: "Sources/Support/HexCodec"),
        .target(name: "BLS12381", dependencies: ["HexCodec", .product(name: "Crypto", package: "swift-crypto")], path: "Sources/Crypto/BLS12381", swiftSettings: optimisedInDebug),
        .target(name: "BN254", dependencies: ["HexCodec"], path: "Sources/Crypto/BN254", swiftSettings: optimisedInDebug),
        // Ethereum's Keccak-256 (settlement's leaves, Merkle nodes and statements).
        .target(name: "Keccak", path: "Sources/Crypto/Keccak", swiftSettings: optimisedInDebug),
        .systemLibrary(name: "CXXHash", path: "Sources/Zellular/CXXHash", providers: [.apt(["libxxhash-dev"])]),
        .target(name: "ZellularHash", dependencies: ["CXXHash", "HexCodec", "PythonJSON"], path: "Sources/Zellular/ZellularHash"),
        // Files that hold secrets: created 0600 with O_EXCL | O_NOFOLLOW, never renamed over anything.
        .target(name: "SecretFile", path: "Sources/Support/SecretFile"),
        // JSON text as Python writes it, and exact numbers in JSON read back.
        .target(name: "PythonJSON", path: "Sources/Support/PythonJSON"),

        // Zellular: wire types and verification of finalized batches (usable without Argus).
        .target(name: "Zellular", dependencies: ["BN254", "ZellularHash", "PythonJSON"], path: "Sources/Zellular/Zellular"),

        .target(name: "ZellularHTTP", dependencies: [
            "Zellular",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ], path: "Sources/Zellular/ZellularHTTP"),
        .target(name: "ZellularSequencer", dependencies: [
            "Zellular", "BN254", "ZellularHash", "PythonJSON", "SecretFile",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
        ], path: "Sources/Zellular/ZellularSequencer"),

        // The monitor.
        .target(name: "ArgusCore", path: "Sources/Argus/ArgusCore"),
        // Quorum proofs: the cluster registry, signed statements, events, aggregation, verification.
        .target(name: "ArgusProof", dependencies: [
            "ArgusCore", "BLS12381", "HexCodec", "Keccak", "PythonJSON",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
        ], path: "Sources/Argus/ArgusProof"),
        // The cluster's rules (proposal, attestation, admission, settlement): pure state machines.
        .target(name: "ArgusCluster", dependencies: ["ArgusCore", "ArgusProof", "BLS12381", .product(name: "Crypto", package: "swift-crypto")], path: "Sources/Argus/ArgusCluster"),
        .target(name: "ArgusStore", dependencies: [
            "ArgusCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ], path: "Sources/Argus/ArgusStore"),
        .target(name: "ArgusNode", dependencies: [
            "ArgusCore", "ArgusCluster", "ArgusStore", "ArgusProof", "BLS12381", "PythonJSON", "Zellular", "ZellularHTTP",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ], path: "Sources/Argus/ArgusNode"),
        .target(name: "ArgusHTTP", dependencies: [
            "ArgusCore", "ArgusCluster", "ArgusStore", "ArgusNode", "ArgusProof", "BLS12381", "PythonJSON",
            .product(name: "CompressNIO", package: "compress-nio"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Sources/Argus/ArgusHTTP"),
        // `argus demo`: a local cluster of real processes (also the multi-process tests' launcher).
        .target(name: "ArgusDemo", dependencies: [
            "ArgusProof", "BLS12381", "SecretFile",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
        ], path: "Sources/Argus/ArgusDemo"),
        .target(name: "ArgusSimulator", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
        ], path: "Sources/Argus/ArgusSimulator"),
        .executableTarget(name: "ArgusCLI", dependencies: [
            "ArgusCore", "ArgusStore", "ArgusNode", "ArgusHTTP", "ArgusSimulator", "ArgusProof", "ArgusDemo", "BLS12381", "BN254", "HexCodec", "PythonJSON",
            "SecretFile",
            "Zellular", "ZellularHTTP", "ZellularSequencer",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], path: "Sources/Argus/ArgusCLI"),
        .executableTarget(name: "BLS12381Benchmarks", dependencies: ["BLS12381"], path: "Benchmarks/BLS12381Benchmarks"),
        .executableTarget(name: "BN254Benchmark", dependencies: ["BN254", "HexCodec", "ZellularHash"], path: "Benchmarks/BN254Benchmark"),
        .executableTarget(name: "argus-bench", dependencies: [
            "ArgusCluster", "ArgusCore", "ArgusDemo", "ArgusHTTP", "ArgusNode", "ArgusProof", "ArgusStore", "ArgusTestSupport", "BLS12381", "Zellular", "ZellularHTTP", "ZellularSequencer",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Benchmarks/ArgusBench"),
        // Test support by layer: vectors, seeded RNG, hex and Python for every suite; processes and
        // the demo launcher only for the app suites.
        .target(name: "ArgusTestSupport", dependencies: ["HexCodec"], path: "Tests/ArgusTestSupport"),
        .target(name: "ArgusProcessSupport", dependencies: ["ArgusDemo", "ArgusTestSupport"], path: "Tests/ArgusProcessSupport"),
        .executableTarget(name: "argus-store-writer", dependencies: ["ArgusCore", "ArgusStore"], path: "Tests/ArgusStoreWriter"),
        .testTarget(name: "ArgusNodeTests", dependencies: [
            "ArgusCore", "ArgusCluster", "ArgusStore", "ArgusNode", "ArgusProof", "BLS12381", "Zellular", "ArgusTestSupport", "ArgusProcessSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "ArgusHTTPTests", dependencies: [
            "ArgusCluster", "ArgusCore", "ArgusStore", "ArgusNode", "ArgusHTTP", "ArgusProof", "ArgusSimulator", "BLS12381", "Zellular", "ZellularSequencer",
            "ArgusTestSupport", "ArgusProcessSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "CompressNIO", package: "compress-nio"),
        ]),
        .testTarget(name: "ArgusEndToEndTests", dependencies: [
            "ArgusTestSupport", "ArgusProcessSupport", "ArgusCluster", "ArgusProof", "BLS12381",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
        ]),
        .testTarget(name: "ArgusStoreTests", dependencies: [
            "ArgusCore", "ArgusStore", "ArgusTestSupport", "ArgusProcessSupport", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .testTarget(name: "BLS12381Tests", dependencies: [
            "BLS12381", "ArgusTestSupport", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "KeccakTests", dependencies: ["Keccak", "ArgusTestSupport"]),
        .testTarget(name: "BN254Tests", dependencies: ["BN254", "ZellularHash", "ArgusTestSupport"]),
        .testTarget(name: "ZellularTests", dependencies: ["Zellular", "BN254", "PythonJSON", "ArgusTestSupport"]),
        .testTarget(name: "ZellularSequencerTests", dependencies: [
            "Zellular", "ZellularHTTP", "ZellularSequencer", "ArgusTestSupport", "ArgusProcessSupport",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .testTarget(name: "ZellularHashTests", dependencies: ["ZellularHash", "PythonJSON", "ArgusTestSupport"]),
        .testTarget(name: "ArgusClusterTests", dependencies: ["ArgusCluster", "ArgusCore", "ArgusProof", "BLS12381", "ArgusTestSupport"]),
        .testTarget(name: "ArgusCoreTests", dependencies: ["ArgusCore", "ArgusTestSupport"]),
        .testTarget(name: "ArgusProofTests", dependencies: ["ArgusProof", "ArgusCore", "BLS12381", "ArgusTestSupport"]),
    ]
)
