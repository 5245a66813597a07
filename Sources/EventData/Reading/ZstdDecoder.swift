import CZstd

/// Streaming zstd (any number of frames).
final class ZstdDecoder: ByteSink {
  private let stream: OpaquePointer
  private let sink: any ByteSink
  private let file: String
  private var output = [UInt8](repeating: 0, count: ZSTD_DStreamOutSize())
  /// 0 once the last frame is complete; nonzero while more input is expected.
  private var lastHint = 1

  init(file: String, sink: any ByteSink) throws {
    self.file = file
    self.sink = sink
    guard let stream = ZSTD_createDStream() else {
      throw EventReadError(.corrupt, file: file, reason: "zstd init failed")
    }
    self.stream = stream
    ZSTD_initDStream(stream)
  }

  deinit { ZSTD_freeDStream(stream) }

  func push(_ bytes: UnsafeRawBufferPointer) throws {
    var input = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
    while input.pos < input.size {
      let (hint, produced) = output.withUnsafeMutableBytes { out -> (Int, Int) in
        var buffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
        let hint = ZSTD_decompressStream(stream, &buffer, &input)
        return (hint, buffer.pos)
      }
      if ZSTD_isError(hint) != 0 {
        throw EventReadError(
          .corrupt, file: file, reason: "zstd data is corrupt (\(String(cString: ZSTD_getErrorName(hint))))")
      }
      lastHint = hint
      if produced > 0 {
        try output.withUnsafeBytes { try sink.push(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
      }
    }
  }

  func finish() throws {
    // Flush output still buffered inside the decoder (its output buffer may have been full).
    while lastHint != 0 {
      var input = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
      let (hint, produced) = output.withUnsafeMutableBytes { out -> (Int, Int) in
        var buffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
        let hint = ZSTD_decompressStream(stream, &buffer, &input)
        return (hint, buffer.pos)
      }
      if ZSTD_isError(hint) != 0 || produced == 0 { break }
      try output.withUnsafeBytes { try sink.push(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
      lastHint = hint
    }
    guard lastHint == 0 else {
      throw EventReadError(.corrupt, file: file, reason: "zstd stream is truncated")
    }
    try sink.finish()
  }
}
