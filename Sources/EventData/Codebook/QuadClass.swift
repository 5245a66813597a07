/// The four CAMEO quad classes, in code order (roots 01–05, 06–08, 09–13, 14–20).
public enum QuadClass: String, CaseIterable, Sendable, Codable {
  case verbalCooperation = "verbal_cooperation"
  case materialCooperation = "material_cooperation"
  case verbalConflict = "verbal_conflict"
  case materialConflict = "material_conflict"

  /// Position in code order, 0...3 (the one-hot slot).
  public var index: Int {
    switch self {
    case .verbalCooperation: 0
    case .materialCooperation: 1
    case .verbalConflict: 2
    case .materialConflict: 3
    }
  }

  /// The quad class of a CAMEO root 1...20.
  public init(root: Int) {
    switch root {
    case ...5: self = .verbalCooperation
    case 6...8: self = .materialCooperation
    case 9...13: self = .verbalConflict
    default: self = .materialConflict
    }
  }
}
