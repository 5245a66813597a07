import Support

/// One event as the frame builder needs it, whatever source (ICEWS, POLECAT, GDELT) and layout.
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
  /// The quad class given by the source (POLECAT Quad Code, GDELT QuadClass), 1…4 in
  /// `QuadClass` order; 0 when it follows from the CAMEO root (ICEWS).
  public var quadClass: UInt8 = 0
  /// POLECAT: the PLOVER event type, 1…16 in `PloverEventType` order (then `cameoCode` is empty).
  public var ploverType: UInt8 = 0
  /// POLECAT: the event's context tokens; empty elsewhere.
  public var contexts: [String] = []
  /// POLECAT: the Event Mode, 1…57 in `PloverEventMode` order, `PloverEventMode.otherNumber` for
  /// a mode not in that list, 0 when missing (and elsewhere).
  public var eventMode: UInt8 = 0
  /// GDELT: NumMentions; 0 elsewhere.
  public var mentions: Int32 = 0

  public init(
    eventID: String, date: Day, sourceSectors: [String], sourceCountry: String, cameoCode: String,
    intensity: Double, targetSectors: [String], targetCountry: String, country: String,
    quadClass: UInt8 = 0, ploverType: UInt8 = 0, contexts: [String] = [], mentions: Int32 = 0,
    eventMode: UInt8 = 0
  ) {
    self.eventMode = eventMode
    self.quadClass = quadClass
    self.ploverType = ploverType
    self.contexts = contexts
    self.mentions = mentions
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
