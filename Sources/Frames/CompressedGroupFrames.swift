/// The frames of one group's days that have data, each as the entries that may differ from the
/// series' empty frame: a feature a day does not list has the empty frame's value, bit for bit. Work
/// on a group then costs its non-empty values rather than its width. Reusable across groups (loading
/// keeps the buffers), one thread at a time.
///
/// `@unchecked Sendable`: `loadState` (a class) is used by one thread at a time; workers pass a
/// `CompressedGroupFrames` between them only through a `ReusePool`.
public struct CompressedGroupFrames: @unchecked Sendable {
  /// Days (offsets from the calendar start) that have data, ascending.
  public private(set) var days: [Int32] = []
  /// Day `days[i]` lists the entries `entryStarts[i]..<entryStarts[i + 1]` (`days.count + 1` values).
  public private(set) var entryStarts: [Int] = [0]
  /// Feature index of each entry; a feature appears at most once per day, in any order.
  public private(set) var features: [Int32] = []
  public private(set) var values: [Float] = []
  /// As in `SparseGroupFrames`: the counting state of the series last loaded.
  var loadState: SparseLoadState?

  public init() {}

  /// Forgets every day, keeping the buffers.
  public mutating func removeAll() {
    days.removeAll(keepingCapacity: true)
    entryStarts.removeAll(keepingCapacity: true)
    entryStarts.append(0)
    features.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }

  /// Adds a day after the last one, with its entries.
  public mutating func append(day: Int32, features: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>) {
    precondition(features.count == values.count, "one value per listed feature")
    precondition(days.last.map { $0 < day } ?? true, "days must ascend")
    days.append(day)
    self.features.append(contentsOf: features)
    self.values.append(contentsOf: values)
    entryStarts.append(self.features.count)
  }

  /// The four arrays as buffers, for loops that walk every entry without bounds checks.
  public struct EntryView {
    public let days: UnsafeBufferPointer<Int32>
    public let entryStarts: UnsafeBufferPointer<Int>
    public let features: UnsafeBufferPointer<Int32>
    public let values: UnsafeBufferPointer<Float>
  }

  /// Runs `body` with the entries as buffers (valid only inside it).
  public func withEntries<R, E: Error>(_ body: (EntryView) throws(E) -> R) throws(E) -> R {
    try days.withUnsafeBufferPointer { (days) throws(E) in
      try entryStarts.withUnsafeBufferPointer { (starts) throws(E) in
        try features.withUnsafeBufferPointer { (features) throws(E) in
          try values.withUnsafeBufferPointer { (values) throws(E) in
            try body(EntryView(days: days, entryStarts: starts, features: features, values: values))
          }
        }
      }
    }
  }

  /// Writes day `days[i]`'s frame into `row`, which holds the empty frame.
  public func write(day i: Int, into row: UnsafeMutableBufferPointer<Float>) {
    for k in entryStarts[i]..<entryStarts[i + 1] { row[Int(features[k])] = values[k] }
  }
}

extension SparseFrameSeries {
  /// Lists every value of `loadSparse`'s frames whose bits differ from the empty frame.
  public func loadEntries(group: Int, into frames: inout CompressedGroupFrames, before dayLimit: Int) throws {
    var sparse = SparseGroupFrames()
    try loadSparse(group: group, into: &sparse, before: dayLimit)
    let empty = emptyDayFrame
    let f = empty.count
    frames.removeAll()
    var features: [Int32] = []
    var values: [Float] = []
    for (i, day) in sparse.days.enumerated() {
      features.removeAll(keepingCapacity: true)
      values.removeAll(keepingCapacity: true)
      for j in 0..<f where sparse.values[i * f + j].bitPattern != empty[j].bitPattern {
        features.append(Int32(j))
        values.append(sparse.values[i * f + j])
      }
      features.withUnsafeBufferPointer { fs in
        values.withUnsafeBufferPointer { frames.append(day: day, features: fs, values: $0) }
      }
    }
  }
}
