import TimeSeries

/// A calendar bucketing of dates: months or quarters (quarters end in
/// March, June, September, December), as pandas' `resample("M")` /
/// `resample("Q")` label them — by the period's last calendar day.
enum CalendarPeriod: Sendable {
    case month
    case quarter

    /// Consecutive index of the period holding `date` (months since year 0,
    /// or quarters since year 0), so that adjacent periods differ by one.
    func index(of date: TradingDate) -> Int {
        let (y, m, _) = date.components
        switch self {
        case .month: return y * 12 + (m - 1)
        case .quarter: return y * 4 + (m - 1) / 3
        }
    }

    /// Last calendar day of the period with this `index`.
    func lastDay(ofPeriod index: Int) -> TradingDate {
        let year: Int, month: Int
        switch self {
        case .month: (year, month) = (index / 12, index % 12 + 1)
        case .quarter: (year, month) = (index / 4, (index % 4) * 3 + 3)
        }
        let next = month == 12 ? TradingDate(year: year + 1, month: 1, day: 1)! : TradingDate(year: year, month: month + 1, day: 1)!
        return next.adding(days: -1)
    }

    /// The period with the lowest compounded return `Π(1 + rᵢ) − 1` over the
    /// returns dated in it (product in date order).
    ///
    /// Like pandas' resample, every period from the first to the last date's
    /// is a candidate, an empty one compounding to 0.0; NaN periods are
    /// skipped; ties go to the earliest period. `nil` when there is no
    /// return or every period is NaN.
    func worst(dates: [TradingDate], returns: [Double]) -> PeriodReturn? {
        precondition(dates.count == returns.count, "one return per date")
        guard let first = dates.first, let last = dates.last else { return nil }
        let firstIndex = index(of: first), lastIndex = index(of: last)
        var best: (period: Int, value: Double)?
        var k = 0
        for period in firstIndex...lastIndex {
            var growth = 1.0
            while k < dates.count, index(of: dates[k]) == period {
                growth *= 1.0 + returns[k]
                k += 1
            }
            let value = growth - 1.0
            if value.isNaN { continue }
            if best == nil || value < best!.value { best = (period, value) }
        }
        return best.map { PeriodReturn(date: lastDay(ofPeriod: $0.period), value: $0.value) }
    }
}

/// The compounded return of one calendar period, labelled by the period's
/// last calendar day (the `worst_month` / `worst_quarter` objects).
package struct PeriodReturn: Equatable, Sendable {
    /// Last calendar day of the month or quarter.
    package var date: TradingDate
    /// `Π(1 + rᵢ) − 1` over the period's daily returns.
    package var value: Double

    /// A period ending on `date` that compounded to `value`.
    package init(date: TradingDate, value: Double) {
        self.date = date
        self.value = value
    }
}
