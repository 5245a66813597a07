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
