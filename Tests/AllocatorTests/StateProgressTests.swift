import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import Allocator

/// The state computation's progress (``StateProgress``): every correlation
/// block reported once, the counts rising by one to the total, one call at a
/// time, whether the blocks run on threads or not; the numbers unchanged.
@Suite struct StateProgressTests {
    /// The calls heard, and the most that ever overlapped.
    final class Heard: @unchecked Sendable {
        private let lock = DispatchSemaphore(value: 1)
        private var inside = 0
        private(set) var calls: [(done: Int, total: Int)] = []
        private(set) var mostInside = 0

        func hear(_ done: Int, _ total: Int) {
            lock.wait()
            inside += 1
            mostInside = max(mostInside, inside)
            lock.signal()
            usleep(200) // long enough for a call from another thread to overlap
            lock.wait()
            calls.append((done, total))
            inside -= 1
            lock.signal()
        }
    }

    /// Blocks finished on four threads at once are reported one at a time,
    /// counted in order. (Each call sleeps, so another thread's call would
    /// overlap it even on one core.)
    @Test func blocksFinishingTogetherAreReportedOneAtATime() {
        let heard = Heard()
        let count = CorrelationSeries.BlockCount(total: 400, report: { heard.hear($0, $1) })
        let finished = DispatchSemaphore(value: 0)
        for _ in 0..<4 {
            Thread {
                for _ in 0..<100 { count.blockDone() }
                finished.signal()
            }.start()
        }
        for _ in 0..<4 { finished.wait() }
        #expect(heard.calls.map(\.done) == Array(1...400))
        #expect(heard.calls.allSatisfy { $0.total == 400 })
        #expect(heard.mostInside == 1, "calls overlapped")
    }

    /// 600 rows of 40 assets (24,000 cells: threads, a few blocks) and 900 × 200
    /// (180,000 cells: threads, about 32 blocks per window), and 150 × 30 (4,500 cells: one thread).
    @Test(arguments: [(600, 40), (900, 200), (150, 30)])
    func everyBlockOnceInOrder(rows: Int, assets: Int) {
        let columns = CorrelationBatchIdentityTests.panel(seed: 5, rows: rows, assets: assets, rate: 0.05)
        let heard = Heard()
        let reported = CorrelationSeries.compute(assetColumns: columns, progress: { heard.hear($0, $1) })
        let plain = CorrelationSeries.compute(assetColumns: columns)
        let total = heard.calls.first?.total ?? 0
        #expect(total >= 2, "both windows have at least one block")
        #expect(heard.calls.map(\.done) == Array(1...max(total, 1)))
        #expect(heard.calls.allSatisfy { $0.total == total })
        #expect(heard.mostInside == 1, "calls overlapped")
        #expect(CorrelationBatchIdentityTests.differing(reported.fast, plain.fast).isEmpty)
        #expect(CorrelationBatchIdentityTests.differing(reported.slow, plain.slow).isEmpty)
    }
}
