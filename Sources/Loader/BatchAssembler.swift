/// Turns the cursor's window stream into batches: directly in plan order without shuffle, or
/// through a fixed-size shuffle buffer whose draws come from (seed, epoch, rank) only.
///
/// Shuffle buffer: the first S windows fill it; then each incoming window replaces a uniformly
/// drawn slot whose window is emitted; at the end the rest is drained in random order. The draws
/// do not depend on window contents, so the same walk run on locations only (`skip`) reproduces
/// the buffer exactly for a resume.
final class BatchAssembler {
  let plan: EpochPlan
  private let cursor: WindowCursor
  private var shuffler: ShuffleBuffer?
  private(set) var batchesProduced = 0

  init(source: any SplitSource, plan: EpochPlan, ledger: BufferLedger, resumeAt batches: Int) throws {
    self.plan = plan
    let skipWindows = batches * plan.options.batchSize
    if plan.options.shuffle {
      cursor = try WindowCursor(source: source, plan: plan, ledger: ledger)
      let capacity = min(plan.options.shuffleBufferWindows, plan.rankWindowCount)
      if capacity > 0 {
        shuffler = ShuffleBuffer(
          capacity: capacity, windowFloats: plan.windowFloats, ledger: ledger,
          random: DeterministicRandom(
            seed: plan.options.seed, epoch: plan.options.epoch, purpose: .shuffleBuffer,
            index: plan.options.rank))
      }
      for _ in 0..<skipWindows {
        guard try emit(into: nil, slot: 0) else { break }
      }
      if skipWindows > 0, let shuffler { try shuffler.materialize(using: cursor) }
      cursor.releaseOtherReader()
    } else {
      cursor = try WindowCursor(source: source, plan: plan, ledger: ledger, skip: min(skipWindows, plan.rankWindowCount))
    }
    batchesProduced = batches
  }

  /// Fills `batch` with the next batch; returns its window count, or nil when the epoch is done.
  func fill(_ batch: WindowSlab) throws -> Int? {
    guard batchesProduced < plan.batchCount else { return nil }
    var count = 0
    while count < batch.capacity, try emit(into: batch, slot: count) { count += 1 }
    batchesProduced += 1
    return count
  }

  /// Emits the next window into `batch[slot]`; with a nil batch only the order is advanced.
  private func emit(into batch: WindowSlab?, slot: Int) throws -> Bool {
    guard let shuffler else {
      guard let location = try cursor.next() else { return false }
      if let batch { try cursor.copy(location, to: batch, slot: slot) }
      return true
    }
    while shuffler.count < shuffler.capacity, let location = try cursor.next() {
      try shuffler.append(location, copying: batch != nil ? cursor : nil)
    }
    guard shuffler.count > 0 else { return false }
    if shuffler.count == shuffler.capacity, let incoming = try cursor.next() {
      try shuffler.replaceRandom(with: incoming, emittingInto: batch, slot: slot, cursor: cursor)
    } else {
      shuffler.drainRandom(into: batch, slot: slot)
    }
    return true
  }
}

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
