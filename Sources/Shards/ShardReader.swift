import Foundation
import Transforms

/// Random access to one shard file: the footer index is read on open, blocks are decoded on demand
/// into caller-owned buffers. One reader is not for concurrent use; open one per thread.
public final class ShardReader {
  public let url: URL
  /// How errors name this shard (relative path inside the dataset when opened through `ShardDataset`).
  public let name: String
  public let windowLength: Int
  public let featureCount: Int
  public let dtype: ShardDType
  public let windowCount: Int
  /// How blocks hold their windows (dense for version 1 files).
  let encoding: BlockEncoding
  private let layout: MaskedLayout
  /// Group and start day of every window, in stored order.
  public let keys: [WindowKey]
  private let blocks: [BlockEntry]
  private let file: ShardFileHandle
  private let decompressor: ZstdDecompressor
  private var compressed: [UInt8] = []
  private var halves: [Float16] = []
  /// A masked block's decoded bytes.
  private var content: [UInt8] = []
  private var cachedBlock = -1
  private var cachedValues: [Float] = []

  /// Opens `url`, checks header, trailer and footer checksum, and loads the index.
  public init(url: URL, name: String? = nil) throws {
    self.url = url
    let name = name ?? url.lastPathComponent
    self.name = name
    let file = try ShardFileHandle(reading: url.path, name: name)
    decompressor = try ZstdDecompressor()
    let size = file.size
    var header = [UInt8](repeating: 0, count: ShardFormat.headerSize)
    let got = try header.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
    guard got == ShardFormat.headerSize else {
      throw ShardError(
        .truncated, shard: name, "file is \(size) bytes, shorter than the 32-byte header; rerun `icews run`")
    }
    guard Array(header[0..<8]) == ShardFormat.headerMagic else {
      throw ShardError(.badFormat, shard: name, "not a shard file (bad magic)")
    }
    let fields = header.withUnsafeBytes { h in
      (
        h.readLE(UInt32.self, at: 8), h.readLE(UInt32.self, at: 12), h.readLE(UInt32.self, at: 16),
        h.readLE(UInt32.self, at: 20), h.readLE(UInt32.self, at: 28)
      )
    }
    guard ShardFormat.readableVersions.contains(fields.0) else {
      throw ShardError(.badFormat, shard: name, ShardFormat.unreadableVersion(fields.0))
    }
    // version 1 kept offset 28 reserved (0, which is the dense code)
    guard let encoding = ShardFormat.encoding(code: fields.4), fields.0 >= 2 || encoding == .dense else {
      throw ShardError(.badFormat, shard: name, "header has an unknown block encoding \(fields.4)")
    }
    guard let dtype = ShardFormat.dtype(code: fields.1), fields.2 > 0, fields.3 > 0 else {
      throw ShardError(.badFormat, shard: name, "header has an unknown dtype or a zero window shape")
    }
    let windowLength = Int(fields.2)
    let featureCount = Int(fields.3)
    // a window must fit in the file's addressable range: 32-bit shape fields can multiply past Int
    let (windowValues, shapeOverflow) = windowLength.multipliedReportingOverflow(by: featureCount)
    guard !shapeOverflow, windowValues <= ShardFormat.maxWindowValues else {
      throw ShardError(
        .badFormat, shard: name,
        "header's window shape \(windowLength) × \(featureCount) exceeds \(ShardFormat.maxWindowValues) values; the "
          + "file is damaged"
      )
    }

    var trailer = [UInt8](repeating: 0, count: ShardFormat.trailerSize)
    let trailerOffset = size - ShardFormat.trailerSize
    if trailerOffset >= ShardFormat.headerSize {
      _ = try trailer.withUnsafeMutableBytes { try file.read(into: $0, at: trailerOffset) }
    }
    guard trailerOffset >= ShardFormat.headerSize, Array(trailer[24..<32]) == ShardFormat.trailerMagic else {
      throw ShardReader.truncationError(file: file, size: size, name: name)
    }
    let (storedFooterOffset, blockCount, windowCount, footerCRC) = trailer.withUnsafeBytes { t in
      (
        t.readLE(UInt64.self, at: 0), Int(t.readLE(UInt32.self, at: 8)), Int(t.readLE(UInt32.self, at: 12)),
        t.readLE(UInt32.self, at: 16)
      )
    }
    // Untrusted until the footer's checksum matches: the offset is checked against the file's own size
    // before it is used, and the footer's size (two 32-bit counts times small entries) cannot overflow.
    let footerSize = blockCount * ShardFormat.blockEntrySize + windowCount * ShardFormat.keyEntrySize
    guard storedFooterOffset <= UInt64(trailerOffset), case let footerOffset = Int(storedFooterOffset),
      footerOffset >= ShardFormat.headerSize, footerSize == trailerOffset - footerOffset
    else {
      throw ShardError(.badFormat, shard: name, "footer offset/size do not match the file size; the file is damaged")
    }
    var footer = [UInt8](repeating: 0, count: footerSize)
    _ = try footer.withUnsafeMutableBytes { try file.read(into: $0, at: footerOffset) }
    let computed = footer.withUnsafeBytes { CRC32.checksum($0) }
    guard computed == footerCRC else {
      throw ShardError(
        .checksumMismatch, shard: name,
        "footer index checksum mismatch (stored \(hex(footerCRC)), computed \(hex(computed))); the file is damaged, "
          + "rerun `icews run`"
      )
    }
    var blocks: [BlockEntry] = []
    var keys: [WindowKey] = []
    blocks.reserveCapacity(blockCount)
    keys.reserveCapacity(windowCount)
    let valueBytes = windowValues * dtype.byteCount
    let layout = MaskedLayout(rows: windowLength, features: featureCount, elementSize: dtype.byteCount)
    try footer.withUnsafeBytes { f in
      var expectedOffset = ShardFormat.headerSize
      var expectedFirst = 0
      for b in 0..<blockCount {
        let at = b * ShardFormat.blockEntrySize
        // an offset past the file cannot match `expectedOffset` (< footerOffset); clamp before converting
        let offset = f.readLE(UInt64.self, at: at)
        let entry = BlockEntry(
          offset: offset > UInt64(footerOffset) ? -1 : Int(offset),
          compressedSize: Int(f.readLE(UInt32.self, at: at + 8)),
          uncompressedSize: Int(f.readLE(UInt32.self, at: at + 12)),
          firstWindow: Int(f.readLE(UInt32.self, at: at + 16)),
          windowCount: Int(f.readLE(UInt32.self, at: at + 20)), crc32: f.readLE(UInt32.self, at: at + 24))
        let sizeFits =
          encoding == .dense
          ? entry.uncompressedSize == entry.windowCount * valueBytes
          : layout.isPlausible(size: entry.uncompressedSize, windows: entry.windowCount)
        guard entry.offset == expectedOffset, entry.firstWindow == expectedFirst, entry.windowCount > 0, sizeFits
        else {
          throw ShardError(.badFormat, shard: name, block: b, "index entry is inconsistent; the file is damaged")
        }
        expectedOffset += ShardFormat.blockHeaderSize + entry.compressedSize
        expectedFirst += entry.windowCount
        guard expectedOffset <= footerOffset, expectedFirst <= windowCount else {
          throw ShardError(.badFormat, shard: name, block: b, "index entry runs past the blocks; the file is damaged")
        }
        blocks.append(entry)
      }
      guard expectedOffset == footerOffset, expectedFirst == windowCount else {
        throw ShardError(.badFormat, shard: name, "index does not cover the blocks; the file is damaged")
      }
      let keyBase = blockCount * ShardFormat.blockEntrySize
      for w in 0..<windowCount {
        let at = keyBase + w * ShardFormat.keyEntrySize
        keys.append(
          WindowKey(group: Int(f.readLE(Int32.self, at: at)), startDay: Int(f.readLE(Int32.self, at: at + 4))))
      }
    }
    self.file = file
    self.dtype = dtype
    self.windowLength = windowLength
    self.featureCount = featureCount
    self.encoding = encoding
    self.layout = layout
    self.blocks = blocks
    self.keys = keys
    self.windowCount = windowCount
  }

  public var blockCount: Int { blocks.count }
  /// Values in one window (`windowLength × featureCount`).
  public var windowValueCount: Int { windowLength * featureCount }
  /// Most windows any block of this shard holds (size a reusable buffer with this).
  public var maxBlockWindows: Int { blocks.map(\.windowCount).max() ?? 0 }

  /// Windows `firstWindow..<firstWindow + count` stored in block `i`.
  public func blockWindowRange(_ i: Int) -> Range<Int> {
    blocks[i].firstWindow..<blocks[i].firstWindow + blocks[i].windowCount
  }

  /// Compressed size on disk of block `i` (header included).
  public func blockByteCount(_ i: Int) -> Int { ShardFormat.blockHeaderSize + blocks[i].compressedSize }

  /// The block holding window `window`.
  public func block(containing window: Int) -> Int {
    var lo = 0
    var hi = blocks.count - 1
    while lo < hi {
      let mid = (lo + hi + 1) / 2
      if blocks[mid].firstWindow <= window { lo = mid } else { hi = mid - 1 }
    }
    return lo
  }

  /// Decodes block `i` (checksums verified) into `buffer`, which needs room for
  /// `blockWindowRange(i).count × windowValueCount` floats; returns the number of windows decoded.
  @discardableResult
  public func readBlock(_ i: Int, into buffer: UnsafeMutableBufferPointer<Float>) throws -> Int {
    guard blocks.indices.contains(i) else {
      throw ShardError(.outOfRange, shard: name, "block \(i) does not exist (the shard has \(blocks.count))")
    }
    let entry = blocks[i]
    let valueCount = entry.windowCount * windowValueCount
    guard buffer.count >= valueCount else {
      throw ShardError(
        .invalidArgument, shard: name, block: i, "buffer holds \(buffer.count) floats, block needs \(valueCount)")
    }
    let total = ShardFormat.blockHeaderSize + entry.compressedSize
    if compressed.count < total { compressed = [UInt8](repeating: 0, count: total) }
    let got = try compressed.withUnsafeMutableBytes {
      try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<total]), at: entry.offset)
    }
    guard got == total else {
      throw ShardError(.truncated, shard: name, block: i, "file ends inside this block; rerun `icews run`")
    }
    try compressed.withUnsafeBytes { raw in
      let h = ShardFormat.blockHeaderSize
      guard Int(raw.readLE(UInt32.self, at: 0)) == entry.compressedSize,
        Int(raw.readLE(UInt32.self, at: 4)) == entry.windowCount,
        Int(raw.readLE(UInt32.self, at: 8)) == entry.firstWindow, raw.readLE(UInt32.self, at: 12) == entry.crc32
      else {
        throw ShardError(
          .checksumMismatch, shard: name, block: i,
          "block header disagrees with the index; the file is damaged, rerun `icews run`")
      }
      let payload = UnsafeRawBufferPointer(rebasing: raw[h..<total])
      let crc = CRC32.checksum(payload)
      guard crc == entry.crc32 else {
        throw ShardError(
          .checksumMismatch, shard: name, block: i,
          "checksum mismatch (stored \(hex(entry.crc32)), computed \(hex(crc))); the file is damaged, rerun `icews run`"
        )
      }
      if encoding == .masked {
        try readMasked(block: i, payload: payload, into: buffer)
        return
      }
      let result: Result<Int, ZstdFailure>
      if dtype == .float32 {
        result = decompressor.decompress(
          payload,
          into: UnsafeMutableRawBufferPointer(
            rebasing: UnsafeMutableRawBufferPointer(buffer)[0..<entry.uncompressedSize]))
      } else {
        if halves.count < valueCount { halves = [Float16](repeating: 0, count: valueCount) }
        result = halves.withUnsafeMutableBytes {
          decompressor.decompress(
            payload, into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<entry.uncompressedSize]))
        }
        if case .success = result {
          halves.withUnsafeBufferPointer { ShardReader.widen($0, count: valueCount, into: buffer) }
        }
      }
      try checkDecoded(result, expected: entry.uncompressedSize, block: i)
    }
    return entry.windowCount
  }

  /// Decompresses a masked block's bytes, checks them (`MaskedLayout.damage`) and expands them into `buffer`.
  private func readMasked(
    block i: Int, payload: UnsafeRawBufferPointer, into buffer: UnsafeMutableBufferPointer<Float>
  )
    throws
  {
    let entry = blocks[i]
    let size = entry.uncompressedSize
    if content.count < size { content = [UInt8](repeating: 0, count: size) }
    try content.withUnsafeMutableBytes { raw in
      let decoded = UnsafeMutableRawBufferPointer(rebasing: raw[0..<size])
      try checkDecoded(decompressor.decompress(payload, into: decoded), expected: size, block: i)
      let bytes = UnsafeRawBufferPointer(decoded)
      if let damage = layout.damage(in: bytes, windows: entry.windowCount) {
        throw ShardError(.badFormat, shard: name, block: i, "\(damage); the file is damaged, rerun `icews run`")
      }
      if dtype == .float32 {
        let out = UnsafeMutableRawPointer(buffer.baseAddress!).assumingMemoryBound(to: UInt32.self)
        layout.decode(bytes, windows: entry.windowCount, into: out)
      } else {
        let valueCount = entry.windowCount * windowValueCount
        if halves.count < valueCount { halves = [Float16](repeating: 0, count: valueCount) }
        halves.withUnsafeMutableBufferPointer { h in
          let out = UnsafeMutableRawPointer(h.baseAddress!).assumingMemoryBound(to: UInt16.self)
          layout.decode(bytes, windows: entry.windowCount, into: out)
          ShardReader.widen(UnsafeBufferPointer(h), count: valueCount, into: buffer)
        }
      }
    }
  }

  /// Throws unless zstd decoded block `i` into exactly `expected` bytes.
  private func checkDecoded(_ result: Result<Int, ZstdFailure>, expected: Int, block i: Int) throws {
    switch result {
    case .failure(let failure):
      throw ShardError(
        .compression, shard: name, block: i, "zstd: \(failure.name); the file is damaged, rerun `icews run`")
    case .success(let n) where n != expected:
      throw ShardError(.badFormat, shard: name, block: i, "decoded \(n) bytes, expected \(expected)")
    case .success:
      break
    }
  }

  /// The first `count` float16 values of `halves` widened into `buffer`.
  private static func widen(
    _ halves: UnsafeBufferPointer<Float16>, count: Int, into buffer: UnsafeMutableBufferPointer<Float>
  ) {
    for k in 0..<count { buffer[k] = Float(halves[k]) }
  }

  /// Decodes block `i` into `buffer`, growing it when needed (and never shrinking it, so it can be reused).
  @discardableResult
  public func readBlock(_ i: Int, into buffer: inout [Float]) throws -> Int {
    guard blocks.indices.contains(i) else {
      throw ShardError(.outOfRange, shard: name, "block \(i) does not exist (the shard has \(blocks.count))")
    }
    let needed = blocks[i].windowCount * windowValueCount
    if buffer.count < needed { buffer.append(contentsOf: repeatElement(0, count: needed - buffer.count)) }
    return try buffer.withUnsafeMutableBufferPointer { try readBlock(i, into: $0) }
  }

  /// Copies window `i` into `buffer` (`windowValueCount` floats); decodes its block unless it is the
  /// last one read here.
  public func readWindow(_ i: Int, into buffer: UnsafeMutableBufferPointer<Float>) throws {
    guard (0..<windowCount).contains(i) else {
      throw ShardError(.outOfRange, shard: name, "window \(i) does not exist (the shard has \(windowCount))")
    }
    let n = windowValueCount
    guard buffer.count >= n else {
      throw ShardError(.invalidArgument, shard: name, "buffer holds \(buffer.count) floats, a window needs \(n)")
    }
    let b = block(containing: i)
    if b != cachedBlock {
      cachedBlock = -1
      try readBlock(b, into: &cachedValues)
      cachedBlock = b
    }
    let base = (i - blocks[b].firstWindow) * n
    cachedValues.withUnsafeBufferPointer { src in
      _ = buffer.initialize(from: UnsafeBufferPointer(rebasing: src[base..<base + n]))
    }
  }

  /// Window `i` as a new array (`windowLength × featureCount`, row-major).
  public func readWindow(_ i: Int) throws -> [Float] {
    var out = [Float](repeating: 0, count: windowValueCount)
    try out.withUnsafeMutableBufferPointer { try readWindow(i, into: $0) }
    return out
  }

  /// Decodes every block, so every checksum is checked; throws at the first fault.
  /// Decodes every block (checksums, sizes) and checks that every value is finite: the writer stores only
  /// finite values, so a NaN or an infinity means the file was altered.
  public func verify() throws {
    var buffer: [Float] = []
    for b in blocks.indices {
      let n = try readBlock(b, into: &buffer) * windowValueCount
      if let at = buffer[0..<n].firstIndex(where: { !$0.isFinite }) {
        throw ShardError(
          .badFormat, shard: name, block: b,
          "window \(blocks[b].firstWindow + at / windowValueCount) holds a non-finite value (\(buffer[at])); "
            + "the file was altered, rerun `icews run`")
      }
    }
  }

  /// Names the first block that a file without a trailer lacks, walking the block headers from the start.
  private static func truncationError(file: ShardFileHandle, size: Int, name: String) -> ShardError {
    var offset = ShardFormat.headerSize
    var block = 0
    var header = [UInt8](repeating: 0, count: ShardFormat.blockHeaderSize)
    while offset < size {
      guard offset + ShardFormat.blockHeaderSize <= size,
        (try? header.withUnsafeMutableBytes { try file.read(into: $0, at: offset) }) == ShardFormat.blockHeaderSize
      else { break }
      let compressedSize = header.withUnsafeBytes { Int($0.readLE(UInt32.self, at: 0)) }
      let end = offset + ShardFormat.blockHeaderSize + compressedSize
      if end > size { break }
      offset = end
      block += 1
    }
    return ShardError(
      .truncated, shard: name, block: block,
      "file is truncated (\(size) bytes; the footer is missing and this block is incomplete or absent); rerun `icews "
        + "run`"
    )
  }
}

func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16)
  return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
