/// Maps byte strings to values built once per distinct key (country names, sector fields),
/// so rows share `String` storage instead of allocating one per field.
///
/// Open addressing over a contiguous arena; lookups hash and compare bytes, allocating nothing.
struct ByteInterner<Value> {
  private struct Entry {
    var start: Int
    var length: Int
    var value: Value
    /// The chunk (`index(for:stamp:in:make:)`) that last used the entry, and the entry's index in
    /// that chunk's values.
    var stamp: UInt32 = 0
    var local: UInt32 = 0
  }

  private var arena: [UInt8] = []
  /// 0 = empty, else (upper 32 hash bits) << 32 | (entry index + 1): most misses end at the slot.
  private var slots: [UInt64]
  private var entries: [Entry] = []
  /// Past this many entries the table starts over, bounding memory on pathological input.
  private let maxEntries: Int

  init(maxEntries: Int) {
    self.maxEntries = maxEntries
    slots = [UInt64](repeating: 0, count: 1024)
  }

  var count: Int { entries.count }

  /// The value for `key`, made by `make` the first time the bytes are seen.
  mutating func value(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Value {
    entries[entry(for: key, make: make)].value
  }

  /// Where `key`'s value sits in `values`, the distinct values of the chunk numbered `stamp`
  /// (nonzero): appended the first time the chunk uses it. Events then carry 32-bit indices, so a
  /// chunk's values are reference-counted once per chunk rather than once per event.
  mutating func index(
    for key: UnsafeRawBufferPointer, stamp: UInt32, in values: inout [Value],
    make: (UnsafeRawBufferPointer) -> Value
  ) -> UInt32 {
    let e = entry(for: key, make: make)
    if entries[e].stamp != stamp {
      entries[e].stamp = stamp
      entries[e].local = UInt32(values.count)
      values.append(entries[e].value)
    }
    return entries[e].local
  }

  private mutating func entry(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Int {
    let hash = ByteInterner.hash(key)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let word = slots[slot]
      if word == 0 { break }
      if word & 0xFFFF_FFFF_0000_0000 == tag {
        let e = Int(word & 0xFFFF_FFFF) - 1
        if entries[e].length == key.count, equalsArena(start: entries[e].start, key) {
          return e
        }
      }
      slot = (slot + 1) & mask
    }
    if entries.count >= maxEntries {
      self = ByteInterner(maxEntries: maxEntries)
      return entry(for: key, make: make)
    }
    entries.append(Entry(start: arena.count, length: key.count, value: make(key)))
    arena.append(contentsOf: key)
    slots[slot] = tag | UInt64(entries.count)
    if entries.count * 2 > slots.count { grow() }
    return entries.count - 1
  }

  private func equalsArena(start: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    if key.isEmpty { return true }
    return arena.withUnsafeBytes { a in
      memcmp(a.baseAddress! + start, key.baseAddress!, key.count) == 0
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    let mask = slots.count - 1
    for word in old where word != 0 {
      let e = Int(word & 0xFFFF_FFFF) - 1
      let hash = arena.withUnsafeBytes {
        ByteInterner.hash(
          UnsafeRawBufferPointer(rebasing: $0[entries[e].start..<(entries[e].start + entries[e].length)]))
      }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = word
    }
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
