import CZlibSystem

/// Streaming gzip (zlib, RFC 1952), concatenated members included.
final class GzipDecoder: ByteSink {
  private var stream = z_stream()
  private let sink: any ByteSink
  private let file: String
  private var output = [UInt8](repeating: 0, count: 1 << 20)
  private var atMemberEnd = false

  init(file: String, sink: any ByteSink) throws {
    self.file = file
    self.sink = sink
    // 15 + 32: maximum window, gzip or zlib header detected automatically.
    let status = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else { throw EventReadError(.corrupt, file: file, reason: "zlib init failed (\(status))") }
  }

  deinit { inflateEnd(&stream) }

  func push(_ bytes: UnsafeRawBufferPointer) throws {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(bytes.count)
    while stream.avail_in > 0 {
      if atMemberEnd {
        inflateReset(&stream)
        atMemberEnd = false
      }
      let (status, _) = try inflateIntoSink(flush: Z_NO_FLUSH)
      switch status {
      case Z_STREAM_END: atMemberEnd = true
      case Z_OK, Z_BUF_ERROR: continue
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
        throw EventReadError(.corrupt, file: file, reason: "gzip data is corrupt (\(message))")
      }
    }
    stream.next_in = nil
  }

  /// One `inflate` call into the output buffer, whatever it produced pushed on to the sink.
  private func inflateIntoSink(flush: Int32) throws -> (status: Int32, produced: Int) {
    let (status, produced) = output.withUnsafeMutableBytes { out -> (Int32, Int) in
      stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
      stream.avail_out = uInt(out.count)
      let status = inflate(&stream, flush)
      return (status, out.count - Int(stream.avail_out))
    }
    if produced > 0 {
      try output.withUnsafeBytes { try sink.push(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) }
    }
    return (status, produced)
  }

  func finish() throws {
    // Drain anything inflate still holds.
    while !atMemberEnd {
      let (status, produced) = try inflateIntoSink(flush: Z_FINISH)
      if status == Z_STREAM_END { atMemberEnd = true; break }
      if produced == 0 {
        throw EventReadError(.corrupt, file: file, reason: "gzip stream is truncated")
      }
    }
    try sink.finish()
  }
}
