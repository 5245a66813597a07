/// Nonzero 32-bit values, open addressing with linear probing, at most 3/4 full.
struct IDTable {
  private var slots = [UInt32](repeating: 0, count: 16)
  private var count = 0
  private var shift: UInt64 = 60  // 64 - log2(slots.count)

  mutating func insert(_ value: UInt32) -> Bool {
    if (count + 1) * 4 > slots.count * 3 { grow() }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: (UInt64(value) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    while true {
      let existing = slots[slot]
      if existing == value { return false }
      if existing == 0 {
        slots[slot] = value
        count += 1
        return true
      }
      slot = (slot + 1) & mask
    }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt32](repeating: 0, count: old.count * 2)
    shift -= 1
    count = 0
    for value in old where value != 0 { _ = insert(value) }
  }
}
