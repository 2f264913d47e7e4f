import ArgumentParser
import Allocator

/// The options of the commands that run the whole allocator (`pipeline`, `update`).
struct PipelineOptions: ParsableArguments {
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var risk: RiskOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    /// What the command works with, as plain values.
    var settings: LiveRunSettings {
        LiveRunSettings(runDirectory: runOptions.resolvedRunDirectory, outputDirectory: runOptions.resolvedOutputDirectory,
                        quiet: output.quiet, lockTimeout: lock.lockTimeout, configPath: config.path, risk: risk.settings)
    }
}
