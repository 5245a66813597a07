import Foundation

/// What a finished shard holds; goes into the manifest.
public struct ShardFileSummary: Sendable, Equatable {
  public var url: URL
  public var windowCount: Int
  /// Size of the file on disk.
  public var byteCount: Int
  /// Stored (uncompressed) window bytes.
  public var uncompressedByteCount: Int
  /// CRC-32 of the whole file.
  public var crc32: UInt32
}

/// Writes one shard file: windows are buffered into blocks of `blockWindows`, each compressed as one
/// zstd frame; the footer index and trailer are written by `finish`, which renames the temporary
/// file into place. Nothing but `finish` ever makes the final name appear.
public final class ShardWriter {
  public let url: URL
  public let windowLength: Int
  public let featureCount: Int
  public let dtype: ShardDType
  public let blockWindows: Int
  private let temporaryURL: URL
  private let name: String
  private var file: ShardFileHandle?
  private let compressor: ZstdCompressor
  private var blockValues: [Float]
  private var blockHalves: [Float16]
  private var blockFill = 0
  private var compressed: [UInt8]
  private var entries: [BlockEntry] = []
  private var keys: [UInt8] = []
  private var windowsWritten = 0
  private var offset = 0
  private var fileCRC = CRC32()
  private var storedBytes = 0

  /// - Parameter name: how errors name this shard (e.g. `train/shard-00000.icws`).
  public init(
    url: URL, name: String? = nil, windowLength: Int, featureCount: Int, dtype: ShardDType, zstdLevel: Int,
    blockWindows: Int
  ) throws {
    guard windowLength > 0, featureCount > 0, blockWindows > 0 else {
      throw ShardError(.invalidArgument, "window length, feature count and block size must be positive")
    }
    self.url = url
    self.name = name ?? url.lastPathComponent
    self.windowLength = windowLength
    self.featureCount = featureCount
    self.dtype = dtype
    self.blockWindows = blockWindows
    temporaryURL = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
    compressor = try ZstdCompressor(level: zstdLevel)
    let blockValueCount = blockWindows * windowLength * featureCount
    blockValues = dtype == .float32 ? [Float](repeating: 0, count: blockValueCount) : []
    blockHalves = dtype == .float16 ? [Float16](repeating: 0, count: blockValueCount) : []
    compressed = [UInt8](
      repeating: 0, count: ShardFormat.blockHeaderSize + ZstdCompressor.bound(blockValueCount * dtype.byteCount))
    file = try ShardFileHandle(creating: temporaryURL.path, name: self.name)
    var header: [UInt8] = ShardFormat.headerMagic
    header.appendLE(ShardFormat.version)
    header.appendLE(ShardFormat.dtypeCode(dtype))
    header.appendLE(UInt32(windowLength))
    header.appendLE(UInt32(featureCount))
    header.appendLE(UInt32(blockWindows))
    header.appendLE(UInt32(0))
    try emit(header)
  }

  deinit {
    if file != nil { unlink(temporaryURL.path) }
  }

  public var windowCount: Int { windowsWritten + blockFill }

  /// Appends one window of `windowLength × featureCount` values (row-major) with its key.
  public func append(_ window: UnsafeBufferPointer<Float>, key: WindowKey) throws {
    let n = windowLength * featureCount
    guard window.count == n else {
      throw ShardError(.invalidArgument, shard: name, "window has \(window.count) values, expected \(n)")
    }
    let base = blockFill * n
    if dtype == .float32 {
      blockValues.withUnsafeMutableBufferPointer { b in
        _ = UnsafeMutableBufferPointer(rebasing: b[base..<base + n]).initialize(from: window)
      }
    } else {
      blockHalves.withUnsafeMutableBufferPointer { b in
        for i in 0..<n { b[base + i] = Float16(window[i]) }
      }
    }
    keys.appendLE(Int32(truncatingIfNeeded: key.group))
    keys.appendLE(Int32(truncatingIfNeeded: key.startDay))
    blockFill += 1
    if blockFill == blockWindows { try flushBlock() }
  }

  /// Writes the last block, the footer and the trailer, then renames the file into place.
  public func finish() throws -> ShardFileSummary {
    try flushBlock()
    let footerOffset = offset
    var footer: [UInt8] = []
    footer.reserveCapacity(entries.count * ShardFormat.blockEntrySize + keys.count)
    for entry in entries {
      footer.appendLE(UInt64(entry.offset))
      footer.appendLE(UInt32(entry.compressedSize))
      footer.appendLE(UInt32(entry.uncompressedSize))
      footer.appendLE(UInt32(entry.firstWindow))
      footer.appendLE(UInt32(entry.windowCount))
      footer.appendLE(entry.crc32)
      footer.appendLE(UInt32(0))
    }
    footer += keys
    try emit(footer)
    var trailer: [UInt8] = []
    trailer.appendLE(UInt64(footerOffset))
    trailer.appendLE(UInt32(entries.count))
    trailer.appendLE(UInt32(windowsWritten))
    trailer.appendLE(footer.withUnsafeBytes { CRC32.checksum($0) })
    trailer.appendLE(UInt32(0))
    trailer += ShardFormat.trailerMagic
    try emit(trailer)
    try file?.sync()
    file = nil
    try renameReplacing(temporaryURL, url, name: name)
    return ShardFileSummary(
      url: url, windowCount: windowsWritten, byteCount: offset, uncompressedByteCount: storedBytes,
      crc32: fileCRC.value)
  }

  private func flushBlock() throws {
    guard blockFill > 0 else { return }
    let byteCount = blockFill * windowLength * featureCount * dtype.byteCount
    let h = ShardFormat.blockHeaderSize
    let size: Int
    do {
      size = try compressed.withUnsafeMutableBytes { (out) throws -> Int in
        let destination = UnsafeMutableRawBufferPointer(rebasing: out[h...])
        if dtype == .float32 {
          return try blockValues.withUnsafeBytes { (src) throws -> Int in
            try compressor.compress(UnsafeRawBufferPointer(rebasing: src[0..<byteCount]), into: destination)
          }
        }
        return try blockHalves.withUnsafeBytes { (src) throws -> Int in
          try compressor.compress(UnsafeRawBufferPointer(rebasing: src[0..<byteCount]), into: destination)
        }
      }
    } catch let error as ShardError {
      throw ShardError(error.code, shard: name, block: entries.count, error.message)
    }
    let crc = compressed.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[h..<h + size])) }
    var blockHeader: [UInt8] = []
    blockHeader.appendLE(UInt32(size))
    blockHeader.appendLE(UInt32(blockFill))
    blockHeader.appendLE(UInt32(windowsWritten))
    blockHeader.appendLE(crc)
    compressed.withUnsafeMutableBytes { out in
      blockHeader.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: h) }
    }
    entries.append(
      BlockEntry(
        offset: offset, compressedSize: size, uncompressedSize: byteCount, firstWindow: windowsWritten,
        windowCount: blockFill, crc32: crc))
    try compressed.withUnsafeBytes { (b) throws in
      try emit(UnsafeRawBufferPointer(rebasing: b[0..<h + size]))
    }
    windowsWritten += blockFill
    storedBytes += byteCount
    blockFill = 0
  }

  private func emit(_ bytes: [UInt8]) throws {
    try bytes.withUnsafeBytes { (b) throws in try emit(b) }
  }

  private func emit(_ bytes: UnsafeRawBufferPointer) throws {
    guard let file else { throw ShardError(.invalidArgument, shard: name, "shard already finished") }
    try file.write(bytes)
    fileCRC.update(bytes)
    offset += bytes.count
  }
}
