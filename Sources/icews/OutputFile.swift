import Foundation
import Pipeline

/// Writes a command's output file atomically; a failure names the file and what to check instead of
/// printing Foundation's raw error dictionary.
func writeOutput(_ data: Data, to path: String, what: String) throws {
  do {
    try data.write(to: URL(fileURLWithPath: path), options: .atomic)
  } catch {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent().path
    var isFolder: ObjCBool = false
    let reason =
      FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue
      ? "it is a folder; give a file name"
      : !FileManager.default.fileExists(atPath: folder) ? "folder \(folder) does not exist" : error.localizedDescription
    throw PipelineError(
      .writeFailed, file: path, "cannot write \(what): \(reason)")
  }
}
