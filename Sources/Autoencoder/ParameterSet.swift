/// A named tensor in a `ParameterSet`: PyTorch `state_dict` name, shape and place in the flat buffers.
public struct ParameterTensor: Sendable, Equatable {
  public let name: String
  public let shape: [Int]
  public let offset: Int
  public var count: Int { shape.reduce(1, *) }
}

/// Every parameter of a model in one flat float32 buffer (and one for gradients), in `state_dict` order,
/// so that Adam, clipping and checkpoints each work on a single contiguous array.
final class ParameterSet {
  let tensors: [ParameterTensor]
  let values: FloatBuffer
  let grads: FloatBuffer
  private let index: [String: Int]

  init(_ specs: [(String, [Int])]) {
    var offset = 0
    var tensors: [ParameterTensor] = []
    for (name, shape) in specs {
      let t = ParameterTensor(name: name, shape: shape, offset: offset)
      tensors.append(t)
      offset += t.count
    }
    self.tensors = tensors
    values = FloatBuffer(count: offset)
    grads = FloatBuffer(count: offset)
    index = Dictionary(uniqueKeysWithValues: tensors.enumerated().map { ($1.name, $0) })
  }

  /// The same tensors over `other`'s values (shared, not copied) with gradients of its own: a replica that
  /// runs forward and backward on part of a batch while `other` runs the rest (`DataParallelModel`).
  init(sharingValuesOf other: ParameterSet) {
    tensors = other.tensors
    values = other.values
    grads = FloatBuffer(count: other.count)
    index = other.index
  }

  var count: Int { values.count }

  func tensor(_ name: String) -> ParameterTensor? { index[name].map { tensors[$0] } }

  /// Pointers to a tensor's values and gradient; the name must exist (built by the model itself).
  func value(_ name: String) -> UnsafeMutablePointer<Float> { values.at(tensor(name)!.offset) }
  func grad(_ name: String) -> UnsafeMutablePointer<Float> { grads.at(tensor(name)!.offset) }
}
