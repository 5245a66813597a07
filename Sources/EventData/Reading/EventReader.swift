import Foundation
import Support

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
  ) throws -> RowCounts {
    try read(
      onFile: onFile, onReject: onReject,
      onBatch: { batch in
        for i in 0..<batch.count { try onEvent(batch.record(i)) }
      })
  }

  /// `read(onFile:onReject:onEvent:)` with the events in batches (runs of one chunk between its
  /// rejects), for consumers that map each distinct string and list once per batch.
  public func read(
    onFile: (_ number: Int, _ count: Int, _ path: String) -> Void = { _, _, _ in },
    onReject: (RejectedRow) throws -> Void, onBatch: (EventBatch) throws -> Void
  ) throws -> RowCounts {
    try withoutActuallyEscaping(onReject) { onReject in
      try withoutActuallyEscaping(onBatch) { onBatch in
        let delivery = Delivery(policy: policy, onReject: onReject, onBatch: onBatch)
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
    let delivery = Delivery(policy: .reject, onReject: { _ in }, onBatch: { _ in })
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
