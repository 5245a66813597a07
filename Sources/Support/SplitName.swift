/// The three parts of a dataset; windows are assigned by their last day.
public enum SplitName: String, Sendable, CaseIterable, Codable, Comparable {
  case train, valid, test

  public static func < (a: SplitName, b: SplitName) -> Bool {
    allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
  }
}
