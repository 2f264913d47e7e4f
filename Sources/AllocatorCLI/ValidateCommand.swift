import ArgumentParser
import Allocator
import Logging
import TimeSeries

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a run's inputs and its allocator_state_v1.csv / metadata.",
        discussion: """
        Input validator: each required input readable and non-empty, at least one common date \
        (warning when common dates are fewer than 90% of the longest input).
        State validator: required feature columns present, dates strictly increasing, no missing \
        value in a required feature, no required feature listed as missing in the metadata \
        (warnings: missing values in an optional feature, more than 5% of rows dropped).

        Exit code 0 when valid (warnings allowed), 1 otherwise.

        Example:
          allocator validate \\
            --run-dir ../shared/fixtures/reference-runs/test_allocator_state_integration
        """
    )

    @OptionGroup var runOptions: RunOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        ConsoleLogHandler.bootstrap(quiet: output.quiet)
        let logger = Logger(label: "Validator")
        let dir = RunDirectory(path: runOptions.resolvedRunDirectory)
        var errors: [String] = []

        do {
            let inputs = try dir.loadStateInputs()
            let report = InputValidator.validate(inputs)
            for w in report.warnings { logger.warning("\(w)") }
            errors += report.errors.map { "inputs: \($0)" }
            if report.isValid { logger.info("inputs valid: \(inputs.commonDates.count) common dates") }
        } catch {
            errors.append("inputs: \(error.description)")
        }

        let output = RunDirectory(path: runOptions.resolvedOutputDirectory)
        let held: RunLock?
        do { held = try readerLock(output) } catch { throw fail(error) }
        defer { held?.release() }
        let statePath = output.file(RunDirectory.File.state)
        let metaPath = output.file(RunDirectory.File.stateMeta)
        if !output.contains(RunDirectory.File.state) {
            errors.append("\(statePath): not found (run `allocator state` first)")
        } else {
            do {
                let panel = try output.readRequired(RunDirectory.File.state, role: "allocator state")
                var metadata: JSONValue? = nil
                if output.contains(RunDirectory.File.stateMeta) {
                    metadata = try? output.readJSON(RunDirectory.File.stateMeta)
                    if metadata == nil { errors.append("\(metaPath): not valid JSON") }
                } else {
                    logger.warning("\(metaPath) not found: metadata checks skipped")
                }
                let report = StateValidator.validate(columns: panel.names, dates: panel.dates, values: panel.columns,
                                                     metadata: metadata)
                for w in report.warnings { logger.warning("\(w)") }
                errors += report.errors.map { "\(statePath): \($0)" }
                if report.isValid { logger.info("state valid: \(panel.rowCount) rows, \(panel.columnCount) features") }
            } catch {
                errors.append(error.description)
            }
        }
        if errors.isEmpty {
            print("valid: \(dir.path)")
            return
        }
        for e in errors { printError("error: \(e)") }
        throw ExitCode(1)
    }
}
