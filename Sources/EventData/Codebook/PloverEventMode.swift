/// The PLOVER event modes (the "how" of an event) that POLECAT's Event Mode column holds: the
/// union of the PLOVER manual's mode tables, in the manual's order of event types (CONSULT, AID,
/// RETREAT, DEMAND/REQUEST and REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT).
/// A fixed list, so `one_hot: event_mode` has the same columns whatever the data.
public enum PloverEventMode: String, CaseIterable, Sendable {
  case visit, thirdParty = "third-party", multilateral, phone
  case economic, military, humanitarian, asylum
  case withdraw, release, `return`, disarm, ceasefire, access, resign
  case assist, change, yield, meet
  case restrict, ban, arrest, relations, expel, territory, violence
  case demo, riot, strikeGeneral = "strike-gen", strikeLimited = "strike-lim", strikeHunger = "strike-hun"
  case boycott, obstruct
  case convict, cancel, sever
  case troops, weapons, police
  case confiscate, censor, curfew, martialLaw = "martial-law", deport, withhold
  case abduct, beat, torture, execute, sexual, assassinate, destroy, primitive, firearms, explosives
  case suicideAttack = "suicide-attack", heavyWeapons = "heavy-weapons"

  /// 1…57, the value `EventRecord.eventMode` holds (0: no mode, `otherNumber`: one not listed).
  public var number: UInt8 { UInt8(PloverEventMode.allCases.firstIndex(of: self)! + 1) }

  /// `EventRecord.eventMode` of a mode POLECAT writes that is not in the list.
  public static let otherNumber = UInt8(allCases.count + 1)

  /// A mode as written (`firearms`, `Strike-Gen`), ignoring ASCII case and blanks around it; the
  /// first of a `;`-separated list.
  static func parse(_ f: UnsafeRawBufferPointer) -> PloverEventMode? {
    PloverEventMode(rawValue: ByteParsing.foldedToken(ByteParsing.firstListed(f)))
  }
}
