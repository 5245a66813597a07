import Autoencoder
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Restarts the CLI once with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to a generic core on a
/// CPU with AVX2 or AVX-512 (see `BLASRuntime`): the variable is only read when the library loads.
/// A user's own `OPENBLAS_CORETYPE` is never overridden; the restart costs about a millisecond.
enum BLASCoreSelection {
  static func restartIfNeeded() {
    let environment = ProcessInfo.processInfo.environment
    guard environment[BLASRuntime.detectedCoreVariable] == nil else { return }
    let detected = BLASRuntime.coreName
    guard
      let core = BLASRuntime.coreTypeToRequest(
        detected: detected, cpu: .current, userSetting: environment[BLASRuntime.coreTypeVariable])
    else { return }
    setenv(BLASRuntime.coreTypeVariable, core, 1)
    setenv(BLASRuntime.detectedCoreVariable, detected, 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // The restart failed: go on with the detected core; `icews train` warns about it.
    unsetenv(BLASRuntime.coreTypeVariable)
    unsetenv(BLASRuntime.detectedCoreVariable)
  }
}
