import Foundation

/// σ(x) = 1 / (1 + e^(−x)).
@inline(__always) func sigmoid(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }

/// tanh(x), the cell nonlinearity.
@inline(__always) func tanhf32(_ x: Float) -> Float { Foundation.tanh(x) }
