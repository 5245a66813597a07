import FixtureSupport
import Foundation
import Support
import Testing

/// Foundation's errors reach people as their system reason, never as a domain and code.
@Test func fileSystemErrorsAreToldAsTheirSystemReason() throws {
  let file = try Fixtures.temporaryDirectory("plain-error").appendingPathComponent("a-file")
  try Data("x".utf8).write(to: file)
  let underFile = file.appendingPathComponent("child")
  let create = try #require(throws: (any Error).self) {
    try FileManager.default.createDirectory(at: underFile, withIntermediateDirectories: true)
  }
  let write = try #require(throws: (any Error).self) { try Data("y".utf8).write(to: underFile) }
  for error in [create, write] {
    let text = PlainErrorText.fileSystem(error)
    #expect(text == "Not a directory" || text == "File exists", "\(text) from \(error)")
  }
  let missing = try #require(throws: (any Error).self) {
    try Data(contentsOf: file.deletingLastPathComponent().appendingPathComponent("none"))
  }
  #expect(PlainErrorText.fileSystem(missing) == "No such file or directory")
  #expect(
    PlainErrorText.fileSystem(EncodingError.invalidValue(Double.nan, .init(codingPath: [], debugDescription: "")))
      .contains("not a finite number"))
}

@Test func decodingErrorsNameTheFieldAndWhatWasExpected() throws {
  struct Inner: Decodable { var windows: Int }
  struct Outer: Decodable { var splits: [String: Inner]; var name: String }
  func text(_ json: String) -> String {
    let decoded = Result { try JSONDecoder().decode(Outer.self, from: Data(json.utf8)) }
    guard case .failure(let error) = decoded else { return "decoded" }
    return PlainErrorText.decoding(error)
  }
  let wrongType = #"{"splits": {"train": {"windows": "x"}}, "name": "a"}"#
  #expect(text(wrongType) == "field splits.train.windows: expected an integer")
  #expect(text(#"{"splits": {}}"#) == "field name: missing")
  #expect(text(#"{"splits": {}, "name": null}"#) == "field name: is null, expected a string")
  #expect(text("{ not json") == "not valid JSON")
}
