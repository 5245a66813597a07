import EventData
import Foundation
import Frames
import Support

/// Reads raw ICEWS `inputs` (paths or `-`) and aggregates them into frames, writing rejected rows
/// to `rejectsURL` as they occur.
///
/// Vocabularies are fitted on events up to `split.train_end` (all events without a split), or
/// taken from `frozen` (`--reuse-manifest`). Memory stays bounded: events are spilled next to
/// `rejectsURL` in an unlinked file. Throws `EventReadError` (`file:line: reason` under
/// `on_bad_row: fail`, or an unreadable file), `FrameError`, or `PipelineError`.
public func buildFrames(
  config: PipelineConfig, inputs: [String], rejectsURL: URL, frozen: FrameVocabularies? = nil,
  progress: (PipelineProgress) -> Void = { _ in }
) throws -> (frames: AggregatedFrames, rows: RowCounts) {
  guard let source = config.inputFormat.eventSource else {
    throw PipelineError(
      .invalidConfig, file: config.name, keyPath: "input.format",
      "frames are built from raw events (input.format: icews, polecat or gdelt); frames-csv input already is frames")
  }
  let builder = try FrameBuilder(config: config, frozen: frozen, spillDirectory: rejectsURL.deletingLastPathComponent())
  let rejects = try RejectsFile(url: rejectsURL)
  var reader = EventReader(inputs: inputs, policy: config.onBadRow)
  reader.expectedSource = source
  let stage = "reading events"
  var file: PipelineProgress.InputFile?
  progress(PipelineProgress(stage: stage, done: 0, total: nil, unit: "events"))
  let rows: RowCounts
  do {
    rows = try reader.read(
      onFile: { number, count, path in
        guard count > 1 else { return }
        file = PipelineProgress.InputFile(number: number, count: count, path: path)
        progress(PipelineProgress(stage: stage, done: builder.eventCount, total: nil, unit: "events", file: file))
      },
      onReject: { try rejects.append($0) },
      onBatch: { batch in
        let before = builder.eventCount
        try builder.add(batch)
        if builder.eventCount >> 16 != before >> 16 {
          progress(PipelineProgress(stage: stage, done: builder.eventCount, total: nil, unit: "events", file: file))
        }
      })
  } catch {
    try? rejects.close()
    throw error
  }
  try rejects.close()
  progress(PipelineProgress(stage: stage, done: builder.eventCount, total: builder.eventCount, unit: "events"))
  return (try builder.finish(), rows)
}

extension FrameBuilder {
  /// A builder for `config`'s group_by and features, fitting on its train range.
  public convenience init(config: PipelineConfig, frozen: FrameVocabularies? = nil, spillDirectory: URL? = nil) throws {
    try self.init(
      groupBy: config.groupBy, features: config.features, fitEnd: config.fitEnd, frozen: frozen,
      period: config.period, spillDirectory: spillDirectory)
  }
}
