// swift-tools-version: 6.1
// Benchmarks of the toolkit's libraries, a separate package so they never slow the main build:
//   ICEWS_BENCH_SHARDS=/path/to/shards swift package --package-path Benchmarks benchmark
import Foundation
import PackageDescription

/// A path dependency's identity is its folder name (`main` here, `icews-toolkit` in a usual clone).
let toolkit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .lastPathComponent.lowercased()

let package = Package(
  name: "icews-benchmarks",
  platforms: [.macOS(.v14)],
  dependencies: [
    .package(path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "LoaderBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "Loader", package: toolkit),
      ],
      path: "Benchmarks/LoaderBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ],
  swiftLanguageModes: [.v6]
)
