/// Output formats of `icews inspect`.
public enum InspectFormat: String, Sendable, CaseIterable {
  case table, csv, json
}
