import Testing
@testable import Allocator

@Suite struct SummaryStatisticsTests {
    @Test func quantilesAndMedianLikeNumpy() {
        let s = SummaryStatistics([4, 1, 3, 2])
        #expect(s.median == 2.5)
        #expect(s.q25 == 1.75)
        #expect(s.q75 == 3.25)
        #expect(s.min == 1 && s.max == 4 && s.mean == 2.5)
        #expect(abs(s.std - (5.0 / 3).squareRoot()) < 1e-15)
        let odd = SummaryStatistics([5, 1, 3])
        #expect(odd.median == 3 && odd.q25 == 2 && odd.q75 == 4)
    }

    @Test func emptyAndSingleSamples() {
        let empty = SummaryStatistics([])
        #expect(empty.mean.isNaN && empty.std.isNaN && empty.median.isNaN && empty.q25.isNaN && empty.min.isNaN)
        let one = SummaryStatistics([0.7])
        #expect(one.mean == 0.7 && one.std.isNaN && one.median == 0.7 && one.q25 == 0.7 && one.q75 == 0.7)
    }

    @Test func pairwiseSumFollowsNumpysBlockedOrder() {
        // An independent, slice-based evaluation of numpy's blocked pairwise order.
        let values = (0..<300).map { 1.0 / Double($0 + 1) }
        func blocked(_ a: ArraySlice<Double>) -> Double {
            let n = a.count
            if n < 8 { return a.reduce(0, +) }
            if n <= 128 {
                var r = Array(a.prefix(8))
                var i = 8
                while i < n - n % 8 {
                    for j in 0..<8 { r[j] += a[a.startIndex + i + j] }
                    i += 8
                }
                var total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
                while i < n { total += a[a.startIndex + i]; i += 1 }
                return total
            }
            var half = n / 2
            half -= half % 8
            return blocked(a.prefix(half)) + blocked(a.dropFirst(half))
        }
        #expect(SummaryStatistics.pairwiseSum(values) == blocked(values[...]))
        #expect(SummaryStatistics.pairwiseSum([1, 2, 3]) == 6)
    }
}
