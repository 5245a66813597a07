import Support
import Frames

/// One kept window cut from a group's days with data, already masked against the all-empty window
/// (`MaskedLayout`): what `GroupWindows` stores. The buffers are valid only during the callback.
public struct MaskedWindow {
  public var startDay: Int
  public var split: SplitName
  /// `layout.maskBytesPerWindow` bytes: per row, a bit for each value that differs from the reference.
  public var masks: UnsafeBufferPointer<UInt8>
  /// The differing values in row, feature order.
  public var values: UnsafeBufferPointer<Float>
  /// Every day of the window is empty: the window is the reference (no bit set, no value).
  public var allDaysEmpty: Bool
}

extension FittedTransforms {
  /// Cuts windows from a group's days with data given as entries (not yet normalized), masked against
  /// `empty.window`: the same windows, in the same order, with the same masks and values as
  /// `prepareSeries` + `forEachWindow` on the dense series followed by `MaskedLayout.encode`, but
  /// without a dense window. A row can differ from the reference only in the features its day lists
  /// (and, when windows are differenced, the day before lists), so only those are computed and
  /// compared; rows with neither cost nothing. `masks` (≥ `maskBytesPerWindow`) and `values`
  /// (≥ `windowValueCount`) are scratch for one window. Requires `cutsSparseWindows`.
  @discardableResult
  public func forEachMaskedWindow<E: Error>(
    group: Int, entries frames: CompressedGroupFrames, empty: EmptyWindow,
    masks: UnsafeMutableBufferPointer<UInt8>, values: UnsafeMutableBufferPointer<Float>,
    _ body: (MaskedWindow) throws(E) -> Void
  ) throws(E) -> WindowCounts {
    precondition(cutsSparseWindows, "series-scope differencing needs the dense series")
    let f = featureCount
    let length = layout.length
    let m = (f + 7) / 8
    precondition(masks.count >= m * length && values.count >= windowValueCount, "scratch must hold one window")
    var counts = WindowCounts()
    counts.droppedPartial = layout.partialCount
    let windowDiff = settings.difference.order == 1
    let days = frames.days
    var first = 0  // first index of `days` at or after the current window's start
    // Two day rows, each the normalized empty frame except where a day's entries were patched in,
    // and which day (index into `days`) each holds, so its entries can be unpatched.
    var dayRows = empty.frame + empty.frame
    var holds = [-1, -1]
    var patched = 0  // which of `dayRows` the next data day is built in
    // One row's set bits, 64 features a word, and the values at those bits.
    var words = [UInt64](repeating: 0, count: (f + 63) / 64)
    var rowValues = [Float](repeating: 0, count: f)
    let none = 0..<0
    for k in 0..<layout.windowCount {
      let start = layout.start(ofWindow: k)
      guard let split = assigner.split(first: start, last: start + length - 1) else {
        counts.droppedStraddling += 1
        continue
      }
      while first < days.count && Int(days[first]) < start { first += 1 }
      counts[split] += 1
      masks.baseAddress!.update(repeating: 0, count: m * length)
      if first == days.count || Int(days[first]) >= start + length {
        try body(
          MaskedWindow(
            startDay: start, split: split, masks: UnsafeBufferPointer(rebasing: masks[0..<m * length]),
            values: UnsafeBufferPointer(rebasing: values[0..<0]), allDaysEmpty: true))
        continue
      }
      var stored = 0
      frames.features.withUnsafeBufferPointer { features in
        frames.values.withUnsafeBufferPointer { entryValues in
          frames.entryStarts.withUnsafeBufferPointer { entryStarts in
            empty.frame.withUnsafeBufferPointer { emptyRow in
              empty.window.withUnsafeBufferPointer { reference in
                dayRows.withUnsafeMutableBufferPointer { dayRows in
                  words.withUnsafeMutableBufferPointer { words in
                    rowValues.withUnsafeMutableBufferPointer { rowValues in
                      var i = first
                      var previous = emptyRow.baseAddress!
                      var previousEntries = none
                      for t in 0..<length {
                        var current = emptyRow.baseAddress!
                        var currentEntries = none
                        if i < days.count && Int(days[i]) == start + t {
                          let row = dayRows.baseAddress! + patched * f
                          // unpatch the day this row held, then patch in this day's normalized entries
                          if holds[patched] >= 0 {
                            for e in entryStarts[holds[patched]]..<entryStarts[holds[patched] + 1] {
                              let j = Int(features[e])
                              row[j] = emptyRow[j]
                            }
                          }
                          currentEntries = entryStarts[i]..<entryStarts[i + 1]
                          for e in currentEntries {
                            let j = Int(features[e])
                            row[j] = normalizer.apply(entryValues[e], feature: j)
                          }
                          holds[patched] = i
                          current = UnsafePointer(row)
                          patched = 1 - patched
                          i += 1
                        }
                        // row t is x[t] (t = 0, or no differencing) or x[t] − x[t−1]; it equals the
                        // reference wherever neither day lists the feature
                        let differenced = windowDiff && t > 0
                        if !currentEntries.isEmpty || (differenced && !previousEntries.isEmpty) {
                          let ref = reference.baseAddress! + t * f
                          func compare(_ entries: Range<Int>) {
                            for e in entries {
                              let j = Int(features[e])
                              let v = differenced ? current[j] - previous[j] : current[j]
                              if v.bitPattern != ref[j].bitPattern {
                                words[j >> 6] |= 1 &<< UInt64(j & 63)
                                rowValues[j] = v
                              }
                            }
                          }
                          compare(currentEntries)
                          if differenced { compare(previousEntries) }
                          let rowMasks = masks.baseAddress! + t * m
                          for w in 0..<words.count where words[w] != 0 {
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
                    }
                  }
                }
              }
            }
          }
        }
      }
      try body(
        MaskedWindow(
          startDay: start, split: split, masks: UnsafeBufferPointer(rebasing: masks[0..<m * length]),
          values: UnsafeBufferPointer(rebasing: values[0..<stored]), allDaysEmpty: false))
    }
    return counts
  }
}
