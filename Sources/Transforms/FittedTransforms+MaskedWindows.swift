import Support
import Frames

/// One kept window cut from a group's days with data, already masked against the all-empty window
/// (`MaskedLayout`): what `GroupWindows` stores. The buffers are valid only during the callback.
public struct MaskedWindow {
  public var startDay: Int
  public var split: SplitName
  /// `maskedLayout.maskBytesPerWindow` bytes: per row, a bit for each value that differs from the reference.
  public var masks: UnsafeBufferPointer<UInt8>
  /// The differing values in row, feature order.
  public var values: UnsafeBufferPointer<Float>
  /// Every day of the window is empty: the window is the reference (no bit set, no value).
  public var allDaysEmpty: Bool
}

extension FittedTransforms {
  /// How this run's float32 windows are masked (`MaskedLayout`).
  public var maskedLayout: MaskedLayout { MaskedLayout(rows: layout.length, features: featureCount, elementSize: 4) }

  /// Cuts windows from a group's days with data given as entries (not yet normalized), masked against
  /// `empty.window`: the same windows, in the same order, with the same masks and values as
  /// `prepareSeries` + `forEachWindow` on the dense series followed by `MaskedLayout.encode`, but
  /// without a dense window. A row can differ from the reference only in the features its day lists
  /// (and, when windows are differenced, the day before lists), so only those are computed and
  /// compared; rows with neither cost nothing. `masks` (≥ `maskedLayout.maskBytesPerWindow`) and `values`
  /// (≥ `windowValueCount`) are scratch for one window. Requires `cutsSparseWindows`.
  @discardableResult
  public func forEachMaskedWindow<E: Error>(
    entries frames: CompressedGroupFrames, empty: EmptyWindow,
    masks: UnsafeMutableBufferPointer<UInt8>, values: UnsafeMutableBufferPointer<Float>,
    _ body: (MaskedWindow) throws(E) -> Void
  ) throws(E) -> WindowCounts {
    precondition(cutsSparseWindows, "series-scope differencing needs the dense series")
    let length = layout.length
    let m = maskedLayout.maskBytesPerRow
    precondition(masks.count >= m * length && values.count >= windowValueCount, "scratch must hold one window")
    var counts = WindowCounts()
    counts.droppedPartial = layout.partialCount
    let windowDiff = settings.difference.order == 1
    let scratch = MaskingScratch(emptyFrame: empty.frame)
    defer { scratch.deallocate() }
    return try frames.withEntries { (entries) throws(E) in
      try empty.window.withUnsafeBufferPointer { (reference) throws(E) in
        var first = 0  // first index of `days` at or after the current window's start
        for k in 0..<layout.windowCount {
          let start = layout.start(ofWindow: k)
          guard let split = assigner.split(first: start, last: start + length - 1) else {
            counts.droppedStraddling += 1
            continue
          }
          while first < entries.days.count && Int(entries.days[first]) < start { first += 1 }
          counts[split] += 1
          masks.baseAddress!.update(repeating: 0, count: m * length)
          let allEmpty = first == entries.days.count || Int(entries.days[first]) >= start + length
          let stored =
            allEmpty
            ? 0
            : maskWindow(
              start: start, firstDay: first, entries: entries, reference: reference.baseAddress!,
              differenced: windowDiff, scratch: scratch, masks: masks.baseAddress!, values: values.baseAddress!)
          try body(
            MaskedWindow(
              startDay: start, split: split, masks: UnsafeBufferPointer(rebasing: masks[0..<m * length]),
              values: UnsafeBufferPointer(rebasing: values[0..<stored]), allDaysEmpty: allEmpty))
        }
        return counts
      }
    }
  }

  /// Masks the window starting at `start`, whose first day with data is `entries.days[firstDay]`,
  /// into `masks` (zeroed) and `values`; returns how many values it stored.
  private func maskWindow(
    start: Int, firstDay: Int, entries: CompressedGroupFrames.EntryView, reference: UnsafePointer<Float>,
    differenced windowDiff: Bool, scratch: MaskingScratch, masks: UnsafeMutablePointer<UInt8>,
    values: UnsafeMutablePointer<Float>
  ) -> Int {
    let f = featureCount
    let m = maskedLayout.maskBytesPerRow
    let empty = UnsafePointer(scratch.emptyFrame)
    var stored = 0
    var i = firstDay
    var previous = empty
    var previousEntries = 0..<0
    for t in 0..<layout.length {
      var current = empty
      var currentEntries = 0..<0
      if i < entries.days.count && Int(entries.days[i]) == start + t {
        current = UnsafePointer(scratch.patch(day: i, entries: entries, normalizer: normalizer))
        currentEntries = entries.entryStarts[i]..<entries.entryStarts[i + 1]
        i += 1
      }
      // row t is x[t] (t = 0, or no differencing) or x[t] − x[t−1]; it equals the reference
      // wherever neither day lists the feature
      let differenced = windowDiff && t > 0
      if !currentEntries.isEmpty || (differenced && !previousEntries.isEmpty) {
        let ref = reference + t * f
        let words = scratch.words
        let rowValues = scratch.rowValues
        func compare(_ listed: Range<Int>) {
          for e in listed {
            let j = Int(entries.features[e])
            let v = differenced ? current[j] - previous[j] : current[j]
            if v.bitPattern != ref[j].bitPattern {
              words[j >> 6] |= 1 &<< UInt64(j & 63)
              rowValues[j] = v
            }
          }
        }
        compare(currentEntries)
        if differenced { compare(previousEntries) }
        // the row's mask bytes, and its values in feature order
        let rowMasks = masks + t * m
        for w in 0..<scratch.wordCount where words[w] != 0 {
          var bits = words[w]
          for b in 0..<Swift.min(8, m - w * 8) {
            rowMasks[w * 8 + b] = UInt8(truncatingIfNeeded: bits >> UInt64(b * 8))
          }
          while bits != 0 {
            values[stored] = rowValues[w * 64 + bits.trailingZeroBitCount]
            stored += 1
            bits &= bits &- 1
          }
          words[w] = 0
        }
      }
      previous = current
      previousEntries = currentEntries
    }
    return stored
  }
}

/// `forEachMaskedWindow`'s scratch, allocated once per group: the normalized empty frame, two day rows
/// (each the empty frame except where a day's entries are patched in) with the day each holds, and
/// one row's set bits (64 features a word) with the values at those bits.
private final class MaskingScratch {
  let featureCount: Int
  let emptyFrame: UnsafeMutablePointer<Float>
  let dayRows: UnsafeMutablePointer<Float>
  var holds = (-1, -1)
  /// Which of `dayRows` the next data day is built in.
  var next = 0
  let wordCount: Int
  let words: UnsafeMutablePointer<UInt64>
  let rowValues: UnsafeMutablePointer<Float>

  init(emptyFrame frame: [Float]) {
    featureCount = frame.count
    emptyFrame = .allocate(capacity: featureCount)
    emptyFrame.initialize(from: frame, count: featureCount)
    dayRows = .allocate(capacity: 2 * featureCount)
    dayRows.initialize(from: frame, count: featureCount)
    (dayRows + featureCount).initialize(from: frame, count: featureCount)
    wordCount = (featureCount + 63) / 64
    words = .allocate(capacity: wordCount)
    words.initialize(repeating: 0, count: wordCount)
    rowValues = .allocate(capacity: featureCount)
    rowValues.initialize(repeating: 0, count: featureCount)
  }

  func deallocate() {
    emptyFrame.deallocate()
    dayRows.deallocate()
    words.deallocate()
    rowValues.deallocate()
  }

  /// Day `i`'s normalized frame, built in the row that held the day before last: that day's entries
  /// are reset to the empty frame first, then this day's are patched in.
  func patch(
    day i: Int, entries: CompressedGroupFrames.EntryView, normalizer: Normalizer
  ) -> UnsafeMutablePointer<
    Float
  > {
    let row = dayRows + next * featureCount
    let held = next == 0 ? holds.0 : holds.1
    if held >= 0 {
      for e in entries.entryStarts[held]..<entries.entryStarts[held + 1] {
        let j = Int(entries.features[e])
        row[j] = emptyFrame[j]
      }
    }
    for e in entries.entryStarts[i]..<entries.entryStarts[i + 1] {
      let j = Int(entries.features[e])
      row[j] = normalizer.apply(entries.values[e], feature: j)
    }
    if next == 0 { holds.0 = i } else { holds.1 = i }
    next = 1 - next
    return row
  }
}
