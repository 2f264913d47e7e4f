import TimeSeries

/// A backtest's run directory and the names of its files (SPEC §1).
///
/// Reading inputs and writing allocator artifacts of a run goes through this
/// one type; commands and the simulator only wire.
public struct RunDirectory: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }

    public enum File {
        public static let portfolioReturns = "portfolio_returns.csv"
        public static let equityCurve = "equity_curve.csv"
        public static let assetReturns = "asset_returns.csv"
        public static let trendUnitReturns = "trend_unit_returns.csv"
        public static let sleeveReturns = "sleeve_returns.csv"
        public static let weights = "weights.csv"
        public static let meta = "meta.json"
        public static let state = "allocator_state_v1.csv"
        public static let stateMeta = "allocator_state_v1_meta.json"
        public static let stateError = "allocator_state_v1_error.json"
        public static let regime = "allocator_regime_v1.csv"
        public static let regimeMeta = "allocator_regime_v1_meta.json"
        public static let risk = "allocator_risk_v1.csv"
        public static let riskMeta = "allocator_risk_v1_meta.json"
        public static let applied = "allocator_risk_v1_applied.csv"
        public static let appliedMeta = "allocator_risk_v1_applied_meta.json"
        public static let snapshot = "allocator_engine_snapshot.json"
    }

    /// Full path of a file in this directory.
    public func file(_ name: String) -> String { path + "/" + name }

    public var exists: Bool { FileBytes.isDirectory(path) }

    /// Reads a required single-series input, using `column` when present else the first value column.
    func readSeries(_ name: String, column: String, role: String) throws(AllocatorError) -> Series {
        let panel = try readRequired(name, role: role)
        let (_, values) = panel.seriesColumn(preferring: column)!
        return Series(dates: panel.dates, values: values)
    }

    func readRequired(_ name: String, role: String) throws(AllocatorError) -> Panel {
        let p = file(name)
        guard FileBytes.exists(p) else { throw .missingInput(file: p, role: role) }
        let panel: Panel
        do { panel = try CSVReader.read(path: p) } catch { throw .csv(error) }
        if panel.isEmpty { throw .emptyInput(file: p, role: role) }
        return panel
    }

    /// Reads an optional input: `nil` when the file is missing or has no rows.
    func readOptional(_ name: String) throws(AllocatorError) -> Panel? {
        let p = file(name)
        guard FileBytes.exists(p) else { return nil }
        let bytes: [UInt8]
        do { bytes = try FileBytes.read(path: p) } catch { throw .csv(error) }
        if bytes.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) { return nil }
        let panel: Panel
        do { panel = try CSVReader.parse(bytes: bytes, file: p) } catch { throw .csv(error) }
        return panel.isEmpty ? nil : panel
    }

    /// Which of the five state inputs exist as files.
    public var inputsPresent: [(String, Bool)] {
        [("portfolio_returns", File.portfolioReturns), ("equity_curve", File.equityCurve),
         ("asset_returns", File.assetReturns), ("trend_unit_returns", File.trendUnitReturns),
         ("sleeve_returns", File.sleeveReturns)].map { ($0.0, FileBytes.exists(file($0.1))) }
    }

    /// Loads the state inputs (SPEC §1): three required files, two optional.
    public func loadStateInputs() throws(AllocatorError) -> StateInputs {
        let portfolio = try readSeries(File.portfolioReturns, column: "ret", role: "portfolio returns")
        let equity = try readSeries(File.equityCurve, column: "equity", role: "equity curve")
        let assets = try readRequired(File.assetReturns, role: "asset returns")
        let trend = try readOptional(File.trendUnitReturns)
        let sleeves = try readOptional(File.sleeveReturns)
        return StateInputs(portfolioReturns: portfolio, equityCurve: equity, assetReturns: assets,
                           trendUnitReturns: trend, sleeveReturns: sleeves)
    }

    /// The run's requested window from `meta.json` (`start_date`, `end_date`), when present.
    public func requestedWindow() throws(AllocatorError) -> (start: TradingDate?, end: TradingDate?) {
        let p = file(File.meta)
        guard FileBytes.exists(p) else { return (nil, nil) }
        let json: JSONValue
        do { json = try JSONParser.parse(try FileBytes.read(path: p)) } catch let e as JSONParser.ParseError {
            throw .invalidRunMeta(file: p, detail: e.description)
        } catch { throw .invalidRunMeta(file: p, detail: "\(error)") }
        func date(_ key: String) throws(AllocatorError) -> TradingDate? {
            guard let v = json[key], v != .null else { return nil }
            guard let s = v.stringValue, let d = TradingDate(s.prefix(10)) else {
                throw .invalidRunMeta(file: p, detail: "`\(key)` is not a YYYY-MM-DD date")
            }
            return d
        }
        return (try date("start_date"), try date("end_date"))
    }
}
