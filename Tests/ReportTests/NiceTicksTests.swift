import Testing
@testable import Report

@Suite struct NiceTicksTests {
    @Test func zeroToPointEightSeven() {
        #expect(NiceTicks.ticks(lower: 0, upper: 0.87, target: 5) == [0, 0.2, 0.4, 0.6, 0.8])
    }

    @Test func stepsAreOneTwoFive() {
        #expect(NiceTicks.step(span: 1, target: 10) == 0.1)
        #expect(NiceTicks.step(span: 0.87, target: 5) == 0.2)
        #expect(NiceTicks.step(span: 3.3, target: 1) == 5)
        #expect(NiceTicks.step(span: 7, target: 1) == 10)
        #expect(NiceTicks.step(span: 150, target: 5) == 50)
    }

    @Test func negativeRangesAndNoFloatingNoise() {
        #expect(NiceTicks.ticks(lower: -0.23, upper: 0, target: 5) == [-0.2, -0.15, -0.1, -0.05, 0])
        #expect(NiceTicks.ticks(lower: 0.1, upper: 0.35, target: 5) == [0.1, 0.15, 0.2, 0.25, 0.3, 0.35])
    }

    @Test func extentWidensToWholeSteps() {
        let extent = NiceTicks.extent(lower: -0.23, upper: 0, target: 5)
        #expect(extent.lower == -0.25 && extent.upper == 0)
        let other = NiceTicks.extent(lower: 0.93, upper: 1.41, target: 3)
        #expect(other.lower == 0.8 && other.upper == 1.6)
    }

    @Test func degenerateAndNonFinite() {
        #expect(NiceTicks.ticks(lower: 2, upper: 2) == [2])
        #expect(NiceTicks.ticks(lower: .nan, upper: 1).isEmpty)
        #expect(NiceTicks.step(span: 0, target: 5) == 1)
    }

    @Test func logTicksAtDecades() {
        #expect(LogTicks.ticks(lower: 0.5, upper: 2000) == [1, 10, 100, 1000])
    }

    @Test func logTicksFallBackToOneTwoFive() {
        #expect(LogTicks.ticks(lower: 0.8, upper: 30) == [1, 2, 5, 10, 20])
    }

    @Test func logTicksFallBackToAllMultiples() {
        #expect(LogTicks.ticks(lower: 0.95, upper: 3.4) == [1, 2, 3])
        #expect(LogTicks.ticks(lower: 0, upper: 3).isEmpty)
    }

    @Test func logTicksOnANarrowRangeAreLinear() {
        #expect(LogTicks.ticks(lower: 0.85, upper: 1.55) == [1, 1.2, 1.4])
    }

    @Test func tickLabelsShowTheStepsDecimals() {
        #expect(TickLabel.number(0.4, step: 0.2) == "0.4")
        #expect(TickLabel.number(15, step: 5) == "15")
        #expect(TickLabel.number(-0, step: 1) == "0")
        #expect(TickLabel.percent(-0.15, step: 0.05) == "-15%")
        #expect(TickLabel.percent(0.025, step: 0.005) == "2.5%")
        #expect(TickLabel.logarithmic(0.5) == "0.5")
        #expect(TickLabel.logarithmic(1000) == "1000")
    }
}
