@testable import EventData
import Testing

/// Plain decimals with 0 to 22 fraction digits (the fast path's exact powers of ten) read as
/// Swift's own parse of the same text, correctly rounded.
@Test func decimalsWithEveryFractionLengthReadAsSwiftParsesThem() {
  var state: UInt64 = 3
  func next() -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: state >> 33)
  }
  for fraction in 0...22 {
    for _ in 0..<50 {
      let whole = String(next() % 1000)
      let digits = String((0..<fraction).map { _ in Character(String(next() % 10)) })
      let sign = ["", "-", "+"][next() % 3]
      let text = fraction == 0 ? sign + whole : sign + String(whole.prefix(15 - min(fraction, 14))) + "." + digits
      let expected = Double(text)
      let got = Array(text.utf8).withUnsafeBytes { ByteParsing.decimal($0) }
      #expect(got == expected, "\(text)")
    }
  }
}

/// What is not a plain decimal is nil (exponents, blanks, signs alone, a second point); 19 digits
/// and more take Swift's parse.
@Test func onlyPlainDecimalsAreNumbers() {
  func decimal(_ text: String) -> Double? { Array(text.utf8).withUnsafeBytes { ByteParsing.decimal($0) } }
  for text in ["", "-", "+", ".", "-.", "1.2.3", "1e5", "nan", "inf", " 1", "1 ", "+-1", "--1", "1,5", "0x10", "١"] {
    #expect(decimal(text) == nil, "\(text)")
  }
  for text in [
    ".5", "5.", "-0", "+1.5", "007", "1234567890123456789", "-12345678901234567890.5", "0.00000000000000000000001",
  ] {
    #expect(decimal(text) == Double(text), "\(text)")
  }
}

/// `isDecimal` answers exactly whether `decimal` gives a number, on the cases above and on every
/// string of up to four characters over a small alphabet, and past 18 digits.
@Test func isDecimalAgreesWithDecimal() {
  func agree(_ text: String) -> Bool {
    Array(text.utf8).withUnsafeBytes { (ByteParsing.decimal($0) != nil) == ByteParsing.isDecimal($0) }
  }
  let alphabet: [String] = ["0", "7", ".", "-", "+", "e", " ", "x"]
  var texts = [""]
  for _ in 0..<4 { texts += texts.flatMap { t in alphabet.map { t + $0 } } }
  for text in Set(texts) { #expect(agree(text), "\(text)") }
  for text in [
    "1234567890123456789", "1234567890123456789e5", "-12345678901234567890.5", "123456789012345678.9x",
    "0.00000000000000000000001", "1.2.3", "١", "12345678901234567890123",
  ] {
    #expect(agree(text), "\(text)")
  }
}
