import Foundation
import Support

/// One event reduced to what frames need: 16 bytes, written to the spill file as is.
///
/// `dayAndRoot` packs the day (index + 2²³, 24 bits: every 4-digit year fits) and, in the top byte,
/// the category (CAMEO root 1…20, or PLOVER type 1…16) in 5 bits and the quad class 1…4 in 3.
/// Intensity (GDELT: Goldstein) is kept in float32, the precision of the frames themselves.
/// `targetSet` holds GDELT's NumMentions when the pipeline counts mentions (GDELT has no sectors),
/// or POLECAT's Event Mode number when it asks for `one_hot: event_mode` (POLECAT has no sectors).
struct SpilledEvent {
  var dayAndRoot: UInt32
  var sourceSet: UInt32
  var targetSet: UInt32
  var intensity: Float

  static let dayBias: Int32 = 1 << 23

  init(day: Day, root: Int, quad: Int, sourceSet: UInt32, targetSet: UInt32, intensity: Float) {
    dayAndRoot =
      UInt32(bitPattern: day.index &+ SpilledEvent.dayBias) & 0x00FF_FFFF | UInt32(root) << 24 | UInt32(quad) << 29
    self.sourceSet = sourceSet
    self.targetSet = targetSet
    self.intensity = intensity
  }

  var dayIndex: Int32 { Int32(bitPattern: dayAndRoot & 0x00FF_FFFF) - SpilledEvent.dayBias }
  var root: Int { Int(dayAndRoot >> 24) & 0x1F }
  /// Quad class 1…4.
  var quad: Int { Int(dayAndRoot >> 29) }
}

/// A run of one group's events in the spill file.
struct SpillChunk: Sendable {
  var offset: Int64
  var count: Int
}
