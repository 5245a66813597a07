import Foundation

/// The whole text of a small input table (scores, episodes); a file that cannot be read or is not
/// UTF-8 is an error naming it, not Foundation's raw error dictionary.
func readInputText(_ path: String, what: String) throws -> String {
  let data: Data
  do {
    data = try Data(contentsOf: URL(fileURLWithPath: path))
  } catch {
    let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
    throw PipelineError(.badInput, file: path, "\(what) \(reason); check the path")
  }
  guard let text = String(data: data, encoding: .utf8) else {
    throw PipelineError(.badInput, file: path, "\(what) is not UTF-8 text")
  }
  return text
}
