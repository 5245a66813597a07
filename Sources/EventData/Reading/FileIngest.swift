#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of one ICEWS file: detects its layout from the header and first rows, cuts the
/// rest into chunks of whole lines for the workers, and delivers results in order.
final class FileIngest: ByteSink {
  let file: String
  /// In an archive, a member without an ICEWS header is skipped instead of failing.
  let skipsNonEventFiles: Bool
  private let chunkSize: Int
  private let workers: ParseWorkers
  private let delivery: Delivery
  private var pending: [UInt8] = []
  private var layout: Layout?
  private(set) var skipped = false
  /// Physical lines before the next chunk to deliver (the header is line 1).
  private var linesDelivered = 0
  private var inFlight: [ParseJob] = []
  /// Chunk buffers back from delivered jobs: the next chunks fill them, so their pages are
  /// faulted in once per read rather than once per chunk.
  private var spareBuffers: [[UInt8]] = []
  private let maxQueued: Int
  /// Called once the layout is known (used to probe a file's layout without reading it all).
  var onLayout: ((Layout) throws -> Void)?
  /// When set, a file of another source stops the read (see `EventReader.expectedSource`).
  var expectedSource: Layout.Source?

  /// Detection waits for this many rows after the header (or the end of the data).
  private static let sampleRows = 50

  init(file: String, skipsNonEventFiles: Bool, chunkSize: Int, workers: ParseWorkers, delivery: Delivery) {
    self.file = file
    self.skipsNonEventFiles = skipsNonEventFiles
    self.chunkSize = chunkSize
    self.workers = workers
    self.delivery = delivery
    maxQueued = 4
  }

  /// True when this file was an event file (not skipped).
  var isEventFile: Bool { layout != nil }

  func push(_ bytes: UnsafeRawBufferPointer) throws {
    if skipped { return }
    pending.append(contentsOf: bytes)
    if layout == nil {
      try detectLayout(atEnd: false)
      if layout == nil { return }
    }
    try cutChunks()
    if pending.count > EventReader.maxLineBytes { try checkUnfinishedLine() }
  }

  func finish() throws {
    if skipped { return }
    if layout == nil { try detectLayout(atEnd: true) }
    if skipped { return }
    try cutChunks()
    if !pending.isEmpty {
      try submit(pending, count: pending.count)
      pending = []
    }
    while !inFlight.isEmpty { try deliverOldest() }
  }

  /// Submits chunks of whole lines of about `chunkSize` bytes each (a line longer than that is a
  /// chunk of its own); the unfinished last line stays pending.
  private func cutChunks() throws {
    guard pending.count >= chunkSize else { return }
    var cuts: [Int] = []
    pending.withUnsafeBytes { raw in
      guard layout?.multilineRecords != true else {
        cuts = recordCuts(in: raw)
        return
      }
      var start = 0
      while raw.count - start >= chunkSize {
        var end = start + chunkSize - 1
        while end >= start, raw[end] != 0x0A { end -= 1 }
        if end < start {
          let from = start + chunkSize
          guard let found = memchr(raw.baseAddress! + from, 0x0A, raw.count - from) else { break }
          end = raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        }
        cuts.append(end + 1)
        start = end + 1
      }
    }
    guard let last = cuts.last else { return }
    if cuts.count == 1 {
      // The common case: hand the buffer itself to the job, keep only the tail.
      let chunk = pending
      pending = spareBuffers.popLast() ?? []
      pending.removeAll(keepingCapacity: true)
      pending.reserveCapacity(chunkSize + chunkSize / 4)
      pending.append(contentsOf: chunk[last...])
      try submit(chunk, count: last)
      return
    }
    var start = 0
    for cut in cuts {
      try submit(Array(pending[start..<cut]), count: cut - start)
      start = cut
    }
    pending = Array(pending[last...])
  }

  /// Cuts after whole records of about `chunkSize` bytes, for layouts whose records may span
  /// lines (see `RecordBoundary`); a record not yet complete stays pending.
  private func recordCuts(in raw: UnsafeRawBufferPointer) -> [Int] {
    var cuts: [Int] = []
    var start = 0
    var position = 0
    while let record = RecordBoundary.record(in: raw, from: position, atEnd: false) {
      position = record.end + 1
      if position - start >= chunkSize {
        cuts.append(position)
        start = position
      }
      if position >= raw.count { break }
    }
    return cuts
  }

  private func submit(_ bytes: [UInt8], count: Int) throws {
    while inFlight.count >= maxQueued { try deliverOldest() }
    let job = ParseJob(bytes: bytes, usedCount: count, layout: layout!)
    inFlight.append(job)
    workers.submit(job)
  }

  private func deliverOldest() throws {
    let job = inFlight.removeFirst()
    job.wait()
    try deliver(job.result)
    job.recycle()
    if spareBuffers.count < maxQueued { spareBuffers.append(job.takeBytes()) }
  }

  private func deliver(_ result: ChunkResult) throws {
    var next = 0
    for rejection in result.rejects {
      try delivery.events(next..<rejection.eventsBefore, of: result)
      next = rejection.eventsBefore
      try delivery.reject(
        RejectedRow(
          file: file, line: linesDelivered + rejection.lineInChunk, reason: rejection.reason, raw: rejection.raw))
    }
    try delivery.events(next..<result.events.count, of: result)
    if let line = result.overlongLine { throw EventReadError.lineTooLong(file: file, line: linesDelivered + line) }
    linesDelivered += result.lines
  }

  /// Stops the read when the unfinished last line of `pending` is already longer than a row may be:
  /// the chunks before it are delivered first, which also gives that line's number.
  private func checkUnfinishedLine() throws {
    var tail = 0
    while tail < pending.count, pending[pending.count - 1 - tail] != 0x0A { tail += 1 }
    guard tail > EventReader.maxLineBytes else { return }
    while !inFlight.isEmpty { try deliverOldest() }
    // Whole lines before it that are not yet cut into a chunk.
    let before = pending.withUnsafeBytes { raw -> Int in
      var count = 0
      var position = 0
      let end = raw.count - tail
      while position < end, let found = memchr(raw.baseAddress! + position, 0x0A, end - position) {
        count += 1
        position = raw.baseAddress!.distance(to: UnsafeRawPointer(found)) + 1
      }
      return count
    }
    throw EventReadError.lineTooLong(file: file, line: linesDelivered + before + 1)
  }

  private func detectLayout(atEnd: Bool) throws {
    let dataStart: Int? = try pending.withUnsafeBytes { raw -> Int? in
      var start = 0
      if raw.count >= 3, raw[0] == 0xEF, raw[1] == 0xBB, raw[2] == 0xBF { start = 3 }
      var lines: [Range<Int>] = []
      var position = start
      while position < raw.count, lines.count <= FileIngest.sampleRows {
        guard let found = memchr(raw.baseAddress! + position, 0x0A, raw.count - position) else { break }
        let end = raw.baseAddress!.distance(to: UnsafeRawPointer(found))
        lines.append(position..<end)
        position = end + 1
      }
      let enough = lines.count > FileIngest.sampleRows || raw.count > EventReader.maxLineBytes
      if !enough && !atEnd { return nil }
      if atEnd, position < raw.count, lines.count <= FileIngest.sampleRows {
        lines.append(position..<raw.count)
        position = raw.count
      }
      guard let headerRange = lines.first else {
        if skipsNonEventFiles {
          skipped = true
          return nil
        }
        if raw.count > start { throw EventReadError.lineTooLong(file: file, line: 1) }
        throw EventReadError(.unknownLayout, file: file, reason: "empty file: no ICEWS header")
      }
      func trimmed(_ r: Range<Int>) -> UnsafeRawBufferPointer {
        var r = r
        if r.count > 0, raw[r.upperBound - 1] == 0x0D { r = r.lowerBound..<(r.upperBound - 1) }
        return UnsafeRawBufferPointer(rebasing: raw[r])
      }
      do {
        layout = try Layout.detect(
          header: trimmed(headerRange), sample: lines.dropFirst().map(trimmed), file: file)
      } catch let error as EventReadError where skipsNonEventFiles && error.code == .unknownLayout {
        skipped = true
        return nil
      }
      // GDELT has no header: its first line is already an event.
      if layout?.hasHeader == false { return headerRange.lowerBound }
      return min(headerRange.upperBound + 1, raw.count)
    }
    if skipped { pending = [] }
    if let dataStart {
      // The header is line 1; data chunks start right after it.
      linesDelivered = layout?.hasHeader == false ? 0 : 1
      pending = Array(pending[dataStart...])
      if let layout {
        if let expectedSource, layout.source != expectedSource {
          throw EventReadError(
            .unknownLayout, file: file, line: 1,
            reason: "this is a \(layout.source.title) event file but the pipeline reads \(expectedSource.rawValue); "
              + "use input.format: \(layout.source.rawValue) (Pipelines/\(layout.source.rawValue)-*.yaml)")
        }
        try onLayout?(layout)
      }
    }
  }
}
