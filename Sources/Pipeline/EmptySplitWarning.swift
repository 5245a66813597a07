import EventData
import Shards
import Transforms

extension ShardManifest {
  /// One warning per split that ended up with no windows although the pipeline has a split, naming
  /// the boundary that emptied it and the data's last day (the usual cause: data ending before
  /// `split.valid_end`, or a period shorter than one window).
  public var emptySplitWarnings: [String] {
    guard let split = transforms.split, dayCount > 0 else { return [] }
    let first = calendarStart.iso
    let last = calendar.lastDay(dayCount - 1)
    let window = "\(windowLength) \(calendar.unitName)"
    var warnings: [String] = []
    if windows.train == 0 {
      warnings.append(
        "the train split has 0 windows: no window of \(window) ends by split.train_end \(split.trainEnd.iso) "
          + "(the data runs \(first) … \(last.iso)); move train_end later or shorten window.length")
    }
    if windows.valid == 0 {
      let why =
        last <= split.trainEnd
        ? "the data's last day \(last.iso) is not after split.train_end \(split.trainEnd.iso)"
        : "no window of \(window) fits between split.train_end \(split.trainEnd.iso) and split.valid_end "
          + "\(split.validEnd.iso) (the data's last day is \(last.iso))"
      warnings.append("the valid split has 0 windows: \(why); move the split boundaries or shorten window.length")
    }
    if windows.test == 0 {
      let why =
        last <= split.validEnd
        ? "the data's last day \(last.iso) is not after split.valid_end \(split.validEnd.iso)"
        : "no window of \(window) fits after split.valid_end \(split.validEnd.iso) "
          + "(the data's last day is \(last.iso))"
      warnings.append("the test split has 0 windows: \(why); move valid_end earlier or add later data")
    }
    return warnings
  }
}
