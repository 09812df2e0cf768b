import ArgumentParser
import LabNetPresentation

/// `--format table|json|csv|html`.
extension OutputFormat: ExpressibleByArgument {}
