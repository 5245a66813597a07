import Dispatch

/// Runs parse jobs on background threads, at most `maxInFlight` at a time, reusing parsers.
final class ParseWorkers: @unchecked Sendable {
  // `idle` and `all` are guarded by `lock`; the semaphore bounds jobs in flight.
  private let codebook: CameoCodebook
  private let lock = DispatchSemaphore(value: 1)
  private let slots: DispatchSemaphore
  private var idle: [RowParser] = []
  private let group = DispatchGroup()

  init(codebook: CameoCodebook, maxInFlight: Int) {
    self.codebook = codebook
    slots = DispatchSemaphore(value: maxInFlight)
  }

  func submit(_ job: ParseJob) {
    slots.wait()
    group.enter()
    DispatchQueue.global().async { [self] in
      let parser = takeParser()
      job.run(with: parser)
      returnParser(parser)
      slots.signal()
      group.leave()
    }
  }

  func waitForAll() { group.wait() }

  private func takeParser() -> RowParser {
    lock.wait()
    defer { lock.signal() }
    return idle.popLast() ?? RowParser(codebook: codebook)
  }

  private func returnParser(_ parser: RowParser) {
    lock.wait()
    idle.append(parser)
    lock.signal()
  }
}
