import CLSTMKernels
import Foundation

/// Which code runs the autoencoder's batched matrix products (rows ≥ 8).
///
/// On a CPU with AVX-512 icews's own panel kernel (`Sources/CLSTMKernels/panel_gemm.c`) runs them by
/// default: it reads the recurrent matrix packed once per pass where sgemm repacks it at every time step,
/// and it does not depend on which core OpenBLAS detected or was pinned to. Measured at B 64, T 14, F 274,
/// H 300 on an AMD EPYC (Zen 5): 242 GFLOP/s against OpenBLAS's best core (Cooperlake) at 229 and the
/// Haswell core at 142; on an Intel Xeon 74 ms a step against 79 ms on OpenBLAS's SkylakeX core.
/// Single rows (batch 1) go to OpenBLAS's sgemv either way. The tests run the module both ways.
public enum ProductKernel: String, Sendable, Equatable {
  /// The AVX-512 panel kernel for batched products, OpenBLAS for single rows.
  case panel
  /// OpenBLAS sgemm and sgemv for every product.
  case sgemm

  /// `0` sends every product to OpenBLAS; `1` or unset lets icews choose (the panel kernel where the CPU has
  /// AVX-512). The CLI refuses any other value, naming the variable (`validateSetting`).
  public static let settingVariable = "ICEWS_AE_PANEL_GEMM"

  /// The kernel for a CPU that can (`panelAvailable`) or cannot run the panel kernel, given the setting.
  public static func choose(panelAvailable: Bool, setting: String?) -> Result<ProductKernel, SettingError> {
    switch setting ?? "" {
    case "", "1": return .success(panelAvailable ? .panel : .sgemm)
    case "0": return .success(.sgemm)
    case let other: return .failure(SettingError(value: other))
    }
  }

  /// A value of `ICEWS_AE_PANEL_GEMM` that is neither `0` nor `1`.
  public struct SettingError: Error, Equatable, CustomStringConvertible {
    public var value: String
    public init(value: String) { self.value = value }
    public var description: String {
      "\(ProductKernel.settingVariable)=\(value) is not understood: use 0 (every product through OpenBLAS) "
        + "or 1 (the default: icews's AVX-512 kernel where the CPU has it)"
    }
  }

  /// This process's kernel, fixed at first use. A setting it does not understand counts as unset here
  /// (a library must not stop its host over a variable); the CLI refuses it first through
  /// `validateSetting`, so users of `icews` see it as an ordinary error.
  public static let current: ProductKernel = {
    let available = icews_panel_gemm_available() != 0
    switch choose(panelAvailable: available, setting: environmentSetting) {
    case .success(let kernel): return kernel
    case .failure: return available ? .panel : .sgemm
    }
  }()

  /// Throws the setting's error, if any, without fixing `current`.
  public static func validateSetting() throws {
    if case .failure(let error) = choose(panelAvailable: false, setting: environmentSetting) { throw error }
  }

  private static var environmentSetting: String? { ProcessInfo.processInfo.environment[settingVariable] }

  /// For summaries, what ran the products of a training at `batchSize`: at batch 1 every product is a
  /// single row, which goes to OpenBLAS's sgemv whatever the kernel.
  public func summary(batchSize: Int) -> String {
    if batchSize == 1 { return "OpenBLAS sgemv (batch 1: every product is a single row)" }
    return self == .panel ? "icews AVX-512 panel kernel (single rows: OpenBLAS)" : "OpenBLAS sgemm"
  }
}
