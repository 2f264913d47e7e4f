import Foundation
import TimeSeries

/// The serialised state of an ``AllocatorEngine`` after a run's inputs up to
/// `lastDate`, kept in the run directory as `allocator_engine_snapshot.json`.
///
/// Versioned; written atomically. Besides the steppers it records what the
/// engine consumed (a fingerprint of the aligned input rows, the column
/// names, the configuration) so that `allocator update` can refuse to build
/// on a past that has changed.
public struct EngineSnapshot: Codable, Sendable {
    public static let currentVersion = 1
    public static let kind = "allocator-engine-snapshot"

    public var kind: String = EngineSnapshot.kind
    public var version: Int = EngineSnapshot.currentVersion
    /// Common dates consumed.
    public var rowsProcessed: Int
    public var lastDate: String?
    public var inputFingerprint: String
    public var assetNames: [String]
    public var trendNames: [String]?
    public var sleeveNames: [String]?
    /// Fingerprint of the rebalance dates of `weights.csv` the applied scalars used.
    public var weightsFingerprint: String?
    /// The requested window of the state metadata (`start..end`, from `meta.json`); `nil` in older snapshots.
    public var requestedWindow: String? = nil
    public var state: StateStepper.Snapshot
    public var regime: RegimeStepper
    public var risk: RiskStepper
    public var validRows: Int
    public var generatedAt: String

    /// The engine this snapshot describes.
    public func restoredEngine() -> AllocatorEngine {
        AllocatorEngine(state: StateStepper(snapshot: state), regime: regime, risk: risk, validRows: validRows)
    }

    public func encoded() throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity",
                                                                        negativeInfinity: "-Infinity", nan: "NaN")
        return Array(try encoder.encode(self))
    }

    /// Decodes a snapshot; `nil` with a reason when it is corrupt or of another version.
    public static func decode(_ bytes: [UInt8]) -> (EngineSnapshot?, String?) {
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
    public struct Snapshot: Codable, Sendable, Equatable {
        public var rowCount: Int
        public var assetCount: Int
        public var trendColumnCount: Int?
        public var sleeveColumnCount: Int?
        public var runningMaxEquity: Double
        public var portfolio: [[Double]]
        public var drawdowns: [[Double]]
        public var assets: [[Double]]
        public var trend: [[Double]]?
        public var sleeves: [[Double]]?

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
    public var snapshot: Snapshot {
        Snapshot(rowCount: rowCount, assetCount: assetCount, trendColumnCount: trendColumnCount,
                 sleeveColumnCount: sleeveColumnCount, runningMaxEquity: runningMaxEquity,
                 portfolio: portfolio.tailRows(), drawdowns: drawdowns.tailRows(), assets: assets.tailRows(),
                 trend: trend?.tailRows(), sleeves: sleeves?.tailRows())
    }

    /// A stepper that continues exactly where the snapshot's stepper stopped.
    public init(snapshot s: Snapshot) {
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
