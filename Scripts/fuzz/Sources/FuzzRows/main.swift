import EventData
import Frames
import FuzzSupport

runFuzzer(fuzzRows)

/// The raw-row readers: the input as an ICEWS dump (any layout, any container, bad rows rejected),
/// then as a frames CSV. Errors are the expected outcome; a trap, a hang or a blow-up is a finding.
func fuzzRows(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let bytes = fuzzInput(data, size)
  let url = FuzzScratch.write(bytes, as: "events.tab")
  for policy in [BadRowPolicy.reject, .fail] {
    _ = try? EventReader(inputs: [url.path], policy: policy).read(onReject: { _ in }, onEvent: { _ in })
  }
  _ = try? CSVFrameSeries(bytes: [UInt8](bytes), file: "frames.csv")
  return 0
}
