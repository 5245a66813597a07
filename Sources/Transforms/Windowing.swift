import EventData
import Support

/// Where windows start in a group's series: every `stride` days from the calendar's first day, full
/// windows only. Every group shares the calendar, so the layout is the same for each group.
public struct WindowLayout: Sendable, Equatable {
  public let length: Int
  public let stride: Int
  public let dayCount: Int

  public init(_ settings: WindowSettings, dayCount: Int) {
    length = settings.length
    stride = settings.stride
    self.dayCount = dayCount
  }

  /// Full windows per group.
  public var windowCount: Int { dayCount >= length ? (dayCount - length) / stride + 1 : 0 }

  /// Windows per group that start inside the calendar but would run past its end (dropped).
  public var partialCount: Int {
    let starts = dayCount > 0 ? (dayCount - 1) / stride + 1 : 0
    return starts - windowCount
  }

  /// Day offset (from the calendar start) of window `k`'s first day.
  public func start(ofWindow k: Int) -> Int { k * stride }
}

/// Assigns a window to train / valid / test by its last day; a window whose first day lies in an
/// earlier split than its last day straddles a boundary and is dropped.
public struct SplitAssigner: Sendable, Equatable {
  /// Last train / valid day as offsets from the calendar start (may be negative or past the end).
  private let trainLast: Int
  private let validLast: Int

  /// Offsets count the calendar's periods; a period is in a split when its last day is.
  public init(split: SplitSettings?, calendarStart: Day, period: CalendarPeriod = .day) {
    if let split {
      let calendar = PeriodCalendar(period: period, start: calendarStart)
      trainLast = calendar.lastOffset(endingBy: split.trainEnd)
      validLast = calendar.lastOffset(endingBy: split.validEnd)
    } else {
      trainLast = .max
      validLast = .max
    }
  }

  /// The split a single day (offset from the calendar start) belongs to.
  public func split(ofDay day: Int) -> SplitName {
    day <= trainLast ? .train : day <= validLast ? .valid : .test
  }

  /// The split of a window spanning days `first...last`; nil when it straddles a boundary.
  public func split(first: Int, last: Int) -> SplitName? {
    let end = split(ofDay: last)
    return split(ofDay: first) == end ? end : nil
  }

  /// Number of calendar days that are train days (the range statistics are fitted on).
  public func trainDayCount(dayCount: Int) -> Int {
    trainLast >= dayCount ? dayCount : Swift.max(0, trainLast + 1)
  }
}

/// How many windows each split received and how many were dropped, and why.
public struct WindowCounts: Sendable, Equatable, Codable {
  public var train = 0
  public var valid = 0
  public var test = 0
  /// Trailing windows that would run past the calendar's last day.
  public var droppedPartial = 0
  /// Windows whose first and last day fall in different splits.
  public var droppedStraddling = 0

  public init() {}

  enum CodingKeys: String, CodingKey {
    case train, valid, test
    case droppedPartial = "dropped_partial"
    case droppedStraddling = "dropped_straddling"
  }

  /// The window counts alone, by split.
  public var bySplit: PerSplit<Int> {
    get { PerSplit(train: train, valid: valid, test: test) }
    set { (train, valid, test) = (newValue.train, newValue.valid, newValue.test) }
  }

  public subscript(split: SplitName) -> Int {
    get { bySplit[split] }
    set { bySplit[split] = newValue }
  }

  public static func += (a: inout WindowCounts, b: WindowCounts) {
    a.train += b.train
    a.valid += b.valid
    a.test += b.test
    a.droppedPartial += b.droppedPartial
    a.droppedStraddling += b.droppedStraddling
  }
}
