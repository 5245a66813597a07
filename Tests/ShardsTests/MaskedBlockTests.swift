import FixtureSupport
import Foundation
import Support
import Testing
import Transforms

@testable import Shards

/// Format version 2's masked blocks: windows stored as the bits that differ from a reference window.
@Suite struct MaskedBlockTests {
  /// Windows that equal `reference` except at a few seeded places, some of them −0.0 where the reference
  /// holds +0.0 (equal as floats, different bits), and some whole windows equal to it.
  func nearReference(_ reference: [Float], count: Int, seed: UInt64) -> [[Float]] {
    var random = SplitMix64(state: seed)
    return (0..<count).map { w in
      var window = reference
      if w % 3 == 0 { return window }
      for _ in 0..<(1 + Int(random.next() % 6)) {
        let at = Int(random.next() % UInt64(window.count))
        window[at] = random.next() % 4 == 0 ? -0.0 : random.float()
      }
      return window
    }
  }

  func reference(length: Int, features: Int) -> [Float] {
    // a normalized empty day in row 0, zeros below it: what window differencing makes of empty days
    (0..<length * features).map { $0 < features ? Float($0 % 7) * -0.25 : 0 }
  }

  @Test(
    "windows read back bit for bit, f32 and f16, for feature counts below, at and past a multiple of 8",
    arguments: [(5, ShardDType.float32), (8, .float32), (9, .float16), (274, .float32), (274, .float16)])
  func roundTrip(features: Int, dtype: ShardDType) throws {
    let length = 14
    let ref = reference(length: length, features: features)
    let windows = nearReference(ref, count: 23, seed: UInt64(features))
    let dir = try Fixtures.temporaryDirectory("masked")
    let url = dir.appendingPathComponent("s.icws")
    let writer = try ShardWriter(
      url: url, windowLength: length, featureCount: features, dtype: dtype, zstdLevel: 3, blockWindows: 5,
      reference: ref)
    for (i, window) in windows.enumerated() {
      try window.withUnsafeBufferPointer { try writer.append($0, key: WindowKey(group: 0, startDay: i * length)) }
    }
    _ = try writer.finish()
    let reader = try ShardReader(url: url)
    #expect(reader.encoding == .masked && reader.blockCount == 5)
    for (i, window) in windows.enumerated() {
      let stored = dtype == .float32 ? window : window.map { Float(Float16($0)) }
      #expect(try reader.readWindow(i).map(\.bitPattern) == stored.map(\.bitPattern))
    }
    try reader.verify()
  }

  @Test("a block of windows equal to the reference stores no values and compresses to almost nothing")
  func windowsEqualToTheReferenceCostNothing() throws {
    let (length, features) = (14, 274)
    let ref = reference(length: length, features: features)
    let dir = try Fixtures.temporaryDirectory("masked-empty")
    let url = dir.appendingPathComponent("s.icws")
    let writer = try ShardWriter(
      url: url, windowLength: length, featureCount: features, dtype: .float32, zstdLevel: 3, blockWindows: 256,
      reference: ref)
    for i in 0..<1000 {
      try ref.withUnsafeBufferPointer { try writer.append($0, key: WindowKey(group: 0, startDay: i * length)) }
    }
    let summary = try writer.finish()
    #expect(summary.uncompressedByteCount == 1000 * length * features * 4)
    #expect(summary.byteCount < 20_000)  // dense windows are 15.3 MB
    let reader = try ShardReader(url: url)
    #expect(try reader.readWindow(999) == ref)
  }

  /// A masked block's decoded bytes for `windows`, built by the encoder.
  func content(_ layout: MaskedLayout, reference: [UInt32], windows: [[UInt32]]) -> [UInt8] {
    var masks = [UInt8](repeating: 0, count: windows.count * layout.maskBytesPerWindow)
    var values: [UInt32] = []
    for (w, window) in windows.enumerated() {
      var scratch = [UInt32](repeating: 0, count: window.count)
      let k = masks.withUnsafeMutableBufferPointer { m in
        layout.encode(
          window, reference: reference, masks: m.baseAddress! + w * layout.maskBytesPerWindow,
          values: &scratch)
      }
      values += scratch[0..<k]
    }
    return reference.withUnsafeBytes { Array($0) } + masks + values.withUnsafeBytes { Array($0) }
  }

  @Test("decoded bytes whose masks disagree with the values that follow, or set padding bits, are damage")
  func damagedMasksAreRefused() throws {
    let layout = MaskedLayout(rows: 2, features: 5, elementSize: 4)
    let reference: [UInt32] = Array(repeating: 0, count: 10)
    let windows: [[UInt32]] = [[0, 7, 0, 0, 0, 0, 0, 0, 9, 0], reference]
    var bytes = content(layout, reference: reference, windows: windows)
    #expect(bytes.count == 40 + 4 + 8)
    #expect(bytes.withUnsafeBytes { layout.damage(in: $0, windows: 2) } == nil)
    var out = [UInt32](repeating: 1, count: 20)
    bytes.withUnsafeBytes { layout.decode($0, windows: 2, into: &out) }
    #expect(out == windows[0] + windows[1])

    bytes[40 + 2] |= 1  // window 1, row 0 now claims a value the block does not hold
    #expect(bytes.withUnsafeBytes { layout.damage(in: $0, windows: 2) }?.contains("masks mark 3") == true)
    bytes[40 + 2] = 1 << 5  // bit 5 of a 5-feature row is padding
    #expect(bytes.withUnsafeBytes { layout.damage(in: $0, windows: 2) }?.contains("past the last feature") == true)
    #expect(layout.isPlausible(size: bytes.count - 2, windows: 2) == false)
    #expect(layout.isPlausible(size: 40 + 4 + 20 * 4 + 4, windows: 2) == false)
  }

  @Test("a version 1 (dense) shard directory still opens and reads")
  func versionOneStillReads() throws {
    let dir = Fixtures.root.appendingPathComponent("Scripts/python/tests/fixtures/weekly-sample")
    let dataset = try ShardDataset.open(dir)
    #expect(dataset.manifest.formatVersion == 1)
    let reader = try dataset.reader(.train, shard: 0)
    #expect(reader.encoding == .dense && reader.windowCount > 0)
    _ = try dataset.verify()
  }
}
