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

/// The tab split that lines without a quote take gives libcsv's fields exactly: empty fields,
/// leading and trailing tabs, blanks, CRs, long lines (many fields), and for the unquoted layout
/// also quotes, which are content there.
@Test func fastSplitEqualsLibCSV() {
  let alphabet: [[UInt8]] = [
    [0x61], [0x20], [0x09], [0x09, 0x09], [0x0D], [0x22], [0xC3, 0xA9], [0x2C], Array("NULL".utf8), [0x30],
  ]
  var state: UInt64 = 7
  func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: state >> 33)
  }
  var lines: [[UInt8]] = [
    [], [0x09], [0x09, 0x09], Array("a\t".utf8), Array("\ta".utf8), Array("a\tb\r".utf8), Array("\r\t\r".utf8),
    Array(" a \t b ".utf8), Array("\"a\tb\"\tc".utf8), Array("12345678\t12345678\t".utf8),
    [UInt8](repeating: 0x09, count: 200), Array(repeating: Array("x\t".utf8), count: 300).flatMap { $0 },
  ]
  for _ in 0..<4000 {
    var line: [UInt8] = []
    for _ in 0..<(next() % 60) { line += alphabet[next() % alphabet.count] }
    lines.append(line)
  }
  for quoted in [false, true] {
    let fast = FieldSplitter(quoted: quoted)
    let reference = FieldSplitter(quoted: quoted)
    for line in lines where !quoted || !line.contains(0x22) {
      line.withUnsafeBytes { raw in
        #expect(fast.split(raw) == reference.splitWithLibCSV(raw))
        let got = (0..<fast.count).map { Array(fast.field($0)) }
        let expected = (0..<reference.count).map { Array(reference.field($0)) }
        #expect(got == expected, "quoted \(quoted): \(line)")
      }
    }
  }
}

/// A quoted layout still sends a line with a quote through libcsv, mixed with fast lines.
@Test func quotedLinesAfterFastLinesKeepTheirQuotingRules() {
  let splitter = FieldSplitter(quoted: true)
  for text in ["a\tb", "\"x\ty\"\tz", "c\t\td", "\"open\tq"] {
    Array(text.utf8).withUnsafeBytes { raw in
      let ok = splitter.split(raw)
      let got = (0..<splitter.count).map { String(decoding: splitter.field($0), as: UTF8.self) }
      switch text {
      case "a\tb": #expect(ok && got == ["a", "b"])
      case "c\t\td": #expect(ok && got == ["c", "", "d"])
      case "\"x\ty\"\tz": #expect(ok && got == ["x\ty", "z"])
      default: #expect(!ok)
      }
    }
  }
}

/// Both passes of `CFieldScan` (AVX2 and SSE2) find every delimiter, tabs or commas, at every
/// length around their 16- and 32-byte blocks and at every offset of the bytes they read, and say
/// exactly when a line holds a byte outside ASCII.
@Test(arguments: [true, false])
func bothScanPassesSplitOnEveryDelimiterAndSeeNonASCII(allowsAVX2: Bool) {
  let alphabet: [UInt8] = [0x61, 0x20, 0x09, 0x2C, 0x0D, 0x22, 0xC3, 0xA9, 0x80, 0x7F, 0x00]
  var state: UInt64 = 11
  func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: state >> 33)
  }
  for delimiter: UInt8 in [0x09, 0x2C] {
    let splitter = FieldSplitter(quoted: false, delimiter: delimiter, allowsAVX2: allowsAVX2)
    for length in 0..<100 {
      for _ in 0..<20 {
        // Bytes before and after the line: the scan must not read them as the line's.
        var bytes = [UInt8](repeating: delimiter, count: 40)
        let offset = next() % 33
        for i in 0..<length { bytes.insert(alphabet[next() % alphabet.count], at: offset + i) }
        let line = Array(bytes[offset..<(offset + length)])
        let expected = line.split(separator: delimiter, omittingEmptySubsequences: false).map { Array($0) }
        bytes.withUnsafeBytes { raw in
          let window = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + length)])
          #expect(splitter.split(window))
          let got = (0..<splitter.count).map { Array(splitter.field($0)) }
          #expect(got == expected, "\(line)")
          #expect(splitter.lineIsASCII == !line.contains { $0 >= 0x80 }, "\(line)")
        }
      }
    }
  }
}
