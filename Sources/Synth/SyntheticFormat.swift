import EventData
/// The shape `icews synth` writes: ICEWS's classic layout, POLECAT's weekly file or a GDELT 2.0
/// export. The events (days, countries, quad classes, codes, episodes) are drawn the same way in
/// each; only how they are written differs.
public enum SyntheticFormat: String, CaseIterable, Sendable {
  /// The classic tab-separated ICEWS layout with its header (the generator's historic output).
  case icews
  /// POLECAT's documented 40-column tab-separated header, PLOVER types, `None` for missing.
  case polecat
  /// GDELT 2.0 events: 61 tab-separated columns, no header, SQLDATE, FIPS ActionGeo countries.
  case gdelt
}
