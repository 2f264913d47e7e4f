// swift-tools-version:6.0
// A standalone package that uses Allocator as a library, by path: it builds
// inputs in memory, runs the allocator's front door and prints what came out.
// `swift run` here (or `bash .ci/run` at the repository root) builds and runs it.
import Foundation
import PackageDescription

/// The Allocator package two folders up; its package identity is that folder's name.
let allocatorRoot = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "EmbeddingAllocator",
    platforms: [.macOS(.v13)],
    dependencies: [.package(path: allocatorRoot.path)],
    targets: [
        .executableTarget(
            name: "EmbeddingAllocator",
            dependencies: [
                .product(name: "Allocator", package: allocatorRoot.lastPathComponent),
                .product(name: "TimeSeries", package: allocatorRoot.lastPathComponent),
            ]
        ),
    ]
)
