import Foundation
import Support
import Transforms

/// What a finished shard holds; goes into the manifest.
public struct ShardFileSummary: Sendable, Equatable {
  public var url: URL
  public var windowCount: Int
  /// Size of the file on disk.
  public var byteCount: Int
  /// The windows' dense size, `windows × T × F × dtype bytes` (what a reader decodes them to; a masked
  /// block stores fewer bytes than that before compression).
  public var uncompressedByteCount: Int
  /// CRC-32 of the whole file.
  public var crc32: UInt32
}

/// Writes one shard file: windows are buffered into blocks of `blockWindows`, each encoded against the
/// reference window (`MaskedLayout`) and compressed as one zstd frame; the footer index and trailer are
/// written by `finish`, which renames the temporary file into place. Nothing but `finish` ever makes the
/// final name appear.
///
/// Full blocks are compressed on other threads (up to `blocksInFlight` at once, each with its own
/// zstd context) while the next one fills, and are written in order, so the file is the same bytes
/// as compressing each block in turn.
public final class ShardWriter {
  public let url: URL
  public let windowLength: Int
  public let featureCount: Int
  public let dtype: ShardDType
  public let blockWindows: Int
  private let temporaryURL: URL
  private let name: String
  private var file: ShardFileHandle?
  private let zstdLevel: Int
  /// The block being filled, and those being compressed, oldest first.
  private var filling: PendingBlock
  private var compressing: [PendingBlock] = []
  /// Blocks compressed at the same time: the machine's cores (a dataset's train split gets most
  /// windows, so one writer alone must be able to keep them busy).
  static let blocksInFlight = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))
  private let blocks: BlockBufferPool
  private let blockByteCount: Int
  private let layout: MaskedLayout
  /// The reference window's stored bits (float32 or float16 patterns), copied to the front of each block.
  private let reference: [UInt8]
  /// Where a filling block's values start: after room for every window's masks, 16-byte aligned.
  private let valuesStart: Int
  private var blockFill = 0
  /// Values stored in the block being filled.
  private var blockValues = 0
  private var halves: [UInt16] = []
  private var entries: [BlockEntry] = []
  private var keys: [UInt8] = []
  /// Windows handed to compression, and windows whose blocks are in the file.
  private var windowsSubmitted = 0
  private var windowsWritten = 0
  private var offset = 0
  private var fileCRC = CRC32()

  /// - Parameters:
  ///   - name: how errors name this shard (e.g. `train/shard-00000.icws`).
  ///   - reference: the window most windows equal (`windowLength × featureCount` values; zeros when nil).
  ///     Any window can be stored; the closer windows are to it, the smaller the shard.
  public convenience init(
    url: URL, name: String? = nil, windowLength: Int, featureCount: Int, dtype: ShardDType, zstdLevel: Int,
    blockWindows: Int, reference: [Float]? = nil
  ) throws {
    try self.init(
      url: url, name: name, windowLength: windowLength, featureCount: featureCount, dtype: dtype, zstdLevel: zstdLevel,
      blockWindows: blockWindows, reference: reference, blocks: BlockBufferPool())
  }

  /// - Parameter blocks: where block buffers come from and go back to (shared by a dataset's shards).
  init(
    url: URL, name: String?, windowLength: Int, featureCount: Int, dtype: ShardDType, zstdLevel: Int,
    blockWindows: Int, reference: [Float]?, blocks: BlockBufferPool
  ) throws {
    guard windowLength > 0, featureCount > 0, blockWindows > 0 else {
      throw ShardError(.invalidArgument, "window length, feature count and block size must be positive")
    }
    let n = windowLength * featureCount
    if let reference, reference.count != n {
      throw ShardError(.invalidArgument, "reference window has \(reference.count) values, expected \(n)")
    }
    self.url = url
    self.name = name ?? url.lastPathComponent
    self.windowLength = windowLength
    self.featureCount = featureCount
    self.dtype = dtype
    self.blockWindows = blockWindows
    temporaryURL = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
    self.zstdLevel = zstdLevel
    self.blocks = blocks
    layout = MaskedLayout(rows: windowLength, features: featureCount, elementSize: dtype.byteCount)
    let window = reference ?? [Float](repeating: 0, count: n)
    self.reference =
      dtype == .float32
      ? window.withUnsafeBytes { Array($0) } : window.map { Float16($0).bitPattern }.withUnsafeBytes { Array($0) }
    valuesStart = (layout.fixedBytes(windows: blockWindows) + 15) & ~15
    blockByteCount = valuesStart + blockWindows * n * dtype.byteCount
    filling = try blocks.take(byteCapacity: blockByteCount, zstdLevel: zstdLevel)
    file = try ShardFileHandle(creating: temporaryURL.path, name: self.name)
    var header: [UInt8] = ShardFormat.headerMagic
    header.appendLE(ShardFormat.version)
    header.appendLE(ShardFormat.dtypeCode(dtype))
    header.appendLE(UInt32(windowLength))
    header.appendLE(UInt32(featureCount))
    header.appendLE(UInt32(blockWindows))
    header.appendLE(BlockEncoding.masked.rawValue)
    try emit(header)
  }

  deinit {
    // a failed writer may still have a block on the compressing thread: it owns the buffers
    for block in compressing { block.wait() }
    for block in [filling] + compressing + spare { blocks.give(block) }
    if file != nil { unlink(temporaryURL.path) }
  }

  public var windowCount: Int { windowsSubmitted + blockFill }

  /// Appends one window of `windowLength × featureCount` values (row-major) with its key.
  public func append(_ window: UnsafeBufferPointer<Float>, key: WindowKey) throws {
    let n = windowLength * featureCount
    guard window.count == n else {
      throw ShardError(.invalidArgument, shard: name, "window has \(window.count) values, expected \(n)")
    }
    let input = filling.input.baseAddress!
    let masks = (input + layout.referenceBytes + blockFill * layout.maskBytesPerWindow).assumingMemoryBound(
      to: UInt8.self)
    let values = input + valuesStart + blockValues * dtype.byteCount
    reference.withUnsafeBytes { ref in
      if dtype == .float32 {
        blockValues += layout.encode(
          UnsafeRawPointer(window.baseAddress!).assumingMemoryBound(to: UInt32.self),
          reference: ref.baseAddress!.assumingMemoryBound(to: UInt32.self), masks: masks,
          values: values.assumingMemoryBound(to: UInt32.self))
      } else {
        if halves.count != n { halves = [UInt16](repeating: 0, count: n) }
        halves.withUnsafeMutableBufferPointer { h in
          for i in 0..<n { h[i] = Float16(window[i]).bitPattern }
          blockValues += layout.encode(
            UnsafePointer(h.baseAddress!), reference: ref.baseAddress!.assumingMemoryBound(to: UInt16.self),
            masks: masks, values: values.assumingMemoryBound(to: UInt16.self))
        }
      }
    }
    try windowAdded(key: key)
  }

  /// Appends one float32 window given as its masks against this writer's reference
  /// (`layout.maskBytesPerWindow` bytes) and the values they mark, as `MaskedLayout.encode` makes them.
  func appendMasked(masks: UnsafeRawPointer, values: UnsafeBufferPointer<Float>, key: WindowKey) throws {
    precondition(dtype == .float32, "masked windows are float32")
    let input = filling.input.baseAddress!
    (input + layout.referenceBytes + blockFill * layout.maskBytesPerWindow).copyMemory(
      from: masks, byteCount: layout.maskBytesPerWindow)
    if !values.isEmpty {
      (input + valuesStart + blockValues * 4).copyMemory(from: values.baseAddress!, byteCount: values.count * 4)
    }
    blockValues += values.count
    try windowAdded(key: key)
  }

  /// Records the key of the window just put into the filling block, and hands the block on when full.
  private func windowAdded(key: WindowKey) throws {
    keys.appendLE(Int32(truncatingIfNeeded: key.group))
    keys.appendLE(Int32(truncatingIfNeeded: key.startDay))
    blockFill += 1
    if blockFill == blockWindows { try flushBlock() }
  }

  /// Writes the last block, the footer and the trailer, then syncs the file and renames it into place.
  public func finish() throws -> ShardFileSummary { try finish(syncingOn: nil) }

  /// As `finish`; with `syncs`, the fsync and the rename run on its queue while the caller goes on
  /// (the file is in place once `syncs.wait()` returns).
  func finish(syncingOn syncs: PendingSyncs?) throws -> ShardFileSummary {
    try flushBlock()
    while !compressing.isEmpty { try writeCompressedBlock() }
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
    guard let handle = file else { throw ShardError(.invalidArgument, shard: name, "shard already finished") }
    file = nil
    let (from, to, name) = (temporaryURL, url, self.name)
    let complete: @Sendable () throws -> Void = {
      try handle.sync()
      try renameReplacing(from, to, name: name)
    }
    if let syncs { syncs.run(complete) } else { try complete() }
    return ShardFileSummary(
      url: url, windowCount: windowsWritten, byteCount: offset,
      uncompressedByteCount: windowsWritten * windowLength * featureCount * dtype.byteCount,
      crc32: fileCRC.value)
  }

  /// Hands the filled block to a compressing thread (after writing the oldest when all are busy).
  private func flushBlock() throws {
    guard blockFill > 0 else { return }
    while compressing.count >= ShardWriter.blocksInFlight { try writeCompressedBlock() }
    let block = filling
    block.windowCount = blockFill
    block.firstWindow = windowsSubmitted
    // the block's bytes: the reference, the masks of its windows, then its values moved up behind them
    let input = block.input.baseAddress!
    reference.withUnsafeBytes { input.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    let fixed = layout.fixedBytes(windows: blockFill)
    let valueBytes = blockValues * dtype.byteCount
    if fixed != valuesStart { memmove(input + fixed, input + valuesStart, valueBytes) }
    block.byteCount = fixed + valueBytes
    blockValues = 0
    filling = try spare.popLast() ?? blocks.take(byteCapacity: blockByteCount, zstdLevel: zstdLevel)
    compressing.append(block)
    windowsSubmitted += blockFill
    blockFill = 0
    block.compress()
  }

  /// Waits for the oldest block being compressed and writes it with its header.
  private func writeCompressedBlock() throws {
    guard !compressing.isEmpty else { return }
    let block = compressing.removeFirst()
    block.wait()
    defer { spare.append(block) }
    if let error = block.error {
      let code = (error as? ShardError)?.code ?? .compression
      throw ShardError(code, shard: name, block: entries.count, (error as? ShardError)?.message ?? "\(error)")
    }
    let h = ShardFormat.blockHeaderSize
    var blockHeader: [UInt8] = []
    blockHeader.appendLE(UInt32(block.size))
    blockHeader.appendLE(UInt32(block.windowCount))
    blockHeader.appendLE(UInt32(block.firstWindow))
    blockHeader.appendLE(block.crc)
    blockHeader.withUnsafeBytes { block.output.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: h) }
    entries.append(
      BlockEntry(
        offset: offset, compressedSize: block.size, uncompressedSize: block.byteCount, firstWindow: block.firstWindow,
        windowCount: block.windowCount, crc32: block.crc))
    try emit(UnsafeRawBufferPointer(rebasing: block.output[0..<h + block.size]))
    windowsWritten += block.windowCount
  }

  /// Blocks written, for the next blocks to fill.
  private var spare: [PendingBlock] = []

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

/// Block buffers kept between the shards of one dataset, so a new shard does not map and fault in
/// fresh megabytes.
typealias BlockBufferPool = ReusePool<PendingBlock>

extension ReusePool where Item == PendingBlock {
  /// A free block of this capacity and level, or a new one.
  func take(byteCapacity: Int, zstdLevel: Int) throws -> PendingBlock {
    let fitting = take { $0.input.count == max(1, byteCapacity) && $0.zstdLevel == zstdLevel }
    return try fitting ?? PendingBlock(byteCapacity: byteCapacity, zstdLevel: zstdLevel)
  }
}

/// One block's input and compressed output. The compressing thread writes `size`, `crc` and
/// `error` before signalling; the writer reads them, and touches the buffers, only after `wait`.
final class PendingBlock: @unchecked Sendable {
  let input: UnsafeMutableRawBufferPointer
  /// The block header's room, then the zstd frame.
  let output: UnsafeMutableRawBufferPointer
  var byteCount = 0
  var windowCount = 0
  var firstWindow = 0
  var size = 0
  var crc: UInt32 = 0
  var error: (any Error)?
  let zstdLevel: Int
  private let compressor: ZstdCompressor
  private let done = DispatchSemaphore(value: 0)

  /// The buffers are mapped, not malloc'ed: megabytes freed on the compressing thread would raise
  /// glibc's mmap threshold and leave later blocks fragmenting the heap (a higher peak RSS).
  init(byteCapacity: Int, zstdLevel: Int) throws {
    self.zstdLevel = zstdLevel
    compressor = try ZstdCompressor(level: zstdLevel)
    input = PendingBlock.map(max(1, byteCapacity))
    output = PendingBlock.map(ShardFormat.blockHeaderSize + ZstdCompressor.bound(byteCapacity))
  }

  deinit {
    munmap(input.baseAddress, input.count)
    munmap(output.baseAddress, output.count)
  }

  private static func map(_ byteCount: Int) -> UnsafeMutableRawBufferPointer {
    let p = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let p, p != MAP_FAILED else { fatalError("cannot map \(byteCount) bytes for a shard block: out of memory") }
    return UnsafeMutableRawBufferPointer(start: p, count: byteCount)
  }

  func compress() {
    let h = ShardFormat.blockHeaderSize
    DispatchQueue.global(qos: .userInitiated).async { [self] in
      do {
        size = try compressor.compress(
          UnsafeRawBufferPointer(rebasing: input[0..<byteCount]),
          into: UnsafeMutableRawBufferPointer(rebasing: output[h...]))
        crc = CRC32.checksum(UnsafeRawBufferPointer(rebasing: output[h..<h + size]))
      } catch {
        self.error = error
      }
      done.signal()
    }
  }

  /// Once per `compress`.
  func wait() { done.wait() }
}

/// Shard files waiting for their fsync and rename, done one after another on a queue of their own so
/// that the thread writing windows does not wait for the disk; `wait` rethrows the first failure.
final class PendingSyncs: @unchecked Sendable {
  private let queue = DispatchQueue(label: "icews.shard-sync")
  private let lock = NSLock()
  private var failure: (any Error)?

  func run(_ work: @escaping @Sendable () throws -> Void) {
    queue.async { [self] in
      do { try work() } catch {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
      }
    }
  }

  /// Returns when every file handed to `run` is synced and renamed, or throws the first failure.
  func wait() throws {
    queue.sync {}
    lock.lock()
    defer { lock.unlock() }
    if let failure { throw failure }
  }
}
