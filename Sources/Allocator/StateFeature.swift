/// The ten locked features of allocator state v1 (SPEC §2), in contract order.
///
/// The raw values are the CSV column names; `allCases` is the CSV column order.
public enum StateFeature: String, CaseIterable, Sendable {
    case portRvol20d = "port_rvol_20d"
    case portRvol60d = "port_rvol_60d"
    case volAccel = "vol_accel"
    case ddLevel = "dd_level"
    case ddSlope10d = "dd_slope_10d"
    case corr20d = "corr_20d"
    case corr60d = "corr_60d"
    case corrShock = "corr_shock"
    case trendBreadth20d = "trend_breadth_20d"
    case sleeveConcentration60d = "sleeve_concentration_60d"

    /// The eight features every valid row must have.
    public static let required: [StateFeature] = [
        .portRvol20d, .portRvol60d, .volAccel, .ddLevel, .ddSlope10d, .corr20d, .corr60d, .corrShock,
    ]

    /// Features computed only when their input file is present.
    public static let optional: [StateFeature] = [.trendBreadth20d, .sleeveConcentration60d]

    /// Whether every valid row must have this feature.
    public var isRequired: Bool { StateFeature.required.contains(self) }
}

/// Window lengths of state v1, in the order written to metadata.
public enum StateLookbacks {
    /// Rows of `port_rvol_20d`.
    public static let rvolFast = 20
    /// Rows of `port_rvol_60d`.
    public static let rvolSlow = 60
    /// Lag of `dd_slope_10d` in rows.
    public static let ddSlope = 10
    /// Rows of `corr_20d`.
    public static let corrFast = 20
    /// Rows of `corr_60d`.
    public static let corrSlow = 60
    /// Rows of `trend_breadth_20d`.
    public static let trendBreadth = 20
    /// Rows of `sleeve_concentration_60d`.
    public static let sleeveConcentration = 60

    /// `(metadata key, rows)` pairs in contract order.
    public static let ordered: [(String, Int)] = [
        ("rvol_fast", rvolFast), ("rvol_slow", rvolSlow), ("dd_slope", ddSlope),
        ("corr_fast", corrFast), ("corr_slow", corrSlow), ("trend_breadth", trendBreadth),
        ("sleeve_concentration", sleeveConcentration),
    ]
}
