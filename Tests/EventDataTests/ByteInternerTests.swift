@testable import EventData
import Testing

/// Keys of every length up to 40 bytes, many sharing their first and last eight bytes, through
/// growth and the restart at `maxEntries`: every lookup gives the key's own value, and a chunk's
/// indices point at its own values.
@Test(arguments: [50, 1 << 16])
func internedValuesAreTheKeysOwnWhateverTheirLengthAndSharedEnds(maxEntries: Int) {
  var state: UInt64 = 5
  func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: state >> 33)
  }
  var keys: [[UInt8]] = []
  for length in 0...40 {
    for _ in 0..<8 {
      // Only the middle byte differs from key to key of the same length, often.
      var key = [UInt8](repeating: 0x41, count: length)
      if length > 0 { key[length / 2] = UInt8(0x61 + next() % 4) }
      if length > 2 && next() % 2 == 0 { key[next() % length] = 0xC3 }
      keys.append(key)
    }
  }
  var interner = ByteInterner<String>(maxEntries: maxEntries)
  var made = 0
  for stamp: UInt32 in 1...6 {
    var chunkValues: [String] = []
    for _ in 0..<600 {
      let key = keys[next() % keys.count]
      let text = String(decoding: key, as: UTF8.self)
      key.withUnsafeBytes { raw in
        let value = interner.value(for: raw) {
          made += 1; return String(decoding: $0, as: UTF8.self)
        }
        #expect(value == text)
        let index = interner.index(for: raw, stamp: stamp, in: &chunkValues) { String(decoding: $0, as: UTF8.self) }
        #expect(chunkValues[Int(index)] == text, "\(key)")
      }
    }
    #expect(Set(chunkValues).count == chunkValues.count || maxEntries < keys.count)
  }
  #expect(maxEntries < keys.count || made == Set(keys).count)
}
