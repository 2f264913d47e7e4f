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
        self.features = features
        values = Array(repeating: .nan, count: features.count)
    }

    /// Wraps values already in `features` order.
    init(values: [Double], features: [StateFeature]) {
        precondition(values.count == features.count, "one value per feature")
        self.values = values
        self.features = features
    }

    /// Row `i` of a state table.
    init(_ state: AllocatorState, at i: Int) {
        self.init(values: state.columns.map { $0[i] }, features: state.features)
    }

    /// The value of `feature`; `.nan` when the row does not carry it.
    subscript(feature: StateFeature) -> Double {
        get { features.firstIndex(of: feature).map { values[$0] } ?? .nan }
        set {
            guard let k = features.firstIndex(of: feature) else { preconditionFailure("\(feature) is not in this row") }
            values[k] = newValue
        }
    }

    /// Whether every required feature is present (the row belongs to the state table).
    var isValid: Bool {
        StateFeature.required.allSatisfy { !self[$0].isNaN }
    }

    /// The four features the regime classifier reads.
    var regimeInputs: RegimeFeatureRow {
        RegimeFeatureRow(volAccel: self[.volAccel], corrShock: self[.corrShock], ddLevel: self[.ddLevel],
                         ddSlope10d: self[.ddSlope10d])
    }
}
