import Testing
import TimeSeries
@testable import Report

@Suite struct DateTicksTests {
    private func date(_ text: String) -> TradingDate { TradingDate(text)! }

    @Test func yearsForLongSpans() {
        let ticks = DateTicks.ticks(from: date("2020-01-06"), to: date("2025-10-31"))
        #expect(ticks.map(\.label) == ["2021", "2022", "2023", "2024", "2025"])
        #expect(ticks.first?.date == date("2021-01-01"))
    }

    @Test func yearStepGrowsForDecades() {
        let ticks = DateTicks.ticks(from: date("2000-01-03"), to: date("2024-12-31"), maximumCount: 10)
        #expect(ticks.map(\.label) == ["2005", "2010", "2015", "2020"], "2000-01-01 lies before the first date")
        let twoYear = DateTicks.ticks(from: date("2006-03-01"), to: date("2024-06-28"), maximumCount: 10)
        #expect(twoYear.map(\.label) == ["2008", "2010", "2012", "2014", "2016", "2018", "2020", "2022", "2024"])
    }

    @Test func quartersForOneToThreeYears() {
        let ticks = DateTicks.ticks(from: date("2024-03-14"), to: date("2025-05-30"))
        #expect(ticks.map(\.label) == ["2024 Q2", "2024 Q3", "2024 Q4", "2025 Q1", "2025 Q2"])
        #expect(ticks.first?.date == date("2024-04-01"))
    }

    @Test func everySecondQuarterWhenCrowded() {
        let ticks = DateTicks.ticks(from: date("2021-01-01"), to: date("2023-12-29"), maximumCount: 8)
        #expect(ticks.map(\.label) == ["2021 Q1", "2021 Q3", "2022 Q1", "2022 Q3", "2023 Q1", "2023 Q3"])
    }

    @Test func monthsForShortSpans() {
        let ticks = DateTicks.ticks(from: date("2024-08-15"), to: date("2024-12-20"))
        #expect(ticks.map(\.label) == ["Sep 2024", "Oct 2024", "Nov 2024", "Dec 2024"])
    }

    @Test func emptyWhenReversed() {
        #expect(DateTicks.ticks(from: date("2024-12-20"), to: date("2024-08-15")).isEmpty)
    }
}
