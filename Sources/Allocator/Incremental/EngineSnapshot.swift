import TimeSeries

/// The serialised state of an ``AllocatorEngine`` after a run's inputs up to
/// `lastDate`, kept in the run directory as `allocator_engine_snapshot.bin`.
///
/// Besides the steppers it records what the engine consumed — per input file
/// the byte length of the prefix it read and that prefix's SHA-256, the
/// column names, the rebalance dates, the configuration — so that
/// `allocator update` can verify the past by streaming the prefixes through
/// SHA-256 and parse only the bytes after them (SPEC §12).
///
/// Format (version 3, see ``SnapshotLayout``): the 8 bytes `ALLOCSNP`, the
/// version as a little-endian 64-bit integer, then every field in a fixed
/// order — integers and `Double` bit patterns little-endian (NaN payloads
/// kept), strings as length + UTF-8, optionals as a presence byte, the
/// retained input rows as `rows × columns` doubles. Chosen over the binary
/// property list of version 2 because decoding that through `Codable` cost
/// 17.5M instructions and encoding 15.4M on the baseline fixture (a quarter
/// of a one-day `update`), most of it first-time protocol-conformance
/// lookups of the generic containers; the fixed layout reads as fast as the
/// bytes can be copied. The price is that a field added to a stepper must be
/// added to ``SnapshotLayout`` too — `SnapshotLayoutTests` counts the stored
/// properties of every serialised type so that cannot be forgotten. Any other
/// version is not read: `update` recomputes in full and writes a version-3 snapshot.
package struct EngineSnapshot: Sendable, Equatable {
    package static let currentVersion = 3

    /// Common dates consumed.
    package var rowsProcessed: Int
    package var firstDate: String?
    package var lastDate: String?
    /// Each input file read (state inputs, and `weights.csv` when present), with the prefix consumed.
    package var inputs: [InputPrefix]
    package var assetNames: [String]
    package var trendNames: [String]?
    package var sleeveNames: [String]?
    /// Rebalance dates of `weights.csv` (days since the epoch); `nil` when the run has no weights.
    package var rebalanceDays: [Int32]?
    /// The requested window of the state metadata (`start..end`, from `meta.json`).
    package var requestedWindow: String
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

    /// The snapshot's bytes (``SnapshotLayout``).
    package func encoded() -> [UInt8] {
        SnapshotLayout.encode(self)
    }

    /// Decodes a snapshot; `nil` with a reason when it is corrupt or of another version.
    package static func decode(_ bytes: [UInt8]) -> (EngineSnapshot?, String?) {
        do {
            let s = try SnapshotLayout.decode(bytes)
            guard s.state.isConsistent else { return (nil, "snapshot state is inconsistent") }
            return (s, nil)
        } catch {
            return (nil, error.description)
        }
    }
}

package struct InputPrefix: Sendable, Equatable {
    package var name: String
    package var length: Int
    package var sha256: String

    package init(name: String, length: Int, sha256: String) {
        self.name = name
        self.length = length
        self.sha256 = sha256
    }
}

extension StateStepper {
    /// The minimal state of a ``StateStepper``: the retained tail of each
    /// input buffer and the running maximum of equity.
    package struct Snapshot: Sendable, Equatable {
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

        package init(rowCount: Int, assetCount: Int, trendColumnCount: Int?, sleeveColumnCount: Int?,
                     runningMaxEquity: Double, portfolio: [[Double]], drawdowns: [[Double]], assets: [[Double]],
                     trend: [[Double]]?, sleeves: [[Double]]?) {
            self.rowCount = rowCount
            self.assetCount = assetCount
            self.trendColumnCount = trendColumnCount
            self.sleeveColumnCount = sleeveColumnCount
            self.runningMaxEquity = runningMaxEquity
            self.portfolio = portfolio
            self.drawdowns = drawdowns
            self.assets = assets
            self.trend = trend
            self.sleeves = sleeves
        }

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
