import Foundation
import Transforms

/// The masked block encoding (format version 2, docs/SHARD_FORMAT.md): a block's decoded bytes are
///
///     reference window R (T·F values) · masks (n·T rows of M = ⌈F/8⌉ bytes) · K values
///
/// as `MaskedLayout` lays windows out, R copied into every block so each decodes alone.
extension MaskedLayout {
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
    let base = content.baseAddress!
    var values = base + fixedBytes(windows: windows)
    for w in 0..<windows {
      let k = decode(
        reference: base, masks: base + referenceBytes + w * maskBytesPerWindow, values: values,
        into: output + w * rows * features)
      values += k * elementSize
    }
  }
}
