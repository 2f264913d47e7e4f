import ArgumentParser

@main
struct AllocatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "allocator",
        abstract: "Measure a futures portfolio's risk state, classify its regime and scale its weights.",
        subcommands: [StateCommand.self, RegimeCommand.self, RiskCommand.self, PipelineCommand.self, UpdateCommand.self, ValidateCommand.self, BacktestCommand.self, SynthCommand.self, DemoCommand.self]
    )
}
