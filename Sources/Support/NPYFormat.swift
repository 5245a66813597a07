import Foundation

/// NumPy `.npy` (format 1.0) headers, so arrays this toolkit writes open with `numpy.load`.
///
/// Writers stream the header first and the little-endian payload after it, which lets
/// `frames.npy`, `export` and `stream` write arrays far larger than memory.
public enum NPYFormat {
  /// Element types the toolkit writes.
  public enum DType: String, Sendable {
    case float32 = "<f4"
    case float16 = "<f2"
    case int64 = "<i8"

    public var byteCount: Int {
      switch self {
      case .float32: return 4
      case .float16: return 2
      case .int64: return 8
      }
    }
  }

  /// The full header (magic, version, length, dict, padding) for a C-ordered array of `shape`.
  public static func header(dtype: DType, shape: [Int]) -> [UInt8] {
    let shapeText: String
    switch shape.count {
    case 1: shapeText = "(\(shape[0]),)"
    default: shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }
    var dict = "{'descr': '\(dtype.rawValue)', 'fortran_order': False, 'shape': \(shapeText), }"
    // Magic (6) + version (2) + length (2) + dict + "\n" must be a multiple of 64.
    let unpadded = 10 + dict.utf8.count + 1
    dict += String(repeating: " ", count: (64 - unpadded % 64) % 64) + "\n"
    let length = UInt16(dict.utf8.count)
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0]
    bytes += [UInt8(length & 0xff), UInt8(length >> 8)]
    bytes += Array(dict.utf8)
    return bytes
  }

  /// Parses a header produced by `header(dtype:shape:)` (or numpy, format 1.0/2.0, C order).
  /// Returns the dtype, shape and the payload offset; nil when the bytes are not such a header.
  public static func parseHeader(_ bytes: [UInt8]) -> (dtype: DType, shape: [Int], payloadOffset: Int)? {
    guard bytes.count >= 10, bytes[0] == 0x93, Array(bytes[1..<6]) == Array("NUMPY".utf8) else {
      return nil
    }
    let major = bytes[6]
    let lengthBytes = major == 1 ? 2 : 4
    guard bytes.count >= 8 + lengthBytes else { return nil }
    var length = 0
    for i in 0..<lengthBytes { length |= Int(bytes[8 + i]) << (8 * i) }
    let start = 8 + lengthBytes
    guard bytes.count >= start + length,
      let dict = String(bytes: bytes[start..<start + length], encoding: .utf8),
      !dict.contains("'fortran_order': True")
    else { return nil }
    guard let dtype = [DType.float32, .float16, .int64].first(where: { dict.contains("'\($0.rawValue)'") }),
      let open = dict.range(of: "'shape': ("), let close = dict[open.upperBound...].firstIndex(of: ")")
    else { return nil }
    let shape = dict[open.upperBound..<close].split(separator: ",").compactMap {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    return (dtype, shape, start + length)
  }
}
