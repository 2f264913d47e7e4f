import TimeSeries

/// Allocator state v1: one row per valid date, one column per present feature.
///
/// Columns follow `StateFeature.allCases` order, restricted to `features`
/// (the eight required ones plus any optional feature whose input was present).
public struct AllocatorState: Sendable, Equatable {
    /// Valid dates, ascending.
    public var dates: [TradingDate]
    /// Features present, in contract order.
    public var features: [StateFeature]
    /// `columns[k]` holds `features[k]` for every date.
    public var columns: [[Double]]

    /// A state from its columns (`columns[k]` holds `features[k]`).
    public init(dates: [TradingDate], features: [StateFeature], columns: [[Double]]) {
        self.dates = dates
        self.features = features
        self.columns = columns
    }

    /// The column of `feature`, when present.
    public func values(_ feature: StateFeature) -> [Double]? {
        features.firstIndex(of: feature).map { columns[$0] }
    }

    /// As a panel whose column names are the feature names (for CSV output).
    public var panel: Panel {
        Panel(dates: dates, names: features.map(\.rawValue), columns: columns)
    }

    /// Reads a state table from a panel (e.g. a parsed `allocator_state_v1.csv`).
    /// Unknown columns are ignored; feature order follows the contract.
    public init(panel: Panel) {
        var features: [StateFeature] = []
        var columns: [[Double]] = []
        for f in StateFeature.allCases {
            if let c = panel.column(named: f.rawValue) {
                features.append(f)
                columns.append(c)
            }
        }
        self.init(dates: panel.dates, features: features, columns: columns)
    }
}
