/// Picks the streaming decoder for a file's container.
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
