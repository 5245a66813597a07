import EventData
import Support

/// The shape of the episodes planted in a synthetic dump. `crisis` is the generator's own; each
/// other kind changes one facet only, so a detector tuned on crises can be evaluated on held-out shapes.
public enum EpisodeKind: String, CaseIterable, Sendable {
  /// Volume ×2–4 and the material-conflict logit +2.5–3.5, with crisis actors.
  case crisis
  /// Volume ×2–4; the quad mix and the actors as usual.
  case volume
  /// One quad class other than verbal cooperation gets its logit +2.0–3.0; volume as usual.
  case mix
  /// Events of one quad class move, with probability 0.6, to one CAMEO root of that class; volume
  /// and quad mix as usual.
  case root
  /// Volume ×0.2–0.4 (a news blackout); the quad mix as usual.
  case quiet
  /// Each episode draws one of the five kinds above.
  case any

  /// The kinds an episode can have (all but `any`), in the order `any` draws from.
  static let drawnByAny: [EpisodeKind] = [.crisis, .volume, .mix, .root, .quiet]
}

/// One planted episode: for `days` days from `start`, `country` has `volumeFactor` times its usual
/// event volume and its material-conflict logit raised by `conflictShift` (+2.5–3.5 is about a half
/// share); `kind` says which facets change, so either number may be neutral (1 and 0).
public struct SyntheticEpisode: Sendable, Equatable, CustomStringConvertible {
  public var country: String
  public var start: Day
  public var days: Int
  public var volumeFactor: Double
  public var conflictShift: Double
  /// Never `.any`: the kind this episode was drawn as.
  public var kind: EpisodeKind

  public var end: Day { start + (days - 1) }

  public var description: String {
    let factors = String(format: "%.2f\t%.2f", volumeFactor, conflictShift)
    return "\(country)\t\(start.iso)\t\(end.iso)\t\(days)\t\(factors)\t\(kind.rawValue)"
  }

  /// Column names of `description`, for an episodes TSV file.
  public static let tsvHeader = "country\tstart\tend\tdays\tvolume_factor\tconflict_shift\tkind"
}
