import Foundation
import Testing
@testable import Report

@Suite struct ReportSizeTests {
    /// 25 years of daily data stay under 2 MB thanks to the pixel reduction, and remain well-formed.
    @Test func twentyFiveYearsDailyFitInTwoMegabytes() {
        let model = ReportModelFixture.model(years: 25, start: .init(year: 2000, month: 1, day: 3)!)
        #expect(model.daily.dates.count > 6_500)
        let html = AuditReport.html(for: model)
        let bytes = html.utf8.count
        print("[ReportSizeTests] 25 years × \(model.daily.dates.count) days → report.html \(bytes) bytes")
        #expect(bytes <= 2_000_000)
        #expect(XMLWellFormedness.parse(html).error == nil)
    }
}
