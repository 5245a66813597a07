/// Nonzero 64-bit values, open addressing with linear probing, at most 7/10 full.
struct IDTable64 {
  private var slots = [UInt64](repeating: 0, count: 1 << 10)
  private var count = 0

  mutating func insert(_ key: UInt64) -> Bool {
    if (count + 1) * 10 > slots.count * 7 { grow() }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: IDTable64.mix(key)) & mask
    while true {
      let existing = slots[slot]
      if existing == key { return false }
      if existing == 0 {
        slots[slot] = key
        count += 1
        return true
      }
      slot = (slot + 1) & mask
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    count = 0
    for key in old where key != 0 { _ = insert(key) }
  }

  /// splitmix64 finalizer: spreads sequential IDs over the table.
  private static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
