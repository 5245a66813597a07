import Foundation
import FuzzSupport
import Pipeline

runFuzzer(fuzzPipelineYAML)

/// Pipeline YAML: parse and validate; a file that passes is run (`icews run`) on a small input of
/// its format (Fixtures/fuzz/inputs), since sizes the YAML sets (vocabularies, windows, features) are
/// only allocated then. Errors are the expected outcome; a trap, a hang or a blow-up is a finding.
func fuzzPipelineYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let text = String(decoding: fuzzInput(data, size), as: UTF8.self)
  guard let config = try? PipelineConfig.parse(yaml: text, file: "pipeline.yaml") else { return 0 }
  _ = config.canonicalJSON
  let input: String
  switch config.inputFormat {
  case .icews: input = "events.tab"
  case .framesCSV: input = "sensors.csv"
  case .polecat: input = "polecat.txt"
  case .gdelt: input = "gdelt.export.CSV"
  }
  let inputs = [FuzzScratch.fixtures.appendingPathComponent("inputs").appendingPathComponent(input).path]
  let out = FuzzScratch.directory.appendingPathComponent("run")
  _ = try? RunJob(config: config, inputs: inputs, outputDirectory: out).run()
  return 0
}
