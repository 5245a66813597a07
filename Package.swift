// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "icews-toolkit",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "icews", targets: ["icews"]),
    .library(name: "Support", targets: ["Support"]),
    .library(name: "EventData", targets: ["EventData"]),
    .library(name: "Synth", targets: ["Synth"]),
    .library(name: "Frames", targets: ["Frames"]),
    .library(name: "Transforms", targets: ["Transforms"]),
    .library(name: "Shards", targets: ["Shards"]),
    .library(name: "Loader", targets: ["Loader"]),
    .library(name: "Autoencoder", targets: ["Autoencoder"]),
    .library(name: "Pipeline", targets: ["Pipeline"]),
    .library(name: "Presentation", targets: ["Presentation"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    // C libraries from Debian, wrapped once each.
    .systemLibrary(name: "CLibCSV", path: "Sources/CLibCSV", providers: [.apt(["libcsv-dev"])]),
    .systemLibrary(name: "CZlibSystem", path: "Sources/CZlibSystem", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    .systemLibrary(
      name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),

    // What several stages share and nothing ICEWS-specific: days, split names, the seeded generator,
    // .npy headers, CSV fields.
    .target(name: "Support"),
    // The field splitter's one pass over a line (delimiters, quotes, non-ASCII), in SSE2 and AVX2.
    .target(name: "CFieldScan", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
    // ICEWS records, layouts, CAMEO codebook, reader, dedup, rejects.
    .target(
      name: "EventData",
      dependencies: ["Support", "CLibCSV", "CFieldScan", "CZlibSystem", "CZstd"]),
    // Synthetic event dumps (ICEWS, POLECAT and GDELT shapes) with planted episodes: tests, demos, benchmarks.
    .target(name: "Synth", dependencies: ["Support", "EventData"]),
    // Feature schema, vocabularies, per-group daily aggregation.
    .target(name: "Frames", dependencies: ["Support", "EventData"]),
    // Normalize, difference, window, split.
    .target(name: "Transforms", dependencies: ["Support", "Frames"]),
    // Shard format, writer, reader, manifest.
    .target(name: "Shards", dependencies: ["Support", "Transforms", "CZstd", "CZlibSystem"]),
    // Streaming batches from shards.
    .target(name: "Loader", dependencies: ["Support", "Shards"]),
    // The autoencoder's pointwise LSTM kernels, compiled per instruction set (AVX-512 / AVX2 / baseline).
    .target(name: "CLSTMKernels", cSettings: [.unsafeFlags(["-O2"], .when(configuration: .debug))]),
    // LSTM autoencoder over BLAS; nothing ICEWS-specific.
    .target(
      name: "Autoencoder", dependencies: ["Support", "COpenBLAS", "CLSTMKernels"],
      // Its SIMD kernels run ~100x slower unoptimized: keep debug test runs fast.
      swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]),
    // YAML pipeline files → typed configuration → stages.
    .target(
      name: "Pipeline",
      dependencies: ["Support", "EventData", "Frames", "Transforms", "Shards", "Loader", "Autoencoder", "Yams"]),
    // What people read: inspect tables and sparklines, summary tables, SVG plots. Above every data module;
    // only the CLI (and tests) import it.
    .target(
      name: "Presentation",
      dependencies: ["Support", "EventData", "Frames", "Transforms", "Shards", "Pipeline"]),
    // The command-line tool: parse, call the library, print.
    .executableTarget(
      name: "icews",
      dependencies: [
        "Support", "Synth", "Pipeline", "Presentation", "Autoencoder", "Transforms",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(name: "FixtureSupport", dependencies: ["Support", "EventData"], path: "Tests/FixtureSupport"),
    .testTarget(name: "EventDataTests", dependencies: ["Support", "EventData", "Synth", "FixtureSupport"]),
    .testTarget(name: "SynthTests", dependencies: ["Support", "EventData", "Synth", "FixtureSupport"]),
    .testTarget(name: "FramesTests", dependencies: ["Support", "Frames", "FixtureSupport"]),
    .testTarget(name: "TransformsTests", dependencies: ["Support", "Transforms", "FixtureSupport"]),
    .testTarget(name: "ShardsTests", dependencies: ["Support", "Shards", "Transforms", "FixtureSupport"]),
    .testTarget(name: "LoaderTests", dependencies: ["Support", "Loader", "FixtureSupport"]),
    .testTarget(name: "AutoencoderTests", dependencies: ["Support", "Autoencoder", "FixtureSupport"]),
    .target(
      name: "PipelineFixtures", dependencies: ["Support", "Shards", "Synth", "Pipeline", "FixtureSupport"],
      path: "Tests/PipelineFixtures"),
    .testTarget(
      name: "PipelineTests", dependencies: ["Support", "Pipeline", "Synth", "FixtureSupport", "PipelineFixtures"]),
    .testTarget(
      name: "PresentationTests",
      dependencies: ["Support", "Pipeline", "Presentation", "Synth", "FixtureSupport", "PipelineFixtures"]),
    .testTarget(name: "CLITests", dependencies: ["Support", "icews", "Autoencoder", "FixtureSupport"]),
  ],
  swiftLanguageModes: [.v6]
)
