/// Maps byte strings to values built once per distinct key (country names, sector fields),
/// so rows share `String` storage instead of allocating one per field.
///
/// Open addressing over a contiguous arena; lookups hash and compare bytes, allocating nothing.
/// Each key sits in the arena after a 16-byte header (its length, its value's index, and the
/// chunk stamp and chunk index of `index(for:stamp:in:make:)`), so a lookup that finds its key
/// reads only the slot and that header and key: two cache lines, which matters once the tables
/// outgrow the cache that the chunks streaming through keep evicting.
struct ByteInterner<Value> {
  private var arena: [UInt8] = []
  /// 0 = empty, else (upper 32 hash bits) << 32 | (arena offset of the key's header + 1): most
  /// misses end at the slot.
  private var slots: [UInt64]
  private var values: [Value] = []
  /// Past this many entries the table starts over, bounding memory on pathological input.
  private let maxEntries: Int

  private static var headerBytes: Int { 16 }

  init(maxEntries: Int) {
    self.maxEntries = maxEntries
    slots = [UInt64](repeating: 0, count: 1024)
  }

  var count: Int { values.count }

  /// The value for `key`, made by `make` the first time the bytes are seen.
  mutating func value(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Value {
    let header = entry(for: key, make: make)
    return values[Int(header32(header, 4))]
  }

  /// Where `key`'s value sits in `values`, the distinct values of the chunk numbered `stamp`
  /// (nonzero): appended the first time the chunk uses it. Events then carry 32-bit indices, so a
  /// chunk's values are reference-counted once per chunk rather than once per event.
  mutating func index(
    for key: UnsafeRawBufferPointer, stamp: UInt32, in chunkValues: inout [Value],
    make: (UnsafeRawBufferPointer) -> Value
  ) -> UInt32 {
    let header = entry(for: key, make: make)
    if header32(header, 8) != stamp {
      let local = UInt32(chunkValues.count)
      chunkValues.append(values[Int(header32(header, 4))])
      setHeader32(header, 8, stamp)
      setHeader32(header, 12, local)
      return local
    }
    return header32(header, 12)
  }

  /// The arena offset of `key`'s header, adding the key (and `make`'s value) if it is new.
  private mutating func entry(for key: UnsafeRawBufferPointer, make: (UnsafeRawBufferPointer) -> Value) -> Int {
    let hash = ByteInterner.hash(key)
    let tag = hash & 0xFFFF_FFFF_0000_0000
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let word = slots[slot]
      if word == 0 { break }
      if word & 0xFFFF_FFFF_0000_0000 == tag {
        let header = Int(word & 0xFFFF_FFFF) - 1
        if holds(header, key) { return header }
      }
      slot = (slot + 1) & mask
    }
    let header = arena.count
    if values.count >= maxEntries || header + ByteInterner.headerBytes + key.count >= Int(UInt32.max) {
      self = ByteInterner(maxEntries: maxEntries)
      return entry(for: key, make: make)
    }
    values.append(make(key))
    arena.append(contentsOf: repeatElement(0, count: ByteInterner.headerBytes))
    arena.append(contentsOf: key)
    setHeader32(header, 0, UInt32(key.count))
    setHeader32(header, 4, UInt32(values.count - 1))
    slots[slot] = tag | UInt64(header + 1)
    if values.count * 2 > slots.count { grow() }
    return header
  }

  /// True when the key whose header is at `header` has exactly `key`'s bytes.
  private func holds(_ header: Int, _ key: UnsafeRawBufferPointer) -> Bool {
    arena.withUnsafeBytes { a in
      guard a.loadUnaligned(fromByteOffset: header, as: UInt32.self) == UInt32(key.count) else { return false }
      return key.isEmpty || memcmp(a.baseAddress! + header + ByteInterner.headerBytes, key.baseAddress!, key.count) == 0
    }
  }

  @inline(__always)
  private func header32(_ header: Int, _ field: Int) -> UInt32 {
    arena.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: header + field, as: UInt32.self) }
  }

  @inline(__always)
  private mutating func setHeader32(_ header: Int, _ field: Int, _ value: UInt32) {
    arena.withUnsafeMutableBytes { $0.storeBytes(of: value, toByteOffset: header + field, as: UInt32.self) }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    let mask = slots.count - 1
    for word in old where word != 0 {
      let header = Int(word & 0xFFFF_FFFF) - 1
      let length = Int(header32(header, 0))
      let start = header + ByteInterner.headerBytes
      let hash = arena.withUnsafeBytes {
        ByteInterner.hash(UnsafeRawBufferPointer(rebasing: $0[start..<(start + length)]))
      }
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = word
    }
  }

  /// Eight bytes at a time, multiply-xorshift mixing (not cryptographic; keys are our own data).
  /// The last partial word is one load where the key allows it (the key's last eight bytes,
  /// shifted; or two overlapping four-byte loads), not a loop over its bytes.
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
      if n >= 8 {
        tail = bytes.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) >> UInt64(8 * (8 - (n - i)))
      } else if n >= 4 {
        tail =
          UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
          | UInt64(bytes.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
      } else {
        for k in 0..<n { tail |= UInt64(bytes[k]) << UInt64(8 * k) }
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
