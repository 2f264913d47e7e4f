import TimeSeries

extension RunDirectory {
    /// Appends the rows of the dates an update added to `allocator_state_v1.csv`,
    /// `allocator_regime_v1.csv` and `allocator_risk_v1.csv`: for each, the
    /// bytes a full write encodes for those rows (its encoding without the
    /// header line), so the file equals a fresh pipeline's. The caller has
    /// marked the generation in progress (a torn append is then caught by the manifest).
    func appendRows(state: AllocatorState, regimes: [Regime], scalars: [Double]) throws(AllocatorError) {
        guard !state.dates.isEmpty else { return }
        try append(CSVWriter.encode(state.panel).droppingHeader, to: File.state)
        try append(RegimeArtifacts.csv(RegimeSeries(dates: state.dates, regimes: regimes)).droppingHeader, to: File.regime)
        try append(RiskArtifacts.csv(RiskSeries(dates: state.dates, scalars: scalars, regimes: regimes.map { Optional($0) }))
            .droppingHeader, to: File.risk)
    }
}

extension [UInt8] {
    /// The bytes after the first line (a CSV encoding's rows without its header).
    fileprivate var droppingHeader: [UInt8] {
        guard let nl = firstIndex(of: UInt8(ascii: "\n")) else { return [] }
        return Array(self[(nl + 1)...])
    }
}
