import TimeSeries

/// Exchange holidays of one asset class, so synthetic data leaves missing
/// cells where real futures do (different venues close on different days).
package struct HolidayCalendar: Sendable {
    /// One recurring holiday.
    package enum Rule: Sendable {
        /// A fixed month/day (no weekend shift).
        case fixed(month: Int, day: Int)
        /// The `n`-th ISO weekday (1 = Monday) of a month.
        case nthWeekday(month: Int, weekday: Int, n: Int)
        /// The last ISO weekday of a month.
        case lastWeekday(month: Int, weekday: Int)
        /// Good Friday (two days before Gregorian Easter Sunday).
        case goodFriday
        /// Easter Monday.
        case easterMonday
    }

    package var rules: [Rule]

    package init(rules: [Rule]) { self.rules = rules }

    /// True when `date` is a holiday of this calendar.
    package func isHoliday(_ date: TradingDate) -> Bool {
        let (y, m, d) = date.components
        for rule in rules {
            switch rule {
            case let .fixed(month, day):
                if m == month && d == day { return true }
            case let .nthWeekday(month, weekday, n):
                if m == month && date.isoWeekday == weekday && (d - 1) / 7 + 1 == n { return true }
            case let .lastWeekday(month, weekday):
                if m == month && date.isoWeekday == weekday && d + 7 > TradingDate.lastDay(year: y, month: m) { return true }
            case .goodFriday:
                if date == HolidayCalendar.easterSunday(year: y).adding(days: -2) { return true }
            case .easterMonday:
                if date == HolidayCalendar.easterSunday(year: y).adding(days: 1) { return true }
            }
        }
        return false
    }

    /// Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
    package static func easterSunday(year y: Int) -> TradingDate {
        let a = y % 19, b = y / 100, c = y % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return TradingDate(year: y, month: month, day: day)!
    }
}

extension TradingDate {
    /// The last day number of a month.
    static func lastDay(year: Int, month: Int) -> Int {
        var day = 31
        while TradingDate(year: year, month: month, day: day) == nil { day -= 1 }
        return day
    }
}
