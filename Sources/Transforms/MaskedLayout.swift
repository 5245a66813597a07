import Foundation

/// Windows stored as what differs from a reference window R (`rows × features` values): per window
/// row, ⌈features/8⌉ mask bytes where bit `j % 8` of byte `j / 8` is set when value j differs from
/// R's bit for bit (padding bits 0), and the differing values in row, feature order. Windows of daily
/// event counts equal the all-empty window almost everywhere, so this is a few percent of their dense
/// size; it is how `GroupWindows` hands windows over and how masked shard blocks store them
/// (docs/SHARD_FORMAT.md).
public struct MaskedLayout: Sendable, Equatable {
  public let rows: Int
  public let features: Int
  /// Bytes per stored value (4 for float32, 2 for float16).
  public let elementSize: Int

  public init(rows: Int, features: Int, elementSize: Int) {
    self.rows = rows
    self.features = features
    self.elementSize = elementSize
  }

  public var maskBytesPerRow: Int { (features + 7) / 8 }
  public var referenceBytes: Int { rows * features * elementSize }
  public var maskBytesPerWindow: Int { rows * maskBytesPerRow }

  /// Bytes of a masked block of `windows` windows before its values: the reference, then the masks.
  public func fixedBytes(windows: Int) -> Int { referenceBytes + windows * maskBytesPerWindow }

  /// Whether `size` decoded bytes can be a masked block of `windows` windows.
  public func isPlausible(size: Int, windows: Int) -> Bool {
    let fixed = fixedBytes(windows: windows)
    return size >= fixed && size <= fixed + windows * rows * features * elementSize
      && (size - fixed) % elementSize == 0
  }

  /// Writes one window's masks to `masks` (`maskBytesPerWindow` bytes) and its values that differ from
  /// `reference` to `values`; returns how many values it wrote. `values` needs room for `rows × features`.
  @_specialize(where Bits == UInt32)
  @_specialize(where Bits == UInt16)
  public func encode<Bits: FixedWidthInteger & UnsignedInteger>(
    _ window: UnsafePointer<Bits>, reference: UnsafePointer<Bits>, masks: UnsafeMutablePointer<UInt8>,
    values: UnsafeMutablePointer<Bits>
  ) -> Int {
    let f = features
    let m = maskBytesPerRow
    let whole = f / 8
    var k = 0
    for t in 0..<rows {
      let row = window + t * f
      let ref = reference + t * f
      let rowMasks = masks + t * m
      // most rows of a window equal the reference row: one memcmp, no per-value work
      if memcmp(row, ref, f * MemoryLayout<Bits>.size) == 0 {
        rowMasks.update(repeating: 0, count: m)
        continue
      }
      // eight values per mask byte; a byte whose values all equal the reference costs one OR-reduction
      for byte in 0..<whole {
        let lo = byte * 8
        var any: Bits = 0
        for j in lo..<lo + 8 { any |= row[j] ^ ref[j] }
        guard any != 0 else {
          rowMasks[byte] = 0
          continue
        }
        var bits: UInt8 = 0
        for j in lo..<lo + 8 {
          let differs: UInt8 = row[j] != ref[j] ? 1 : 0
          values[k] = row[j]
          k &+= Int(differs)
          bits |= differs &<< UInt8(j - lo)
        }
        rowMasks[byte] = bits
      }
      if whole < m {
        var bits: UInt8 = 0
        for j in whole * 8..<f where row[j] != ref[j] {
          bits |= 1 &<< UInt8(j - whole * 8)
          values[k] = row[j]
          k += 1
        }
        rowMasks[whole] = bits
      }
    }
    return k
  }

  /// Rebuilds one window from its masks and the values that follow them (read unaligned, little-endian);
  /// returns how many values it used. The masks must be checked (no padding bits, enough values).
  @_specialize(where Bits == UInt32)
  @_specialize(where Bits == UInt16)
  public func decode<Bits: FixedWidthInteger & UnsignedInteger>(
    reference: UnsafeRawPointer, masks: UnsafeRawPointer, values: UnsafeRawPointer,
    into output: UnsafeMutablePointer<Bits>
  ) -> Int {
    let f = features
    let m = maskBytesPerRow
    let size = MemoryLayout<Bits>.size
    UnsafeMutableRawPointer(output).copyMemory(from: reference, byteCount: rows * f * size)
    var k = 0
    for t in 0..<rows {
      let out = output + t * f
      let rowMasks = masks + t * m
      for byte in 0..<m {
        var bits = rowMasks.load(fromByteOffset: byte, as: UInt8.self)
        while bits != 0 {
          out[byte * 8 + bits.trailingZeroBitCount] = Bits(
            littleEndian: values.loadUnaligned(fromByteOffset: k * size, as: Bits.self))
          k += 1
          bits &= bits &- 1
        }
      }
    }
    return k
  }
}
