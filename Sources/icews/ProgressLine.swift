/// One redraw of a progress bar, laid out to a terminal's width like tqdm's: stage, context (`epoch 3/10`),
/// bar, count, percent, rate, ETA, then metrics (`loss 0.0123`). Pure, so the layout is tested at fixed widths.
struct ProgressLine: Equatable {
  var stage: String
  /// What the count is within, e.g. the epoch of a training run.
  var context: String? = nil
  var done: Int
  var total: Int?
  /// What `done` counts (`steps`, `windows`, `events`), for the rate.
  var unit: String
  /// Items per second of the stage's active time; nil until it can be measured.
  var perSecond: Double? = nil
  /// Seconds since the stage started.
  var elapsed: Double
  /// Most important first; the last ones are dropped first on a narrow terminal.
  var metrics: [String] = []

  static let barWidths = 10...30

  /// The line in at most `width` columns, two spaces between pieces or else one; pieces are dropped
  /// (percent, count, later metrics, rate, context, first metric, ETA, bar) until it fits; the stage stays.
  /// So training at 80 columns keeps its epoch, bar, rate, ETA, loss and valid MSE.
  func fitted(width: Int) -> String {
    var pieces = self.pieces
    while true {
      for separator in ["  ", " "] {
        let fixed = pieces.filter { $0.kind != .bar }.map(\.text)
        let used = fixed.reduce(0) { $0 + $1.count } + separator.count * (pieces.count - 1)
        guard pieces.contains(where: { $0.kind == .bar }) else {
          if used <= width { return fixed.joined(separator: separator) }
          continue
        }
        let room = width - used - 2
        if room >= Self.barWidths.lowerBound {
          let bar = Self.bar(fraction: fraction ?? 0, width: min(room, Self.barWidths.upperBound))
          return pieces.map { $0.kind == .bar ? bar : $0.text }.joined(separator: separator)
        }
      }
      guard let drop = Self.dropOrder.lazy.compactMap({ kind in pieces.lastIndex { $0.kind == kind } }).first else {
        return String(stage.prefix(width))
      }
      pieces.remove(at: drop)
    }
  }

  /// `metric` is the first metric, `laterMetric` every other one.
  private enum Kind { case stage, context, bar, count, percent, rate, time, metric, laterMetric }
  private static let dropOrder: [Kind] = [.percent, .count, .laterMetric, .rate, .context, .metric, .time, .bar]
  private struct Piece {
    var kind: Kind
    var text: String
  }

  private var fraction: Double? {
    guard let total, total > 0 else { return nil }
    return min(1, max(0, Double(done) / Double(total)))
  }

  private var pieces: [Piece] {
    var pieces = [Piece(kind: .stage, text: stage)]
    if let context { pieces.append(Piece(kind: .context, text: context)) }
    if let fraction {
      pieces.append(Piece(kind: .bar, text: ""))
      pieces.append(Piece(kind: .count, text: "\(done)/\(total!)"))
      pieces.append(Piece(kind: .percent, text: "\(Int(fraction * 100))%"))
    } else {
      pieces.append(Piece(kind: .count, text: "\(done) \(unit)"))
    }
    if let perSecond { pieces.append(Piece(kind: .rate, text: Self.rate(perSecond, unit: unit))) }
    if let remaining = Self.remainingSeconds(done: done, total: total, perSecond: perSecond) {
      pieces.append(Piece(kind: .time, text: "ETA " + Self.clock(remaining)))
    } else {
      pieces.append(Piece(kind: .time, text: Self.clock(elapsed)))
    }
    pieces += metrics.enumerated().map { Piece(kind: $0.offset == 0 ? .metric : .laterMetric, text: $0.element) }
    return pieces
  }

  /// `[#####-----]`: `width` cells inside the brackets, filled in proportion to `fraction`.
  static func bar(fraction: Double, width: Int) -> String {
    let filled = min(width, max(0, Int((fraction * Double(width)).rounded(.down))))
    return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
  }

  /// `44.6 steps/s`, `412k events/s`, `2.1M rows/s`: three significant digits at most.
  static func rate(_ perSecond: Double, unit: String) -> String {
    let value: String
    switch perSecond {
    case ..<10: value = String(format: "%.2f", perSecond)
    case ..<100: value = String(format: "%.1f", perSecond)
    case ..<1_000: value = String(format: "%.0f", perSecond)
    case ..<10_000: value = String(format: "%.2fk", perSecond / 1e3)
    case ..<1_000_000: value = String(format: "%.0fk", perSecond / 1e3)
    default: value = String(format: "%.1fM", perSecond / 1e6)
    }
    return value + " " + unit + "/s"
  }

  /// `m:ss`, or `h:mm:ss` from an hour on; `?` for what cannot be a duration.
  static func clock(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0, seconds < 1e7 else { return "?" }
    let s = Int(seconds.rounded())
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
    return String(format: "%d:%02d", s / 60, s % 60)
  }

  /// Seconds left at the measured rate; nil when the total or the rate is unknown or the stage is done.
  static func remainingSeconds(done: Int, total: Int?, perSecond: Double?) -> Double? {
    guard let total, let perSecond, perSecond > 0, done < total else { return nil }
    return Double(total - done) / perSecond
  }
}
