import Dispatch
import Support

/// Runs parse jobs on background threads, at most `maxInFlight` at a time, reusing parsers.
///
/// Not `forEachInOrder`: chunks are cut while the input streams in, so their count is not known
/// up front; `FileIngest` awaits each `ParseJob` in submission order instead.
/// `@unchecked Sendable`: the stored properties are constants; `slots` bounds the jobs in flight,
/// `parsers` (a `ReusePool`) hands each parser to one job at a time.
final class ParseWorkers: @unchecked Sendable {
  private let codebook: CameoCodebook
  private let slots: DispatchSemaphore
  private let parsers = ReusePool<RowParser>()
  private let group = DispatchGroup()

  init(codebook: CameoCodebook, maxInFlight: Int) {
    self.codebook = codebook
    slots = DispatchSemaphore(value: maxInFlight)
  }

  func submit(_ job: ParseJob) {
    slots.wait()
    group.enter()
    DispatchQueue.global().async { [self] in
      var parser = parsers.take(orMake: { RowParser(codebook: codebook) })
      job.run(with: &parser)
      parsers.give(parser)
      slots.signal()
      group.leave()
    }
  }

  func waitForAll() { group.wait() }
}
