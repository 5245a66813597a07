/// A calendar day, counted from 1970-01-01 (proleptic Gregorian, no time zone).
///
/// Every date in the toolkit is a `Day`: frames, calendars, window keys and manifests.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before).
  public var index: Int32

  public init(index: Int32) { self.index = index }

  /// Dates outside this range are typos (ICEWS starts in 1995): one such row would stretch the dense
  /// calendar to millions of days and exhaust memory, so every input rejects them.
  public static let plausibleRange = Day(year: 1900, month: 1, day: 1)!...Day(year: 2099, month: 12, day: 31)!

  /// The day of a valid Gregorian date, or nil when month or day are out of range.
  public init?(year: Int, month: Int, day: Int) {
    guard (1...12).contains(month), day >= 1, day <= Day.daysInMonth(year: year, month: month)
    else { return nil }
    // Days from civil (Howard Hinnant's algorithm, shifted so March is month 0).
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let monthFromMarch = (month + 9) % 12
    let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    self.index = Int32(era * 146_097 + dayOfEra - 719_468)
  }

  /// Parses `YYYY-MM-DD` exactly (ten characters); nil otherwise.
  public init?(iso text: some StringProtocol) {
    let bytes = Array(text.utf8)
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let y = Day.digits(bytes[0..<4]), let m = Day.digits(bytes[5..<7]), let d = Day.digits(bytes[8..<10])
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// (year, month, day) of this day.
  public var components: (year: Int, month: Int, day: Int) {
    let z = Int(index) + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthFromMarch = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
    let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// `YYYY-MM-DD`.
  public var iso: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
  }

  public var description: String { iso }

  public static func < (a: Day, b: Day) -> Bool { a.index < b.index }

  public static func + (day: Day, offset: Int) -> Day { Day(index: day.index + Int32(offset)) }

  /// Number of days from `b` to `a`.
  public static func - (a: Day, b: Day) -> Int { Int(a.index) - Int(b.index) }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
    var value = 0
    for b in bytes {
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(b - UInt8(ascii: "0"))
    }
    return value
  }
}

extension Day: Codable {
  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let day = Day(iso: text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "expected YYYY-MM-DD, got \(text)"))
    }
    self = day
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso)
  }
}
