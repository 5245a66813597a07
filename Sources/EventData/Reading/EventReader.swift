import Dispatch
import Foundation

/// Reads raw ICEWS inputs (any layout, any container) into accepted, de-duplicated events.
///
/// Files are read in the given order; each is cut into chunks of whole lines that worker threads
/// parse in parallel, and results are delivered in input order on the calling thread.
public struct EventReader {
  public var inputs: [String]
  public var policy: BadRowPolicy
  /// The data set every file must come from (nil: any); a file of another source is an error
  /// that names the `input.format` to use.
  public var expectedSource: Layout.Source?
  /// Bytes per parse chunk (cut at a line boundary); memory is a few chunks, whatever the input.
  public var chunkSize = 4 << 20
  /// The longest line, or record over several lines, a row may be; a longer one stops the read
  /// naming its file and line (so memory never grows with a line's length).
  public static let maxLineBytes = 1 << 20
  /// Chunks parsed at the same time (one parser, with its interning tables, per chunk).
  var parallelism = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))

  /// Paths, or `-` for standard input.
  public init(inputs: [String], policy: BadRowPolicy) {
    self.inputs = inputs
    self.policy = policy
  }

  /// Delivers accepted, de-duplicated events in input order (files in the given order) and
  /// rejects as they occur. Callbacks run sequentially on the calling thread; `onFile` before each
  /// input file (folders and globs expanded) with its 1-based number, the file count and its path.
  public func read(
    onFile: (_ number: Int, _ count: Int, _ path: String) -> Void = { _, _, _ in },
    onReject: (RejectedRow) throws -> Void, onEvent: (EventRecord) throws -> Void
  ) throws -> IngestSummary {
    try withoutActuallyEscaping(onReject) { onReject in
      try withoutActuallyEscaping(onEvent) { onEvent in
        let delivery = Delivery(policy: policy, onReject: onReject, onEvent: onEvent)
        let workers = ParseWorkers(codebook: .icews, maxInFlight: parallelism)
        defer { workers.waitForAll() }
        let files = try InputList.expand(inputs)
        for (i, input) in files.enumerated() {
          onFile(i + 1, files.count, input)
          try InputSource.stream(input) { label, isArchiveMember in
            let ingest = FileIngest(
              file: label, skipsNonEventFiles: isArchiveMember, chunkSize: chunkSize, workers: workers,
              delivery: delivery)
            ingest.expectedSource = expectedSource
            return ingest
          }
        }
        return delivery.summary
      }
    }
  }
}

extension EventReader {
  /// The layout of the first ICEWS file in `input` (a path or `-`), reading only its beginning.
  public static func detectLayout(of input: String) throws -> Layout? {
    struct Found: Error { var layout: Layout }
    let delivery = Delivery(policy: .reject, onReject: { _ in }, onEvent: { _ in })
    let workers = ParseWorkers(codebook: .icews, maxInFlight: 1)
    defer { workers.waitForAll() }
    do {
      try InputSource.stream(input) { label, isArchiveMember in
        let ingest = FileIngest(
          file: label, skipsNonEventFiles: isArchiveMember, chunkSize: 1 << 20, workers: workers,
          delivery: delivery)
        ingest.onLayout = { throw Found(layout: $0) }
        return ingest
      }
    } catch let found as Found {
      return found.layout
    }
    return nil
  }
}

/// Dedup, counting and the callbacks, in delivery order (calling thread only).
final class Delivery {
  let policy: BadRowPolicy
  let onReject: (RejectedRow) throws -> Void
  let onEvent: (EventRecord) throws -> Void
  private(set) var summary = IngestSummary()
  private var keys = EventKeySet()
  private var otherKeys = Set<String>()

  init(policy: BadRowPolicy, onReject: @escaping (RejectedRow) throws -> Void, onEvent: @escaping (EventRecord) throws -> Void) {
    self.policy = policy
    self.onReject = onReject
    self.onEvent = onEvent
  }

  func event(_ event: ParsedEvent) throws {
    summary.rowsRead += 1
    let fresh =
      event.key != 0
      ? keys.insert(event.key)
      : otherKeys.insert("\(event.record.eventID)\u{0}\(event.record.date.index)").inserted
    guard fresh else {
      summary.duplicates += 1
      return
    }
    try onEvent(event.record)
  }

  func reject(_ row: RejectedRow) throws {
    summary.rowsRead += 1
    summary.rowsRejected += 1
    if policy == .fail {
      throw EventReadError(.badRow, file: row.file, line: row.line, reason: row.reason)
    }
    try onReject(row)
  }
}

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

/// One chunk of whole lines in flight: parsed on a worker, awaited by the delivering thread.
final class ParseJob: @unchecked Sendable {
  // Written once by the worker before `done` is signalled, read after waiting on it.
  let bytes: [UInt8]
  let usedCount: Int
  let layout: Layout
  var result = ChunkResult()
  private let done = DispatchSemaphore(value: 0)

  init(bytes: [UInt8], usedCount: Int, layout: Layout) {
    self.bytes = bytes
    self.usedCount = usedCount
    self.layout = layout
  }

  func run(with parser: RowParser) {
    result = bytes.withUnsafeBytes { parser.parse(UnsafeRawBufferPointer(rebasing: $0[0..<usedCount]), layout: layout) }
    done.signal()
  }

  func wait() {
    done.wait()
    done.signal()
  }
}

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
