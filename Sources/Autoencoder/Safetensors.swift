import Foundation
import Support

/// A safetensors file held in memory: float32 tensors by name plus string metadata.
/// Layout: u64 little-endian header length N, N bytes of JSON (`{name: {dtype, shape, data_offsets}, __metadata__}`,
/// space-padded to 8 bytes), then the raw little-endian tensor bytes; offsets are relative to the data start.
public struct SafetensorsFile: Equatable, Sendable {
  public struct Tensor: Equatable, Sendable {
    public var shape: [Int]
    public var values: [Float]
    public init(shape: [Int], values: [Float]) {
      self.shape = shape
      self.values = values
    }
  }

  /// Tensors in file order.
  public var tensors: [(name: String, tensor: Tensor)]
  public var metadata: [String: String]

  public init(tensors: [(name: String, tensor: Tensor)] = [], metadata: [String: String] = [:]) {
    self.tensors = tensors
    self.metadata = metadata
  }

  public subscript(name: String) -> Tensor? { tensors.first { $0.name == name }?.tensor }

  public static func == (a: SafetensorsFile, b: SafetensorsFile) -> Bool {
    a.metadata == b.metadata && a.tensors.map(\.name) == b.tensors.map(\.name)
      && a.tensors.map(\.tensor) == b.tensors.map(\.tensor)
  }

  // MARK: writing

  /// The file's bytes.
  public func encoded() throws -> Data {
    var header: [String: Any] = [:]
    var offset = 0
    for (name, tensor) in tensors {
      guard tensor.shape.reduce(1, *) == tensor.values.count else {
        throw AutoencoderError(
          .shapeMismatch, "tensor \(name): shape \(tensor.shape) does not hold \(tensor.values.count) values")
      }
      let bytes = tensor.values.count * 4
      header[name] =
        ["dtype": "F32", "shape": tensor.shape, "data_offsets": [offset, offset + bytes]] as [String: Any]
      offset += bytes
    }
    if !metadata.isEmpty { header["__metadata__"] = metadata }
    var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
    while json.count % 8 != 0 { json.append(0x20) }
    var data = Data(capacity: 8 + json.count + offset)
    withUnsafeBytes(of: UInt64(json.count).littleEndian) { data.append(contentsOf: $0) }
    data.append(json)
    for (_, tensor) in tensors {
      tensor.values.withUnsafeBufferPointer { values in
        for v in values { withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
      }
    }
    return data
  }

  /// Writes to a temporary file beside `url` and renames it, so a crash never leaves a torn checkpoint.
  public func write(to url: URL) throws {
    var isFolder: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
      // Checked first: the replace step below would otherwise delete the folder.
      throw AutoencoderError(
        .badCheckpoint, "\(url.path): cannot write the checkpoint: it is a folder; give a file name")
    }
    if UserOutputFile.isSpecial(url.path) {
      // a device or pipe (/dev/null, a FIFO) is written in place, never removed and replaced
      do {
        return try UserOutputFile.write(encoded(), to: url.path)
      } catch let failure as UserOutputFile.Failure {
        throw AutoencoderError(.badCheckpoint, "\(url.path): cannot write the checkpoint: \(failure.reason)")
      }
    }
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(UUID().uuidString)")
    do {
      try encoded().write(to: temporary)
      if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
      try FileManager.default.moveItem(at: temporary, to: url)
    } catch let error as AutoencoderError {
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw AutoencoderError(
        .badCheckpoint, "\(url.path): cannot write the checkpoint: \(Self.writeFailureReason(url, error))")
    }
  }

  /// Why writing `url` failed, in words: Foundation's text on Linux is often just "could not be completed".
  static func writeFailureReason(_ url: URL, _ error: any Error) -> String {
    let fm = FileManager.default
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    if fm.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
      return "it is a folder; give a file name"
    }
    if !fm.fileExists(atPath: folder, isDirectory: &isFolder) {
      return "folder \(folder) does not exist; create it or choose another path"
    }
    if !isFolder.boolValue { return "\(folder) is not a folder" }
    if !fm.isWritableFile(atPath: folder) { return "folder \(folder) is not writable" }
    return PlainErrorText.fileSystem(error)
  }

  // MARK: reading

  public init(contentsOf url: URL) throws {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw AutoencoderError(.badCheckpoint, "\(url.path): cannot read (\(PlainErrorText.fileSystem(error)))")
    }
    try self.init(data: data, source: url.path)
  }

  /// Parses safetensors bytes; `source` names the file in errors. Only F32 tensors are accepted.
  public init(data: Data, source: String = "safetensors data") throws {
    func fail(_ why: String) -> AutoencoderError {
      AutoencoderError(.badCheckpoint, "\(source): \(why); re-save the checkpoint with `icews train` or safetensors")
    }
    guard data.count >= 8 else { throw fail("file of \(data.count) bytes is shorter than the 8-byte header length") }
    let bytes = [UInt8](data)
    var headerLength: UInt64 = 0
    for k in 0..<8 { headerLength |= UInt64(bytes[k]) << (8 * UInt64(k)) }
    guard headerLength <= UInt64(bytes.count - 8) else {
      throw fail("header length \(headerLength) runs past the end of the \(bytes.count)-byte file")
    }
    let dataStart = 8 + Int(headerLength)
    let headerObject = try? JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
    guard let header = headerObject as? [String: Any] else { throw fail("header is not a JSON object") }
    var metadata: [String: String] = [:]
    if let meta = header["__metadata__"] {
      guard let strings = meta as? [String: String] else { throw fail("__metadata__ is not a map of strings") }
      metadata = strings
    }
    var entries: [(name: String, begin: Int, tensor: Tensor)] = []
    for (name, value) in header where name != "__metadata__" {
      guard let info = value as? [String: Any], let dtype = info["dtype"] as? String,
        let shape = info["shape"] as? [Int], let offsets = info["data_offsets"] as? [Int], offsets.count == 2
      else { throw fail("tensor \(name) lacks dtype, shape or data_offsets") }
      guard dtype == "F32" else { throw fail("tensor \(name) has dtype \(dtype); only F32 is supported") }
      // shape and offsets are untrusted: the product is checked step by step against the file's size
      var count = 1
      for dimension in shape {
        let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
        guard dimension >= 0, !overflow, product <= bytes.count / 4 else {
          throw fail("tensor \(name): shape \(shape) holds more values than the \(bytes.count)-byte file")
        }
        count = product
      }
      let begin = offsets[0]
      let end = offsets[1]
      guard begin >= 0, end >= begin, end <= bytes.count - dataStart, end - begin == count * 4 else {
        throw fail("tensor \(name): data_offsets \(offsets) do not fit shape \(shape) inside the file")
      }
      var values = [Float](repeating: 0, count: count)
      for k in 0..<count {
        let p = dataStart + begin + 4 * k
        let bits =
          UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        values[k] = Float(bitPattern: bits)
      }
      entries.append((name, begin, Tensor(shape: shape, values: values)))
    }
    entries.sort { $0.begin < $1.begin }
    tensors = entries.map { ($0.name, $0.tensor) }
    self.metadata = metadata
  }
}
