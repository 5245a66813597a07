import Foundation
import FuzzSupport
import Shards

runFuzzer(fuzzShard)

/// The shard reader on a damaged file: open (header, trailer, footer), verify every block, read
/// every window. Errors are the expected outcome; a trap is a finding.
func fuzzShard(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let url = FuzzScratch.write(fuzzInput(data, size), as: "shard-00000.icws")
  guard let reader = try? ShardReader(url: url) else { return 0 }
  _ = try? reader.verify()
  for w in 0..<min(reader.windowCount, 4096) {
    guard (try? reader.readWindow(w)) != nil else { break }
  }
  return 0
}
