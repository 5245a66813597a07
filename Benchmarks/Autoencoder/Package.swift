// swift-tools-version: 6.0
// Release-mode measurements of the Autoencoder module, kept out of the main build:
//   swift run -c release ae-bench seed-table      (the seed question's table, docs/AUTOENCODER.md)
//   OPENBLAS_NUM_THREADS=1 swift run -c release ae-bench timing
//   swift run -c release ae-bench export-checkpoint /tmp/m.safetensors   (then Scripts/peers/torch_lstm_ae.py --load)
import PackageDescription

let package = Package(
  name: "autoencoder-bench",
  dependencies: [.package(name: "icews-toolkit", path: "../..")],
  targets: [
    .executableTarget(
      name: "ae-bench", dependencies: [.product(name: "Autoencoder", package: "icews-toolkit")])
  ],
  swiftLanguageModes: [.v6]
)
