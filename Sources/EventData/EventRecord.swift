import Support

/// One ICEWS event as the frame builder needs it, whatever layout it came from.
///
/// Fields the frames never use (names, story, publisher, coordinates) are validated by the
/// reader but not kept, so memory does not grow with them.
public struct EventRecord: Sendable, Equatable {
  public var eventID: String
  public var date: Day
  /// Source actor sectors, split on commas not followed by a space; empty when missing.
  public var sourceSectors: [String]
  public var sourceCountry: String
  /// The CAMEO code (`"010"`, `"0214"`, `"20"`), always a codebook code.
  public var cameoCode: String
  /// ICEWS intensity, −10…10.
  public var intensity: Double
  public var targetSectors: [String]
  public var targetCountry: String
  /// The event-location `Country` column; empty when missing.
  public var country: String

  public init(
    eventID: String, date: Day, sourceSectors: [String], sourceCountry: String, cameoCode: String,
    intensity: Double, targetSectors: [String], targetCountry: String, country: String
  ) {
    self.eventID = eventID
    self.date = date
    self.sourceSectors = sourceSectors
    self.sourceCountry = sourceCountry
    self.cameoCode = cameoCode
    self.intensity = intensity
    self.targetSectors = targetSectors
    self.targetCountry = targetCountry
    self.country = country
  }
}
