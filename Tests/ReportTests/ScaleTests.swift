import Testing
@testable import Report

@Suite struct ScaleTests {
    @Test func linearScaleMapsEndsAndMiddle() {
        let scale = LinearScale(domain: (0, 10), range: (100, 200))
        #expect(scale.position(0) == 100)
        #expect(scale.position(10) == 200)
        #expect(scale.position(2.5) == 125)
        #expect(scale.position(-10) == 0)
    }

    @Test func linearScaleFlipsForSVGYAxis() {
        let scale = LinearScale(domain: (-0.2, 0), range: (300, 100))
        #expect(scale.position(0) == 100)
        #expect(scale.position(-0.2) == 300)
        #expect(abs(scale.position(-0.1) - 200) < 1e-9)
    }

    @Test func linearScaleDegenerateDomainIsCentred() {
        #expect(LinearScale(domain: (3, 3), range: (0, 50)).position(3) == 25)
        #expect(LinearScale(domain: (0, 1), range: (0, 50)).position(.nan).isNaN)
    }

    @Test func logScaleMapsDecadesEvenly() {
        let scale = LogScale(domain: (1, 1000), range: (0, 300))
        #expect(abs(scale.position(1) - 0) < 1e-9)
        #expect(abs(scale.position(10) - 100) < 1e-9)
        #expect(abs(scale.position(100) - 200) < 1e-9)
        #expect(abs(scale.position(1000) - 300) < 1e-9)
        // Equal ratios, equal distances: 2 → 4 as long as 50 → 100.
        #expect(abs((scale.position(4) - scale.position(2)) - (scale.position(100) - scale.position(50))) < 1e-9)
    }

    @Test func logScaleGivesNaNForNonPositive() {
        let scale = LogScale(domain: (0.5, 2), range: (200, 0))
        #expect(scale.position(0).isNaN)
        #expect(scale.position(-1).isNaN)
        #expect(scale.position(.nan).isNaN)
        #expect(abs(scale.position(1) - 100) < 1e-9)
    }
}
