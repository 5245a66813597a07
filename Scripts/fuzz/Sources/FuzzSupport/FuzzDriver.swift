import CFuzzerDriver
import Foundation

/// Runs libFuzzer with this process's arguments, calling `body` with each input; returns its exit code.
/// SwiftPM gives every executable its own `main`, so the targets call libFuzzer's driver from there.
public func runFuzzer(_ body: @escaping @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Never {
  var argc = CommandLine.argc
  var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
  let code = LLVMFuzzerRunDriver(&argc, &argv, body)
  exit(code)
}
