import Allocator

extension ReportCalibrationSummary {
    /// The report's calibration section from the run's calibration
    /// (`calibration/`): "defaults" are the base configuration the search started from.
    package init(record: CalibrationRecord) {
        self.init(defaultScore: record.defaultScore, bestScore: record.bestScore, candidateCount: record.candidateCount,
                  sharesBefore: record.sharesBefore, sharesAfter: record.sharesAfter,
                  parameters: record.parameters.map { Parameter(name: $0.name, defaultValue: $0.baseValue, bestValue: $0.bestValue) })
    }
}
