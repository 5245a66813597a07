import Foundation
import Support
import Transforms

/// A shard directory opened through its manifest: the entry point for export, inspect, the loader
/// and the Python reader's Swift twin.
public struct ShardDataset: Sendable {
  public let directory: URL
  public let manifest: ShardManifest

  /// Reads `directory/manifest.json`; a directory without one holds no finished run.
  public static func open(_ directory: URL) throws -> ShardDataset {
    let url = directory.appendingPathComponent("manifest.json")
    guard let data = try? Data(contentsOf: url) else {
      throw ShardError(
        .missingManifest,
        "\(directory.path): no manifest.json (not a shard directory, or its run never finished); run `icews run` first")
    }
    let manifest: ShardManifest
    do {
      manifest = try JSONDecoder().decode(ShardManifest.self, from: data)
    } catch {
      throw ShardError(
        .badManifest, "\(url.path): cannot be read: \(PlainErrorText.decoding(error)); rerun `icews run` to remake it")
    }
    guard ShardFormat.readableVersions.contains(UInt32(clamping: manifest.formatVersion)) else {
      throw ShardError(.badManifest, "\(url.path): \(ShardFormat.unreadableVersion(manifest.formatVersion))")
    }
    try manifest.checkConsistency(url.path)
    return ShardDataset(directory: directory, manifest: manifest)
  }

  /// Shard files of `split`, in export order.
  public func shardURLs(_ split: SplitName) -> [URL] {
    manifest.splits[split].shards.map { directory.appendingPathComponent($0.file) }
  }

  public func windowCount(_ split: SplitName) -> Int { manifest.splits[split].windows }

  /// Opens shard `index` of `split`; errors name it by its path in the dataset.
  public func reader(_ split: SplitName, shard index: Int) throws -> ShardReader {
    let entry = manifest.splits[split].shards[index]
    let reader = try ShardReader(url: directory.appendingPathComponent(entry.file), name: entry.file)
    guard reader.windowCount == entry.windows, reader.windowLength == manifest.windowLength,
      reader.featureCount == manifest.featureCount
    else {
      throw ShardError(
        .badManifest, shard: entry.file,
        "holds \(reader.windowCount) windows of \(reader.windowLength)×\(reader.featureCount), the manifest says "
          + "\(entry.windows) of \(manifest.windowLength)×\(manifest.featureCount); rerun `icews run`")
    }
    let lastStart = manifest.dayCount - manifest.windowLength
    if let bad = reader.keys.first(where: {
      $0.group < 0 || $0.group >= manifest.groups.count || $0.startDay < 0 || $0.startDay > lastStart
    }) {
      throw ShardError(
        .badManifest, shard: entry.file,
        "a window key (group \(bad.group), day \(bad.startDay)) is outside the manifest's \(manifest.groups.count) "
          + "groups and days 0…\(lastStart) (\(manifest.dayCount) days, windows of \(manifest.windowLength)); rerun "
          + "`icews run`"
      )
    }
    if let i = reader.keys.indices.dropFirst().first(where: { !(reader.keys[$0 - 1] < reader.keys[$0]) }) {
      throw ShardError(
        .badManifest, shard: entry.file,
        "window keys \(i - 1) and \(i) are out of export order (group, then start day); rerun `icews run`")
    }
    return reader
  }

  /// Calls `body` with every block of `split` in export order: its keys and its decoded windows
  /// (`keys.count × windowLength × featureCount` floats, valid only during the call).
  public func forEachBlock(
    _ split: SplitName, _ body: (ArraySlice<WindowKey>, UnsafeBufferPointer<Float>) throws -> Void
  ) throws {
    var buffer: [Float] = []
    for s in manifest.splits[split].shards.indices {
      let reader = try reader(split, shard: s)
      for b in 0..<reader.blockCount {
        let n = try reader.readBlock(b, into: &buffer)
        let range = reader.blockWindowRange(b)
        try buffer.withUnsafeBufferPointer { values in
          try body(reader.keys[range], UnsafeBufferPointer(rebasing: values[0..<n * reader.windowValueCount]))
        }
      }
    }
  }

  /// Locates window `index` of `split` (export order): its shard and position there.
  public func locate(_ split: SplitName, window index: Int) throws -> (shard: Int, window: Int) {
    var remaining = index
    for (s, entry) in manifest.splits[split].shards.enumerated() {
      if remaining < entry.windows { return (s, remaining) }
      remaining -= entry.windows
    }
    throw ShardError(.outOfRange, "\(split) has \(windowCount(split)) windows; there is no window \(index)")
  }

  /// Checks every shard's size and file checksum against the manifest and decodes every block.
  /// Returns the number of blocks checked; throws at the first fault, naming shard and block.
  @discardableResult
  public func verify(progress: (Int, Int) -> Void = { _, _ in }) throws -> Int {
    var blocks = 0
    let entries = SplitName.allCases.flatMap { split in manifest.splits[split].shards.indices.map { (split, $0) } }
    for (done, (split, s)) in entries.enumerated() {
      let entry = manifest.splits[split].shards[s]
      let reader = try reader(split, shard: s)
      try reader.verify()
      blocks += reader.blockCount
      let url = directory.appendingPathComponent(entry.file)
      let (bytes, crc) = try ShardDataset.fileChecksum(url, name: entry.file)
      guard bytes == entry.bytes, hex(crc) == entry.crc32 else {
        throw ShardError(
          .checksumMismatch, shard: entry.file,
          "file is \(bytes) bytes with CRC-32 \(hex(crc)); the manifest says \(entry.bytes) bytes, \(entry.crc32); "
            + "rerun `icews run`"
        )
      }
      progress(done + 1, entries.count)
    }
    return blocks
  }

  /// Size and CRC-32 of a whole file, read in 1 MiB pieces.
  static func fileChecksum(_ url: URL, name: String) throws -> (Int, UInt32) {
    let file = try ShardFileHandle(reading: url.path, name: name)
    var crc = CRC32()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var offset = 0
    while true {
      let n = try chunk.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }
      if n == 0 { break }
      chunk.withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
      offset += n
    }
    return (offset, crc.value)
  }
}

extension ShardManifest {
  /// Rejects a manifest whose numbers contradict each other (hand-edited or damaged), so readers can
  /// index its arrays and size buffers from it without crashing; `path` names it in the error.
  func checkConsistency(_ path: String) throws {
    func fail(_ what: String) -> ShardError {
      ShardError(.badManifest, "\(path): \(what); rerun `icews run`")
    }
    guard transforms.window.length >= 1, transforms.window.stride >= 1 else {
      throw fail("window length \(transforms.window.length) and stride \(transforms.window.stride) must be at least 1")
    }
    guard (0...ShardManifest.maxDayCount).contains(dayCount) else {
      throw fail("day_count \(dayCount) is outside 0…\(ShardManifest.maxDayCount) (years 1–9999 of the calendar)")
    }
    guard transforms.window.length <= max(1, dayCount) else {
      throw fail("window length \(transforms.window.length) is longer than the \(dayCount) days of the calendar")
    }
    let n = normalization
    for (name, values) in [("mean", n.mean), ("std", n.std), ("min", n.min), ("max", n.max)]
    where values.count != featureCount {
      throw fail("normalization.\(name) has \(values.count) values for \(featureCount) features")
    }
    for split in SplitName.allCases {
      let s = splits[split]
      // a shard cannot hold more windows than the calendar has starts in all groups, nor more bytes than a
      // file can: bounds that keep every sum below from overflowing
      let maxWindows = max(1, groups.count) * (dayCount + 1)
      if let bad = s.shards.first(where: { !(0...maxWindows).contains($0.windows) }) {
        throw fail(
          "shard \(bad.file) lists \(bad.windows) windows (0…\(maxWindows) fit \(groups.count) groups × \(dayCount) "
            + "days)"
        )
      }
      if let bad = s.shards.first(where: { !(0...(1 << 48)).contains($0.bytes) }) {
        throw fail("shard \(bad.file) lists \(bad.bytes) bytes")
      }
      guard (0...(1 << 56)).contains(s.uncompressedBytes) else {
        throw fail("split \(split) lists \(s.uncompressedBytes) uncompressed bytes")
      }
      guard let total = s.shards.checkedSum(\.windows), s.shards.checkedSum(\.bytes) != nil else {
        throw fail("split \(split) lists more windows or bytes than can be counted")
      }
      guard total == s.windows else {
        throw fail("split \(split) lists \(s.windows) windows but its shards hold \(total)")
      }
    }
  }
}

extension Sequence {
  /// The sum of `value` over the elements, or nil when it overflows `Int`.
  func checkedSum(_ value: (Element) -> Int) -> Int? {
    var total = 0
    for element in self {
      let (sum, overflow) = total.addingReportingOverflow(value(element))
      if overflow { return nil }
      total = sum
    }
    return total
  }
}
