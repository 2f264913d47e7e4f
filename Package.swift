// swift-tools-version:6.0
import PackageDescription

// Release executables on Linux are fully static (`-static-executable`: the
// Swift runtime, Foundation, libstdc++ and glibc linked in). With no dynamic
// loader there is no library to find, map or relocate and no symbol to bind at
// start: `allocator state` on a missing run directory 3.0 → 2.0–2.3 ms wall, a
// one-day `allocator update` on the baseline fixture about 1 ms less (alternated
// runs of both binaries). They link with lld, which resolves static archives
// in any order, and name static Foundation's own dependencies (ICU,
// collections, CoreFoundation, Synchronization, libstdc++): a plain
// `swift build -c release` does not bring those in, and its link fails
// without them. glibc warns at link time that CoreFoundation's user-directory
// lookups (`getpwuid`, `getpwnam`) need its NSS libraries at run time; the
// allocator never makes them. Building and linking needs lld (in the Swift
// toolchain) and glibc's and libstdc++'s static archives (from libc6-dev and
// libstdc++-12-dev on this machine). The executables are
// also position-dependent (`-no-pie`): a position-independent one relocates
// itself at every start, ~90,000 relative relocations of a 100 MB image,
// about 2 ms of CPU (measured on the earlier dynamically linked build: 606 →
// 347 page faults); now 85 remain. The executable's addresses are not
// randomised; the heap's and stack's still are. `--no-export-dynamic` kept
// the dynamically linked build from exporting the package's ~13,000 public
// symbols (the Swift runtime's `dladdr` at start walked them, about 0.3 ms);
// a static executable has no dynamic symbol table at all. Debug builds (and
// `swift test`) keep the defaults. A release build of the tests does not
// link (`swift build -c release --build-tests -Xswiftc -enable-testing`; it
// needed that flag before, for the `@testable` imports): AllocatorCLITests
// depends on the executable target, whose flags then apply to the test
// runner, and the toolchain has no static XCTest or Testing libraries. The
// tests run in debug, as the README and CI run them.
let fastStartLinking: [LinkerSetting] = [
    .unsafeFlags(["-static-executable", "-use-ld=lld", "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic",
                  "-l_FoundationICU", "-l_FoundationCollections", "-lFoundationInternationalization", "-lFoundationEssentials",
                  "-l_FoundationCShims", "-lCoreFoundation", "-lswiftSynchronization", "-lstdc++"],
                 .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
    name: "Allocator",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "allocator", targets: ["AllocatorCLI"]),
        .executable(name: "allocator-bench", targets: ["AllocatorBench"]),
        .library(name: "Allocator", targets: ["Allocator"]),
        .library(name: "Backtest", targets: ["Backtest"]),
        .library(name: "TimeSeries", targets: ["TimeSeries"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // The few C library calls Swift's Glibc module does not import, and input mapping (see CPlatform.h).
        .target(name: "CPlatform"),
        // The batch correlation kernel's inner loops, compiled for AVX2 and the baseline (see PairSumKernels.h).
        .target(name: "CKernels"),
        // The CSV reader's inner loops, scalar and AVX2: line ends, number cells (see LineEnds.h, NumberCells.h);
        // the writer's number text (NumberText.h).
        .target(name: "CCSVKernels"),
        .target(name: "TimeSeries", dependencies: ["CPlatform", "CCSVKernels"]),
        .target(
            name: "Allocator",
            dependencies: ["TimeSeries", "CPlatform", "CKernels", .product(name: "Logging", package: "swift-log"), .product(name: "Yams", package: "Yams"),
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "Backtest",
            dependencies: ["TimeSeries", "Allocator", .product(name: "Yams", package: "Yams"), .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Audit",
            dependencies: ["TimeSeries", "Allocator", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "Calibration",
            dependencies: ["TimeSeries", "Allocator", "Audit", "Backtest", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "Report", dependencies: ["TimeSeries", "Allocator", "Audit", .product(name: "Plot", package: "Plot")]),
        .executableTarget(
            name: "AllocatorCLI",
            dependencies: [
                "TimeSeries", "CPlatform", "Allocator", "Backtest", "Audit", "Report", "Calibration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            linkerSettings: fastStartLinking
        ),
        .executableTarget(
            name: "AllocatorBench",
            dependencies: ["TimeSeries", "Allocator", "Backtest", "Calibration", .product(name: "Logging", package: "swift-log")],
            linkerSettings: fastStartLinking
        ),
        // Test support shared by the test targets: the fixtures locator, the
        // `allocator` process runner and the scratch run directory.
        .target(
            name: "AllocatorTestSupport",
            dependencies: ["TimeSeries", "Allocator", "Backtest", .product(name: "Logging", package: "swift-log")],
            path: "Tests/AllocatorTestSupport"
        ),
        .testTarget(name: "TimeSeriesTests", dependencies: ["TimeSeries", "CCSVKernels"]),
        .testTarget(name: "AllocatorTests", dependencies: ["Allocator", "CKernels", "TimeSeries", "Backtest", "AllocatorTestSupport"]),
        .testTarget(name: "BacktestTests", dependencies: ["Backtest", "Allocator", "TimeSeries", "AllocatorTestSupport"]),
        .testTarget(name: "AuditTests", dependencies: ["Audit", "Allocator", "Backtest", "TimeSeries", "AllocatorTestSupport"]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "Audit", "Allocator", "TimeSeries", "AllocatorTestSupport"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "TimeSeries", "AllocatorTestSupport"]),
        .testTarget(name: "AllocatorCLITests", dependencies: [
            "AllocatorCLI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
    ]
)
