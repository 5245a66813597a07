import Autoencoder
import Foundation

/// `ICEWS_PROFILE=1`: the wall time of each stage of a job on stderr when the stage ends, with the
/// process's CPU time over it (`profile: reading events 1.234 s, cpu 2.345 s = 1.90 cores`), to see
/// where a run's time goes, and where cores wait, without a profiler.
final class StageClock {
  private var stage: String?
  private var started = DispatchTime.now()
  private var startedCPU = processCPUSeconds()
  private let jobStarted = DispatchTime.now()
  private let jobStartedCPU = processCPUSeconds()

  static func fromEnvironment() -> StageClock? {
    ProcessInfo.processInfo.environment["ICEWS_PROFILE"].map { $0 != "" && $0 != "0" } == true ? StageClock() : nil
  }

  /// Called with every progress event; a new stage name closes the previous stage.
  func observe(_ name: String) {
    guard name != stage else { return }
    close()
    stage = name
    started = DispatchTime.now()
    startedCPU = processCPUSeconds()
  }

  /// Closes the last stage (what follows it, e.g. the commit, is counted in it) and prints the total.
  func finish() {
    close()
    report("total", since: jobStarted, cpu: jobStartedCPU)
  }

  private func close() {
    if let stage { report(stage, since: started, cpu: startedCPU) }
    stage = nil
  }

  private func report(_ name: String, since start: DispatchTime, cpu startCPU: Double) {
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    let cpu = processCPUSeconds() - startCPU
    let line = String(
      format: "profile: %@ %.3f s, cpu %.3f s = %.2f cores\n", name, seconds, cpu, cpu / max(seconds, 1e-9))
    FileHandle.standardError.write(Data(line.utf8))
  }
}
