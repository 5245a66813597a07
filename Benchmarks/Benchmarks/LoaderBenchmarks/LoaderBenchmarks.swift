import Benchmark
import Foundation
import Loader

/// One epoch of the train split through `WindowLoader`, in process: the number to set next to
/// `Scripts/peers/numpy_loader.py` (docs/ARCHITECTURE.md, performance targets: ≥ 2 GB/s of decoded
/// float windows on one core).
/// Needs shards written by `icews run`: `ICEWS_BENCH_SHARDS=DIR`; without it nothing is registered.
let benchmarks: @Sendable () -> Void = {
  guard let path = ProcessInfo.processInfo.environment["ICEWS_BENCH_SHARDS"] else {
    print("LoaderBenchmarks: set ICEWS_BENCH_SHARDS to a directory written by `icews run` to run these")
    return
  }
  let directory = URL(fileURLWithPath: path)
  let decodedRate = BenchmarkMetric.custom("decoded MB/s", polarity: .prefersLarger, useScalingFactor: false)
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal, decodedRate],
    warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 5)

  for (label, shuffle, prefetch) in [("in order", false, 2), ("shuffled", true, 2), ("shuffled, no prefetch", true, 0)]
  {
    Benchmark("train epoch, batch 64, \(label)") { benchmark in
      let options = LoaderOptions(batchSize: 64, shuffle: shuffle, seed: 0, prefetchDepth: prefetch)
      let loader = try WindowLoader(directory: directory, split: "train", options: options)
      var floats = 0
      let clock = ContinuousClock()
      let began = clock.now
      benchmark.startMeasurement()
      try loader.forEachBatch { batch in
        floats += batch.windows.count
        blackHole(batch.windows.last)
      }
      benchmark.stopMeasurement()
      let seconds = (clock.now - began) / .seconds(1)
      benchmark.measurement(decodedRate, Int(Double(floats * 4) / seconds / 1e6))
    }
  }
}
