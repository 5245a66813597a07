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
      cursor = try WindowCursor(
        source: source, plan: plan, ledger: ledger, skip: min(skipWindows, plan.rankWindowCount))
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
