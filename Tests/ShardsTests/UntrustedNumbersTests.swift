import FixtureSupport
import Foundation
import Shards
import Testing
import Transforms

/// Numbers read from a shard or a manifest are range-checked before they become offsets, sizes or counts:
/// each damaged value below once trapped (issue 12's fuzzing) and must now be an error naming the file.
@Suite struct UntrustedNumbersTests {
  let settings = ShardSettings(dtype: .float32, zstdLevel: 3, maxShardBytes: 64 << 20, blockWindows: 5)
  static let shard = "train/shard-00000.icws"

  func writeOneShard(_ name: String, edit: (inout SampleWindows) -> Void = { _ in }) throws -> (URL, URL) {
    var sample = SampleWindows(count: 40, length: 14, features: 5, seed: 5)
    sample.splits = Array(repeating: .train, count: 40)
    edit(&sample)
    let dir = try Fixtures.temporaryDirectory(name)
    try writeSample(sample, to: dir, settings: settings)
    return (dir, dir.appendingPathComponent(Self.shard))
  }

  /// Overwrites 8 bytes at `offset` (negative: from the end) with `value`, little-endian.
  func patch(_ url: URL, at offset: Int, _ value: UInt64) throws {
    var bytes = try Data(contentsOf: url)
    let at = offset < 0 ? bytes.count + offset : offset
    for k in 0..<8 { bytes[at + k] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(k))) }
    try bytes.write(to: url)
  }

  @Test(
    "a footer offset with its high bit flipped, or 2^63 − 1, is a damaged file, not a trap",
    arguments: [UInt64(1) << 63 | 1000, UInt64(Int64.max), UInt64.max])
  func footerOffset(value: UInt64) throws {
    let (_, url) = try writeOneShard("footer-offset")
    try patch(url, at: -32, value)
    let error = try #require(throws: ShardError.self) { try ShardReader(url: url, name: Self.shard) }
    #expect(error.code == .badFormat && error.shard == Self.shard)
  }

  @Test("a block-table offset of 2^63 or more behind a valid footer checksum is a damaged index entry")
  func blockOffset() throws {
    let (_, url) = try writeOneShard("block-offset")
    var bytes = try Data(contentsOf: url)
    let trailer = bytes.count - 32
    let footerOffset = bytes[trailer..<trailer + 8].enumerated().reduce(0) { $0 | Int($1.1) << (8 * $1.0) }
    // block 1's offset (entries of 32 bytes), then the footer checksum recomputed so the entry is reached
    for k in 0..<8 { bytes[footerOffset + 32 + k] = k == 7 ? 0x80 : 0 }
    let crc = bytes[footerOffset..<trailer].withUnsafeBytes { CRC32.checksum($0) }
    for k in 0..<4 { bytes[trailer + 16 + k] = UInt8(truncatingIfNeeded: crc >> (8 * UInt32(k))) }
    try bytes.write(to: url)
    let error = try #require(throws: ShardError.self) { try ShardReader(url: url, name: Self.shard) }
    #expect(error.code == .badFormat && error.block == 1, "\(error)")
  }

  @Test("a header of an unknown format version names the versions this build reads")
  func headerVersion() throws {
    let (_, url) = try writeOneShard("header-version")
    try patch(url, at: 8, 9)  // version 9, dtype 0 (float32, as written)
    let error = try #require(throws: ShardError.self) { try ShardReader(url: url, name: Self.shard) }
    #expect(error.code == .badFormat)
    #expect(error.description == "shard \(Self.shard): format version 9; this icews reads versions 1–2")
  }

  @Test("a header window shape whose product overflows is refused before anything is sized from it")
  func headerShape() throws {
    let (_, url) = try writeOneShard("header-shape")
    try patch(url, at: 16, UInt64(UInt32.max) | UInt64(UInt32.max) << 32)
    let error = try #require(throws: ShardError.self) { try ShardReader(url: url, name: Self.shard) }
    #expect(error.code == .badFormat && error.description.contains("window shape"))
  }

  @Test("verify refuses NaN and infinite stored values, naming shard and block")
  func nonFiniteValues() throws {
    let (dir, _) = try writeOneShard("non-finite") { sample in
      sample.values[7 * 14 * 5 + 3] = .nan
    }
    let error = try #require(throws: ShardError.self) { try ShardDataset.open(dir).verify() }
    #expect(error.shard == Self.shard && error.block == 1 && error.description.contains("window 7"))
    let (inf, _) = try writeOneShard("infinite") { $0.values[0] = .infinity }
    #expect(throws: ShardError.self) { try ShardDataset.open(inf).verify() }
  }

  @Test("a window key starting at day 2147483647, or keys out of export order, are refused on open")
  func badKeys() throws {
    let (dir, _) = try writeOneShard("key-day") { $0.keys[39] = WindowKey(group: 3, startDay: Int(Int32.max)) }
    let dataset = try ShardDataset.open(dir)
    let error = try #require(throws: ShardError.self) { try dataset.reader(.train, shard: 0) }
    #expect(error.code == .badManifest && error.description.contains("day 2147483647"))
    #expect(throws: ShardError.self) { try dataset.verify() }
    let (swapped, _) = try writeOneShard("key-order") { $0.keys.swapAt(3, 4) }
    let order = try #require(throws: ShardError.self) { try ShardDataset.open(swapped).verify() }
    #expect(order.description.contains("out of export order"))
  }

  /// Writes a dataset, sets one manifest value by key path and opens it.
  func openEdited(_ path: [String], _ value: Any) throws -> ShardError {
    let (dir, _) = try writeOneShard("manifest-" + path.joined(separator: "-"))
    let url = dir.appendingPathComponent("manifest.json")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    func set(_ node: Any, _ path: ArraySlice<String>) -> Any {
      guard let key = path.first else { return value }
      if var array = node as? [Any], let index = Int(key) {
        array[index] = set(array[index], path.dropFirst())
        return array
      }
      var dictionary = node as! [String: Any]
      dictionary[key] = set(dictionary[key] as Any, path.dropFirst())
      return dictionary
    }
    try JSONSerialization.data(withJSONObject: set(object, path[...])).write(to: url)
    return try #require(throws: ShardError.self) { try ShardDataset.open(dir) }
  }

  @Test("manifest counts beyond what the calendar or a file can hold are refused on open, naming the file")
  func manifestNumbers() throws {
    for (path, value) in [
      (["splits", "train", "shards", "0", "windows"], Int.max),
      (["splits", "train", "windows"], Int.max),
      (["day_count"], 1 << 31),
      (["splits", "train", "shards", "0", "bytes"], Int.max),
      (["splits", "train", "uncompressed_bytes"], Int.max),
      (["transforms", "window", "length"], Int.max),
    ] {
      let error = try openEdited(path, value)
      #expect(error.code == .badManifest, "\(path): \(error)")
      #expect(error.description.contains("manifest.json"), "\(path): \(error)")
    }
  }
}
