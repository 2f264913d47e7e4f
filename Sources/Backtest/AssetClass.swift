/// The asset classes of the synthetic futures market, with the parameters
/// that make them behave differently: volatility, exposure to the global
/// risk factor, co-movement within the class, drift and holidays.
package enum AssetClass: String, CaseIterable, Sendable {
    case equityIndex = "EQ"
    case rates = "RT"
    case fx = "FX"
    case commodity = "CM"

    /// Share of a synthetic universe in this class (sums to 1 over classes).
    package var share: Double {
        switch self {
        case .equityIndex: return 0.30
        case .rates: return 0.25
        case .fx: return 0.20
        case .commodity: return 0.25
        }
    }

    /// Typical annualised volatility of one contract.
    package var annualVol: Double {
        switch self {
        case .equityIndex: return 0.18
        case .rates: return 0.06
        case .fx: return 0.09
        case .commodity: return 0.25
        }
    }

    /// Loading `b` on the global risk factor (negative = flight-to-quality asset).
    package var globalLoading: Double {
        switch self {
        case .equityIndex: return 1.0
        case .rates: return -0.3
        case .fx: return 0.5
        case .commodity: return 0.8
        }
    }

    /// Weight `ρ_class` of the class factor in each asset's shock.
    package var classCorrelation: Double {
        switch self {
        case .equityIndex: return 0.50
        case .rates: return 0.55
        case .fx: return 0.35
        case .commodity: return 0.30
        }
    }

    /// Long-run annual drift.
    package var annualDrift: Double {
        switch self {
        case .equityIndex: return 0.05
        case .rates: return 0.01
        case .fx: return 0.0
        case .commodity: return 0.02
        }
    }

    /// The venue's holidays.
    package var holidays: HolidayCalendar {
        switch self {
        case .equityIndex:
            return HolidayCalendar(rules: [
                .fixed(month: 1, day: 1), .nthWeekday(month: 1, weekday: 1, n: 3), .nthWeekday(month: 2, weekday: 1, n: 3),
                .goodFriday, .lastWeekday(month: 5, weekday: 1), .fixed(month: 7, day: 4),
                .nthWeekday(month: 9, weekday: 1, n: 1), .nthWeekday(month: 11, weekday: 4, n: 4), .fixed(month: 12, day: 25),
            ])
        case .rates:
            return HolidayCalendar(rules: [
                .fixed(month: 1, day: 1), .nthWeekday(month: 1, weekday: 1, n: 3), .nthWeekday(month: 2, weekday: 1, n: 3),
                .goodFriday, .lastWeekday(month: 5, weekday: 1), .fixed(month: 7, day: 4),
                .nthWeekday(month: 9, weekday: 1, n: 1), .nthWeekday(month: 10, weekday: 1, n: 2),
                .fixed(month: 11, day: 11), .nthWeekday(month: 11, weekday: 4, n: 4), .fixed(month: 12, day: 25),
            ])
        case .fx:
            return HolidayCalendar(rules: [
                .fixed(month: 1, day: 1), .goodFriday, .easterMonday, .nthWeekday(month: 5, weekday: 1, n: 1),
                .lastWeekday(month: 8, weekday: 1), .fixed(month: 12, day: 25), .fixed(month: 12, day: 26),
            ])
        case .commodity:
            return HolidayCalendar(rules: [
                .fixed(month: 1, day: 1), .goodFriday, .fixed(month: 7, day: 4),
                .nthWeekday(month: 11, weekday: 4, n: 4), .fixed(month: 12, day: 25),
            ])
        }
    }
}
