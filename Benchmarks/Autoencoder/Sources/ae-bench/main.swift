import Autoencoder
import Foundation

/// ae-bench seed-table | timing [steps] | parity — release-mode measurements for docs/AUTOENCODER.md.

let arguments = CommandLine.arguments.dropFirst()
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// The 14×5 seed window, optionally window-differenced (first row kept, later rows x[t] − x[t−1]).
func seedWindow(differenced: Bool) throws -> [Float] {
  let text = try String(contentsOf: root.appendingPathComponent("Fixtures/seed-sequence.csv"), encoding: .utf8)
  let x = text.split(whereSeparator: \.isNewline).dropFirst().flatMap {
    $0.split(separator: ",").compactMap { Float(String($0)) }
  }
  guard differenced else { return x }
  var d = x
  for t in 1..<14 { for f in 0..<5 { d[t * 5 + f] = x[t * 5 + f] - x[(t - 1) * 5 + f] } }
  return d
}

func seedTable() throws {
  print("| hidden | differencing | seed | reached 1e-4 at step | final loss | R² | mean-collapse warning |")
  print("|---|---|---|---|---|---|---|")
  for hidden in [100, 5] {
    for differenced in [true, false] {
      for seed in 0..<5 {
        let source = try WindowArray(windows: try seedWindow(differenced: differenced), windowLength: 14, features: 5)
        let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 5, hidden: hidden), seed: UInt64(seed))
        let settings = TrainingSettings(
          batchSize: 1, maxSteps: 1000, adam: AdamSettings(learningRate: 1e-3), targetLoss: 1e-4)
        let report = try Trainer(model: model, settings: settings).train(source)
        let collapse = report.warnings.contains { $0.contains("mean collapse") }
        print(
          "| \(hidden) | \(differenced ? "window" : "none") | \(seed) | "
            + "\(report.reachedTargetAt.map(String.init) ?? "never (1000)") | "
            + String(format: "%.2e", report.lossTrace.last ?? .nan) + " | "
            + String(format: "%.3f", report.r2 ?? .nan) + " | \(collapse ? "yes" : "no") |")
      }
    }
  }
}

/// Matrix FLOPs of one training step of the 1-layer unidirectional model (forward + backward), as the
/// module computes it: the decoder's feedback folded into W_c = W_hh + W_ih·W_d, the head over all steps.
func flopsPerStep(b: Int, t: Int, f: Int, h: Int) -> Double {
  let g = 4 * h
  let rows = b * t
  let decoderRows = b * (t - 1)
  // x·W_ihᵀ for all steps ; dW_ih ; per step h₋·W_hhᵀ, dW_hh, dh₋ = dz·W_hh, none for the zero initial state
  let encoder = 2 * rows * f * g * 2 + 2 * (rows - b) * h * g * 3
  // fold W_ih·W_d ; h·W_cᵀ per step ; head forward and ∂h = dℓ·W_d ; dh₋ = dz·W_c ; dW_hh ;
  // dW_ih = G·W_dᵀ ; dW_d = dℓᵀ·h + W_ihᵀ·G
  let decoder =
    2 * g * f * h + 2 * decoderRows * h * g + 2 * 2 * rows * h * f + 2 * decoderRows * g * h
    + 2 * decoderRows * g * h + 2 * g * h * f + 2 * rows * f * h + 2 * f * g * h
  return Double(encoder + decoder)
}

/// The 1/5/15-minute load averages, to record how busy the shared machine was.
func loadAverage() -> String {
  ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(
    separator: " ")
}

func timing(steps: Int) throws {
  print("OpenBLAS threads: \(blasThreadCount()), load average \(loadAverage())")
  let peak = sgemmThroughput(size: 1024)
  print(
    "machine sgemm 1024³: \(String(format: "%.1f", peak.wall)) GFLOP/s wall, \(String(format: "%.1f", peak.cpu)) "
      + "GFLOP/s cpu"
  )
  let cases = [(1, 14, 5, 100, steps * 10), (64, 14, 274, 300, steps)]
  let only = ProcessInfo.processInfo.environment["AE_BENCH_CASE"].flatMap(Int.init)
  for (k, (b, t, f, h, n)) in cases.enumerated() where only == nil || only == k {
    var rng = SeededGenerator(seed: 1)
    let x = (0..<(b * t * f)).map { _ in rng.uniform(1) }
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: f, hidden: h), seed: 0)
    let adam = AdamOptimizer(model: model)
    func step() throws {
      try x.withUnsafeBufferPointer { _ = try model.forward($0, batchSize: b, length: t) }
      model.backward()
      adam.step()
    }
    for _ in 0..<max(3, n / 10) { try step() }
    let clock = ContinuousClock()
    let start = clock.now
    let cpuStart = processCPUSeconds()
    for _ in 0..<n { try step() }
    let cpu = (processCPUSeconds() - cpuStart) / Double(n)
    let s = seconds(clock.now - start) / Double(n)
    let flops = flopsPerStep(b: b, t: t, f: f, h: h)
    print(
      "B\(b) T\(t) F\(f) H\(h): \(String(format: "%.3f", s * 1000)) ms/step, "
        + "\(String(format: "%.1f", flops / s / 1e9)) GFLOP/s; "
        + "cpu \(String(format: "%.3f", cpu * 1000)) ms/step, \(String(format: "%.1f", flops / cpu / 1e9)) GFLOP/s "
        + "(\(n) steps)"
    )
    print("load average \(loadAverage())")
  }
}

/// Trains hidden 100 on the raw seed window for 200 steps, saves a checkpoint and prints its loss,
/// for `Scripts/peers/torch_lstm_ae.py --load` to reproduce in PyTorch.
func exportCheckpoint(_ path: String) throws {
  let x = try seedWindow(differenced: false)
  let source = try WindowArray(windows: x, windowLength: 14, features: 5)
  let model = try LSTMAutoencoder(config: AutoencoderConfig(features: 5, hidden: 100), seed: 0)
  _ = try Trainer(model: model, settings: TrainingSettings(batchSize: 1, maxSteps: 200)).train(source)
  try Checkpoint.save(model, to: URL(fileURLWithPath: path))
  let loss = try x.withUnsafeBufferPointer { try model.forward($0, batchSize: 1, length: 14) }
  print("{\"loss\": \(loss)}")
}

/// Nested JSON number arrays flattened in row-major order.
func flatten(_ value: Any) -> [Float] {
  if let array = value as? [Any] { return array.flatMap(flatten) }
  return [Float((value as? Double) ?? Double((value as? Int) ?? 0))]
}

/// max|Δ| / max|expected| of one tensor.
func relativeError(_ actual: [Float], _ expected: [Float]) -> Double {
  let scale = expected.map { abs(Double($0)) }.max() ?? 0
  let worst = zip(actual, expected).map { abs(Double($0) - Double($1)) }.max() ?? 0
  return worst / max(scale, 1e-30)
}

/// For each golden case (PyTorch float64): the relative error of the output, the loss and the worst gradient,
/// the numbers behind "without losing exactness" when the kernels change.
func parity() throws {
  for name in ["tiny", "tiny_sum_reverse", "seed_h100"] {
    let data = try Data(contentsOf: root.appendingPathComponent("Fixtures/golden/lstm_ae_\(name).json"))
    let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let c = json["config"] as! [String: Any]
    let config = AutoencoderConfig(
      features: c["features"] as! Int, hidden: c["hidden"] as! Int,
      reduction: LossReduction(rawValue: c["reduction"] as! String)!, reverseTarget: c["reverse_target"] as! Bool)
    let model = try LSTMAutoencoder(config: config)
    for (tensor, values) in json["params"] as! [String: Any] { try model.setParameter(tensor, flatten(values)) }
    let input = flatten(json["input"]!)
    let loss = try input.withUnsafeBufferPointer {
      try model.forward($0, batchSize: c["batch"] as! Int, length: c["seq_len"] as! Int)
    }
    model.backward()
    let expectedLoss = json["loss"] as! Double
    var worst = (name: "", error: 0.0)
    for (tensor, values) in json["grads"] as! [String: Any] {
      let e = relativeError(model.gradient(tensor)!, flatten(values))
      if e > worst.error { worst = (tensor, e) }
    }
    print(
      "\(name): output \(String(format: "%.1e", relativeError(model.lastOutput(), flatten(json["output"]!)))), loss "
        + String(format: "%.1e", abs(Double(loss) - expectedLoss) / expectedLoss)
        + ", worst gradient \(String(format: "%.1e", worst.error)) (\(worst.name))")
  }
}

switch arguments.first {
case "parity": try parity()
case "export-checkpoint": try exportCheckpoint(arguments.dropFirst().first ?? "seed-h100.safetensors")
case "seed-table": try seedTable()
case "timing":
  let steps = arguments.dropFirst().first.flatMap(Int.init) ?? 50
  try timing(steps: steps)
default:
  print("usage: ae-bench seed-table | timing [steps] | parity | export-checkpoint PATH")
}
