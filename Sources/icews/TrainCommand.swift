import ArgumentParser
import Autoencoder
import Foundation
import Support
import Pipeline

/// `icews train`: the bundled LSTM autoencoder trained on a shard folder, with the mean-collapse diagnostic.
struct TrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train the LSTM autoencoder on a shard folder's train split and save it as safetensors.",
    discussion: """
      Batches stream from the shards (shuffled per epoch from --seed, or in export order with \
      --no-shuffle); the valid split, when it has windows, is scored after every epoch. After training \
      the model's MSE is compared with predicting each feature's training mean (for window-differenced \
      shards: the mean first frame, then the mean change); a low R² prints a mean-collapse warning with \
      what to change (judged on the valid split when it has windows). Without --epochs or --max-steps, \
      20 epochs. The defaults (hidden 32, 20 epochs, batch 64, lr 2e-3) are the measured recommendation \
      for Pipelines/icews-anomaly.yaml (docs/ANOMALY.md). Reaching --target-loss stops training \
      early; not reaching it is a warning, not a failure. The checkpoint uses PyTorch's state_dict names \
      and records the shards' feature names and window length for `icews score` / `icews reconstruct`. \
      REPORT.json keys: steps, loss_trace, reached_target_at, final_train_mse, valid_mse, \
      mean_baseline_mse, r2, valid_r2, ms_per_step, windows_per_s, blas_core, threads, gflops, \
      warnings (see docs/TRAINING.md). OpenBLAS's core is checked at start: when it fell back to \
      generic kernels on an AVX2 or AVX-512 CPU, icews restarts itself with OPENBLAS_CORETYPE set \
      (your own OPENBLAS_CORETYPE always wins; a warning says when it holds OpenBLAS below the CPU). \
      On a CPU with AVX-512 the batched products run on icews's own panel kernel, whatever OpenBLAS's \
      core; ICEWS_AE_PANEL_GEMM=0 sends every product to OpenBLAS.

      Examples:
        icews train shards/ -o model.safetensors --report report.json
        icews train shards/ --hidden 64 --epochs 5 -o model.safetensors
        icews train seed/ --hidden 100 --lr 1e-3 --target-loss 1e-4 \\
          --max-steps 1000 --batch 1 --seed 0 -o seed.safetensors
      """)

  @Argument(help: "Shard folder written by `icews run`.")
  var directory: String

  @Option(parsing: .unconditional, help: "Encoder hidden size per direction.")
  var hidden: Int = TrainOptions.recommendedHidden

  @Option(
    name: [.customShort("o"), .customLong("output"), .customLong("out")],
    help: "Where to write the model (safetensors).")
  var out: String

  @Option(parsing: .unconditional, help: "Stacked encoder layers.")
  var layers: Int = 1

  @Flag(help: "Read each window both ways in the encoder.")
  var bidirectional = false

  @Option(parsing: .unconditional, help: "Passes over the train split (default 20 unless --max-steps).")
  var epochs: Int?

  @Option(parsing: .unconditional, help: "Stop after this many optimizer steps.")
  var maxSteps: Int?

  @Option(parsing: .unconditional, help: "Windows per batch.")
  var batch: Int = 64

  @Option(parsing: .unconditional, help: "Adam learning rate.")
  var lr: Float = TrainOptions.recommendedLearningRate

  @Option(parsing: .unconditional, help: "Seed of the initial weights and of the per-epoch shuffle.")
  var seed: UInt64 = 0

  @Flag(help: "Every epoch in export order (group, then start day).")
  var noShuffle = false

  @Option(help: "How the squared errors are reduced to the loss.")
  var lossReduction: LossReduction = .mean

  @Flag(help: "Reconstruct each window back to front (Malhotra et al.).")
  var reverseTarget = false

  @Option(parsing: .unconditional, help: "Clip the global gradient norm to this before each step.")
  var clip: Float?

  @Option(parsing: .unconditional, help: "Stop at the first step whose loss is below this.")
  var targetLoss: Float?

  @Option(help: "Start from this checkpoint (same shape) instead of a fresh initialization.")
  var initFrom: String?

  @Option(
    help: ArgumentHelp(
      "Cores to train on (default: every core). Batches of 16 or more windows are split between them; smaller "
        + "ones run their products on OpenBLAS threads (one when batch × hidden < 1024).")
  )
  var threads: Int?

  @Option(help: "Write the training report (JSON) here.")
  var report: String?

  func validate() throws {
    guard hidden >= 1 else { throw ValidationError("--hidden must be at least 1") }
    guard layers >= 1 else { throw ValidationError("--layers must be at least 1") }
    guard batch >= 1 else { throw ValidationError("--batch must be at least 1") }
    guard epochs == nil || maxSteps == nil else {
      throw ValidationError("give either --epochs or --max-steps, not both")
    }
    if let epochs, epochs < 1 { throw ValidationError("--epochs must be at least 1") }
    if let maxSteps, maxSteps < 1 { throw ValidationError("--max-steps must be at least 1") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
    guard lr > 0, lr.isFinite else { throw ValidationError("--lr must be a positive number") }
    if let clip, !(clip > 0) { throw ValidationError("--clip must be positive") }
  }

  func run() throws {
    var options = TrainOptions(hidden: hidden)
    options.layers = layers
    options.bidirectional = bidirectional
    options.epochs = epochs
    options.maxSteps = maxSteps
    options.batchSize = batch
    options.learningRate = lr
    options.seed = seed
    options.shuffle = !noShuffle
    options.reduction = lossReduction
    options.reverseTarget = reverseTarget
    options.clipNorm = clip
    options.targetLoss = targetLoss
    options.initFrom = initFrom.map { URL(fileURLWithPath: $0) }
    options.threads = threads
    let job = TrainJob(
      directory: URL(fileURLWithPath: directory), options: options, modelURL: URL(fileURLWithPath: out),
      reportURL: report.map { URL(fileURLWithPath: $0) })
    let log = TrainingLog()
    defer { log.bar.finish() }
    let result = try job.run(onEvent: log.handle)
    log.bar.finish()
    StandardError.write(summary(result))
  }

  private func summary(_ result: TrainResult) -> String {
    let r = result.report
    let c = result.config
    let target = targetLoss.map { t in
      r.reachedTargetAt.map { " (target \(shortNumber(Double(t))) reached at step \($0))" }
        ?? " (target \(shortNumber(Double(t))) not reached)"
    }
    let baseline =
      switch result.meanBaseline {
      case .perFeature: "each feature's train mean"
      case .firstStepApart: "each feature's train mean, step 0 apart (window-differenced)"
      }
    var rows: [(String, String)] = [
      (
        "model",
        "hidden \(c.hidden), \(c.layers) "
          + "layer\(c.layers == 1 ? "" : "s")\(c.bidirectional ? ", bidirectional" : ""), \(c.features) features"
      ),
      ("windows", "train \(result.trainWindows), valid \(result.validWindows)"),
      ("steps", "\(r.steps)" + (target ?? "")),
      ("train mse", shortNumber(r.finalTrainMSE)),
      ("valid mse", r.validMSE.map(shortNumber) ?? "- (no valid windows)"),
      ("mean baseline", shortNumber(r.meanBaselineMSE) + "   predicting " + baseline),
      ("R²", r.r2.map { String(format: "%.3f", $0) } ?? "- (constant data)"),
      ("valid R²", r.validR2.map { String(format: "%.3f", $0) } ?? "- (no valid windows)"),
      (
        "speed",
        String(
          format: "%.3f ms/step, %.1f steps/s, %.0f windows/s (no validation)", r.msPerStep,
          r.msPerStep > 0 ? 1000 / r.msPerStep : 0, r.windowsPerSecond)
      ),
      ("blas", BLASRuntime.summary(blocks: result.blocks)),
      (
        "products",
        ProductKernel.current.summary(batchSize: batch) + (r.gflops.map { String(format: ", %.1f GFLOP/s", $0) } ?? "")
      ),
      ("saved", out),
    ]
    if let report { rows.append(("report", report)) }
    var text = "icews train: \(directory)\n"
    for (label, value) in rows {
      text += "  " + label.padding(toLength: 15, withPad: " ", startingAt: 0) + value + "\n"
    }
    for warning in r.warnings { text += StandardError.wrapped("warning: " + warning) }
    return text
  }
}

/// Per-epoch lines (about 20 at most, so a one-window run of 1000 epochs stays readable) and the TTY bar:
/// training with its epoch, the epoch's running loss and the last valid MSE, then each validation and
/// the final evaluation. Steps/s here and in the summary both count training steps only (no validation).
private final class TrainingLog {
  let bar = ProgressBar()
  private var epochLoss = 0.0
  private var epochSteps = 0
  private var validMSE: Double?

  func handle(_ event: TrainingEvent, _ run: TrainResult) {
    let epochs = max(1, (run.plannedSteps + run.batchesPerEpoch - 1) / max(1, run.batchesPerEpoch))
    switch event {
    case .step(let step, let loss):
      epochLoss += Double(loss)
      epochSteps += 1
      let epoch = min(epochs, (step - 1) / max(1, run.batchesPerEpoch) + 1)
      let metrics =
        ["loss " + shortNumber(epochLoss / Double(epochSteps))] + (validMSE.map { ["valid " + shortNumber($0)] } ?? [])
      bar.update(
        PipelineProgress(stage: "training", done: step, total: run.plannedSteps, unit: "steps"),
        context: "epoch \(epoch)/\(epochs)", metrics: metrics)
    case .evaluating(let pass, let windows):
      switch pass {
      case .validation(let epoch):
        bar.update(
          PipelineProgress(stage: "validating", done: windows, total: run.validWindows, unit: "windows"),
          context: "epoch \(epoch + 1)/\(epochs)")
      case .finalTrain:
        bar.update(PipelineProgress(stage: "evaluating train", done: windows, total: run.trainWindows, unit: "windows"))
      case .finalValid:
        bar.update(PipelineProgress(stage: "evaluating valid", done: windows, total: run.validWindows, unit: "windows"))
      }
    case .epochEnd(let epoch, let trainLoss, let valid, let seconds):
      let steps = epochSteps
      epochLoss = 0
      epochSteps = 0
      validMSE = valid
      let every = max(1, (epochs + 19) / 20)
      guard epoch == 0 || (epoch + 1) % every == 0 || epoch + 1 == epochs else { return }
      bar.finish()
      let digits = String(epochs).count
      var line = String(format: "epoch %\(digits)d/%d  train loss %.4e", epoch + 1, epochs, trainLoss)
      line += valid.map { String(format: "  valid mse %.4e", $0) } ?? ""
      line += String(format: "  %.1f steps/s\n", seconds > 0 ? Double(steps) / seconds : 0)
      StandardError.write(line)
    }
  }
}

/// Four significant digits, for losses and errors.
