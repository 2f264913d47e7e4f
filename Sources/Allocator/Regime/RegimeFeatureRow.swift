/// The four state features the regime classifier reads on one date.
///
/// Missing values are `.nan`; every comparison with NaN is false, so a
/// missing feature never raises a stress flag (the reference behaves the
/// same). The command line refuses missing values before they get here.
package struct RegimeFeatureRow: Codable, Equatable, Sendable {
    /// `port_rvol_20d / port_rvol_60d`.
    package var volAccel: Double
    /// `corr_20d − corr_60d`.
    package var corrShock: Double
    /// `equity / running max − 1` (≤ 0).
    package var ddLevel: Double
    /// `dd_level[t] − dd_level[t−10]`.
    package var ddSlope10d: Double

    package init(volAccel: Double, corrShock: Double, ddLevel: Double, ddSlope10d: Double) {
        self.volAccel = volAccel
        self.corrShock = corrShock
        self.ddLevel = ddLevel
        self.ddSlope10d = ddSlope10d
    }

    /// The state features this row is built from, in contract order.
    package static let features: [StateFeature] = [.volAccel, .ddLevel, .ddSlope10d, .corrShock]
}
