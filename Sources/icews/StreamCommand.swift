import ArgumentParser
import Foundation
import Loader

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `icews stream`: one split's batches to stdout as concatenated `.npy` arrays for any trainer.
struct StreamCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stream",
    abstract: "Write a split's batches to stdout as concatenated .npy arrays (float32 [B, T, F]).",
    discussion: """
      Each batch is one .npy array; with --keys it is followed by its int64 [B, 2] keys \
      (group index, start day index). The order depends only on --shuffle, --seed, --epoch, --rank, \
      --world-size, --batch, --drop-last and --shuffle-buffer, so --start-batch K resumes a run exactly \
      after its first K batches. The last batch is shorter unless --drop-last.

      Examples:
        icews stream out/ --split train --batch 64 --shuffle --seed 1 --epoch 0 \\
          | python3 Scripts/python/train_from_stream.py
        icews stream out/ --batch 64 --shuffle --rank 1 --world-size 4 --keys > rank1.npys
        icews stream out/ --split valid --batch 256 --start-batch 10 > rest.npys
      """)

  @Argument(help: "Shard directory written by `icews run` (holds manifest.json).")
  var directory: String

  @Option(help: "Split to stream: train, valid or test.")
  var split: String = "train"

  @Option(parsing: .unconditional, help: "Windows per batch (1…\(Self.maxBatch)).")
  var batch: Int

  @Flag(help: "Shuffle shards, blocks and windows (deterministic from --seed and --epoch).")
  var shuffle = false

  @Option(parsing: .unconditional, help: "Shuffle seed.")
  var seed: UInt64 = 0

  @Option(parsing: .unconditional, help: "Epoch number; each epoch has its own order.")
  var epoch: Int = 0

  @Option(
    parsing: .unconditional, help: "This process's rank; ranks stream disjoint windows that together cover the split.")
  var rank: Int = 0

  @Option(parsing: .unconditional, help: "Number of ranks.")
  var worldSize: Int = 1

  @Flag(help: "Drop the trailing partial batch.")
  var dropLast = false

  @Option(parsing: .unconditional, help: "Skip the first K batches of this epoch (resume exactly where a run stopped).")
  var startBatch: Int = 0

  @Flag(help: "After each batch, also write its int64 [B, 2] keys (group index, start day index).")
  var keys = false

  @Option(parsing: .unconditional, help: "Windows held by the shuffle buffer (memory ≈ this × T × F × 4 bytes).")
  var shuffleBuffer: Int = 2048

  @Option(
    parsing: .unconditional,
    help: "Batches decoded ahead on a background thread (0 = none, at most \(Self.maxPrefetch)).")
  var prefetch: Int = 2

  static let maxBatch = 1 << 20
  static let maxPrefetch = 64
  static let maxShuffleBuffer = 1 << 22

  func validate() throws {
    guard (1...Self.maxBatch).contains(batch) else {
      throw ValidationError("--batch must be 1…\(Self.maxBatch) windows, got \(batch)")
    }
    guard (0...Self.maxPrefetch).contains(prefetch) else {
      throw ValidationError("--prefetch must be 0…\(Self.maxPrefetch) batches, got \(prefetch)")
    }
    guard (0...Self.maxShuffleBuffer).contains(shuffleBuffer) else {
      throw ValidationError("--shuffle-buffer must be 0…\(Self.maxShuffleBuffer) windows, got \(shuffleBuffer)")
    }
    guard worldSize >= 1, (0..<worldSize).contains(rank) else {
      throw ValidationError("--rank must be in 0..<--world-size (got rank \(rank), world size \(worldSize))")
    }
    guard startBatch >= 0, epoch >= 0 else { throw ValidationError("--start-batch and --epoch must be ≥ 0") }
  }

  func run() throws {
    // binary .npy records on a screen help nobody and can garble the terminal
    guard isatty(STDOUT_FILENO) == 0 else {
      StandardError.write(
        "error: icews stream writes binary .npy batches, not text for a terminal.\n"
          + "Redirect stdout to a file or a pipe, e.g.\n"
          + "  icews stream DIR --batch \(batch) > batches.npys\n"
          + "  icews stream DIR --batch \(batch) | python Scripts/python/train_from_stream.py\n")
      throw ExitCode(2)
    }
    let options = LoaderOptions(
      batchSize: batch, shuffle: shuffle, seed: seed, epoch: epoch, rank: rank, worldSize: worldSize,
      dropLast: dropLast, shuffleBufferWindows: shuffleBuffer, prefetchDepth: prefetch)
    let resume = startBatch > 0 ? LoaderState(epoch: epoch, batchesDelivered: startBatch) : nil
    // A reader that stops early is a normal end, not a crash: see EPIPE instead of SIGPIPE.
    signal(SIGPIPE, SIG_IGN)
    do {
      let loader = try WindowLoader(
        directory: URL(fileURLWithPath: directory), split: split, options: options, resumeFrom: resume)
      let output = NPYBatchStream(fileDescriptor: STDOUT_FILENO, includeKeys: keys)
      try loader.forEachBatch { try output.write($0) }
    } catch let error as LoaderError where error.code == .outputClosed {
      return
    } catch let error as LoaderError {
      StandardError.write("error: \(error)\n")
      throw ExitCode.failure
    }
  }
}
