import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Backtest

/// `allocator backtest --print-config` (issue 8 item 6): exit 0 without a
/// market, and print YAML that `--config` accepts.
extension CommandLineTests {
    @Test func printConfigPrintsTheEmbeddedYAMLThatConfigAccepts() throws {
        let scratch = try TemporaryRunDirectory(label: "cli-print-config")
        let dir = scratch.path
        let printed = try AllocatorProcess.run(["backtest", "--print-config"], in: dir)
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout == DefaultConfig.yaml)
        #expect(printed.stderr.isEmpty)
        let path = try file(dir, "printed.yaml", printed.stdout)
        let config = try BacktestConfigParser.parse(file: path)
        #expect(config.defaultProfile == "balanced")
        #expect(config.profiles.map(\.name) == ["balanced", "trend_only", "monthly"])
        #expect(config.allocator == AllocatorSettings(mode: .off, precomputedRunId: nil, applyMissingScalarAs: 1.0, riskProfile: nil))
        // Two markets are still a usage error, with or without --print-config.
        #expect(try AllocatorProcess.run(["backtest", "--synthetic", "--returns", path], in: dir).status == 64)
    }
}
