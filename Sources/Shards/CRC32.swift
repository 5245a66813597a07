/// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320: the one zlib and Python's `zlib.crc32` compute),
/// slicing-by-8 so checking compressed blocks stays far below decompression cost.
public struct CRC32: Sendable {
  public private(set) var value: UInt32 = 0

  public init() {}

  /// Continues the checksum over `bytes`.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    var crc = ~value
    let table = CRC32.table
    table.withUnsafeBufferPointer { t in
      var p = 0
      let n = bytes.count
      // Eight bytes per step: each byte indexes its own 256-entry table.
      while p + 8 <= n {
        let low =
          crc
          ^ (UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16
            | UInt32(bytes[p + 3]) << 24)
        let high =
          UInt32(bytes[p + 4]) | UInt32(bytes[p + 5]) << 8 | UInt32(bytes[p + 6]) << 16
          | UInt32(bytes[p + 7]) << 24
        crc =
          t[7 * 256 + Int(low & 0xff)] ^ t[6 * 256 + Int((low >> 8) & 0xff)]
          ^ t[5 * 256 + Int((low >> 16) & 0xff)] ^ t[4 * 256 + Int(low >> 24)]
          ^ t[3 * 256 + Int(high & 0xff)] ^ t[2 * 256 + Int((high >> 8) & 0xff)]
          ^ t[1 * 256 + Int((high >> 16) & 0xff)] ^ t[Int(high >> 24)]
        p += 8
      }
      while p < n {
        crc = t[Int((crc ^ UInt32(bytes[p])) & 0xff)] ^ (crc >> 8)
        p += 1
      }
    }
    value = ~crc
  }

  /// CRC-32 of `bytes` in one call.
  public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
    var crc = CRC32()
    crc.update(bytes)
    return crc.value
  }

  /// Eight 256-entry tables: table k maps a byte to its CRC after k further zero bytes.
  private static let table: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 8 * 256)
    for i in 0..<256 {
      var c = UInt32(i)
      for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
      t[i] = c
    }
    for k in 1..<8 {
      for i in 0..<256 {
        let previous = t[(k - 1) * 256 + i]
        t[k * 256 + i] = t[Int(previous & 0xff)] ^ (previous >> 8)
      }
    }
    return t
  }()
}
