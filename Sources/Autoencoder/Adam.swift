import CLSTMKernels
import Foundation

/// Adam hyperparameters (PyTorch defaults) and optional gradient-norm clipping.
public struct AdamSettings: Codable, Sendable, Equatable {
  public var learningRate: Float
  public var beta1: Float
  public var beta2: Float
  public var epsilon: Float
  /// Clip the global L2 gradient norm to this before each step (`clip_grad_norm_`); nil = no clipping.
  public var clipNorm: Float?

  public init(
    learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8,
    clipNorm: Float? = nil
  ) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.clipNorm = clipNorm
  }
}

/// `torch.optim.Adam` (no weight decay, no amsgrad) over a model's flat parameter buffer:
/// m = β₁m + (1−β₁)g ; v = β₂v + (1−β₂)g² ; p −= lr/(1−β₁ᵗ) · m / (√v / √(1−β₂ᵗ) + ε).
public final class AdamOptimizer {
  public let settings: AdamSettings
  /// Number of updates taken so far (t of the bias correction).
  public private(set) var stepCount = 0
  private let m: FloatBuffer
  private let v: FloatBuffer
  private let parameters: ParameterSet

  public init(model: LSTMAutoencoder, settings: AdamSettings = AdamSettings()) {
    self.settings = settings
    parameters = model.parameters
    m = FloatBuffer(count: parameters.count)
    v = FloatBuffer(count: parameters.count)
  }

  /// One update from the gradients of the model's last `backward()`; with clipping, returns the gradient
  /// norm before clipping.
  @discardableResult
  public func step() -> Float? {
    let g = parameters.grads.base
    let n = parameters.count
    var norm: Float? = nil
    if let maxNorm = settings.clipNorm {
      let total = gradientNorm(g, n)
      norm = total
      // clip_grad_norm_: g ·= min(1, max / (‖g‖ + 1e−6))
      let coefficient = min(1, Double(maxNorm) / (Double(total) + 1e-6))
      if coefficient < 1 { icews_scale(n, g, Float(coefficient)) }
    }
    stepCount += 1
    let t = Double(stepCount)
    let stepSize = Float(Double(settings.learningRate) / (1 - pow(Double(settings.beta1), t)))
    let bias2Sqrt = Float((1 - pow(Double(settings.beta2), t)).squareRoot())
    // m = β₁m + (1−β₁)g ; v = β₂v + (1−β₂)g² ; p −= step · m / (√v / √bc₂ + ε), vectorized in C
    icews_adam_update(
      n, parameters.values.base, g, m.base, v.base, settings.beta1, settings.beta2, stepSize, bias2Sqrt,
      settings.epsilon)
    return norm
  }

  /// ‖g‖₂ accumulated in double precision.
  private func gradientNorm(_ g: UnsafePointer<Float>, _ n: Int) -> Float {
    Float(icews_sum_of_squares(n, g).squareRoot())
  }
}
