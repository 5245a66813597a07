import CZlibSystem
import CZstd
import Foundation

/// Opens one input (a path or `-`), recognizes its container by magic bytes and pushes the
/// decompressed bytes of each ICEWS file in it into a sink made by `makeSink`.
enum InputSource {
  /// `makeSink(label, isArchiveMember)`: label is the input as given, or `archive/member`.
  static func stream(_ input: String, makeSink: (String, Bool) -> FileIngest) throws {
    let reader = try RawFileReader(input)
    defer { reader.close() }
    let head = try reader.readHead()
    if Magic(head) == .zip {
      try streamArchive(reader: reader, head: head, input: input, makeSink: makeSink)
      return
    }
    let sink = makeSink(input, false)
    let decoder = try Decompressor.make(for: head, file: input, into: sink)
    try head.withUnsafeBytes { try decoder.push($0) }
    try reader.forEachBlock { try decoder.push($0) }
    try decoder.finish()
  }

  private static func streamArchive(
    reader: RawFileReader, head: [UInt8], input: String, makeSink: (String, Bool) -> FileIngest
  ) throws {
    var url = URL(fileURLWithPath: input)
    var spooled: URL?
    if input == "-" {
      // Zip needs random access: standard input is copied to a temporary file first.
      let folder = FileManager.default.temporaryDirectory
      let temp = folder.appendingPathComponent("icews-stdin-\(UUID().uuidString).zip")
      spooled = temp
      do {
        guard FileManager.default.createFile(atPath: temp.path, contents: Data(head)) else {
          throw CocoaError(.fileWriteUnknown)
        }
        let handle = try FileHandle(forWritingTo: temp)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try reader.forEachBlock { try handle.write(contentsOf: Data($0)) }
      } catch let error as EventReadError {
        throw error
      } catch {
        throw EventReadError(
          .unreadable, file: input,
          reason: "cannot copy the zip on standard input to \(folder.path) (a zip needs random access; "
            + "is that folder writable and not full? TMPDIR chooses another)")
      }
      url = temp
    }
    defer { if let spooled { try? FileManager.default.removeItem(at: spooled) } }
    let archive = try ZipArchive(path: url.path, file: input)
    var eventFiles = 0
    for member in archive.members where member.isFile {
      let name = member.name
      let base = (name as NSString).lastPathComponent
      if name.hasPrefix("__MACOSX/") || base.hasPrefix("._") { continue }
      let label = "\(input)/\(name)"
      let sink = makeSink(label, true)
      var decoder: (any ByteSink)?
      try archive.extract(member, label: label) { bytes in
        if decoder == nil { decoder = try Decompressor.make(for: Array(bytes.prefix(4)), file: label, into: sink) }
        try decoder!.push(bytes)
      }
      if let decoder { try decoder.finish() } else { try sink.finish() }
      if sink.isEventFile { eventFiles += 1 }
    }
    guard eventFiles > 0 else {
      throw EventReadError(.unknownLayout, file: input, reason: "zip archive holds no ICEWS event file")
    }
  }
}

/// Containers recognized by their first bytes.
enum Magic {
  case plain, gzip, zstd, zip

  init(_ head: [UInt8]) {
    if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B {
      self = .gzip
    } else if head.count >= 4, head[0] == 0x28, head[1] == 0xB5, head[2] == 0x2F, head[3] == 0xFD {
      self = .zstd
    } else if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, head[2] == 0x03 || head[2] == 0x05,
      head[3] == 0x04 || head[3] == 0x06
    {
      self = .zip
    } else {
      self = .plain
    }
  }
}

enum Decompressor {
  /// A sink that undoes the compression announced by `head` and forwards to `sink`.
  static func make(for head: [UInt8], file: String, into sink: FileIngest) throws -> any ByteSink {
    switch Magic(head) {
    case .plain: return sink
    case .gzip: return try GzipDecoder(file: file, sink: sink)
    case .zstd: return try ZstdDecoder(file: file, sink: sink)
    case .zip:
      throw EventReadError(.unreadable, file: file, reason: "a zip archive inside a compressed stream is not supported")
    }
  }
}

/// POSIX reads of a file or standard input in 1 MiB blocks.
final class RawFileReader {
  private let fd: Int32
  private let file: String
  private var buffer = [UInt8](repeating: 0, count: 1 << 20)

  init(_ input: String) throws {
    file = input
    if input == "-" {
      fd = 0
    } else {
      fd = open(input, O_RDONLY)
      guard fd >= 0 else {
        throw EventReadError(.unreadable, file: input, reason: "cannot open: \(String(cString: strerror(errno)))")
      }
    }
  }

  func close() {
    if fd != 0 { _ = Foundation.close(fd) }
  }

  /// Up to the first 64 KiB (fewer only at end of input).
  func readHead() throws -> [UInt8] {
    var head: [UInt8] = []
    while head.count < 1 << 16 {
      let n = try readBlock(max: (1 << 16) - head.count)
      if n == 0 { break }
      head.append(contentsOf: buffer[0..<n])
    }
    return head
  }

  func forEachBlock(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    while true {
      let n = try readBlock(max: buffer.count)
      if n == 0 { return }
      try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
  }

  private func readBlock(max: Int) throws -> Int {
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, max) }
      if n >= 0 { return n }
      if errno == EINTR { continue }
      throw EventReadError(.unreadable, file: file, reason: "read failed: \(String(cString: strerror(errno)))")
    }
  }
}

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
