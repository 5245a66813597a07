import Autoencoder
import Testing

@Suite("Which kernel runs the batched products")
struct ProductKernelTests {
  @Test func thePanelKernelIsTheDefaultWhereTheCPUHasAVX512() {
    #expect(ProductKernel.choose(panelAvailable: true, setting: nil) == .success(.panel))
    #expect(ProductKernel.choose(panelAvailable: true, setting: "") == .success(.panel))
    #expect(ProductKernel.choose(panelAvailable: true, setting: "1") == .success(.panel))
  }

  @Test func withoutAVX512OrWithTheSettingAt0EveryProductGoesToOpenBLAS() {
    #expect(ProductKernel.choose(panelAvailable: false, setting: nil) == .success(.sgemm))
    #expect(ProductKernel.choose(panelAvailable: false, setting: "1") == .success(.sgemm))
    #expect(ProductKernel.choose(panelAvailable: true, setting: "0") == .success(.sgemm))
  }

  @Test func anUnknownSettingIsAnErrorNamingTheVariable() {
    let result = ProductKernel.choose(panelAvailable: true, setting: "yes")
    #expect(result == .failure(ProductKernel.SettingError(value: "yes")))
    if case .failure(let error) = result {
      #expect(error.description.contains("ICEWS_AE_PANEL_GEMM=yes") && error.description.contains("use 0"))
    }
  }
}
