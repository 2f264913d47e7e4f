/// One date's feature values in a state's column order, read and written by
/// feature name (never by position).
///
/// Every feature row puts the eight required features first, in contract
/// order, then the optional features that are present.
struct StateRow: Sendable {
    /// The values, in ``features`` order (missing = `.nan`).
    var values: [Double]
    let features: [StateFeature]

    /// A row of `features`, every value missing.
    init(features: [StateFeature]) {
        assert(features.starts(with: StateFeature.required), "required features come first, in contract order")
        self.features = features
        values = Array(repeating: .nan, count: features.count)
    }

    /// Wraps values already in `features` order.
    init(values: [Double], features: [StateFeature]) {
        precondition(values.count == features.count, "one value per feature")
        assert(features.starts(with: StateFeature.required), "required features come first, in contract order")
        self.values = values
        self.features = features
    }

    /// Row `i` of a state table.
    init(_ state: AllocatorState, at i: Int) {
        self.init(values: state.columns.map { $0[i] }, features: state.features)
    }

    /// The value of `feature`; `.nan` when the row does not carry it.
    subscript(feature: StateFeature) -> Double {
        get { column(of: feature).map { values[$0] } ?? .nan }
        set {
            guard let k = column(of: feature) else { preconditionFailure("\(feature) is not in this row") }
            values[k] = newValue
        }
    }

    /// The column of `feature`: a required feature sits at its contract
    /// position (the first eight columns of every row); an optional one, when
    /// present, after them in contract order. O(1): rows are read per date.
    @inline(__always)
    func column(of feature: StateFeature) -> Int? {
        switch feature {
        case .portRvol20d: return 0
        case .portRvol60d: return 1
        case .volAccel: return 2
        case .ddLevel: return 3
        case .ddSlope10d: return 4
        case .corr20d: return 5
        case .corr60d: return 6
        case .corrShock: return 7
        case .trendBreadth20d: return features.count > 8 && features[8] == .trendBreadth20d ? 8 : nil
        case .sleeveConcentration60d: return features.last == .sleeveConcentration60d ? features.count - 1 : nil
        }
    }

    /// Whether every required feature is present (the row belongs to the state table).
    var isValid: Bool {
        for k in 0..<StateFeature.required.count where values[k].isNaN { return false }
        return true
    }

    /// The four features the regime classifier reads.
    var regimeInputs: RegimeFeatureRow {
        RegimeFeatureRow(volAccel: self[.volAccel], corrShock: self[.corrShock], ddLevel: self[.ddLevel],
                         ddSlope10d: self[.ddSlope10d])
    }
}
