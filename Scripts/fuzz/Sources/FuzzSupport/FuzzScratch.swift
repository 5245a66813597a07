import Foundation

/// A per-process scratch folder where each fuzz input is written as a file, for readers that take a
/// path. Scripts/fuzz/fuzz.sh points `ICEWS_FUZZ_SCRATCH` at a folder it removes afterwards.
public enum FuzzScratch {
  public static let directory: URL = {
    let base = ProcessInfo.processInfo.environment["ICEWS_FUZZ_SCRATCH"] ?? NSTemporaryDirectory()
    let url = URL(fileURLWithPath: base).appendingPathComponent("icews-fuzz-\(getpid())")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }()

  /// Writes `bytes` to `name` inside the scratch folder (replacing it) and returns its URL.
  public static func write(_ bytes: UnsafeRawBufferPointer, as name: String) -> URL {
    let url = directory.appendingPathComponent(name)
    let data = bytes.count == 0 ? Data() : Data(bytes: bytes.baseAddress!, count: bytes.count)
    do { try data.write(to: url) } catch { fatalError("cannot write the fuzz input to \(url.path): \(error)") }
    return url
  }

  /// `Fixtures/fuzz` of the repository (`ICEWS_FUZZ_FIXTURES`), for targets that need real files beside the input.
  public static var fixtures: URL {
    guard let path = ProcessInfo.processInfo.environment["ICEWS_FUZZ_FIXTURES"] else {
      fatalError("set ICEWS_FUZZ_FIXTURES to the repository's Fixtures/fuzz folder (Scripts/fuzz/fuzz.sh does)")
    }
    return URL(fileURLWithPath: path)
  }
}

/// The fuzzer's input as a raw buffer.
public func fuzzInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeRawBufferPointer {
  guard let data, size > 0 else { return UnsafeRawBufferPointer(start: nil, count: 0) }
  return UnsafeRawBufferPointer(start: data, count: size)
}
