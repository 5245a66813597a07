import EventData
import Foundation
import Frames
import Shards

/// `icews frames`: raw ICEWS → `frames.npy`, `frames.json` and `rejects.tsv` in one folder.
public struct FramesJob {
  public var config: PipelineConfig
  public var inputs: [String]
  public var outputDirectory: URL
  public var frozen: FrameVocabularies?

  public init(config: PipelineConfig, inputs: [String], outputDirectory: URL, frozen: FrameVocabularies? = nil) {
    self.config = config
    self.inputs = inputs
    self.outputDirectory = outputDirectory
    self.frozen = frozen
  }

  public var npyURL: URL { outputDirectory.appendingPathComponent("frames.npy") }
  public var manifestURL: URL { outputDirectory.appendingPathComponent("frames.json") }
  public var rejectsURL: URL { outputDirectory.appendingPathComponent("rejects.tsv") }

  /// Runs the job; `frames.npy` is streamed one group at a time.
  public func run(progress: (PipelineProgress) -> Void = { _ in }) throws -> FramesManifest {
    // The lock creates the folder, naming the reason when it cannot.
    let lock = try OutputFolderLock(directory: outputDirectory, job: "icews frames")
    defer { lock.release() }
    let (frames, rows) = try buildFrames(
      config: config, inputs: inputs, rejectsURL: rejectsURL, frozen: frozen, progress: progress)
    let stage = "writing frames"
    progress(PipelineProgress(stage: stage, done: 0, total: frames.groups.count, unit: "groups"))
    try frames.writeNPY(to: npyURL) { g in
      progress(PipelineProgress(stage: stage, done: g + 1, total: frames.groups.count, unit: "groups"))
    }
    let manifest = FramesManifest(pipeline: config.name, frames: frames, rows: rows)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
      try encoder.encode(manifest).write(to: manifestURL, options: .atomic)
    } catch {
      throw PipelineError(.writeFailed, file: manifestURL.relativePath, "cannot write frames.json")
    }
    return manifest
  }
}
