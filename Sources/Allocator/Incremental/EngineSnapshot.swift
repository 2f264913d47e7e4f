import Foundation
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
/// Format: a binary property list (`PropertyListEncoder`, `.binary`) of this
/// `Codable` value, `kind` and `version` first-class fields. It stays generic:
/// any `Codable` stepper field added to the engine serialises without a
/// format change. The one large part, the retained input rows (1000 assets ×
/// the longest window), is packed by ``StateStepper/Snapshot`` into one
/// `Data` blob of little-endian `Double` bit patterns per buffer, so decoding
/// costs a copy rather than one object per number. Measured at 1000 assets ×
/// 5000 days (`allocator-bench incremental`, release, machine shared with
/// other builds): 1.48 MB, decoded in 3.7 ms; the JSON snapshot it replaces
/// was 5.6 MB (issue 12). Version 1 (JSON, with an FNV fingerprint of the
/// aligned values) is not read: an update finding no version-2 snapshot
/// recomputes in full and writes one.
package struct EngineSnapshot: Codable, Sendable {
    package static let currentVersion = 2
    package static let kind = "allocator-engine-snapshot"

    package var kind: String = EngineSnapshot.kind
    package var version: Int = EngineSnapshot.currentVersion
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

    package func encoded() throws -> [UInt8] {
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return Array(try encoder.encode(self))
    }

    /// Decodes a snapshot; `nil` with a reason when it is corrupt or of another version.
    package static func decode(_ bytes: [UInt8]) -> (EngineSnapshot?, String?) {
        do {
            let s = try PropertyListDecoder().decode(EngineSnapshot.self, from: Data(bytes))
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

/// The part of one input file an engine consumed: its first `length` bytes,
/// whose SHA-256 is `sha256` (lower-case hexadecimal).
package struct InputPrefix: Codable, Sendable, Equatable {
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

        enum CodingKeys: String, CodingKey {
            case rowCount, assetCount, trendColumnCount, sleeveColumnCount, runningMaxEquity
            case portfolio, drawdowns, assets, trend, sleeves
        }

        package init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rowCount = try c.decode(Int.self, forKey: .rowCount)
            assetCount = try c.decode(Int.self, forKey: .assetCount)
            trendColumnCount = try c.decodeIfPresent(Int.self, forKey: .trendColumnCount)
            sleeveColumnCount = try c.decodeIfPresent(Int.self, forKey: .sleeveColumnCount)
            runningMaxEquity = try c.decode(Double.self, forKey: .runningMaxEquity)
            portfolio = try c.decode(PackedRows.self, forKey: .portfolio).rows
            drawdowns = try c.decode(PackedRows.self, forKey: .drawdowns).rows
            assets = try c.decode(PackedRows.self, forKey: .assets).rows
            trend = try c.decodeIfPresent(PackedRows.self, forKey: .trend)?.rows
            sleeves = try c.decodeIfPresent(PackedRows.self, forKey: .sleeves)?.rows
        }

        package func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rowCount, forKey: .rowCount)
            try c.encode(assetCount, forKey: .assetCount)
            try c.encodeIfPresent(trendColumnCount, forKey: .trendColumnCount)
            try c.encodeIfPresent(sleeveColumnCount, forKey: .sleeveColumnCount)
            try c.encode(runningMaxEquity, forKey: .runningMaxEquity)
            try c.encode(PackedRows(portfolio), forKey: .portfolio)
            try c.encode(PackedRows(drawdowns), forKey: .drawdowns)
            try c.encode(PackedRows(assets), forKey: .assets)
            try c.encodeIfPresent(trend.map(PackedRows.init), forKey: .trend)
            try c.encodeIfPresent(sleeves.map(PackedRows.init), forKey: .sleeves)
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

/// Rows of doubles packed as `rows`, `columns` and one blob of little-endian
/// IEEE-754 bit patterns (row-major), so a snapshot's large buffers encode
/// and decode in bulk. NaN payloads are kept bit for bit.
struct PackedRows: Codable {
    var rows: [[Double]]

    init(_ rows: [[Double]]) { self.rows = rows }

    enum CodingKeys: String, CodingKey { case rows, columns, bits }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let n = try c.decode(Int.self, forKey: .rows), m = try c.decode(Int.self, forKey: .columns)
        let bits = try c.decode(Data.self, forKey: .bits)
        guard n >= 0, m >= 0, bits.count == n * m * 8 else {
            throw DecodingError.dataCorruptedError(forKey: .bits, in: c, debugDescription: "\(bits.count) bytes for \(n) × \(m) doubles")
        }
        var flat = [Double](repeating: 0, count: n * m)
        flat.withUnsafeMutableBytes { out in _ = bits.copyBytes(to: out) }
        #if _endian(big)
        flat = flat.map { Double(bitPattern: UInt64(littleEndian: $0.bitPattern)) }
        #endif
        rows = (0..<n).map { Array(flat[$0 * m ..< ($0 + 1) * m]) }
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        let m = rows.first?.count ?? 0
        var flat: [Double] = []
        flat.reserveCapacity(rows.count * m)
        for row in rows {
            guard row.count == m else {
                throw EncodingError.invalidValue(rows, .init(codingPath: c.codingPath, debugDescription: "ragged rows"))
            }
            #if _endian(big)
            flat += row.map { Double(bitPattern: $0.bitPattern.littleEndian) }
            #else
            flat += row
            #endif
        }
        try c.encode(rows.count, forKey: .rows)
        try c.encode(m, forKey: .columns)
        try c.encode(flat.withUnsafeBytes { Data($0) }, forKey: .bits)
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
