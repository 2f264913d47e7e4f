import TimeSeries

extension RunDirectory {
    /// File names of the audit (SPEC §9), written into the scaled run.
    package enum AuditFile {
        package static let comparisonJSON = "two_pass_comparison.json"
        package static let comparisonMarkdown = "two_pass_comparison.md"
        package static let report = "report.html"
        /// The synthetic market's spell of each day (`date,spell`: 0 calm, 1 stressed, 2 crisis), ground truth for the audit.
        package static let marketSpells = "market_spells.csv"
    }

    /// The run's id: `meta.json`'s `run_id`, else the directory's name.
    package func runId() throws(AllocatorError) -> String {
        if let id = try readJSON(File.meta)?["run_id"]?.stringValue, !id.isEmpty { return id }
        return name
    }

    /// `equity_curve.csv` (`equity`, else the first value column).
    package func readEquityCurve() throws(AllocatorError) -> Series {
        try readSeries(File.equityCurve, column: "equity", role: "equity curve")
    }

    /// `portfolio_returns.csv` (`ret`, else the first value column).
    package func readPortfolioReturns() throws(AllocatorError) -> Series {
        try readSeries(File.portfolioReturns, column: "ret", role: "portfolio returns")
    }

    /// The scalars a scaled run used at its rebalances
    /// (`allocator_risk_v1_applied_used.csv`), `nil` when the run has none.
    package func readUsedScalars() throws(AllocatorError) -> Series? {
        guard let panel = try readOptional(File.appliedUsed) else { return nil }
        guard let column = panel.seriesColumn(preferring: "risk_scalar_used") else { return nil }
        return Series(dates: panel.dates, values: column.values)
    }

    /// The applied scalars of a run (`allocator_risk_v1_applied.csv`), `nil` when absent.
    package func readAppliedScalars() throws(AllocatorError) -> Series? {
        guard let panel = try readOptional(File.applied) else { return nil }
        guard let column = panel.seriesColumn(preferring: "risk_scalar_applied") else { return nil }
        return Series(dates: panel.dates, values: column.values)
    }

    /// The scalar metadata the comparison reports as read: the first of
    /// `allocator_precomputed_meta.json`, `allocator_risk_v1_applied_meta.json`,
    /// `allocator_risk_v1_meta.json` in the run; `nil` when none exists.
    package func readScalarMeta() throws(AllocatorError) -> JSONValue? {
        for name in [File.precomputedMeta, File.appliedMeta, File.riskMeta] {
            if let json = try readJSON(name) { return json }
        }
        return nil
    }

    /// `allocator_regime_v1.csv` as a regime series, `nil` when absent or holding an unknown label.
    public func readRegimeSeries() -> RegimeSeries? {
        readRegimes().map { RegimeSeries(dates: $0.dates, regimes: $0.regimes) }
    }

    /// The synthetic market's spells (`market_spells.csv`), `nil` when the run's market was not synthetic.
    package func readMarketSpells() throws(AllocatorError) -> Series? {
        guard let panel = try readOptional(AuditFile.marketSpells), let column = panel.seriesColumn(preferring: "spell") else {
            return nil
        }
        return Series(dates: panel.dates, values: column.values)
    }
}
