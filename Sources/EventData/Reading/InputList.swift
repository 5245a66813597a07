import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Expands `--input` values: a folder is its files, a glob pattern (`*`, `?`, `[`) its matches,
/// each in byte order of path, which is date order for GDELT (`20240101.export.CSV.zip`) and
/// POLECAT (`ngecEvents.20230103…`) names. Files, `-` and everything else stay as given.
public enum InputList {
  public static func expand(_ inputs: [String]) throws -> [String] {
    var out: [String] = []
    for input in inputs {
      var isFolder: ObjCBool = false
      if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isFolder), isFolder.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: input).filter { !$0.hasPrefix(".") }
        let paths = names.map { (input as NSString).appendingPathComponent($0) }.filter { path in
          var folder: ObjCBool = false
          return FileManager.default.fileExists(atPath: path, isDirectory: &folder) && !folder.boolValue
        }
        guard !paths.isEmpty else {
          throw EventReadError(.unreadable, file: input, reason: "folder holds no files")
        }
        out += paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
      } else if input != "-", !FileManager.default.fileExists(atPath: input),
        input.contains(where: { "*?[".contains($0) })
      {
        out += try matches(of: input)
      } else {
        out.append(input)
      }
    }
    return out
  }

  private static func matches(of pattern: String) throws -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard glob(pattern, 0, nil, &result) == 0 else {
      throw EventReadError(.unreadable, file: pattern, reason: "no file matches this pattern")
    }
    var paths: [String] = []
    for i in 0..<Int(result.gl_pathc) {
      if let p = result.gl_pathv[i] { paths.append(String(cString: p)) }
    }
    return paths.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }
}
