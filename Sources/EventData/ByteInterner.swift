/// Maps byte strings to values built once per distinct key (country names, sector fields),
/// so rows share `String` storage instead of allocating one per field.
///
/// Open addressing over a contiguous arena; lookups hash and compare bytes, allocating nothing.
struct ByteInterner<Value> {
  private var arena: [UInt8] = []
  private var slots: [Int32]  // entry index + 1, 0 = empty
  private var hashes: [UInt64] = []
  private var starts: [Int] = []
  private var lengths: [Int] = []
  private var values: [Value] = []
  /// Past this many entries the table starts over, bounding memory on pathological input.
  private let maxEntries: Int

  init(maxEntries: Int) {
    self.maxEntries = maxEntries
    slots = [Int32](repeating: 0, count: 1024)
  }

  var count: Int { values.count }

  /// The value for `key`, made by `make` the first time the bytes are seen.
  mutating func value(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Value {
    let hash = ByteInterner.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let entry = Int(slots[slot])
      if entry == 0 { break }
      let e = entry - 1
      if hashes[e] == hash, lengths[e] == key.count, equalsArena(start: starts[e], key) {
        return values[e]
      }
      slot = (slot + 1) & mask
    }
    if values.count >= maxEntries {
      self = ByteInterner(maxEntries: maxEntries)
      return value(for: key, make: make)
    }
    let value = make(key)
    starts.append(arena.count)
    lengths.append(key.count)
    arena.append(contentsOf: key)
    hashes.append(hash)
    values.append(value)
    slots[slot] = Int32(values.count)
    if values.count * 2 > slots.count { grow() }
    return value
  }

  private func equalsArena(start: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    if key.isEmpty { return true }
    return arena.withUnsafeBytes { a in
      memcmp(a.baseAddress! + start, key.baseAddress!, key.count) == 0
    }
  }

  private mutating func grow() {
    var newSlots = [Int32](repeating: 0, count: slots.count * 2)
    let mask = newSlots.count - 1
    for e in 0..<values.count {
      var slot = Int(truncatingIfNeeded: hashes[e]) & mask
      while newSlots[slot] != 0 { slot = (slot + 1) & mask }
      newSlots[slot] = Int32(e + 1)
    }
    slots = newSlots
  }

  /// Eight bytes at a time, multiply-xorshift mixing (not cryptographic; keys are our own data).
  static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var i = 0
    let n = bytes.count
    while i + 8 <= n {
      h = mix(h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    if i < n {
      var tail: UInt64 = 0
      var shift: UInt64 = 0
      while i < n {
        tail |= UInt64(bytes[i]) << shift
        shift += 8
        i += 1
      }
      h = mix(h ^ tail)
    }
    return h ^ (h >> 32)
  }

  @inline(__always)
  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x &* 0xBF58_476D_1CE4_E5B9
    z ^= z >> 31
    return z &* 0x94D0_49BB_1331_11EB
  }
}

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
