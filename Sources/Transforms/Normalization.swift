import Frames

/// Per-feature statistics of the train frames (population moments, double precision), frozen into the manifest.
///
/// `center` and `scale` are what `normalize` subtracts and divides by; a zero spread scales by 1.
public struct NormalizationStatistics: Sendable, Equatable, Codable {
  public var method: NormalizeMethod
  /// Number of frames (group-days) the statistics were fitted on.
  public var frameCount: Int
  public var mean: [Double]
  public var std: [Double]
  public var min: [Double]
  public var max: [Double]

  public init(method: NormalizeMethod, frameCount: Int, mean: [Double], std: [Double], min: [Double], max: [Double]) {
    self.method = method
    self.frameCount = frameCount
    self.mean = mean
    self.std = std
    self.min = min
    self.max = max
  }

  enum CodingKeys: String, CodingKey {
    case method, mean, std, min, max
    case frameCount = "frame_count"
  }

  public var featureCount: Int { mean.count }

  /// What `normalize` subtracts from each feature.
  public var center: [Double] {
    switch method {
    case .zscore: return mean
    case .minmax: return min
    case .none: return [Double](repeating: 0, count: featureCount)
    }
  }

  /// What `normalize` divides each feature by after centering (never 0).
  public var scale: [Double] {
    switch method {
    case .zscore: return std.map { $0 == 0 ? 1 : $0 }
    case .minmax: return zip(min, max).map { $1 - $0 == 0 ? 1 : $1 - $0 }
    case .none: return [Double](repeating: 1, count: featureCount)
    }
  }
}

/// Accumulates per-feature mean, variance, min and max over row-major frames in double precision.
///
/// Each `add` call computes exact two-pass moments of its rows and merges them (Chan et al.), so
/// the result does not drift with the number of frames.
public struct StatisticsAccumulator: Sendable {
  public let featureCount: Int
  public private(set) var frameCount = 0
  private var mean: [Double]
  private var m2: [Double]
  private var minimum: [Float]
  private var maximum: [Float]
  private var batchMean: [Double]
  private var batchM2: [Double]

  public init(featureCount: Int) {
    self.featureCount = featureCount
    mean = [Double](repeating: 0, count: featureCount)
    m2 = mean
    batchMean = mean
    batchM2 = mean
    minimum = [Float](repeating: .infinity, count: featureCount)
    maximum = [Float](repeating: -.infinity, count: featureCount)
  }

  /// Adds `rows` frames of `featureCount` values each (row-major).
  public mutating func add(_ frames: UnsafeBufferPointer<Float>, rows: Int) {
    guard rows > 0 else { return }
    let f = featureCount
    precondition(frames.count >= rows * f, "frame buffer shorter than rows × features")
    withSums { sums in
      // Shifted sums (shift K_j = the first row): s1_j = Σ_t (x[t,j] − K_j), s2_j = Σ_t (x[t,j] − K_j)²,
      // exact enough in double for float inputs and one pass over the frames.
      sums.clear()
      for t in 0..<rows { sums.addRow(frames.baseAddress! + t * f, shift: frames.baseAddress!) }
    }
    mergeBatch(rows: rows, shift: frames.baseAddress!)
  }

  /// Adds the first `rows` days of a sparse series: the days of `frames` below `rows`, every other
  /// day being `emptyFrame`. Gives the same bits as `add` on the dense series (the same sums in the
  /// same day order; an empty day only adds where it differs from the shift row, and adding 0 is exact).
  public mutating func add(sparse frames: SparseGroupFrames, emptyFrame: [Float], rows: Int) {
    guard rows > 0 else { return }
    let f = featureCount
    precondition(emptyFrame.count == f && frames.values.count == frames.days.count * f, "frames of another width")
    frames.values.withUnsafeBufferPointer { values in
      emptyFrame.withUnsafeBufferPointer { empty in
        let shift = frames.days.first == 0 ? values.baseAddress! : empty.baseAddress!
        let (moving, emptyDelta) = StatisticsAccumulator.movingFeatures(empty: empty.baseAddress!, shift: shift, f)
        withSums { sums in
          sums.clear()
          var sawEmpty = false
          func emptyDays(_ count: Int) {
            guard count > 0 else { return }
            if !sawEmpty {
              sawEmpty = true
              for j in 0..<f { sums.widen(j, to: empty[j]) }
            }
            for _ in 0..<count {
              for (k, j) in moving.enumerated() {
                let d = emptyDelta[k]
                sums.s1[j] += d
                sums.s2[j] += d * d
              }
            }
          }
          var next = 0
          for (i, day) in frames.days.enumerated() {
            let t = Int(day)
            guard t < rows else { break }
            emptyDays(t - next)
            sums.addRow(values.baseAddress! + i * f, shift: shift)
            next = t + 1
          }
          emptyDays(rows - next)
        }
        mergeBatch(rows: rows, shift: shift)
      }
    }
  }

  /// Adds the first `rows` days of a compressed series (days not in `frames` are `emptyFrame`) with
  /// the bits of `add` on the dense series, in time proportional to the entries: an unlisted value
  /// adds E_j − K_j, exactly 0 unless the shift row differs from the empty frame at j (such "moving"
  /// features add every day, in order); min and max see an unlisted E_j once, in any order, unless
  /// a listed zero has the other sign (then the group takes the `add(sparse:)` path).
  public mutating func add(entries frames: CompressedGroupFrames, emptyFrame: [Float], rows: Int) {
    guard rows > 0 else { return }
    let f = featureCount
    precondition(emptyFrame.count == f, "frames of another width")
    var shift = emptyFrame
    if frames.days.first == 0 { shift.withUnsafeMutableBufferPointer { frames.write(day: 0, into: $0) } }
    let (moving, emptyDelta) = StatisticsAccumulator.movingFeatures(empty: emptyFrame, shift: shift, f)
    let savedMinimum = minimum
    let savedMaximum = maximum
    let scratch = EntryScratch(emptyFrame: emptyFrame, shift: shift, moving: moving, emptyDelta: emptyDelta)
    defer { scratch.deallocate() }
    let signedZeros = withSums { sums in
      frames.withEntries { StatisticsAccumulator.addEntries($0, rows: rows, scratch: scratch, sums: sums) }
    }
    if !signedZeros {
      shift.withUnsafeBufferPointer { mergeBatch(rows: rows, shift: $0.baseAddress!) }
      return
    }
    minimum = savedMinimum
    maximum = savedMaximum
    var dense = SparseGroupFrames()
    for (i, day) in frames.days.enumerated() where Int(day) < rows {
      dense.days.append(day)
      let start = dense.values.count
      dense.values += emptyFrame
      dense.values[start..<start + f].withUnsafeMutableBufferPointer { frames.write(day: i, into: $0) }
    }
    add(sparse: dense, emptyFrame: emptyFrame, rows: rows)
  }

  /// The features whose empty value E_j differs from the shift K_j, with d_j = E_j − K_j: empty days add
  /// d_j to s1 and d_j² to s2 only there.
  private static func movingFeatures(
    empty: UnsafePointer<Float>, shift: UnsafePointer<Float>, _ f: Int
  ) -> (features: [Int], deltas: [Double]) {
    var moving: [Int] = []
    var emptyDelta: [Double] = []
    for j in 0..<f {
      let d = Double(empty[j]) - Double(shift[j])
      if d != 0 { moving.append(j); emptyDelta.append(d) }
    }
    return (moving, emptyDelta)
  }

  /// `add(entries:)`'s inputs and per-feature scratch, allocated once per group: the empty frame, the
  /// shift row, the moving features and their empty-day deltas; the day's frame (for the moving
  /// features), whether each feature is moving, and on how many days it was listed.
  private struct EntryScratch {
    let featureCount: Int
    let empty: UnsafeMutablePointer<Float>
    let shift: UnsafeMutablePointer<Float>
    let moving: UnsafeMutableBufferPointer<Int>
    let emptyDelta: UnsafeMutableBufferPointer<Double>
    let row: UnsafeMutablePointer<Float>
    let isMoving: UnsafeMutablePointer<Bool>
    let listedDays: UnsafeMutablePointer<Int>

    init(emptyFrame: [Float], shift shiftRow: [Float], moving movingFeatures: [Int], emptyDelta deltas: [Double]) {
      let f = emptyFrame.count
      featureCount = f
      empty = .allocate(capacity: f)
      empty.initialize(from: emptyFrame, count: f)
      shift = .allocate(capacity: f)
      shift.initialize(from: shiftRow, count: f)
      moving = .allocate(capacity: movingFeatures.count)
      _ = moving.initialize(from: movingFeatures)
      emptyDelta = .allocate(capacity: deltas.count)
      _ = emptyDelta.initialize(from: deltas)
      row = .allocate(capacity: f)
      row.initialize(from: emptyFrame, count: f)
      isMoving = .allocate(capacity: f)
      isMoving.initialize(repeating: false, count: f)
      for j in movingFeatures { isMoving[j] = true }
      listedDays = .allocate(capacity: f)
      listedDays.initialize(repeating: 0, count: f)
    }

    func deallocate() {
      for pointer in [UnsafeMutableRawPointer(empty), UnsafeMutableRawPointer(shift), UnsafeMutableRawPointer(row)] {
        pointer.deallocate()
      }
      moving.deallocate()
      emptyDelta.deallocate()
      isMoving.deallocate()
      listedDays.deallocate()
    }
  }

  /// The loop of `add(entries:)` into the shifted sums, minimum and maximum; true (the sums then
  /// unusable) when a listed zero has the other sign than the empty value's.
  private static func addEntries(
    _ entries: CompressedGroupFrames.EntryView, rows: Int, scratch: EntryScratch, sums: Sums
  ) -> Bool {
    let days = entries.days
    let starts = entries.entryStarts
    let features = entries.features
    let values = entries.values
    let empty = scratch.empty
    let shift = scratch.shift
    let moving = scratch.moving
    let emptyDelta = scratch.emptyDelta
    let s1 = sums.s1
    let s2 = sums.s2
    let f = scratch.featureCount
    let row = scratch.row
    let isMoving = scratch.isMoving
    let listedDays = scratch.listedDays
    // With an empty day among the rows, every feature is unlisted on some day: no need to count.
    var dataDays = 0
    while dataDays < days.count && Int(days[dataDays]) < rows { dataDays += 1 }
    let countsListings = dataDays == rows
    var signedZeros = false
    sums.clear()
    // The moving features' sums side by side, so each run of empty days adds to contiguous lanes.
    let m = moving.count
    let movingS1 = UnsafeMutablePointer<Double>.allocate(capacity: max(1, m))
    let movingS2 = UnsafeMutablePointer<Double>.allocate(capacity: max(1, m))
    let emptySquare = UnsafeMutablePointer<Double>.allocate(capacity: max(1, m))
    defer {
      movingS1.deallocate()
      movingS2.deallocate()
      emptySquare.deallocate()
    }
    movingS1.initialize(repeating: 0, count: m)
    movingS2.initialize(repeating: 0, count: m)
    for k in 0..<m { emptySquare[k] = emptyDelta[k] * emptyDelta[k] }
    var sawEmpty = false
    var next = 0
    var i = 0
    while true {
      let t = i < days.count ? Swift.min(Int(days[i]), rows) : rows
      if t > next {
        if !sawEmpty {
          sawEmpty = true
          for j in moving { sums.widen(j, to: empty[j]) }
        }
        for _ in next..<t {
          for k in 0..<m {
            movingS1[k] += emptyDelta[k]
            movingS2[k] += emptySquare[k]
          }
        }
      }
      guard t < rows else { break }
      let entries = starts[i]..<starts[i + 1]
      for k in entries {
        let j = Int(features[k])
        let x = values[k]
        if countsListings { listedDays[j] += 1 }
        if isMoving[j] {
          row[j] = x
          continue
        }
        if x == 0 && empty[j] == 0 && x.bitPattern != empty[j].bitPattern { signedZeros = true }
        sums.add(x, j, shift: shift[j])
      }
      if m > 0 {
        for k in 0..<m {
          let j = moving[k]
          let x = row[j]
          row[j] = empty[j]  // ready for the next day
          let d = Double(x) - Double(shift[j])
          movingS1[k] += d
          movingS2[k] += d * d
          sums.widen(j, to: x)
        }
      }
      next = t + 1
      i += 1
    }
    for k in 0..<m {
      s1[moving[k]] = movingS1[k]
      s2[moving[k]] = movingS2[k]
    }
    // The empty value, where some day did not list the feature (moving features saw it in order).
    for j in 0..<f where !isMoving[j] && (!countsListings || listedDays[j] < rows) { sums.widen(j, to: empty[j]) }
    return signedZeros
  }

  /// The batch's shifted sums and the running minimum and maximum, as buffers (`withSums`).
  private struct Sums {
    let s1: UnsafeMutableBufferPointer<Double>
    let s2: UnsafeMutableBufferPointer<Double>
    let lo: UnsafeMutableBufferPointer<Float>
    let hi: UnsafeMutableBufferPointer<Float>

    func clear() {
      s1.update(repeating: 0)
      s2.update(repeating: 0)
    }

    /// Feature j's minimum and maximum, widened to take in x.
    @inline(__always) func widen(_ j: Int, to x: Float) {
      lo[j] = x < lo[j] ? x : lo[j]
      hi[j] = x > hi[j] ? x : hi[j]
    }

    /// x into feature j's sums (shifted by `shift`), minimum and maximum.
    @inline(__always) func add(_ x: Float, _ j: Int, shift: Float) {
      let d = Double(x) - Double(shift)
      s1[j] += d
      s2[j] += d * d
      widen(j, to: x)
    }

    /// One frame into the sums, minimum and maximum.
    @inline(__always) func addRow(_ row: UnsafePointer<Float>, shift: UnsafePointer<Float>) {
      for j in 0..<s1.count { add(row[j], j, shift: shift[j]) }
    }
  }

  private mutating func withSums<R>(_ body: (Sums) -> R) -> R {
    batchMean.withUnsafeMutableBufferPointer { s1 in
      batchM2.withUnsafeMutableBufferPointer { s2 in
        minimum.withUnsafeMutableBufferPointer { lo in
          maximum.withUnsafeMutableBufferPointer { hi in body(Sums(s1: s1, s2: s2, lo: lo, hi: hi)) }
        }
      }
    }
  }

  /// Turns the batch's shifted sums into its mean and M2 and merges them (Chan et al.).
  private mutating func mergeBatch(rows: Int, shift: UnsafePointer<Float>) {
    let f = featureCount
    let n = Double(rows)
    // mean_j = K_j + s1_j / n ; M2_j = s2_j − s1_j² / n
    for j in 0..<f {
      let k = Double(shift[j])
      let m2 = Swift.max(0, batchM2[j] - batchMean[j] * batchMean[j] / n)
      batchMean[j] = k + batchMean[j] / n
      batchM2[j] = m2
    }
    let previous = Double(frameCount)
    let total = previous + n
    for j in 0..<f {
      let delta = batchMean[j] - mean[j]
      mean[j] += delta * n / total
      m2[j] += batchM2[j] + delta * delta * previous * n / total
    }
    frameCount += rows
  }

  /// Adds the frames another accumulator has seen (e.g. one group's), as if added here.
  public mutating func merge(_ other: StatisticsAccumulator) {
    precondition(other.featureCount == featureCount, "accumulators of different widths")
    guard other.frameCount > 0 else { return }
    let n = Double(other.frameCount)
    let previous = Double(frameCount)
    let total = previous + n
    for j in 0..<featureCount {
      let delta = other.mean[j] - mean[j]
      mean[j] += delta * n / total
      m2[j] += other.m2[j] + delta * delta * previous * n / total
      minimum[j] = Swift.min(minimum[j], other.minimum[j])
      maximum[j] = Swift.max(maximum[j], other.maximum[j])
    }
    frameCount += other.frameCount
  }

  /// The fitted statistics; nil when no frame was added.
  public func statistics(method: NormalizeMethod) -> NormalizationStatistics? {
    guard frameCount > 0 else { return nil }
    let std = m2.map { ($0 / Double(frameCount)).squareRoot() }
    return NormalizationStatistics(
      method: method, frameCount: frameCount, mean: mean, std: std, min: minimum.map(Double.init),
      max: maximum.map(Double.init))
  }
}

/// The `normalize` stage: x ↦ (x − center) · (1 / scale) per feature, in float32 with the constants
/// rounded once from the double-precision statistics; `invert` maps back.
public struct Normalizer: Sendable {
  public let method: NormalizeMethod
  private let center: [Float]
  private let inverseScale: [Float]
  private let scale: [Float]

  public init(_ statistics: NormalizationStatistics) {
    method = statistics.method
    center = statistics.center.map { Float($0) }
    scale = statistics.scale.map { Float($0) }
    inverseScale = statistics.scale.map { Float(1 / $0) }
  }

  public var featureCount: Int { center.count }

  /// Normalizes `rows` frames in place.
  public func apply(_ frames: UnsafeMutableBufferPointer<Float>, rows: Int) {
    guard method != .none else { return }
    let f = featureCount
    center.withUnsafeBufferPointer { c in
      inverseScale.withUnsafeBufferPointer { s in
        for t in 0..<rows {
          let row = frames.baseAddress! + t * f
          for j in 0..<f { row[j] = (row[j] - c[j]) * s[j] }
        }
      }
    }
  }

  /// What `apply` makes of value `x` of feature `j`.
  @inline(__always)
  public func apply(_ x: Float, feature j: Int) -> Float {
    method == .none ? x : (x - center[j]) * inverseScale[j]
  }

  /// Undoes `apply` in place.
  public func invert(_ frames: UnsafeMutableBufferPointer<Float>, rows: Int) {
    guard method != .none else { return }
    let f = featureCount
    center.withUnsafeBufferPointer { c in
      scale.withUnsafeBufferPointer { s in
        for t in 0..<rows {
          let row = frames.baseAddress! + t * f
          for j in 0..<f { row[j] = row[j] * s[j] + c[j] }
        }
      }
    }
  }
}
