import Autoencoder
import Testing

@Suite("OpenBLAS core selection")
struct BLASRuntimeTests {
  let avx512 = BLASRuntime.CPU(avx512: true, avx2FMA: true)
  let avx2 = BLASRuntime.CPU(avx512: false, avx2FMA: true)
  let sse = BLASRuntime.CPU(avx512: false, avx2FMA: false)

  @Test func aGenericCoreOnACapableCPUIsReplacedByItsBestCore() {
    #expect(BLASRuntime.coreTypeToRequest(detected: "Prescott", cpu: avx512, userSetting: nil) == "SkylakeX")
    #expect(BLASRuntime.coreTypeToRequest(detected: "Nehalem", cpu: avx2, userSetting: nil) == "Haswell")
    #expect(BLASRuntime.coreTypeToRequest(detected: "Core2", cpu: avx512, userSetting: "") == "SkylakeX")
  }

  @Test func theUsersOwnSettingAlwaysWins() {
    #expect(BLASRuntime.coreTypeToRequest(detected: "Prescott", cpu: avx512, userSetting: "Prescott") == nil)
    #expect(BLASRuntime.coreTypeToRequest(detected: "Prescott", cpu: avx512, userSetting: "Haswell") == nil)
  }

  @Test func aProperCoreOrAnOldCPUIsLeftAlone() {
    #expect(BLASRuntime.coreTypeToRequest(detected: "SkylakeX", cpu: avx512, userSetting: nil) == nil)
    #expect(BLASRuntime.coreTypeToRequest(detected: "Zen", cpu: avx2, userSetting: nil) == nil)
    #expect(BLASRuntime.coreTypeToRequest(detected: "Haswell", cpu: avx512, userSetting: nil) == nil)
    #expect(BLASRuntime.coreTypeToRequest(detected: "Prescott", cpu: sse, userSetting: nil) == nil)
  }

  @Test func theWarningNamesTheCoreAndWhatToSet() {
    let warning = BLASRuntime.genericCoreWarning(core: "Prescott", cpu: avx512)
    #expect(warning?.contains("Prescott") == true && warning?.contains("OPENBLAS_CORETYPE=SkylakeX") == true)
    #expect(BLASRuntime.genericCoreWarning(core: "SkylakeX", cpu: avx512) == nil)
    #expect(BLASRuntime.genericCoreWarning(core: "Prescott", cpu: sse) == nil)
  }

  @Test func aUsersCoreBelowTheCPUIsKeptButWarnedAbout() {
    // the environment pins Haswell (AVX2) on an AVX-512 CPU: kept, and the warning says what to do
    let pinned = BLASRuntime.pinnedCoreWarning(core: "Haswell", userSetting: "Haswell", cpu: avx512)
    #expect(pinned?.contains("OPENBLAS_CORETYPE=Haswell") == true && pinned?.contains("AVX-512") == true)
    #expect(pinned?.contains("set OPENBLAS_CORETYPE=SkylakeX") == true)
    #expect(BLASRuntime.coreTypeToRequest(detected: "Haswell", cpu: avx512, userSetting: "Haswell") == nil)
    #expect(BLASRuntime.pinnedCoreWarning(core: "Prescott", userSetting: "Prescott", cpu: avx2) != nil)
    // a pin that matches the CPU, no pin at all, or an old CPU: nothing to say
    #expect(BLASRuntime.pinnedCoreWarning(core: "Cooperlake", userSetting: "Cooperlake", cpu: avx512) == nil)
    #expect(BLASRuntime.pinnedCoreWarning(core: "Haswell", userSetting: "Haswell", cpu: avx2) == nil)
    #expect(BLASRuntime.pinnedCoreWarning(core: "Haswell", userSetting: nil, cpu: avx512) == nil)
    #expect(BLASRuntime.pinnedCoreWarning(core: "Prescott", userSetting: "Prescott", cpu: sse) == nil)
  }

  @Test func threadsCanBeSetAndReadBack() {
    let before = BLASRuntime.threads
    BLASRuntime.setThreads(1)
    #expect(BLASRuntime.threads == 1)
    BLASRuntime.setThreads(before)
    #expect(BLASRuntime.threads == before)
  }

  @Test func trainingFLOPsFollowTheProductShapes() {
    // F 5, H 100, T 14: encoder 2·4·100·(5+100), decoder cell the same, head 2·100·5; ×3 (backward), ×T.
    let config = AutoencoderConfig(features: 5, hidden: 100)
    let cell: Double = 2 * 4 * 100 * 105
    let head: Double = 2 * 100 * 5
    let expected: Double = 3 * (2 * cell + head) * 14
    #expect(config.trainingFLOPsPerWindow(length: 14) == expected)
  }
}
