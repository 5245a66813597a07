/// The window shuffle buffer: S slots of window data plus each slot's location.
final class ShuffleBuffer {
  let capacity: Int
  private(set) var count = 0
  private let slab: WindowSlab
  private var locations: [WindowLocation]
  private var random: DeterministicRandom

  init(capacity: Int, windowFloats: Int, ledger: BufferLedger, random: DeterministicRandom) {
    self.capacity = capacity
    slab = WindowSlab(capacity: capacity, windowFloats: windowFloats, ledger: ledger)
    locations = Array(repeating: WindowLocation(shard: 0, block: 0, row: 0), count: capacity)
    self.random = random
  }

  /// Adds a window to the next free slot (data copied only when a cursor is given).
  func append(_ location: WindowLocation, copying cursor: WindowCursor?) throws {
    locations[count] = location
    if let cursor { try cursor.copy(location, to: slab, slot: count) }
    count += 1
  }

  /// Emits a uniformly drawn slot and puts `incoming` in its place.
  func replaceRandom(
    with incoming: WindowLocation, emittingInto batch: WindowSlab?, slot: Int, cursor: WindowCursor
  ) throws {
    let j = random.below(capacity)
    locations[j] = incoming
    guard let batch else { return }
    batch.copyWindow(from: slab, at: j, to: slot)
    try cursor.copy(incoming, to: slab, slot: j)
  }

  /// Emits a uniformly drawn slot and closes the gap with the last one (input exhausted).
  func drainRandom(into batch: WindowSlab?, slot: Int) {
    let j = random.below(count)
    let last = count - 1
    if let batch { batch.copyWindow(from: slab, at: j, to: slot) }
    if j != last {
      locations[j] = locations[last]
      if batch != nil { slab.copyWindow(from: slab, at: last, to: j) }
    }
    count -= 1
  }

  /// Loads the data of every occupied slot after a location-only walk, one block decode each.
  func materialize(using cursor: WindowCursor) throws {
    let order = (0..<count).sorted { locations[$0] < locations[$1] }
    for slot in order { try cursor.copy(locations[slot], to: slab, slot: slot) }
  }
}
