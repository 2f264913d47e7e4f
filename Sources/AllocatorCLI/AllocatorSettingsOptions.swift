import ArgumentParser
import Allocator
import Logging
import TimeSeries

extension RiskProfile: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

extension Regime: ExpressibleByArgument {
    public init?(argument: String) { self.init(label: argument.uppercased()) }
    public static var allValueStrings: [String] { allCases.map(\.label) }
}

/// `--config FILE`: the YAML `regime:` / `risk:` blocks.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"),
            help: ArgumentHelp("YAML file whose `regime:` block overrides thresholds by metadata name and whose `risk:` block sets profile, alpha, half_life, mapping, floor, apply_missing_scalar_as and optional per-sleeve mappings (sleeves.<sleeve>.mapping.<REGIME>).",
                               valueName: "file"))
    var path: String?

    /// The file's settings, or the defaults when no file is given.
    func load(otherSections: Set<String> = []) throws(AllocatorError) -> AllocatorConfig {
        try LiveRunSettings.config(at: path, otherSections: otherSections)
    }
}

/// Risk flags; each overrides the same setting of the config file.
struct RiskOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Risk profile: L (default; de-risks most), M or H (tail-only).", valueName: "L|M|H"))
    var profile: RiskProfile?

    @Option(help: ArgumentHelp("EWMA weight of the newest target scalar, in (0, 1].", valueName: "a"))
    var alpha: Double?

    @Option(name: .customLong("half-life"),
            help: ArgumentHelp("EWMA half-life in rows (alpha = 1 − exp(−ln 2 / h)); instead of --alpha.", valueName: "h"))
    var halfLife: Double?

    @Option(help: ArgumentHelp("Lowest risk scalar, in (0, 1].", valueName: "x"))
    var floor: Double?

    @Option(name: .customLong("override-regime"),
            help: ArgumentHelp("Treat every date as this regime (to test a profile).", valueName: "regime"))
    var overrideRegime: Regime?

    @Option(name: .customLong("apply-missing-scalar-as"),
            help: ArgumentHelp("Applied scalar for rebalances before the first risk scalar (default 1.0).", valueName: "x"))
    var applyMissingScalarAs: Double?

    func validate() throws {
        if alpha != nil && halfLife != nil { throw ValidationError("Give either --alpha or --half-life, not both.") }
    }

    /// The flags as settings.
    var settings: RiskSettings {
        var s = RiskSettings()
        s.profile = profile
        s.alpha = alpha
        s.halfLife = halfLife
        s.floor = floor
        s.overrideRegime = overrideRegime
        s.applyMissingScalarAs = applyMissingScalarAs
        return s
    }
}

/// Reads the state table of a run (the output directory's when it holds one,
/// else the run directory's) and classifies every row.
func classifyState(in run: RunOptions, allocator: RiskAllocator, log: Logger) throws(AllocatorError) -> RegimeSeries {
    let output = RunDirectory(path: run.resolvedOutputDirectory)
    let source = output.contains(RunDirectory.File.state) ? output : RunDirectory(path: run.resolvedRunDirectory)
    let path = source.file(RunDirectory.File.state)
    // The command holds the output directory's lock; another source directory is only read.
    let held = source.path == output.path ? nil : try RunLock.shared(source, timeout: 30)
    defer { held?.release() }
    try source.verifyGeneration()
    let state = try source.readState()
    log.info("Read \(state.dates.count) rows × \(state.features.count) features from \(path)")
    do { return try allocator.classify(state) } catch .invalidState(_, let errors) {
        throw .invalidState(file: path, errors: errors)
    }
}

/// Writes encoded artifacts, reporting a failure as an allocator error.
func writeArtifacts(_ files: [ArtifactFile], to directory: String) throws(AllocatorError) -> [String] {
    try RunDirectory(path: directory).write(files)
    try RunDirectory(path: directory).sealGeneration()
    return files.map { directory + "/" + $0.name }
}

/// Left-aligns `text` in `width` columns.
func padded(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

/// Right-aligns `text` in `width` columns.
func rightAligned(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
}
