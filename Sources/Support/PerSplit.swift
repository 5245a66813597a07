/// One value for each of the three splits, addressed by name or by `SplitName`; codes as
/// `{"train": …, "valid": …, "test": …}`.
public struct PerSplit<Value> {
  public var train: Value
  public var valid: Value
  public var test: Value

  public init(train: Value, valid: Value, test: Value) {
    self.train = train
    self.valid = valid
    self.test = test
  }

  /// The same value for every split.
  public init(repeating value: Value) {
    self.init(train: value, valid: value, test: value)
  }

  public subscript(split: SplitName) -> Value {
    get {
      switch split {
      case .train: return train
      case .valid: return valid
      case .test: return test
      }
    }
    set {
      switch split {
      case .train: train = newValue
      case .valid: valid = newValue
      case .test: test = newValue
      }
    }
  }
}

extension PerSplit: Sendable where Value: Sendable {}
extension PerSplit: Equatable where Value: Equatable {}
extension PerSplit: Codable where Value: Codable {}
