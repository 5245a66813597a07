import Foundation

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
