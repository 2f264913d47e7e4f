import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Metadata row accounting and the requested window on generated runs.
@Suite struct StateMetadataTests {
    /// Without a `meta.json` the requested window is the first/last common date.
    @Test func requestedWindowDefaultsToCommonDates() throws {
        var gen = GeneratedInputs(seed: 131)
        let dates = GeneratedInputs.weekdays(130)
        let dir = try TemporaryRunDirectory(writing: gen.inputs(dates: dates, assets: gen.assetReturns(rows: 130, assets: 4)))
        let meta = try dir.runState().metadata.json()
        #expect(meta["requested_start_date"] == .string(dates[0].description))
        #expect(meta["requested_end_date"] == .string(dates[129].description))
        #expect(meta["effective_start_date"] == .string(dates[59].description))
        #expect(meta["effective_start_shift_days"] == .int(dates[0].days(to: dates[59])))
        #expect(meta["rows_requested"] == .int(130))
        #expect(meta["rows_valid"] == .int(71))
        #expect(meta["rows_dropped"] == .int(59))
    }
}
