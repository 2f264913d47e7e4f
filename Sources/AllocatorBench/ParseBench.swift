import Allocator
import TimeSeries

/// The CSV reader and writer alone (issue 13, item 1) on the wide synthetic
/// `asset_returns.csv` (`assets` × `days` of shortest-repr returns): read
/// (file to panel, page-cached, the file mapped) on one core — the issue's
/// target — and as `allocator` reads it (its rows parsed in two halves on two
/// threads); the parse alone (text in memory to cells, one core); and encode
/// (panel to bytes) throughput, median of `runs`.
func benchParse(scratch: String, assets: Int, days: Int, runs: Int = 5) throws {
    let dir = scratch + "/parse-\(assets)x\(days)"
    try SyntheticRun.write(to: dir, assets: assets, days: days, missingShare: 0, seed: 1, optionalInputs: false)
    let path = dir + "/asset_returns.csv"
    let size = Double(try FileBytes.read(path: path).count)
    var panel: Panel!
    let oneCore = try medianTime(runs: runs) { panel = try CSVReader.read(path: path, concurrently: false) }
    let read = try medianTime(runs: runs) { panel = try CSVReader.read(path: path) }
    let text = CSVReader.padded(try FileBytes.read(path: path))
    var cells = 0
    let cellsOnly = try medianTime(runs: runs) { cells = try CSVReader.cellCount(parsingPadded: text, file: path) }
    precondition(cells == assets * days)
    var written = 0
    let encode = medianTime(runs: runs) { written = CSVWriter.encode(panel).count }
    let megabytesPerSecond = { (s: Double) in fixed(s, 0) + " MB/s" }
    let label = "csv \(assets) × \(days) (\(fixed(size / 1e6, 1)) MB)"
    report(BenchLine(name: "\(label): read throughput, one core", seconds: size / 1e6 / oneCore,
                     target: throughputTarget, format: megabytesPerSecond).inverted)
    report(BenchLine(name: "\(label): read throughput, rows in two halves on two threads", seconds: size / 1e6 / read,
                     target: nil, format: megabytesPerSecond).inverted)
    // The parser's share of the read: the text already in memory, its cells parsed into the
    // reader's column-major buffer, no panel built (no file mapping, no column arrays).
    report(BenchLine(name: "\(label): parse throughput, text in memory to cells, one core",
                     seconds: size / 1e6 / cellsOnly, target: nil, format: megabytesPerSecond).inverted)
    report(BenchLine(name: "\(label): encode throughput", seconds: Double(written) / 1e6 / encode,
                     target: throughputTarget, format: megabytesPerSecond).inverted)
}
