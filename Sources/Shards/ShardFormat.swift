/// Byte layout of a shard file, version 2 (docs/SHARD_FORMAT.md is the full description).
///
/// `header(32) · block* · footer(block table, key table) · trailer(32)`; every integer little-endian.
/// Version 2 adds the block encoding (header offset 28); version 1 files are dense and still read.
public enum ShardFormat {
  public static let version: UInt32 = 2
  /// Versions this build reads.
  static let readableVersions: ClosedRange<UInt32> = 1...2
  /// What an error says of a shard or manifest whose version is not in `readableVersions`.
  static func unreadableVersion(_ version: some BinaryInteger) -> String {
    "format version \(version); this icews reads versions \(readableVersions.lowerBound)–\(readableVersions.upperBound)"
  }
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
  static func encoding(code: UInt32) -> BlockEncoding? { BlockEncoding(rawValue: code) }
  static func dtype(code: UInt32) -> ShardDType? { code == 0 ? .float32 : code == 1 ? .float16 : nil }
}

/// How a block's decoded bytes hold its windows (header offset 28).
enum BlockEncoding: UInt32 {
  /// The windows' values one after another (version 1, and code 0 of version 2).
  case dense = 0
  /// A reference window, one bit per value saying whether it differs, then only the differing values
  /// (`MaskedBlock`): most windows of sparse event counts equal the empty window almost everywhere.
  case masked = 1
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
