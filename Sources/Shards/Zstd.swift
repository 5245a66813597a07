import CZstd

/// A reusable zstd compression context; frames carry their content size and zstd's XXH64 content checksum.
// One thread at a time: each block a shard writer has in flight owns one.
final class ZstdCompressor: @unchecked Sendable {
  private let context: OpaquePointer
  let level: Int32

  init(level: Int) throws {
    guard let context = ZSTD_createCCtx() else { throw ShardError(.compression, "zstd: cannot create a context") }
    self.context = context
    self.level = Int32(level)
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, self.level))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1))
    try check(ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, 1))
  }

  deinit { ZSTD_freeCCtx(context) }

  static func bound(_ size: Int) -> Int { ZSTD_compressBound(size) }

  /// Compresses `source` into `destination` (at least `bound(source.count)` bytes); returns the size.
  func compress(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) throws -> Int {
    let written = ZSTD_compress2(context, destination.baseAddress, destination.count, source.baseAddress, source.count)
    try check(written)
    return written
  }

  private func check(_ code: Int) throws {
    if ZSTD_isError(code) != 0 {
      throw ShardError(.compression, "zstd: \(String(cString: ZSTD_getErrorName(code)))")
    }
  }
}

/// A reusable zstd decompression context.
final class ZstdDecompressor {
  private let context: OpaquePointer

  init() throws {
    guard let context = ZSTD_createDCtx() else { throw ShardError(.compression, "zstd: cannot create a context") }
    self.context = context
  }

  deinit { ZSTD_freeDCtx(context) }

  /// Decompresses one frame into `destination`; returns the decoded size, or zstd's error name.
  func decompress(
    _ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer
  ) -> Result<Int, ZstdFailure> {
    let written = ZSTD_decompressDCtx(
      context, destination.baseAddress, destination.count, source.baseAddress, source.count)
    if ZSTD_isError(written) != 0 { return .failure(ZstdFailure(name: String(cString: ZSTD_getErrorName(written)))) }
    return .success(written)
  }
}

struct ZstdFailure: Error {
  var name: String
}
