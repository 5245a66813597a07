import Foundation
import Shards

/// A number in four significant digits (`%.4g`), for summaries.
func shortNumber(_ x: Double) -> String { String(format: "%.4g", x) }

/// Bytes as MiB, for summaries.
func mib(_ bytes: Int) -> Double { Double(bytes) / 1_048_576 }

/// Opens a shard folder (its errors name the folder and what is wrong).
func openDataset(_ path: String) throws -> ShardDataset {
  try ShardDataset.open(URL(fileURLWithPath: path))
}
