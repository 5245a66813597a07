#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Maps byte strings to values built once per distinct key (country names, sector fields),
/// so rows share `String` storage instead of allocating one per field.
///
/// Open addressing; lookups allocate nothing. A slot holds its key's length and first and last
/// eight bytes, which for a key of up to 16 bytes are the whole key, and the chunk stamp and index
/// of `index(for:stamp:in:make:)`: a lookup that finds a short key reads one cache line (the
/// tables outgrow the cache that the chunks streaming through keep evicting). Longer keys are
/// compared in full against a copy in the arena.
struct ByteInterner<Value> {
  private struct Slot {
    /// The key's first eight bytes (zero-padded below eight); for a key over 16 bytes, where it
    /// starts in the arena.
    var first: UInt64 = 0
    /// The key's last eight bytes.
    var last: UInt64 = 0
    var length: UInt32 = 0
    /// 0 = empty, else the value's index in `values` + 1.
    var value: UInt32 = 0
    /// The chunk that last used the key, and the value's index in that chunk's values.
    var stamp: UInt32 = 0
    var local: UInt32 = 0
  }

  private var slots: [Slot]
  private var values: [Value] = []
  /// Keys longer than 16 bytes, back to back.
  private var arena: [UInt8] = []
  /// Past this many entries the table starts over, bounding memory on pathological input.
  private let maxEntries: Int

  init(maxEntries: Int) {
    self.maxEntries = maxEntries
    slots = [Slot](repeating: Slot(), count: 1024)
  }

  /// The value for `key`, made by `make` the first time the bytes are seen.
  mutating func value(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Value {
    values[Int(slots[slot(for: key, make: make)].value) - 1]
  }

  /// Where `key`'s value sits in `values`, the distinct values of the chunk numbered `stamp`
  /// (nonzero): appended the first time the chunk uses it. Events then carry 32-bit indices, so a
  /// chunk's values are reference-counted once per chunk rather than once per event.
  mutating func index(
    for key: UnsafeRawBufferPointer, stamp: UInt32, in chunkValues: inout [Value],
    make: (UnsafeRawBufferPointer) -> Value
  ) -> UInt32 {
    let s = slot(for: key, make: make)
    if slots[s].stamp != stamp {
      slots[s].stamp = stamp
      slots[s].local = UInt32(chunkValues.count)
      chunkValues.append(values[Int(slots[s].value) - 1])
    }
    return slots[s].local
  }

  /// The slot holding `key`, adding the key (and `make`'s value) if it is new.
  private mutating func slot(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Int {
    let (first, last) = ByteParsing.edgeWords(key)
    let length = UInt32(truncatingIfNeeded: key.count)
    let mask = slots.count - 1
    // The probe over the slots' memory, without a bounds check per slot; ~s is the free slot.
    let probed = slots.withUnsafeBufferPointer { table -> Int in
      var s = Int(truncatingIfNeeded: ByteInterner.hash(key, first, last)) & mask
      while table[s].value != 0 {
        let entry = table[s]
        if entry.last == last, entry.length == length, key.count <= 16 ? entry.first == first : holds(entry, key) {
          return s
        }
        s = (s + 1) & mask
      }
      return ~s
    }
    if probed >= 0 { return probed }
    let s = ~probed
    if values.count >= maxEntries || arena.count + key.count >= Int(UInt32.max) {
      self = ByteInterner(maxEntries: maxEntries)
      return slot(for: key, make: make)
    }
    values.append(make(key))
    var stored = first
    if key.count > 16 {
      stored = UInt64(arena.count)
      arena.append(contentsOf: key)
    }
    slots[s] = Slot(first: stored, last: last, length: length, value: UInt32(values.count))
    if values.count * 2 > slots.count {
      grow()
      return slot(for: key, make: make)
    }
    return s
  }

  /// True when the slot's long key has exactly `key`'s bytes.
  private func holds(_ entry: Slot, _ key: UnsafeRawBufferPointer) -> Bool {
    let start = Int(entry.first)
    return arena.withUnsafeBytes { memcmp($0.baseAddress! + start, key.baseAddress!, key.count) == 0 }
  }

  private mutating func grow() {
    let old = slots
    slots = [Slot](repeating: Slot(), count: old.count * 2)
    let mask = slots.count - 1
    for entry in old where entry.value != 0 {
      let start = Int(entry.first)
      let hash = arena.withUnsafeBytes { a -> UInt64 in
        if entry.length <= 16 { return ByteInterner.shortHash(entry.first, entry.last, Int(entry.length)) }
        return ByteInterner.hash(
          UnsafeRawBufferPointer(rebasing: a[start..<(start + Int(entry.length))]), 0, entry.last)
      }
      var s = Int(truncatingIfNeeded: hash) & mask
      while slots[s].value != 0 { s = (s + 1) & mask }
      slots[s] = entry
    }
  }

  /// A key of up to 16 bytes hashes from its words; a longer one from all its bytes, eight at a
  /// time, with multiply-xorshift mixing (not cryptographic; keys are our own data).
  static func hash(_ bytes: UnsafeRawBufferPointer, _ first: UInt64, _ last: UInt64) -> UInt64 {
    let n = bytes.count
    if n <= 16 { return shortHash(first, last, n) }
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(n)
    var i = 0
    while i + 8 <= n {
      h = mix(h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
      i += 8
    }
    if i < n { h = mix(h ^ last) }
    return h ^ (h >> 32)
  }

  @inline(__always)
  static func shortHash(_ first: UInt64, _ last: UInt64, _ n: Int) -> UInt64 {
    let h = mix(mix(0x9E37_79B9_7F4A_7C15 ^ UInt64(n) ^ first) ^ last)
    return h ^ (h >> 32)
  }

  @inline(__always)
  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x &* 0xBF58_476D_1CE4_E5B9
    z ^= z >> 31
    return z &* 0x94D0_49BB_1331_11EB
  }
}
