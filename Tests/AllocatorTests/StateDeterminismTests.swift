import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// Two runs on the same inputs write byte-identical CSVs; the metadata
/// differs only in `generated_at`.
@Suite struct StateDeterminismTests {
    func expectIdenticalRuns(_ dir: TemporaryRunDirectory) throws {
        let first = dir.path + "/out-1", second = dir.path + "/out-2"
        try dir.runState(outputDirectory: first)
        try dir.runState(outputDirectory: second)
        for out in [first, second] {
            #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted()
                == [GenerationManifest.fileName, RunDirectory.File.state, RunDirectory.File.stateMeta],
                "only the two artifacts and the generation's manifest, no temp files")
        }
        let csv1 = try FileBytes.read(path: first + "/" + RunDirectory.File.state)
        let csv2 = try FileBytes.read(path: second + "/" + RunDirectory.File.state)
        #expect(!csv1.isEmpty)
        #expect(csv1 == csv2, "allocator_state_v1.csv byte-identical")
        let meta1 = try JSONParser.parse(FileBytes.read(path: first + "/" + RunDirectory.File.stateMeta))
        let meta2 = try JSONParser.parse(FileBytes.read(path: second + "/" + RunDirectory.File.stateMeta))
        guard case .object(let pairs1) = meta1, case .object(let pairs2) = meta2 else {
            Issue.record("metadata is not a JSON object"); return
        }
        #expect(pairs1.map(\.0) == pairs2.map(\.0))
        #expect(pairs1.last?.0 == "generated_at")
        for ((key, a), (_, b)) in zip(pairs1, pairs2) where key != "generated_at" {
            #expect(a == b, "\(key)")
        }
        let stamp = meta1["generated_at"]?.stringValue ?? ""
        #expect(stamp.count >= 19 && TradingDate(stamp.prefix(10)) != nil && Array(stamp)[10] == "T", "ISO-8601: \(stamp)")
    }

    @Test(.requiresFixtures) func fixtureRunIsByteIdentical() throws {
        let fixture = Fixtures.run("baseline_20200106_20251031")
        try expectIdenticalRuns(TemporaryRunDirectory(copyingInputsOf: fixture))
    }

    @Test func generatedRunWithGapsIsByteIdentical() throws {
        var gen = GeneratedInputs(seed: 121)
        let dates = GeneratedInputs.weekdays(220)
        let assets = gen.gappedReturns(rows: dates.count, assets: 30, rate: 0.1)
        let trend = gen.gappedReturns(rows: dates.count, assets: 5, rate: 0.1)
        let inputs = gen.inputs(dates: dates, assets: assets, trend: trend, sleeves: gen.assetReturns(rows: dates.count, assets: 2))
        try expectIdenticalRuns(TemporaryRunDirectory(writing: inputs))
    }

    /// What is written reads back as exactly what was computed (shortest round-trip numbers).
    @Test func writtenStateReadsBackBitForBit() throws {
        var gen = GeneratedInputs(seed: 122)
        let dates = GeneratedInputs.weekdays(150)
        let assets = gen.gappedReturns(rows: dates.count, assets: 6, rate: 0.05)
        let dir = try TemporaryRunDirectory(writing: gen.inputs(dates: dates, assets: assets))
        let result = try dir.runState()
        let back = try CSVReader.read(path: result.statePath)
        #expect(back.dates == result.state.dates)
        #expect(back.names == result.state.features.map(\.rawValue))
        #expect(zip(back.columns, result.state.columns).allSatisfy { zip($0, $1).allSatisfy { $0.bitPattern == $1.bitPattern } })
    }
}
