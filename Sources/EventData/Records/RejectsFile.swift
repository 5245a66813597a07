import Foundation

/// Writes `rejects.tsv`: header `file\tline\treason\traw`, one escaped line per rejected row.
///
/// Tabs, newlines and carriage returns inside fields become `\t`, `\n`, `\r`; a backslash becomes
/// `\\`, so every reject is exactly one line. The header is written at once, so the file exists
/// (header only) even when nothing was rejected.
public final class RejectsFile {
  private let handle: FileHandle
  private let url: URL
  private var buffer: [UInt8] = []
  private var closed = false

  public init(url: URL) throws {
    self.url = url
    guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
      throw EventReadError(.unreadable, file: url.path, reason: "cannot create rejects file")
    }
    handle = try FileHandle(forWritingTo: url)
    buffer.append(contentsOf: Array("file\tline\treason\traw\n".utf8))
    try flush()
  }

  public func append(_ row: RejectedRow) throws {
    RejectsFile.escape(row.file, into: &buffer)
    buffer.append(0x09)
    buffer.append(contentsOf: Array(String(row.line).utf8))
    buffer.append(0x09)
    RejectsFile.escape(row.reason, into: &buffer)
    buffer.append(0x09)
    RejectsFile.escape(row.raw, into: &buffer)
    buffer.append(0x0A)
    if buffer.count >= 1 << 16 { try flush() }
  }

  public func close() throws {
    guard !closed else { return }
    try flush()
    try handle.close()
    closed = true
  }

  deinit {
    if !closed { try? close() }
  }

  /// The inverse of the escaping, for readers of `rejects.tsv` (one field).
  public static func unescape(_ field: String) -> String {
    var out: [UInt8] = []
    var it = field.utf8.makeIterator()
    while let b = it.next() {
      guard b == 0x5C, let next = it.next() else {
        out.append(b)
        continue
      }
      switch next {
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      default: out.append(next)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  static func escape(_ text: String, into out: inout [UInt8]) {
    for b in text.utf8 {
      switch b {
      case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
      case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
      case 0x5C: out.append(0x5C); out.append(0x5C)
      default: out.append(b)
      }
    }
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw EventReadError(.unreadable, file: url.path, reason: "cannot write rejects: \(error)")
    }
    buffer.removeAll(keepingCapacity: true)
  }
}
