/// The 16 PLOVER event types POLECAT codes, in quad order (the PLOVER manual is the authority).
public enum PloverEventType: String, CaseIterable, Sendable {
  case agree, consult, support, concede  // verbal cooperation
  case cooperate, aid, retreat  // material cooperation
  case request, accuse, reject, threaten  // verbal conflict
  case protest, sanction, mobilize, coerce, assault  // material conflict

  /// 1…16, the value `EventRecord.ploverType` holds.
  public var number: UInt8 { UInt8(PloverEventType.allCases.firstIndex(of: self)! + 1) }

  /// The quad class PLOVER assigns the type.
  public var quadClass: QuadClass {
    switch self {
    case .agree, .consult, .support, .concede: .verbalCooperation
    case .cooperate, .aid, .retreat: .materialCooperation
    case .request, .accuse, .reject, .threaten: .verbalConflict
    case .protest, .sanction, .mobilize, .coerce, .assault: .materialConflict
    }
  }

  /// The type written as POLECAT writes it (`ASSAULT`), ignoring ASCII case and blanks around it.
  static func parse(_ f: UnsafeRawBufferPointer) -> PloverEventType? {
    PloverEventType(rawValue: ByteParsing.foldedToken(f))
  }
}

extension QuadClass {
  /// A quad written as words (`MATERIAL CONFLICT`, `verbal_cooperation`), ignoring ASCII case.
  static func parse(_ f: UnsafeRawBufferPointer) -> QuadClass? {
    QuadClass(rawValue: ByteParsing.foldedToken(f).replacingOccurrences(of: " ", with: "_"))
  }
}
