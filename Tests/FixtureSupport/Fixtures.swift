import Foundation

/// Locates files of the repository's `Fixtures/` folder and gives tests scratch folders.
public enum Fixtures {
  /// The repository root, found from this source file's path (tests run from a clone).
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `Fixtures/<relative>`.
  public static func url(_ relative: String) -> URL {
    root.appendingPathComponent("Fixtures").appendingPathComponent(relative)
  }

  /// A fresh, empty temporary directory for one test.
  public static func temporaryDirectory(_ label: String = "test") throws -> URL {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("icews-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }

  /// The `icews` executable built next to the test bundle.
  public static var icewsExecutable: URL {
    let bundleDir = Bundle.main.bundleURL
    let candidates = [
      bundleDir.appendingPathComponent("icews"),
      bundleDir.deletingLastPathComponent().appendingPathComponent("icews"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }
}
