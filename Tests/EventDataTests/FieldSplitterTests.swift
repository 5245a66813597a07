@testable import EventData
import Testing

/// Unquoted lines split exactly like a plain split on tabs: blanks, quotes and bare CRs are content.
@Test func unquotedFieldsAreExactForAnyBytes() {
  let alphabet: [[UInt8]] = [[0x61], [0x20], [0x09], [0x0D], [0x22], [0xC3, 0xA9], [0x2C]]
  var state: UInt64 = 42
  func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: state >> 33)
  }
  let splitter = FieldSplitter(quoted: false)
  for _ in 0..<3000 {
    var line: [UInt8] = []
    for _ in 0..<(next() % 40) { line += alphabet[next() % alphabet.count] }
    let expected = line.split(separator: 0x09, omittingEmptySubsequences: false).map { Array($0) }
    line.withUnsafeBytes { raw in
      #expect(splitter.split(raw))
      let got = (0..<splitter.count).map { Array(splitter.field($0)) }
      #expect(got == expected, "\(line)")
    }
  }
}

@Test func quotedFieldsLoseTheirQuotesOnly() {
  let splitter = FieldSplitter(quoted: true)
  let line = Array("\"a, b\"\t\"say \"\"hi\"\"\"\t 3 \t\"\"\t".utf8)
  line.withUnsafeBytes { raw in
    #expect(splitter.split(raw))
    let got = (0..<splitter.count).map { String(decoding: splitter.field($0), as: UTF8.self) }
    #expect(got == ["a, b", "say \"hi\"", " 3 ", "", ""])
  }
}
