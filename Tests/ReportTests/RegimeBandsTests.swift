import Testing
@testable import Report

@Suite struct RegimeBandsTests {
    @Test func mergesRunsOfOneRegime() {
        let bands = RegimeBands.bands(xs: [0, 10, 20, 30], regimes: [.normal, .normal, .stress, .normal], right: 40)
        #expect(bands == [.init(start: 0, end: 20, regime: .normal), .init(start: 20, end: 30, regime: .stress),
                          .init(start: 30, end: 40, regime: .normal)])
    }

    @Test func oneDayCrisisInsideAColumnSurvives() {
        // Ten days in one pixel column; the worst regime wins the column.
        let xs = (0..<10).map { 5 + Double($0) / 10 }
        var regimes = [ReportRegime?](repeating: .normal, count: 10)
        regimes[6] = .crisis
        let bands = RegimeBands.bands(xs: xs, regimes: regimes, right: 7)
        #expect(bands == [.init(start: 5, end: 6, regime: .crisis), .init(start: 6, end: 7, regime: .normal)])
    }

    @Test func undefinedDaysHaveNoBand() {
        let bands = RegimeBands.bands(xs: [0, 2, 4], regimes: [nil, .elevated, .elevated], right: 6)
        #expect(bands == [.init(start: 2, end: 6, regime: .elevated)])
    }
}
