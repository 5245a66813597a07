// swift-tools-version: 6.0
// libFuzzer targets for the toolkit's readers of untrusted files, a separate package so the normal
// `swift build` and `swift test` never see them. Built and run by Scripts/fuzz/fuzz.sh (`make fuzz`):
//   swift build --package-path Scripts/fuzz -c release -Xswiftc -sanitize=fuzzer,address
// Each target's main hands its test function to libFuzzer's driver (LLVMFuzzerRunDriver).
import Foundation
import PackageDescription

/// A path dependency's identity is its folder name (`main` here, `icews-toolkit` in a usual clone).
let toolkit = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().lastPathComponent.lowercased()

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
  .executableTarget(
    name: name,
    dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: toolkit) },
    path: "Sources/\(name)",
    // gold stops with an internal error on libFuzzer + ASan objects; the toolchain's lld links them
    linkerSettings: [.unsafeFlags(["-use-ld=lld"])])
}

let package = Package(
  name: "icews-fuzz",
  platforms: [.macOS(.v14)],
  dependencies: [.package(path: "../..")],
  targets: [
    .target(name: "CFuzzerDriver", path: "Sources/CFuzzerDriver"),
    .target(name: "FuzzSupport", dependencies: ["CFuzzerDriver"], path: "Sources/FuzzSupport"),
    fuzzTarget("FuzzRows", ["EventData", "Frames"]),
    fuzzTarget("FuzzShard", ["Shards"]),
    fuzzTarget("FuzzManifest", ["Support", "Shards", "Loader", "Presentation"]),
    fuzzTarget("FuzzSafetensors", ["Autoencoder"]),
    fuzzTarget("FuzzPipelineYAML", ["Pipeline"]),
  ],
  swiftLanguageModes: [.v6]
)
