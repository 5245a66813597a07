import Support

/// Field-level parsing on raw bytes: dates, decimal numbers, UTF-8 validity, sector splitting.
enum ByteParsing {
  /// `YYYY-MM-DD`, exactly ten bytes.
  static func isoDay(_ f: UnsafeRawBufferPointer) -> Day? {
    guard f.count == 10, f[4] == 0x2D, f[7] == 0x2D,
      let y = digits(f, 0, 4), let m = digits(f, 5, 7), let d = digits(f, 8, 10)
    else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// `YYYYMMDD` (GDELT's SQLDATE), exactly eight digits.
  static func compactDay(_ f: UnsafeRawBufferPointer) -> Day? {
    guard f.count == 8, let y = digits(f, 0, 4), let m = digits(f, 4, 6), let d = digits(f, 6, 8) else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// `YYYY-MM-DD`, alone or followed by a time (`2023-01-03 11:18:42`, `2023-01-03T11:18:42`).
  static func isoDayPrefix(_ f: UnsafeRawBufferPointer) -> Day? {
    if f.count > 10, f[10] == 0x20 || f[10] == 0x54 { return isoDay(UnsafeRawBufferPointer(rebasing: f[0..<10])) }
    return isoDay(f)
  }

  /// The first and last eight bytes, as little-endian words zero-padded below eight bytes (two
  /// overlapping four-byte loads from four bytes up; with the length they fix up to 16 bytes).
  @inline(__always)
  static func edgeWords(_ bytes: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
    let n = bytes.count
    if n >= 8 {
      return (
        bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        bytes.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
      )
    }
    if n >= 4 {
      let low = UInt64(bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
      return (low | UInt64(bytes.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32, 0)
    }
    var word: UInt64 = 0
    for k in 0..<n { word |= UInt64(bytes[k]) << UInt64(8 * k) }
    return (word, 0)
  }

  /// ISO-8859-1 bytes as UTF-8 (each byte is the code point of the same value).
  static func latin1ToUTF8(_ f: UnsafeRawBufferPointer) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(f.count + f.count / 8)
    for b in f {
      if b < 0x80 {
        out.append(b)
      } else {
        out.append(0xC0 | b >> 6)
        out.append(0x80 | b & 0x3F)
      }
    }
    return out
  }

  /// `;`-separated tokens without surrounding blanks, empty ones dropped (POLECAT Contexts).
  static func tokens(_ f: UnsafeRawBufferPointer) -> [String] {
    f.split(separator: 0x3B).compactMap { piece -> String? in
      var lower = piece.startIndex
      var upper = piece.endIndex
      while lower < upper, piece[lower] == 0x20 { lower += 1 }
      while upper > lower, piece[upper - 1] == 0x20 { upper -= 1 }
      return lower < upper ? String(decoding: piece[lower..<upper], as: UTF8.self) : nil
    }
  }

  /// The first entry of a `; `-separated list (POLECAT Actor Country `USA; GBR` → `USA`).
  static func firstListed(_ f: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    guard let semicolon = f.firstIndex(of: 0x3B) else { return f }
    var upper = semicolon
    while upper > 0, f[upper - 1] == 0x20 { upper -= 1 }
    return UnsafeRawBufferPointer(rebasing: f[0..<upper])
  }

  /// `M/D/YYYY` (month and day one or two digits, year four).
  static func slashDay(_ f: UnsafeRawBufferPointer) -> Day? {
    guard let s1 = firstIndex(of: 0x2F, in: f, from: 0), (1...2).contains(s1),
      let s2 = firstIndex(of: 0x2F, in: f, from: s1 + 1), (1...2).contains(s2 - s1 - 1),
      f.count - s2 - 1 == 4,
      let m = digits(f, 0, s1), let d = digits(f, s1 + 1, s2), let y = digits(f, s2 + 1, f.count)
    else { return nil }
    return Day(year: y, month: m, day: d)
  }

  /// A plain decimal (`-3.4`, `10`, `44`, `+1.5`, `.5`); nil for anything else (exponents,
  /// `nan`, blanks). Correctly rounded for up to 15 significant digits.
  static func decimal(_ f: UnsafeRawBufferPointer) -> Double? {
    let n = f.count
    guard n > 0, let p = f.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    var i = 0
    var negative = false
    if p[0] == 0x2D || p[0] == 0x2B {
      negative = p[0] == 0x2D
      i = 1
    }
    var mantissa: UInt64 = 0
    var digitsSeen = 0
    // Digits seen when the point came (-1: no point yet).
    var point = -1
    while i < n {
      let digit = p[i] &- 0x30
      if digit < 10 {
        guard digitsSeen < 18 else { return slowDecimal(f) }
        mantissa = mantissa * 10 + UInt64(digit)
        digitsSeen += 1
      } else if p[i] == 0x2E, point < 0 {
        point = digitsSeen
      } else {
        return nil
      }
      i += 1
    }
    guard digitsSeen > 0 else { return nil }
    let fractionDigits = point < 0 ? 0 : digitsSeen - point
    guard mantissa < 1 << 53, fractionDigits <= 22 else { return slowDecimal(f) }
    // Both operands exact, so one IEEE division rounds correctly.
    let value = Double(mantissa) / powerOfTen(fractionDigits)
    return negative ? -value : value
  }

  /// Whether `decimal(f)` would give a number, without computing it (coordinates are checked, not
  /// used): the same syntax, and past 18 digits the same answer by asking `decimal`.
  static func isDecimal(_ f: UnsafeRawBufferPointer) -> Bool {
    let n = f.count
    guard n > 0, let p = f.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
    var i = p[0] == 0x2D || p[0] == 0x2B ? 1 : 0
    var digitsSeen = 0
    var sawPoint = false
    while i < n {
      if p[i] &- 0x30 < 10 {
        guard digitsSeen < 18 else { return decimal(f) != nil }
        digitsSeen += 1
      } else if p[i] == 0x2E, !sawPoint {
        sawPoint = true
      } else {
        return false
      }
      i += 1
    }
    return digitsSeen > 0
  }

  /// 10^p for p in 0...22, each exact in a Double; literals, so no lazily initialized global is
  /// checked per number.
  @inline(__always)
  private static func powerOfTen(_ p: Int) -> Double {
    switch p {
    case 0: 1e0
    case 1: 1e1
    case 2: 1e2
    case 3: 1e3
    case 4: 1e4
    case 5: 1e5
    case 6: 1e6
    case 7: 1e7
    case 8: 1e8
    case 9: 1e9
    case 10: 1e10
    case 11: 1e11
    case 12: 1e12
    case 13: 1e13
    case 14: 1e14
    case 15: 1e15
    case 16: 1e16
    case 17: 1e17
    case 18: 1e18
    case 19: 1e19
    case 20: 1e20
    case 21: 1e21
    default: 1e22
    }
  }

  private static func slowDecimal(_ f: UnsafeRawBufferPointer) -> Double? {
    Double(String(decoding: f, as: UTF8.self))
  }

  /// True when the bytes are well-formed UTF-8 (ASCII fast path, then full check).
  static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
    var i = 0
    let n = bytes.count
    // Fast path: eight bytes at a time while everything is ASCII.
    while i + 8 <= n {
      if bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 {
        break
      }
      i += 8
    }
    while i < n {
      let b0 = bytes[i]
      if b0 < 0x80 {
        i += 1
        continue
      }
      let need: Int
      var lower: UInt8 = 0x80
      var upper: UInt8 = 0xBF
      switch b0 {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: need = 2
      case 0xED: need = 2; upper = 0x9F
      case 0xF0: need = 3; lower = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; upper = 0x8F
      default: return false
      }
      if i + need >= n { return false }
      let b1 = bytes[i + 1]
      guard b1 >= lower, b1 <= upper else { return false }
      var k = 2
      while k <= need {
        guard bytes[i + k] >= 0x80, bytes[i + k] <= 0xBF else { return false }
        k += 1
      }
      i += need + 1
    }
    return true
  }

  /// Splits a sectors field on commas not followed by a space (`Arab, Arabian` stays whole);
  /// empty pieces are dropped.
  static func sectors(_ f: UnsafeRawBufferPointer) -> [String] {
    var out: [String] = []
    var start = 0
    var i = 0
    while i < f.count {
      if f[i] == 0x2C, i + 1 >= f.count || f[i + 1] != 0x20 {
        if i > start { out.append(String(decoding: UnsafeRawBufferPointer(rebasing: f[start..<i]), as: UTF8.self)) }
        start = i + 1
      }
      i += 1
    }
    if f.count > start {
      out.append(String(decoding: UnsafeRawBufferPointer(rebasing: f[start..<f.count]), as: UTF8.self))
    }
    return out
  }

  /// Empty, `NA` (R), `None` (pandas, POLECAT) or `NULL` (2017 re-release, government layout):
  /// what every layout means by a missing value.
  @inline(__always)
  static func isMissing(_ f: UnsafeRawBufferPointer) -> Bool {
    switch f.count {
    case 0: return true
    case 2: return f[0] == 0x4E && f[1] == 0x41
    case 4: return equals(f, "NULL") || equals(f, "None")
    default: return false
    }
  }

  /// The field without the double quotes that wrap it, however many pairs (`""Government""`
  /// of the 2017 re-release gives `Government`); other fields unchanged.
  static func unwrappingQuotes(_ f: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    var lower = 0
    var upper = f.count
    while upper - lower >= 2, f[lower] == 0x22, f[upper - 1] == 0x22 {
      lower += 1
      upper -= 1
    }
    return lower == 0 ? f : UnsafeRawBufferPointer(rebasing: f[lower..<upper])
  }

  /// The field lowercased (ASCII) without surrounding blanks: how category names are compared.
  static func foldedToken(_ f: UnsafeRawBufferPointer) -> String {
    var lower = 0
    var upper = f.count
    while lower < upper, f[lower] == 0x20 { lower += 1 }
    while upper > lower, f[upper - 1] == 0x20 { upper -= 1 }
    return String(
      decoding: f[lower..<upper].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
  }

  static func equals(_ f: UnsafeRawBufferPointer, _ ascii: StaticString) -> Bool {
    guard f.count == ascii.utf8CodeUnitCount else { return false }
    let p = ascii.utf8Start
    for i in 0..<f.count where f[i] != p[i] { return false }
    return true
  }

  private static func digits(_ f: UnsafeRawBufferPointer, _ from: Int, _ to: Int) -> Int? {
    guard to > from else { return nil }
    var v = 0
    for i in from..<to {
      let b = f[i]
      guard b >= 0x30, b <= 0x39 else { return nil }
      v = v * 10 + Int(b - 0x30)
    }
    return v
  }

  private static func firstIndex(of byte: UInt8, in f: UnsafeRawBufferPointer, from: Int) -> Int? {
    var i = from
    while i < f.count {
      if f[i] == byte { return i }
      i += 1
    }
    return nil
  }
}
