/// How `MSELoss` reduces the squared errors (PyTorch `reduction`).
public enum LossReduction: String, Codable, Sendable, CaseIterable {
  /// Average over every element (B·T·F).
  case mean
  /// Sum over every element.
  case sum
}

/// Mean squared error between prediction and target, forward and backward side by side.
enum MSELoss {
  static func scale(count: Int, _ reduction: LossReduction) -> Double {
    reduction == .mean ? 1 / Double(max(count, 1)) : 1
  }

  /// L = s · Σ (ŷ − y)², s = 1/N (mean) or 1 (sum); accumulated in double precision.
  static func forward(
    _ prediction: UnsafePointer<Float>, _ target: UnsafePointer<Float>, count: Int, _ reduction: LossReduction
  ) -> Double {
    var total = 0.0
    // Σ (ŷ − y)²
    for k in 0..<count {
      let d = Double(prediction[k]) - Double(target[k])
      total += d * d
    }
    return total * scale(count: count, reduction)
  }

  /// ∂(wL)/∂ŷ = 2ws · (ŷ − y).
  static func backward(
    _ prediction: UnsafePointer<Float>, _ target: UnsafePointer<Float>, count: Int, _ reduction: LossReduction,
    weight: Float = 1, into grad: UnsafeMutablePointer<Float>
  ) {
    let s = Float(2 * Double(weight) * scale(count: count, reduction))
    // g = 2s(ŷ − y)
    for k in 0..<count { grad[k] = s * (prediction[k] - target[k]) }
  }
}
