/// The `(Event ID, day)` keys seen so far, for dropping duplicates.
///
/// Grouped by day: each day has a small open-addressing table of 32-bit IDs (4 bytes a slot),
/// which stays in cache while a date-ordered dump is read and never needs one big rehash.
/// IDs that do not fit 32 bits fall back to one table of packed 64-bit keys.
struct EventKeySet {
  private var days: [IDTable] = []
  private var tableOfDay: [UInt64: Int] = [:]
  private var lastDay: UInt64 = .max
  private var lastTable = -1
  private var wide = IDTable64()

  /// Inserts a packed key (see `RowParser.packedKey`); false when it was already present.
  mutating func insert(_ packed: UInt64) -> Bool {
    let id = (packed - 1) >> 20
    let day = (packed - 1) & 0xF_FFFF
    guard id < UInt64(UInt32.max) else { return wide.insert(packed) }
    if day != lastDay {
      if let table = tableOfDay[day] {
        lastTable = table
      } else {
        lastTable = days.count
        days.append(IDTable())
        tableOfDay[day] = lastTable
      }
      lastDay = day
    }
    return days[lastTable].insert(UInt32(id + 1))
  }
}
