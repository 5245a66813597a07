import CLSTMKernels
import COpenBLAS
import Foundation

/// Which kernels OpenBLAS runs and on how many threads, and the correction for its CPU detection.
///
/// OpenBLAS (DYNAMIC_ARCH) picks its kernels from cpuid when the library loads; builds that do not know
/// a CPU fall back to a generic core — seen: "Prescott" (SSE3) on an AVX-512 Xeon, 4× slower sgemm.
/// The core can only be chosen before the library loads, through `OPENBLAS_CORETYPE`, so the CLI
/// restarts itself once with that variable set (`coreTypeToRequest` decides; a user's own setting wins).
public enum BLASRuntime {
  /// The environment variable OpenBLAS reads at load time.
  public static let coreTypeVariable = "OPENBLAS_CORETYPE"
  /// Set by the CLI on its restart to the core OpenBLAS had detected, so reports can say what changed.
  public static let detectedCoreVariable = "ICEWS_BLAS_DETECTED_CORE"

  /// Cores of OpenBLAS without AVX2: on a CPU that has AVX2 or AVX-512 they mean the detection failed.
  public static let genericCores: Set<String> = [
    "Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Katmai", "Coppermine", "Northwood",
    "Banias", "Opteron", "Opteron_SSE3", "Barcelona", "Bobcat", "Unknown", "",
  ]

  /// What the CPU can run.
  public struct CPU: Sendable, Equatable {
    public var avx512: Bool
    public var avx2FMA: Bool

    public init(avx512: Bool, avx2FMA: Bool) {
      self.avx512 = avx512
      self.avx2FMA = avx2FMA
    }

    /// This machine, from cpuid.
    public static var current: CPU { CPU(avx512: icews_cpu_has_avx512() != 0, avx2FMA: icews_cpu_has_avx2_fma() != 0) }

    /// The OpenBLAS core this CPU should run, or nil when nothing better than generic is known.
    public var bestCore: String? { avx512 ? "SkylakeX" : avx2FMA ? "Haswell" : nil }
  }

  /// The core to request with `OPENBLAS_CORETYPE` before OpenBLAS loads, or nil to leave it: the user
  /// set the variable (their choice wins), the detected core is not generic, or the CPU has nothing better.
  public static func coreTypeToRequest(detected: String, cpu: CPU, userSetting: String?) -> String? {
    if let userSetting, !userSetting.isEmpty { return nil }
    guard genericCores.contains(detected), let best = cpu.bestCore else { return nil }
    return best
  }

  /// The core OpenBLAS is running (`openblas_get_corename`).
  public static var coreName: String { String(cString: openblas_get_corename()) }

  /// The threads OpenBLAS runs a product on.
  public static var threads: Int { Int(openblas_get_num_threads()) }

  /// Sets the threads of every later product (at least 1).
  public static func setThreads(_ n: Int) { openblas_set_num_threads(Int32(max(1, n))) }

  /// The core OpenBLAS had detected when the CLI replaced it, or nil when it runs its own choice.
  public static var replacedCore: String? {
    ProcessInfo.processInfo.environment[detectedCoreVariable].flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A warning when the running core is generic on a CPU that could do better, saying what to set.
  public static func genericCoreWarning(core: String, cpu: CPU) -> String? {
    guard genericCores.contains(core), let best = cpu.bestCore else { return nil }
    return "OpenBLAS runs its generic '\(core)' kernels on a CPU with \(cpu.avx512 ? "AVX-512" : "AVX2"): "
      + "matrix products are several times slower than they should be; run with \(coreTypeVariable)=\(best)"
  }

  /// OpenBLAS 0.3.21 cores whose sgemm runs AVX-512.
  public static let avx512Cores: Set<String> = ["SkylakeX", "Cooperlake", "SapphireRapids"]

  /// A warning when the user's own `OPENBLAS_CORETYPE` holds OpenBLAS below what the CPU runs: a generic
  /// core on an AVX2 or AVX-512 CPU, or an AVX2 core on an AVX-512 one. The setting is kept (it may be
  /// there for a reason); the warning says what it costs and how to let icews choose.
  public static func pinnedCoreWarning(core: String, userSetting: String?, cpu: CPU) -> String? {
    guard let userSetting, !userSetting.isEmpty, let best = cpu.bestCore else { return nil }
    guard genericCores.contains(core) || (cpu.avx512 && !avx512Cores.contains(core)) else { return nil }
    return "\(coreTypeVariable)=\(userSetting) in the environment keeps OpenBLAS on its '\(core)' kernels on a CPU "
      + "with \(cpu.avx512 ? "AVX-512" : "AVX2"), so matrix products run slower than this CPU can; icews keeps "
      + "your setting: unset it to let OpenBLAS and icews choose, or set \(coreTypeVariable)=\(best)"
  }

  /// Ends OpenBLAS's pool threads and reports whether it could. The pthreads build starts them when the
  /// library loads, and an idle one spins in `sched_yield` for a while before it sleeps: in a command
  /// that never multiplies a matrix (`icews run` on 2 cores) that was about a tenth of the reading
  /// stage's CPU time. OpenBLAS starts the pool again by itself at the first product that wants
  /// threads. `blas_thread_shutdown_` is what OpenBLAS's own fork handler calls; it is looked up at
  /// run time, so a build without it (OpenMP) simply keeps its threads.
  @discardableResult
  public static func stopIdleThreads() -> Bool {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "blas_thread_shutdown_") else { return false }
    typealias Shutdown = @convention(c) () -> Int32
    _ = unsafeBitCast(symbol, to: Shutdown.self)()
    return true
  }

  /// One line for summaries: `SkylakeX (set by icews; OpenBLAS detected Prescott), 2 threads`, or with
  /// `blocks` > 1 `…, 2 threads (batch split in 2, 1 BLAS thread each)`.
  public static func summary(blocks: Int = 1) -> String {
    let core = coreName
    let replaced = replacedCore.map { " (set by icews; OpenBLAS detected \($0))" } ?? ""
    let used = blocks > 1 ? blocks : threads
    let split = blocks > 1 ? " (batch split in \(blocks), \(threads) BLAS thread\(threads == 1 ? "" : "s") each)" : ""
    return "\(core)\(replaced), \(used) thread\(used == 1 ? "" : "s")\(split)"
  }
}
