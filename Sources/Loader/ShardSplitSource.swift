import Foundation
import Shards
import Support

/// The real split: shard files listed by the dataset's manifest, read through `ShardReader`.
struct ShardSplitSource: SplitSource {
  let dataset: ShardDataset
  let split: SplitName
  private let entries: [ShardEntry]

  init(directory: URL, split: String) throws {
    guard let name = SplitName(rawValue: split) else {
      let names = SplitName.allCases.map(\.rawValue).joined(separator: ", ")
      throw LoaderError(.missingSplit, "unknown split '\(split)'; use one of \(names)")
    }
    do {
      dataset = try ShardDataset.open(directory)
    } catch let error as ShardError {
      throw LoaderError(.missingSplit, error.description)
    }
    self.split = name
    entries = dataset.manifest.splits[name].shards
  }

  var windowLength: Int { dataset.manifest.windowLength }
  var featureCount: Int { dataset.manifest.featureCount }
  var shardCount: Int { entries.count }
  func shardName(_ shard: Int) -> String { entries[shard].file }
  func windowCount(shard: Int) -> Int { entries[shard].windows }

  func openShard(_ shard: Int) throws -> any ShardBlockSource {
    do {
      return ShardReaderBlocks(reader: try dataset.reader(split, shard: shard))
    } catch let error as ShardError {
      throw LoaderError(shardError: error, shard: shardName(shard))
    }
  }
}

/// One open shard file as the loader reads it: blocks decoded into the loader's buffers.
final class ShardReaderBlocks: ShardBlockSource {
  let reader: ShardReader
  let blockWindowCounts: [Int]

  init(reader: ShardReader) {
    self.reader = reader
    blockWindowCounts = (0..<reader.blockCount).map { reader.blockWindowRange($0).count }
  }

  func readBlock(_ block: Int, windows: UnsafeMutablePointer<Float>, keys: UnsafeMutablePointer<Int64>) throws {
    let range = reader.blockWindowRange(block)
    do {
      try reader.readBlock(
        block, into: UnsafeMutableBufferPointer(start: windows, count: range.count * reader.windowValueCount))
    } catch let error as ShardError {
      throw LoaderError(shardError: error, shard: reader.name, block: block)
    }
    var slot = 0
    for key in reader.keys[range] {
      keys[slot] = Int64(key.group)
      keys[slot + 1] = Int64(key.startDay)
      slot += 2
    }
  }
}

extension LoaderError {
  /// The loader's view of a Shards failure: a file that cannot be opened is a missing shard,
  /// anything else about its bytes a corrupt block; the shard and block names are kept.
  init(shardError error: ShardError, shard: String, block: Int? = nil) {
    let code: Code = error.code == .io ? .missingShard : .corruptBlock
    self.init(code, shard: error.shard ?? shard, block: error.block ?? block, error.message)
  }
}
