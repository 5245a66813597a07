import Autoencoder
import FixtureSupport
import Foundation
import Testing

@Suite struct BLASCoreSelectionTests {
  /// The machine's own `OPENBLAS_CORETYPE` and `ICEWS_AE_PANEL_GEMM` are removed unless `environment` sets them.
  private func trainReport(environment: [String: String]) throws -> (report: [String: Any], stderr: String) {
    let shards = try shardsThroughCLI("Fixtures/anomaly/sensors.yaml", "Fixtures/anomaly/sensors.csv")
    let dir = try Fixtures.temporaryDirectory("cli-blas")
    let report = dir.appendingPathComponent("r.json")
    let run = try runIcews(
      [
        "train", shards.path, "--hidden", "4", "--max-steps", "2", "-o",
        dir.appendingPathComponent("m.safetensors").path,
        "--report", report.path,
      ], environment: environment,
      unsetting: [BLASRuntime.coreTypeVariable, ProductKernel.settingVariable].filter { environment[$0] == nil })
    #expect(run.status == 0, "\(run.stderr)")
    let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
    return (json, run.stderr)
  }

  @Test func theTrainingRunsAProperCoreOnACapableCPUWithoutTheUserSettingAnything() throws {
    guard let best = BLASRuntime.CPU.current.bestCore else { return }
    let (report, stderr) = try trainReport(environment: [:])
    let core = try #require(report["blas_core"] as? String)
    #expect(!BLASRuntime.genericCores.contains(core), "expected \(best)-class kernels, ran \(core)")
    #expect(stderr.contains("blas") && !stderr.contains("generic") && !stderr.contains("OPENBLAS_CORETYPE="))
  }

  @Test func aUsersCoreBelowTheCPUIsKeptAndWarnedWhenOpenBLASRunsTheProducts() throws {
    let cpu = BLASRuntime.CPU.current
    guard cpu.avx512 else { return }  // Haswell is this CPU's best without AVX-512: nothing to warn about
    let (report, stderr) = try trainReport(environment: [
      BLASRuntime.coreTypeVariable: "Haswell", ProductKernel.settingVariable: "0",
    ])
    #expect(report["blas_core"] as? String == "Haswell")
    #expect(stderr.contains("products       OpenBLAS sgemm"))
    #expect(stderr.contains("OPENBLAS_CORETYPE=Haswell in the environment") && stderr.contains("keeps your setting"))
    #expect((report["warnings"] as? [String])?.contains { $0.contains("OPENBLAS_CORETYPE=SkylakeX") } == true)
  }

  @Test func onAVX512ThePanelKernelRunsTheBatchedProductsWhateverOpenBLASsCore() throws {
    guard BLASRuntime.CPU.current.avx512 else { return }
    let (report, stderr) = try trainReport(environment: [BLASRuntime.coreTypeVariable: "Haswell"])
    #expect(report["blas_core"] as? String == "Haswell")
    #expect(stderr.contains("products       icews AVX-512 panel kernel"))
    // the pin does not touch those products, so it is not worth a warning
    #expect(!stderr.contains("OPENBLAS_CORETYPE=Haswell in the environment"))
  }

  @Test func anUnknownKernelSettingIsAUsageError() throws {
    let run = try runIcews(["--help"], environment: [ProductKernel.settingVariable: "fast"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("ICEWS_AE_PANEL_GEMM=fast is not understood"))
  }

  @Test func aUsersOwnCoreTypeWinsAndAGenericOneIsWarned() throws {
    let (report, stderr) = try trainReport(environment: [BLASRuntime.coreTypeVariable: "Prescott"])
    #expect(report["blas_core"] as? String == "Prescott")
    if BLASRuntime.CPU.current.bestCore != nil {
      #expect(stderr.contains("generic 'Prescott' kernels"))
      #expect((report["warnings"] as? [String])?.contains { $0.contains("OPENBLAS_CORETYPE=") } == true)
    }
  }
}
