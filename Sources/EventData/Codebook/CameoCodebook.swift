/// One CAMEO code as ICEWS uses it.
public struct CameoEntry: Sendable, Equatable {
  /// `"01"`, `"010"`, `"0214"`: leading zeros matter (`"010"` ≠ `"10"`).
  public var code: String
  /// The exact string of the ICEWS `Event Text` column for this code.
  public var eventText: String
  /// The ICEWS intensity (Goldstein scale) of this code, −10…10.
  public var intensity: Double
  /// The root, 1...20 (the code's first two digits).
  public var root: Int
  public var quadClass: QuadClass
}

/// The CAMEO codebook as ICEWS uses it: 312 codes (20 root, 147 three-digit, 145 four-digit).
///
/// Generated from the reference tables by `Scripts/gen_cameo_codebook.py`; `code(forEventText:)`
/// recovers codes for releases without a CAMEO Code column, including known text variants.
public struct CameoCodebook: Sendable {
  public static let icews = CameoCodebook(
    table: icewsTable.map { ($0.code, $0.eventText, $0.intensity, $0.intensityText) },
    recovery: icewsEventTextRecovery.map { ($0.eventText, $0.code) })

  /// Every entry, in code order.
  public let allEntries: [CameoEntry]
  /// Intensity as ICEWS prints it (`"4"`, `"-0.4"`), parallel to `allEntries`.
  public let intensityTexts: [String]
  /// Entry index by numeric code key (see `codeKey`), -1 where no code.
  private let indexByKey: [Int16]
  private let indexByText: [String: Int]
  private let indexByFoldedText: [String: Int]

  init(
    table: [(String, String, Double, String)], recovery: [(String, String)]
  ) {
    var entries: [CameoEntry] = []
    var texts: [String] = []
    var byKey = [Int16](repeating: -1, count: CameoCodebook.keySpace)
    for (i, (code, text, intensity, intensityText)) in table.enumerated() {
      let root = Int(code.prefix(2))!
      entries.append(
        CameoEntry(
          code: code, eventText: text, intensity: intensity, root: root,
          quadClass: QuadClass(root: root)))
      texts.append(intensityText)
      byKey[CameoCodebook.codeKey(Array(code.utf8))!] = Int16(i)
    }
    var byText: [String: Int] = [:]
    var byFolded: [String: Int] = [:]
    for (text, code) in recovery {
      let index = Int(byKey[CameoCodebook.codeKey(Array(code.utf8))!])
      byText[text] = index
      byFolded[CameoCodebook.folded(text), default: index] = index
    }
    allEntries = entries
    intensityTexts = texts
    indexByKey = byKey
    indexByText = byText
    indexByFoldedText = byFolded
  }

  /// Short names of the 20 CAMEO roots, index 0 = root 01, as the CAMEO manual (1.1b3) heads its
  /// chapters: what plots and listings call a root (`04 Consult`, `19 Fight`). ICEWS's own event text
  /// of a root code can be longer (`190` is "Use conventional military force").
  public static let rootNames = [
    "Make public statement", "Appeal", "Express intent to cooperate", "Consult", "Engage in diplomatic cooperation",
    "Engage in material cooperation", "Provide aid", "Yield", "Investigate", "Demand", "Disapprove", "Reject",
    "Threaten", "Protest", "Exhibit force posture", "Reduce relations", "Coerce", "Assault", "Fight",
    "Use unconventional mass violence",
  ]

  /// `"04 Consult"` for root 4; nil outside 1…20.
  public static func rootLabel(_ root: Int) -> String? {
    guard (1...20).contains(root) else { return nil }
    return (root < 10 ? "0" : "") + "\(root) " + rootNames[root - 1]
  }

  /// The entry of a code given exactly as in ICEWS (`"010"`), or nil.
  public func entry(forCode code: String) -> CameoEntry? {
    index(forCodeBytes: code.utf8).map { allEntries[$0] }
  }

  /// The code whose ICEWS Event Text (or a known variant) is `eventText`, or nil.
  /// Exact text first, then the same text ignoring ASCII case.
  public func code(forEventText eventText: String) -> String? {
    index(forEventText: eventText).map { allEntries[$0].code }
  }

  func index(forEventText eventText: String) -> Int? {
    indexByText[eventText] ?? indexByFoldedText[CameoCodebook.folded(eventText)]
  }

  /// Entry index for code bytes (`"0214"`), or nil when not a codebook code.
  func index(forCodeBytes bytes: some Collection<UInt8>) -> Int? {
    guard let key = CameoCodebook.codeKey(bytes) else { return nil }
    let i = indexByKey[key]
    return i < 0 ? nil : Int(i)
  }

  /// 2–4 ASCII digits map to a unique slot: length selects a block of 10 000.
  private static let keySpace = 3 * 10_000

  private static func codeKey(_ bytes: some Collection<UInt8>) -> Int? {
    guard (2...4).contains(bytes.count) else { return nil }
    var value = 0
    for b in bytes {
      guard b >= 0x30, b <= 0x39 else { return nil }
      value = value * 10 + Int(b - 0x30)
    }
    return (bytes.count - 2) * 10_000 + value
  }

  private static func folded(_ text: String) -> String {
    String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
  }
}
