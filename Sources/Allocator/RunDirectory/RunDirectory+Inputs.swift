import Dispatch
import TimeSeries

extension RunDirectory {
    /// Reads a required single-series input, using `column` when present else the first value column.
    func readSeries(_ name: String, column: String, role: String) throws(AllocatorError) -> Series {
        Self.series(of: try readRequired(name, role: role), column: column)
    }

    /// A single-series input's series: `column` when present, else the first value column.
    static func series(of panel: Panel, column: String) -> Series {
        let (_, values) = panel.seriesColumn(preferring: column)!
        return Series(dates: panel.dates, values: values)
    }

    /// Reads a required CSV file of this run; absent or without rows is an error naming `role`.
    package func readRequired(_ name: String, role: String) throws(AllocatorError) -> Panel {
        let p = file(name)
        guard FileBytes.exists(p) else { throw .missingInput(file: p, role: role) }
        let panel: Panel
        do { panel = try CSVReader.read(path: p) } catch { throw .csv(error) }
        if panel.isEmpty { throw .emptyInput(file: p, role: role) }
        return panel
    }

    /// Reads an optional CSV file of this run: `nil` when the file is missing or has no rows.
    package func readOptional(_ name: String) throws(AllocatorError) -> Panel? {
        let p = file(name)
        guard FileBytes.exists(p) else { return nil }
        let panel: Panel?
        do { panel = try CSVReader.readUnlessBlank(path: p) } catch { throw .csv(error) }
        guard let panel, !panel.isEmpty else { return nil }
        return panel
    }

    /// Which of the five state inputs exist as files.
    package var inputsPresent: [(String, Bool)] {
        Self.stateInputFiles.map { ($0.0, contains($0.1)) }
    }

    /// The five state inputs: metadata name and file name.
    static let stateInputFiles: [(String, String)] = [
        ("portfolio_returns", File.portfolioReturns), ("equity_curve", File.equityCurve),
        ("asset_returns", File.assetReturns), ("trend_unit_returns", File.trendUnitReturns),
        ("sleeve_returns", File.sleeveReturns),
    ]

    /// Loads the state inputs (SPEC §1): three required files, two optional.
    ///
    /// The five files are parsed concurrently when together they hold at least
    /// ``concurrentInputBytes``, the largest first (a run's asset and trend
    /// returns are the two large ones, about equal: each core starts on one);
    /// below that a thread's start costs more than it saves. An error is the
    /// one reading the files in order reports first.
    public func loadStateInputs() throws(AllocatorError) -> StateInputs {
        let count = Self.stateInputFiles.count
        let sizes = Self.stateInputFiles.map { FileBytes.size(path: file($0.1)) ?? 0 }
        var panels: [Panel?] = []
        if sizes.reduce(0, +) >= Self.concurrentInputBytes {
            let largestFirst = sizes.indices.sorted { (sizes[$0], $1) > (sizes[$1], $0) }
            let slots = Locked([Result<Panel?, AllocatorError>?](repeating: nil, count: count))
            DispatchQueue.concurrentPerform(iterations: count) { k in
                let i = largestFirst[k]
                let result: Result<Panel?, AllocatorError>
                do throws(AllocatorError) { result = .success(try readStateInput(i)) } catch { result = .failure(error) }
                slots.withLock { $0[i] = result }
            }
            for slot in slots.withLock({ $0 }) { panels.append(try slot!.get()) }
        } else {
            for i in 0..<count { panels.append(try readStateInput(i)) }
        }
        return StateInputs(portfolioReturns: Self.series(of: panels[0]!, column: "ret"),
                           equityCurve: Self.series(of: panels[1]!, column: "equity"), assetReturns: panels[2]!,
                           trendUnitReturns: panels[3], sleeveReturns: panels[4])
    }

    /// State input `i` of ``stateInputFiles``: the first three required, the last two optional.
    private func readStateInput(_ i: Int) throws(AllocatorError) -> Panel? {
        let roles = ["portfolio returns", "equity curve", "asset returns"]
        let name = Self.stateInputFiles[i].1
        return i < roles.count ? try readRequired(name, role: roles[i]) : try readOptional(name)
    }

    /// Input bytes from which ``loadStateInputs()`` parses the files concurrently.
    package static let concurrentInputBytes = 256 << 10

    /// Rebalance dates: the index of `weights.csv`, or `nil` when the run has none.
    public func rebalanceDates() throws(AllocatorError) -> [TradingDate]? {
        guard contains(File.weights) else { return nil }
        do { return try CSVReader.read(path: file(File.weights)).dates } catch { throw .csv(error) }
    }

    /// The run's requested window from `meta.json` (`start_date`, `end_date`), when present.
    public func requestedWindow() throws(AllocatorError) -> (start: TradingDate?, end: TradingDate?) {
        guard let json = try readJSON(File.meta) else { return (nil, nil) }
        let p = file(File.meta)
        func date(_ key: String) throws(AllocatorError) -> TradingDate? {
            guard let v = json[key], v != .null else { return nil }
            guard let s = v.stringValue, let d = TradingDate(s.prefix(10)) else {
                throw .invalidRunMeta(file: p, detail: "`\(key)` is not a YYYY-MM-DD date")
            }
            return d
        }
        return (try date("start_date"), try date("end_date"))
    }

    /// Rows and first/last date of each state input, or why it could not be
    /// read (the error JSON's `input_diagnostics`, SPEC §3).
    func inputDiagnostics() -> JSONValue {
        .object(Self.stateInputFiles.map { name, fileName in
            let p = file(fileName)
            guard FileBytes.exists(p) else { return (name, .object([("present", .bool(false))])) }
            do {
                let panel = try CSVReader.read(path: p)
                return (name, .object([
                    ("present", .bool(true)), ("rows", .int(panel.rowCount)), ("columns", .int(panel.columnCount)),
                    ("first_date", .date(panel.dates.first)), ("last_date", .date(panel.dates.last)),
                ]))
            } catch {
                return (name, .object([("present", .bool(true)), ("parse_error", .string("\(error)"))]))
            }
        })
    }
}
