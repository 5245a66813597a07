import CZlibSystem
import Support

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A zip archive read from its central directory, every number in it checked against the file.
///
/// Members are stored or deflated (ZIP64 sizes and offsets included). Each member's data must lie
/// inside the file before the central directory; a deflated member is inflated from exactly its
/// compressed bytes and must end its stream, produce its declared size and match its CRC-32, so a
/// damaged or hostile archive is an error naming the member, never a loop or an unbounded output.
final class ZipArchive {
  /// One file of the archive, as its central directory record describes it.
  struct Member {
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    /// A directory or a symbolic link: nothing to read.
    var isFile: Bool
  }

  /// The central directory of an archive with more members than this is not an event archive.
  static let maxCentralDirectoryBytes: UInt64 = 16 << 20

  let file: String
  private(set) var members: [Member] = []
  private let fd: Int32
  private let size: UInt64
  /// Where member data must end: the central directory's offset.
  private var dataLimit: UInt64 = 0

  init(path: String, file: String) throws {
    self.file = file
    fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      throw EventReadError(.unreadable, file: file, reason: "cannot open: \(String(cString: strerror(errno)))")
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      _ = close(fd)
      throw EventReadError(.unreadable, file: file, reason: "cannot read its size")
    }
    size = UInt64(info.st_size)
    // Every stored property is set from here on, so a throw runs deinit, which closes `fd`: closing it
    // here too would close whatever another thread opened under the same number in between.
    try readCentralDirectory()
  }

  deinit { _ = close(fd) }

  private func corrupt(_ reason: String) -> EventReadError {
    EventReadError(.corrupt, file: file, reason: "not a readable zip archive (\(reason))")
  }

  /// Exactly `count` bytes at `offset`, or an error when the file is shorter.
  private func read(_ count: Int, at offset: UInt64) throws -> [UInt8] {
    guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
      throw corrupt("a record at byte \(offset) runs past the end of the file")
    }
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let n = bytes.withUnsafeMutableBytes {
        pread(fd, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done))
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw EventReadError(.unreadable, file: file, reason: "read failed at byte \(offset)") }
      done += n
    }
    return bytes
  }

  private func readCentralDirectory() throws {
    // The end record (22 bytes, then a comment of up to 65,535) is found scanning back from the end.
    let tailCount = Int(min(size, 22 + 0xFFFF))
    let tail = try read(tailCount, at: size - UInt64(tailCount))
    var found: Int?
    var i = tailCount - 22
    while i >= 0 {
      if tail.u32(i) == 0x0605_4B50 {
        found = i
        break
      }
      i -= 1
    }
    guard let end = found else { throw corrupt("no end of central directory record") }
    let endOffset = size - UInt64(tailCount - end)
    var entries = UInt64(tail.u16(end + 10))
    var directorySize = UInt64(tail.u32(end + 12))
    var directoryOffset = UInt64(tail.u32(end + 16))
    var directoryLimit = endOffset
    if tail.u16(end + 4) != 0 || tail.u16(end + 6) != 0 {
      throw EventReadError(.unreadable, file: file, reason: "split (multi-part) zip archives are not supported")
    }
    if entries == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF, endOffset >= 20 {
      let locator = try read(20, at: endOffset - 20)
      if locator.u32(0) == 0x0706_4B50 {
        let recordOffset = locator.u64(8)
        guard recordOffset <= endOffset - 20, endOffset - 20 - recordOffset >= 56 else {
          throw corrupt("the ZIP64 end record's offset \(recordOffset) is outside the file")
        }
        let record = try read(56, at: recordOffset)
        guard record.u32(0) == 0x0606_4B50 else { throw corrupt("no ZIP64 end record at byte \(recordOffset)") }
        entries = record.u64(32)
        directorySize = record.u64(40)
        directoryOffset = record.u64(48)
        directoryLimit = recordOffset
      }
    }
    guard directoryOffset <= directoryLimit, directorySize <= directoryLimit - directoryOffset else {
      throw corrupt("the central directory (\(directorySize) bytes at \(directoryOffset)) is outside the file")
    }
    guard directorySize <= ZipArchive.maxCentralDirectoryBytes else {
      throw corrupt("a central directory of \(directorySize) bytes; at most \(ZipArchive.maxCentralDirectoryBytes)")
    }
    // Each record is at least 46 bytes: a count the directory cannot hold is not believed.
    guard entries <= directorySize / 46 else {
      throw corrupt("\(entries) members claimed in a central directory of \(directorySize) bytes")
    }
    dataLimit = directoryOffset
    let directory = try read(Int(directorySize), at: directoryOffset)
    var position = 0
    for index in 0..<Int(entries) {
      guard position + 46 <= directory.count, directory.u32(position) == 0x0201_4B50 else {
        throw corrupt("central directory record \(index + 1) is damaged")
      }
      let nameLength = Int(directory.u16(position + 28))
      let extraLength = Int(directory.u16(position + 30))
      let commentLength = Int(directory.u16(position + 32))
      let recordEnd = position + 46 + nameLength + extraLength + commentLength
      guard recordEnd <= directory.count else {
        throw corrupt("central directory record \(index + 1) runs past the directory")
      }
      let nameBytes = directory[(position + 46)..<(position + 46 + nameLength)]
      var member = Member(
        name: String(decoding: nameBytes, as: UTF8.self), method: directory.u16(position + 10),
        flags: directory.u16(position + 8), crc32: directory.u32(position + 16),
        compressedSize: UInt64(directory.u32(position + 20)), uncompressedSize: UInt64(directory.u32(position + 24)),
        localHeaderOffset: UInt64(directory.u32(position + 42)), isFile: true)
      // ZIP64 extra field (0x0001): the 8-byte values whose 4-byte fields hold 0xFFFFFFFF, in this order.
      var extra = position + 46 + nameLength
      let extraEnd = extra + extraLength
      while extra + 4 <= extraEnd {
        let id = directory.u16(extra)
        let length = Int(directory.u16(extra + 2))
        guard extra + 4 + length <= extraEnd else { break }
        if id == 0x0001 {
          var field = extra + 4
          func next() throws -> UInt64 {
            guard field + 8 <= extra + 4 + length else {
              throw corrupt("member \(member.name.messageQuote) has a short ZIP64 extra field")
            }
            defer { field += 8 }
            return directory.u64(field)
          }
          if member.uncompressedSize == 0xFFFF_FFFF { member.uncompressedSize = try next() }
          if member.compressedSize == 0xFFFF_FFFF { member.compressedSize = try next() }
          if member.localHeaderOffset == 0xFFFF_FFFF { member.localHeaderOffset = try next() }
        }
        extra += 4 + length
      }
      // Unix modes: directories and symbolic links hold nothing to read; anything else does (`zip - -`
      // stores a member read from a pipe with the FIFO type).
      let madeOnUnix = directory[position + 5] == 3 || directory[position + 5] == 19
      let mode = directory.u32(position + 38) >> 16 & 0o170000
      member.isFile = !member.name.hasSuffix("/") && !(madeOnUnix && (mode == 0o040000 || mode == 0o120000))
      members.append(member)
      position = recordEnd
    }
  }

  /// Pushes the member's uncompressed bytes to `consume`, in blocks of up to 1 MiB.
  func extract(_ member: Member, label: String, into consume: (UnsafeRawBufferPointer) throws -> Void) throws {
    func bad(_ reason: String) -> EventReadError { EventReadError(.corrupt, file: label, reason: reason) }
    guard member.flags & 1 == 0 else {
      throw EventReadError(.unreadable, file: label, reason: "encrypted zip members are not supported")
    }
    guard member.method == 0 || member.method == 8 else {
      throw EventReadError(
        .unreadable, file: label,
        reason: "zip compression method \(member.method) is not supported (stored or deflate); unzip it first")
    }
    guard member.localHeaderOffset <= dataLimit, dataLimit - member.localHeaderOffset >= 30 else {
      throw bad("the member's local header offset \(member.localHeaderOffset) is outside the archive's data")
    }
    let header = try read(30, at: member.localHeaderOffset)
    guard header.u32(0) == 0x0403_4B50 else { throw bad("no local header at byte \(member.localHeaderOffset)") }
    let dataOffset = member.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
    guard dataOffset <= dataLimit, member.compressedSize <= dataLimit - dataOffset else {
      throw bad("the member's \(member.compressedSize) compressed bytes run past the archive's data")
    }
    if member.method == 0, member.compressedSize != member.uncompressedSize {
      throw bad("a stored member of \(member.compressedSize) bytes declares \(member.uncompressedSize)")
    }
    let inflater = member.method == 8 ? try RawInflater(label: label) : nil
    var checksum = crc32(0, nil, 0)
    var produced: UInt64 = 0
    func deliver(_ bytes: UnsafeRawBufferPointer) throws {
      guard !bytes.isEmpty else { return }
      produced += UInt64(bytes.count)
      guard produced <= member.uncompressedSize else {
        throw bad("the member inflates past its declared size of \(member.uncompressedSize) bytes")
      }
      checksum = crc32(checksum, bytes.baseAddress!.assumingMemoryBound(to: Bytef.self), uInt(bytes.count))
      try consume(bytes)
    }
    var offset = dataOffset
    var remaining = member.compressedSize
    var block = [UInt8](repeating: 0, count: 1 << 20)
    while remaining > 0 {
      let count = Int(min(remaining, UInt64(block.count)))
      let n = block.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, count, off_t(offset)) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw EventReadError(.unreadable, file: label, reason: "read failed at byte \(offset)") }
      offset += UInt64(n)
      remaining -= UInt64(n)
      try block.withUnsafeBytes { raw in
        let input = UnsafeRawBufferPointer(rebasing: raw[0..<n])
        if let inflater { try inflater.push(input, into: deliver) } else { try deliver(input) }
      }
    }
    if let inflater, !inflater.ended {
      throw bad("the member's deflate data is truncated or corrupt (it ends before its stream does)")
    }
    guard produced == member.uncompressedSize else {
      throw bad("the member holds \(produced) bytes but declares \(member.uncompressedSize)")
    }
    guard UInt32(truncatingIfNeeded: checksum) == member.crc32 else {
      throw bad("the member's CRC-32 does not match (the archive is damaged)")
    }
  }
}

/// zlib inflate of raw deflate data (no header), as zip members hold it.
private final class RawInflater {
  private var stream = z_stream()
  private var output = [UInt8](repeating: 0, count: 1 << 20)
  private let label: String
  private(set) var ended = false

  init(label: String) throws {
    self.label = label
    guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
      throw EventReadError(.corrupt, file: label, reason: "zlib init failed")
    }
  }

  deinit { inflateEnd(&stream) }

  /// Inflates all of `bytes`; each call of zlib consumes input or produces output, or the data is bad.
  func push(_ bytes: UnsafeRawBufferPointer, into deliver: (UnsafeRawBufferPointer) throws -> Void) throws {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    // Bytes after the end of the deflate stream (within the member's size) are ignored, as unzip does.
    guard !ended else { return }
    stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
    stream.avail_in = uInt(bytes.count)
    defer { stream.next_in = nil }
    while stream.avail_in > 0 && !ended {
      let before = stream.avail_in
      let (status, produced) = output.withUnsafeMutableBytes { out -> (Int32, Int) in
        stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(out.count)
        let status = inflate(&stream, Z_NO_FLUSH)
        return (status, out.count - Int(stream.avail_out))
      }
      if produced > 0 { try output.withUnsafeBytes { try deliver(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
      switch status {
      case Z_STREAM_END: ended = true
      case Z_OK where produced > 0 || stream.avail_in < before: continue
      default:
        let message = stream.msg.map { String(cString: $0) } ?? "no progress"
        throw EventReadError(.corrupt, file: label, reason: "the member's deflate data is corrupt (\(message))")
      }
    }
    // Output still held by zlib once all input is in (a full output buffer): drain it.
    while !ended && stream.avail_in == 0 {
      let (status, produced) = output.withUnsafeMutableBytes { out -> (Int32, Int) in
        stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(out.count)
        let status = inflate(&stream, Z_NO_FLUSH)
        return (status, out.count - Int(stream.avail_out))
      }
      if produced > 0 { try output.withUnsafeBytes { try deliver(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
      if status == Z_STREAM_END { ended = true }
      if produced == 0 || status != Z_OK { break }
    }
  }
}

extension [UInt8] {
  fileprivate func u16(_ i: Int) -> UInt16 { UInt16(self[i]) | UInt16(self[i + 1]) << 8 }
  fileprivate func u32(_ i: Int) -> UInt32 { UInt32(u16(i)) | UInt32(u16(i + 2)) << 16 }
  fileprivate func u64(_ i: Int) -> UInt64 { UInt64(u32(i)) | UInt64(u32(i + 4)) << 32 }
}
