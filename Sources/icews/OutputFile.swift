import Foundation
import Pipeline
import Support

/// Writes a command's output file (atomically, or in place for a device such as /dev/null); a failure
/// names the file and what to check instead of printing Foundation's raw error dictionary.
func writeOutput(_ data: Data, to path: String, what: String) throws {
  do {
    try UserOutputFile.write(data, to: path)
  } catch {
    throw PipelineError(.writeFailed, file: path, "cannot write \(what): \(outputFileProblem(path, error))")
  }
}

/// Why an output file cannot be written, in words (Foundation's own text on Linux is often only
/// "The operation could not be completed").
func outputFileProblem(_ path: String, _ error: (any Error)?) -> String {
  let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
  var isFolder: ObjCBool = false
  if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue {
    return "it is a folder; give a file name"
  }
  if !FileManager.default.fileExists(atPath: folder) { return "folder \(folder) does not exist" }
  if !FileManager.default.isWritableFile(atPath: folder) { return "folder \(folder) is not writable" }
  if let failure = error as? UserOutputFile.Failure { return failure.reason }
  return error.map { PlainErrorText.fileSystem($0) } ?? "check the path and its permissions"
}

/// Fails early, naming the path, when an output folder option (`--out`) points at an existing
/// non-folder; otherwise the job would stop later with Foundation's opaque "error 512".
func requireOutputFolder(_ path: String) throws {
  var isFolder: ObjCBool = false
  guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { return }
  throw PipelineError(
    .writeFailed, file: path,
    "exists and is not a folder; --out takes a folder: give a new or existing folder path, or remove that file")
}
