import Autoencoder
import Foundation
import FuzzSupport

runFuzzer(fuzzSafetensors)

/// Checkpoint loading on a damaged safetensors file: parse, read the model configuration from the
/// metadata, and load the model when its tensors pass the checks (as `score` and `reconstruct` do).
/// Errors are the expected outcome; a trap or an allocation beyond the file's size is a finding.
func fuzzSafetensors(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = fuzzInput(data, size)
  let url = FuzzScratch.write(bytes, as: "model.safetensors")
  guard let file = try? SafetensorsFile(data: Data(bytes), source: "model.safetensors") else { return 0 }
  _ = try? Checkpoint.configuration(of: file, source: "model.safetensors")
  _ = try? Checkpoint.load(from: url)
  return 0
}
