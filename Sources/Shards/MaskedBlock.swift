import Foundation

/// The masked block encoding (format version 2, docs/SHARD_FORMAT.md): a block's decoded bytes are
///
///     reference window R (T·F values) · masks (n·T rows of M = ⌈F/8⌉ bytes) · K values
///
/// Bit `j % 8` of byte `j / 8` of window w's row t is set when value (w, t, j) differs bitwise from
/// R[t][j]; the K stored values are exactly those, in window, row, feature order. Padding bits are 0.
/// Windows of daily event counts are mostly R (the empty window) with few differing values, so the
/// compressor sees a few percent of the dense bytes.
struct MaskedLayout {
  let rows: Int
  let features: Int
  /// Bytes per stored value (4 for float32, 2 for float16).
  let elementSize: Int

  var maskBytesPerRow: Int { (features + 7) / 8 }
  var referenceBytes: Int { rows * features * elementSize }
  var maskBytesPerWindow: Int { rows * maskBytesPerRow }

  /// Decoded bytes of a block of `windows` windows before its values.
  func fixedBytes(windows: Int) -> Int { referenceBytes + windows * maskBytesPerWindow }

  /// Whether `size` decoded bytes can be a block of `windows` windows.
  func isPlausible(size: Int, windows: Int) -> Bool {
    let fixed = fixedBytes(windows: windows)
    return size >= fixed && size <= fixed + windows * rows * features * elementSize
      && (size - fixed) % elementSize == 0
  }

  /// Writes one window's masks to `masks` (`maskBytesPerWindow` bytes) and its values that differ from
  /// `reference` to `values`; returns how many values it wrote. `values` needs room for `rows × features`.
  @_specialize(where Bits == UInt32)
  @_specialize(where Bits == UInt16)
  func encode<Bits: FixedWidthInteger & UnsignedInteger>(
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

  /// Why a block's decoded bytes are not a masked block of `windows` windows, or nil when they are:
  /// the popcount of the masks must be the number of values that follow, and padding bits must be 0.
  func damage(in content: UnsafeRawBufferPointer, windows: Int) -> String? {
    let fixed = fixedBytes(windows: windows)
    guard isPlausible(size: content.count, windows: windows) else {
      return "decoded \(content.count) bytes, which is not a masked block of \(windows) windows"
    }
    let stored = (content.count - fixed) / elementSize
    let m = maskBytesPerRow
    let padding: UInt8 = features % 8 == 0 ? 0 : ~UInt8((1 << (features % 8)) - 1)
    var set = 0
    var paddingSet = false
    let masks = content.baseAddress! + referenceBytes
    for r in 0..<windows * rows {
      let row = masks + r * m
      for b in 0..<m { set += (row.load(fromByteOffset: b, as: UInt8.self)).nonzeroBitCount }
      paddingSet = paddingSet || row.load(fromByteOffset: m - 1, as: UInt8.self) & padding != 0
    }
    if paddingSet { return "a mask sets bits past the last feature" }
    if set != stored { return "masks mark \(set) stored values, the block holds \(stored)" }
    return nil
  }

  /// Expands a checked block (`damage` returned nil) into `windows × rows × features` values.
  func decode<Bits: FixedWidthInteger & UnsignedInteger>(
    _ content: UnsafeRawBufferPointer, windows: Int, into output: UnsafeMutablePointer<Bits>
  ) {
    let f = features
    let m = maskBytesPerRow
    let base = content.baseAddress!
    let masks = base + referenceBytes
    let values = base + fixedBytes(windows: windows)
    let size = MemoryLayout<Bits>.size
    var k = 0
    for w in 0..<windows {
      for t in 0..<rows {
        let out = output + (w * rows + t) * f
        UnsafeMutableRawPointer(out).copyMemory(from: base + t * f * size, byteCount: f * size)
        let rowMasks = masks + (w * rows + t) * m
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
    }
  }
}
