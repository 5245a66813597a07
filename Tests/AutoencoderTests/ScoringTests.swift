import Autoencoder
import Foundation
import Testing

@Suite("EncDec-AD scoring")
struct ScoringTests {
  @Test("with identity-like covariance the Mahalanobis distance is the Euclidean distance to the mean")
  func mahalanobisIdentity() throws {
    // Errors ±1 around (1, 2) in each axis separately: mean (1, 2), covariance diag(2/3, 2/3) by n−1 = 3.
    let errors: [Float] = [0, 2, 2, 2, 1, 1, 1, 3]
    let g = try ErrorGaussian(fitting: errors, dimension: 2, relativeRidge: 0)
    #expect(g.mean == [1, 2])
    let d = g.distance([4, 2])
    #expect(abs(d - 3 / (2.0 / 3).squareRoot()) < 1e-9)
  }

  @Test("correlated errors: distance follows the covariance, not the raw offset")
  func mahalanobisCorrelated() throws {
    // Errors lie along the diagonal; an offset along it is ordinary, one across it is not.
    var errors: [Float] = []
    for k in 0..<20 {
      let v = Float(k) / 10
      errors += [v, v + (k % 2 == 0 ? 0.01 : -0.01)]
    }
    let g = try ErrorGaussian(fitting: errors, dimension: 2)
    #expect(g.distance([1.5, 1.5]) < g.distance([1.0, 0.6]))
  }

  @Test("a window with a planted spike ranks first")
  func plantedAnomaly() throws {
    let t = 10
    let f = 3
    // Smooth phase-shifted sines per window.
    func windows(_ n: Int, offset: Int) -> [Float] {
      var x: [Float] = []
      for w in 0..<n {
        for ti in 0..<t {
          for fi in 0..<f { x.append(0.5 + 0.4 * Float(sin(Double(ti + w + offset + 3 * fi) * 0.6))) }
        }
      }
      return x
    }
    let train = try WindowArray(windows: windows(24, offset: 0), windowLength: t, features: f, shuffleSeed: 1)
    let valid = try WindowArray(windows: windows(12, offset: 100), windowLength: t, features: f)
    var test = windows(12, offset: 200)
    let planted = 7
    test[(planted * t + 4) * f + 1] += 3
    let testSource = try WindowArray(windows: test, windowLength: t, features: f)
    let model = try LSTMAutoencoder(config: AutoencoderConfig(features: f, hidden: 12), seed: 2)
    _ = try Trainer(
      model: model, settings: TrainingSettings(batchSize: 8, epochs: 20, adam: AdamSettings(learningRate: 1e-2))
    )
    .train(train)
    let gaussian = try ErrorGaussian(fitting: try model.errorVectors(of: valid), dimension: f)
    let scores = try model.anomalyScores(of: testSource, gaussian: gaussian)
    #expect(scores.count == 12)
    #expect(scores.indices.max { scores[$0] < scores[$1] } == planted)
  }

  @Test("too few validation windows to fit is an error")
  func tooFew() {
    #expect(throws: AutoencoderError.self) { try ErrorGaussian(fitting: [1, 2, 3], dimension: 3) }
  }
}
