import Foundation
import FuzzSupport
import Loader
import Presentation
import Shards
import Support
import Transforms

runFuzzer(fuzzManifest)

/// A damaged `manifest.json` beside real shards (Fixtures/fuzz/dataset): open, verify, inspect the
/// first window of each split in every space, export it, and walk one epoch through the loader,
/// as `verify`, `inspect`, `export` and `stream` do. Errors are the expected outcome; a trap is a finding.
func fuzzManifest(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let folder = ManifestFolder.prepared
  _ = FuzzScratch.write(fuzzInput(data, size), as: "dataset/manifest.json")
  guard let dataset = try? ShardDataset.open(folder) else { return 0 }
  _ = try? dataset.verify()
  for split in SplitName.allCases {
    for space in WindowSpace.allCases {
      _ = try? dataset.inspect(split, index: 0, space: space).render(.table)
    }
    _ = try? dataset.export(split, format: .csv, to: FuzzScratch.directory.appendingPathComponent("export.csv"))
    guard
      let loader = try? WindowLoader(
        directory: folder, split: split.rawValue, options: LoaderOptions(batchSize: 7, shuffle: true, prefetchDepth: 1))
    else { continue }
    _ = try? loader.forEachBatch { _ in }
  }
  return 0
}

/// The scratch dataset folder: the fixture's split folders linked in, the manifest written per input.
enum ManifestFolder {
  static let prepared: URL = {
    let folder = FuzzScratch.directory.appendingPathComponent("dataset")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for split in SplitName.allCases {
      let link = folder.appendingPathComponent(split.rawValue)
      try? FileManager.default.removeItem(at: link)
      let target = FuzzScratch.fixtures.appendingPathComponent("dataset").appendingPathComponent(split.rawValue)
      do { try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target) } catch {
        fatalError("cannot link \(target.path) into the scratch dataset: \(error)")
      }
    }
    return folder
  }()
}
