import TimeSeries

/// Per-sleeve scalars (SPEC §10), drawn as one line per sleeve.
package struct ReportSleeveScalars: Sendable {
    /// One sleeve's scalar series.
    package struct Sleeve: Sendable {
        /// Sleeve name (a column of `sleeve_returns.csv`).
        package var name: String
        /// Scalar per date of the enclosing `dates` (NaN = missing).
        package var values: [Double]

        /// Creates a sleeve series.
        package init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// Dates shared by every sleeve, strictly increasing.
    package var dates: [TradingDate]
    /// The sleeves in display order.
    package var sleeves: [Sleeve]

    /// Creates the section; traps when a sleeve's count differs from `dates.count`.
    package init(dates: [TradingDate], sleeves: [Sleeve]) {
        precondition(sleeves.allSatisfy { $0.values.count == dates.count }, "one sleeve value per date")
        self.dates = dates
        self.sleeves = sleeves
    }
}
