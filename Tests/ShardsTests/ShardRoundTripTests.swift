import EventData
import FixtureSupport
import Foundation
import Shards
import Support
import Testing
import Transforms

@Suite struct ShardRoundTripTests {
  /// Small blocks and shards so a few hundred windows span several of each.
  let settings = ShardSettings(dtype: .float32, zstdLevel: 3, maxShardBytes: 40 * 14 * 5 * 4, blockWindows: 7)

  @Test func everySplitReadsBackExactlyInExportOrder() throws {
    let sample = SampleWindows(count: 300, length: 14, features: 5, seed: 1)
    let dir = try Fixtures.temporaryDirectory("roundtrip")
    let manifest = try writeSample(sample, to: dir, settings: settings)
    let dataset = try ShardDataset.open(dir)
    #expect(dataset.manifest == manifest)
    for split in SplitName.allCases {
      let expected = sample.indices(split)
      #expect(dataset.windowCount(split) == expected.count)
      #expect(dataset.manifest.splits[split].shards.count == (expected.count + 39) / 40)
      var seen = 0
      try dataset.forEachBlock(split) { keys, values in
        for (k, key) in keys.enumerated() {
          let i = expected[seen + k]
          #expect(key == sample.keys[i])
          let stored = Array(values[k * 70..<(k + 1) * 70])
          #expect(stored == Array(sample.window(i)))
        }
        seen += keys.count
      }
      #expect(seen == expected.count)
    }
  }

  @Test func randomAccessReadsOneWindowWithoutTheOthers() throws {
    let sample = SampleWindows(count: 100, length: 14, features: 5, seed: 2)
    let dir = try Fixtures.temporaryDirectory("random")
    try writeSample(sample, to: dir, settings: settings)
    let dataset = try ShardDataset.open(dir)
    let train = sample.indices(.train)
    var random = SplitMix64(state: 9)
    for _ in 0..<25 {
      let index = Int(random.next() % UInt64(train.count))
      let (shard, window) = try dataset.locate(.train, window: index)
      let reader = try dataset.reader(.train, shard: shard)
      #expect(try reader.readWindow(window) == Array(sample.window(train[index])))
      #expect(reader.keys[window] == sample.keys[train[index]])
      let block = reader.block(containing: window)
      #expect(reader.blockWindowRange(block).contains(window))
    }
  }

  @Test func float16ShardsRoundTripWithinHalfPrecision() throws {
    let sample = SampleWindows(count: 30, length: 14, features: 5, seed: 3)
    let dir = try Fixtures.temporaryDirectory("half")
    var half = settings
    half.dtype = .float16
    try writeSample(sample, to: dir, settings: half)
    let reader = try ShardDataset.open(dir).reader(.train, shard: 0)
    #expect(reader.dtype == .float16)
    let train = sample.indices(.train)
    for (w, i) in train.enumerated() {
      let stored = try reader.readWindow(w)
      for (a, b) in zip(stored, sample.window(i)) { #expect(abs(a - b) <= 1e-3) }
    }
  }

  @Test func rerunsProduceByteIdenticalFiles() throws {
    let sample = SampleWindows(count: 120, length: 14, features: 5, seed: 4)
    let a = try Fixtures.temporaryDirectory("det-a")
    let b = try Fixtures.temporaryDirectory("det-b")
    try writeSample(sample, to: a, settings: settings)
    try writeSample(sample, to: b, settings: settings)
    let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).sorted()
    #expect(files.contains("manifest.json"))
    #expect(try FileManager.default.subpathsOfDirectory(atPath: b.path).sorted() == files)
    for file in files where !file.hasSuffix("train") && !file.hasSuffix("valid") && !file.hasSuffix("test") {
      let x = try Data(contentsOf: a.appendingPathComponent(file))
      let y = try Data(contentsOf: b.appendingPathComponent(file))
      #expect(x == y, "\(file) differs between reruns")
    }
  }

  @Test func commitReplacesTheOldResultAndAnAbandonedWriterLeavesItIntact() throws {
    let dir = try Fixtures.temporaryDirectory("atomic")
    let old = SampleWindows(count: 50, length: 14, features: 5, seed: 5)
    try writeSample(old, to: dir, settings: settings)
    // A run that dies before commit: the old result is still whole.
    do {
      let writer = try ShardDatasetWriter(directory: dir, windowLength: 14, featureCount: 5, settings: settings)
      try old.window(0).withUnsafeBufferPointer { try writer.append($0, key: old.keys[0], split: .train) }
    }
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent(".staging").path))
    try ShardDataset.open(dir).verify()
    let new = SampleWindows(count: 20, length: 14, features: 5, seed: 6)
    try writeSample(new, to: dir, settings: settings)
    let dataset = try ShardDataset.open(dir)
    try dataset.verify()
    #expect(dataset.windowCount(.train) == new.indices(.train).count)
    let trainFiles = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("train").path)
    #expect(trainFiles.count == dataset.manifest.splits.train.shards.count)
  }

  @Test func crc32MatchesTheStandardCheckValue() {
    let crc = Array("123456789".utf8).withUnsafeBytes { CRC32.checksum($0) }
    #expect(crc == 0xCBF4_3926)
    let long = [UInt8](repeating: 0xA5, count: 1000)
    var pieces = CRC32()
    long.withUnsafeBytes { b in
      pieces.update(UnsafeRawBufferPointer(rebasing: b[0..<3]))
      pieces.update(UnsafeRawBufferPointer(rebasing: b[3...]))
    }
    #expect(pieces.value == long.withUnsafeBytes { CRC32.checksum($0) })
  }
}
