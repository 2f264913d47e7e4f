import Foundation
import TimeSeries

/// The serialised state of an ``AllocatorEngine`` after a run's inputs up to
/// `lastDate`, kept in the run directory as `allocator_engine_snapshot.json`.
///
/// Versioned; written atomically. Besides the steppers it records what the
/// engine consumed (a fingerprint of the aligned input rows, the column
/// names, the configuration) so that `allocator update` can refuse to build
/// on a past that has changed.
package struct EngineSnapshot: Codable, Sendable {
    package static let currentVersion = 1
    package static let kind = "allocator-engine-snapshot"

    package var kind: String = EngineSnapshot.kind
    package var version: Int = EngineSnapshot.currentVersion
    /// Common dates consumed.
    package var rowsProcessed: Int
    package var lastDate: String?
    package var inputFingerprint: String
    package var assetNames: [String]
    package var trendNames: [String]?
    package var sleeveNames: [String]?
    /// Fingerprint of the rebalance dates of `weights.csv` the applied scalars used.
    package var weightsFingerprint: String?
    /// The requested window of the state metadata (`start..end`, from `meta.json`); `nil` in older snapshots.
    package var requestedWindow: String? = nil
    package var state: StateStepper.Snapshot
    package var regime: RegimeStepper
    package var risk: RiskStepper
    /// The sleeve scalar steppers (SPEC §10), in the run's sleeve order; `nil` (not written) without `risk.sleeves`.
    package var sleeveRisk: [RiskStepper]? = nil
    package var validRows: Int
    package var generatedAt: String

    /// The engine this snapshot describes.
    package func restoredEngine() -> AllocatorEngine {
        AllocatorEngine(state: StateStepper(snapshot: state), regime: regime, risk: risk, sleeveRisk: sleeveRisk ?? [],
                        validRows: validRows)
    }

    package func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                        negativeInfinity: "-Infinity", nan: "NaN")
        return Array(try encoder.encode(self))
    }

    /// Decodes a snapshot; `nil` with a reason when it is corrupt or of another version.
    package static func decode(_ bytes: [UInt8]) -> (EngineSnapshot?, String?) {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "Infinity",
                                                                        negativeInfinity: "-Infinity", nan: "NaN")
        do {
            let s = try decoder.decode(EngineSnapshot.self, from: Data(bytes))
            guard s.kind == kind, s.version == currentVersion else {
                return (nil, "snapshot version \(s.version) is not the supported version \(currentVersion)")
            }
            guard s.state.isConsistent else { return (nil, "snapshot state is inconsistent") }
            return (s, nil)
        } catch {
            return (nil, "snapshot is not readable: \(error)")
        }
    }
}

extension StateStepper {
    /// The minimal state of a ``StateStepper``: the retained tail of each
    /// input buffer and the running maximum of equity.
    package struct Snapshot: Codable, Sendable, Equatable {
        package var rowCount: Int
        package var assetCount: Int
        package var trendColumnCount: Int?
        package var sleeveColumnCount: Int?
        package var runningMaxEquity: Double
        package var portfolio: [[Double]]
        package var drawdowns: [[Double]]
        package var assets: [[Double]]
        package var trend: [[Double]]?
        package var sleeves: [[Double]]?

        /// Whether every buffer holds exactly the rows and columns a stepper of this shape retains
        /// (anything else would trap, or read the wrong rows, once the engine steps on).
        var isConsistent: Bool {
            guard rowCount >= 0, assetCount >= 0, (trendColumnCount ?? 0) >= 0, (sleeveColumnCount ?? 0) >= 0 else { return false }
            let shape = StateStepper(assetCount: assetCount, trendColumnCount: trendColumnCount, sleeveColumnCount: sleeveColumnCount)
            func fits(_ tail: [[Double]]?, _ buffer: SlidingColumns?) -> Bool {
                guard let buffer, let tail else { return tail == nil && buffer == nil }
                return tail.count == min(rowCount, buffer.retain) && tail.allSatisfy { $0.count == buffer.columnCount }
            }
            return fits(portfolio, shape.portfolio) && fits(drawdowns, shape.drawdowns) && fits(assets, shape.assets)
                && fits(trend, shape.trend) && fits(sleeves, shape.sleeves)
        }
    }

    /// This stepper's state.
    package var snapshot: Snapshot {
        Snapshot(rowCount: rowCount, assetCount: assetCount, trendColumnCount: trendColumnCount,
                 sleeveColumnCount: sleeveColumnCount, runningMaxEquity: runningMaxEquity,
                 portfolio: portfolio.tailRows(), drawdowns: drawdowns.tailRows(), assets: assets.tailRows(),
                 trend: trend?.tailRows(), sleeves: sleeves?.tailRows())
    }

    /// A stepper that continues exactly where the snapshot's stepper stopped.
    package init(snapshot s: Snapshot) {
        self.init(assetCount: s.assetCount, trendColumnCount: s.trendColumnCount, sleeveColumnCount: s.sleeveColumnCount)
        runningMaxEquity = s.runningMaxEquity
        portfolio = portfolio.restored(rowCount: s.rowCount, tail: s.portfolio)
        drawdowns = drawdowns.restored(rowCount: s.rowCount, tail: s.drawdowns)
        assets = assets.restored(rowCount: s.rowCount, tail: s.assets)
        if let t = s.trend { trend = trend?.restored(rowCount: s.rowCount, tail: t) }
        if let v = s.sleeves { sleeves = sleeves?.restored(rowCount: s.rowCount, tail: v) }
    }
}

extension SlidingColumns {
    /// The last `retain` rows (row-major, oldest first).
    func tailRows() -> [[Double]] {
        let n = min(storedRows, retain)
        return (storedRows - n..<storedRows).map { k in (0..<columnCount).map { value($0, firstRow + k) } }
    }

    /// An empty buffer of the same shape refilled with `tail`, the rows ending at `rowCount − 1`.
    func restored(rowCount: Int, tail: [[Double]]) -> SlidingColumns {
        SlidingColumns(columnCount: columnCount, retain: retain, firstRow: rowCount - tail.count, rows: tail)
    }
}

extension StateMetadata {
    /// The requested window as an engine snapshot records it.
    var requestedWindow: String { Self.requestedWindow(start: requestedStart, end: requestedEnd) }

    static func requestedWindow(start: TradingDate?, end: TradingDate?) -> String {
        "\(start?.description ?? "-")..\(end?.description ?? "-")"
    }
}
