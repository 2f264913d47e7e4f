import ArgumentParser
import Allocator

/// The options of the commands that run the whole allocator (`pipeline`, `update`).
struct PipelineOptions: ParsableArguments {
    @OptionGroup var runOptions: RunOptions
    @OptionGroup var config: ConfigOptions
    @OptionGroup var risk: RiskOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var lock: LockOptions

    var runDirectory: RunDirectory { RunDirectory(path: runOptions.resolvedRunDirectory) }

    /// The pipeline these options describe (config file first, then the flags).
    func pipeline() throws(AllocatorError) -> AllocatorPipeline {
        try AllocatorPipeline(runDirectory: runDirectory, outputDirectory: runOptions.resolvedOutputDirectory,
                              config: try config.load().overridingRisk(risk.settings))
    }
}
