import ArgumentParser
import Autoencoder
import Presentation
import Shards
import Support
import Transforms

// Library enums as typed options: ArgumentParser lists their cases in --help and rejects others.
extension SplitName: ExpressibleByArgument {}
extension CovarianceEstimator: ExpressibleByArgument {}
extension ErrorReduction: ExpressibleByArgument {}
extension WindowSpace: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}
extension InspectFormat: ExpressibleByArgument {}
extension LossReduction: ExpressibleByArgument {}
