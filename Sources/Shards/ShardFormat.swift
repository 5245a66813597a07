/// Byte layout of a shard file, version 1 (docs/SHARD_FORMAT.md is the full description).
///
/// `header(32) · block* · footer(block table, key table) · trailer(32)`; every integer little-endian.
public enum ShardFormat {
  public static let version: UInt32 = 1
  /// First 8 bytes of every shard.
  static let headerMagic = Array("ICWSHARD".utf8)
  /// Last 8 bytes of every complete shard.
  static let trailerMagic = Array("ICWSEND1".utf8)
  static let headerSize = 32
  static let blockHeaderSize = 16
  static let blockEntrySize = 32
  static let keyEntrySize = 8
  static let trailerSize = 32
  /// Values one window may hold (T × F); a header beyond it is damaged, not a real shape.
  static let maxWindowValues = 1 << 26
  /// File name extension of shard files.
  public static let fileExtension = "icws"

  static func dtypeCode(_ dtype: ShardDType) -> UInt32 { dtype == .float32 ? 0 : 1 }
  static func dtype(code: UInt32) -> ShardDType? { code == 0 ? .float32 : code == 1 ? .float16 : nil }
}

/// One row of a shard's block table.
struct BlockEntry: Equatable {
  var offset: Int
  var compressedSize: Int
  var uncompressedSize: Int
  var firstWindow: Int
  var windowCount: Int
  var crc32: UInt32
}

/// The group and start day of a stored window.
public struct WindowKey: Sendable, Equatable, Hashable, Comparable {
  /// Index into the manifest's `groups`.
  public var group: Int
  /// First day as an offset from the manifest's `calendar_start`.
  public var startDay: Int

  public init(group: Int, startDay: Int) {
    self.group = group
    self.startDay = startDay
  }

  public static func < (a: WindowKey, b: WindowKey) -> Bool {
    (a.group, a.startDay) < (b.group, b.startDay)
  }
}

/// Appends and reads little-endian integers in byte arrays.
extension Array where Element == UInt8 {
  mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
    var v = value.littleEndian
    Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
  }
}

extension UnsafeRawBufferPointer {
  func readLE<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
    var value: T = 0
    Swift.withUnsafeMutableBytes(of: &value) {
      $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: self[offset..<offset + MemoryLayout<T>.size]))
    }
    return T(littleEndian: value)
  }
}
