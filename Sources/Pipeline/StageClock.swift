import Foundation

/// `ICEWS_PROFILE=1`: the wall time of each stage of a job on stderr when the stage ends, with the
/// process's CPU time over it (`profile: reading events 1.234 s, cpu 2.345 s = 1.90 cores`), to see
/// where a run's time goes, and where cores wait, without a profiler.
final class StageClock {
  private var stage: String?
  private var started = DispatchTime.now()
  private var startedCPU = StageClock.cpuSeconds()
  private let jobStarted = DispatchTime.now()
  private let jobStartedCPU = StageClock.cpuSeconds()

  static func fromEnvironment() -> StageClock? {
    ProcessInfo.processInfo.environment["ICEWS_PROFILE"].map { $0 != "" && $0 != "0" } == true ? StageClock() : nil
  }

  /// Called with every progress event; a new stage name closes the previous stage.
  func observe(_ name: String) {
    guard name != stage else { return }
    close()
    stage = name
    started = DispatchTime.now()
    startedCPU = StageClock.cpuSeconds()
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
    let cpu = StageClock.cpuSeconds() - startCPU
    let line = String(
      format: "profile: %@ %.3f s, cpu %.3f s = %.2f cores\n", name, seconds, cpu, cpu / max(seconds, 1e-9))
    FileHandle.standardError.write(Data(line.utf8))
  }

  /// User and system time of every thread of the process so far.
  private static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }
}
