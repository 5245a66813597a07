/// For each interned sector set of one field: the vocabulary slots of its names
/// (`slots[start[s]..<start[s + 1]]`) and whether it has a name outside the vocabulary.
struct SectorSlotTable: Sendable {
  var start: [Int32] = [0]
  var slots: [Int32] = []
  var hasOutside: [Bool]

  init(setCount: Int) {
    hasOutside = [Bool](repeating: false, count: setCount)
  }
}
