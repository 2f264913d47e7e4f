import Foundation
import Testing
import Backtest
import TimeSeries
@testable import Allocator

/// `allocator_engine_snapshot.bin` version 3 (``SnapshotLayout``): every field
/// survives a round trip bit for bit, and damaged bytes are a reason to
/// recompute, never a trap.
@Suite struct SnapshotLayoutTests {
    /// A snapshot in which every field, optional and enumeration case differs from its default.
    static func fullSnapshot() throws -> EngineSnapshot {
        var engine = try AllocatorEngine(assetCount: 3, trendColumnCount: 2, sleeveColumnCount: 2,
                                         thresholds: RegimeThresholds(), riskConfig: RiskConfig())
        // Rows with gaps, a negative zero and a NaN payload the format must keep bit for bit.
        let payloadNaN = Double(bitPattern: 0x7FF8_0000_0000_BEEF)
        for t in 0..<130 {
            let x = Double(t)
            let row = [sin(x) * 0.01, cos(x * 1.3) * 0.01, t % 7 == 0 ? payloadNaN : -0.0]
            _ = engine.step([OwnedStateInputRow(portfolioReturn: sin(x * 0.7) * 0.01, equity: 1 + 0.001 * x, assetReturns: row,
                                                trendUnitReturns: [0.001 * sin(x), .nan], sleeveReturns: [0.002, -0.001 * x])])
        }
        var thresholds = RegimeThresholds()
        thresholds.volAccelEnter = 1.4; thresholds.volAccelExit = 1.1; thresholds.corrShockEnter = 0.2
        thresholds.corrShockExit = 0.01; thresholds.ddEnter = -0.11; thresholds.ddExit = -0.05
        thresholds.ddStressEnter = -0.13; thresholds.ddCrisisEnter = -0.25; thresholds.ddSlopeEnter = -0.07
        thresholds.ddSlopeExit = -0.02; thresholds.minDaysInRegime = 3
        var risk = RiskConfig(profile: .medium)
        risk.mapping[.stress] = nil
        risk.smoothing = .halfLife(3.5)
        risk.floor = 0.3; risk.ceiling = 0.95; risk.applyMissingScalarAs = 0.8; risk.overrideRegime = .elevated
        var alphaRisk = RiskConfig(profile: .high)
        alphaRisk.smoothing = .alpha(0.4)
        return EngineSnapshot(
            rowsProcessed: 130, firstDate: "2001-01-02", lastDate: "2001-07-02",
            inputs: [InputPrefix(name: "asset_returns.csv", length: 123_456, sha256: String(repeating: "ab", count: 32)),
                     InputPrefix(name: "weights.csv", length: 0, sha256: "")],
            assetNames: ["A", "B", "Ω"], trendNames: ["t1", "t2"], sleeveNames: ["s1", "s2"],
            rebalanceDays: [11_000, 11_007, -5], requestedWindow: "2001-01-02..-",
            state: engine.state.snapshot,
            regime: try RegimeStepper(thresholds: thresholds, current: .stress, daysInRegime: 4),
            risk: try RiskStepper(config: risk, smoothed: 0.625),
            sleeveRisk: [try RiskStepper(config: alphaRisk, smoothed: nil), try RiskStepper(config: risk, smoothed: 1)],
            validRows: 71, generatedAt: "2026-11-27T12:00:00Z")
    }

    /// Equal field by field, the retained rows bit for bit (`==` on doubles
    /// fails on NaN and cannot see NaN payloads or the sign of zero).
    static func sameBits(_ a: EngineSnapshot, _ b: EngineSnapshot) -> Bool {
        func bits(_ rows: [[Double]]?) -> [[UInt64]]? { rows?.map { $0.map(\.bitPattern) } }
        let (x, y) = (a.state, b.state)
        guard bits(x.portfolio) == bits(y.portfolio), bits(x.drawdowns) == bits(y.drawdowns), bits(x.assets) == bits(y.assets),
              bits(x.trend) == bits(y.trend), bits(x.sleeves) == bits(y.sleeves),
              x.runningMaxEquity.bitPattern == y.runningMaxEquity.bitPattern else { return false }
        var c = a
        c.state = b.state
        return c == b
    }

    @Test func everyFieldRoundTrips() throws {
        let snapshot = try Self.fullSnapshot()
        let bytes = snapshot.encoded()
        #expect(bytes.starts(with: Array("ALLOCSNP".utf8)))
        let (decoded, problem) = EngineSnapshot.decode(bytes)
        #expect(problem == nil)
        let back = try #require(decoded)
        #expect(Self.sameBits(back, snapshot))
        #expect(back.state.assets.joined().contains { $0.bitPattern == 0x7FF8_0000_0000_BEEF })
        #expect(back.state.assets.joined().contains { $0.bitPattern == (-0.0).bitPattern })
        #expect(back.encoded() == bytes)
    }

    @Test func optionalsAbsentRoundTrip() throws {
        var snapshot = try Self.fullSnapshot()
        snapshot.firstDate = nil; snapshot.lastDate = nil; snapshot.trendNames = nil; snapshot.sleeveNames = nil
        snapshot.rebalanceDays = nil; snapshot.sleeveRisk = nil
        snapshot.regime = try RegimeStepper(thresholds: RegimeThresholds(), current: nil, daysInRegime: 0)
        let (decoded, problem) = EngineSnapshot.decode(snapshot.encoded())
        #expect(problem == nil)
        #expect(Self.sameBits(try #require(decoded), snapshot))
    }

    /// The layout writes every stored property of the serialised types; a
    /// property added to one of them must be added to ``SnapshotLayout`` (and
    /// this count) or a restored engine would silently lose it.
    @Test func layoutCoversEveryStoredProperty() throws {
        let s = try Self.fullSnapshot()
        #expect(Mirror(reflecting: s).children.count == 15)
        #expect(Mirror(reflecting: s.state).children.count == 10)
        #expect(Mirror(reflecting: s.regime).children.count == 3)
        #expect(Mirror(reflecting: s.regime.thresholds).children.count == 11)
        #expect(Mirror(reflecting: s.risk).children.count == 2)
        #expect(Mirror(reflecting: s.risk.config).children.count == 7)
        #expect(Mirror(reflecting: s.inputs[0]).children.count == 3)
    }

    @Test func otherVersionsAndFormatsAreRefusedWithAReason() throws {
        let bytes = try Self.fullSnapshot().encoded()
        var v2 = bytes
        v2[8] = 2
        #expect(EngineSnapshot.decode(v2).1 == "snapshot version 2 is not the supported version 3")
        let plist = Array("bplist00".utf8) + bytes.dropFirst(8)
        #expect(EngineSnapshot.decode(plist).1?.contains("not an allocator engine snapshot") == true)
        #expect(EngineSnapshot.decode([]).0 == nil)
        #expect(EngineSnapshot.decode(bytes + [0]).1?.contains("1 bytes after the last field") == true)
    }

    /// Every truncation and a sweep of single-byte corruptions decode to a
    /// snapshot or to a reason — never a trap, never an absurd allocation.
    @Test func damagedBytesNeverTrap() throws {
        let bytes = try Self.fullSnapshot().encoded()
        var refused = 0
        for n in 0..<bytes.count {
            let (s, problem) = EngineSnapshot.decode(Array(bytes[..<n]))
            #expect(s == nil && problem != nil)
            refused += 1
        }
        var generator = RandomSource(seed: 42)
        for _ in 0..<4000 {
            var damaged = bytes
            let at = generator.integer(below: bytes.count)
            damaged[at] = UInt8(truncatingIfNeeded: generator.next())
            let (s, problem) = EngineSnapshot.decode(damaged)
            #expect((s == nil) != (problem == nil))
            if let s { #expect(s.state.isConsistent) }
        }
        #expect(refused == bytes.count)
    }
}
