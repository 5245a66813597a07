import Foundation

/// `ICEWS_PROFILE=1`: the wall time of each stage of a job on stderr when the stage ends
/// (`profile: reading events 1.234 s`), to see where a run's time goes without a profiler.
final class StageClock {
  private var stage: String?
  private var started = DispatchTime.now()
  private let jobStarted = DispatchTime.now()

  static func fromEnvironment() -> StageClock? {
    ProcessInfo.processInfo.environment["ICEWS_PROFILE"].map { $0 != "" && $0 != "0" } == true ? StageClock() : nil
  }

  /// Called with every progress event; a new stage name closes the previous stage.
  func observe(_ name: String) {
    guard name != stage else { return }
    close()
    stage = name
    started = DispatchTime.now()
  }

  /// Closes the last stage (what follows it, e.g. the commit, is counted in it) and prints the total.
  func finish() {
    close()
    report("total", since: jobStarted)
  }

  private func close() {
    if let stage { report(stage, since: started) }
    stage = nil
  }

  private func report(_ name: String, since start: DispatchTime) {
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
    FileHandle.standardError.write(Data("profile: \(name) \(String(format: "%.3f", seconds)) s\n".utf8))
  }
}
