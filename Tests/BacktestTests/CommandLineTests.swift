import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Backtest

/// Runs the built `allocator` executable (beside the test bundle) and checks
/// exit codes and messages. Skipped when the executable has not been built
/// (`swift build --build-tests` builds it).
@Suite(.requiresAllocatorExecutable) struct CommandLineTests {
    func file(_ directory: String, _ name: String, _ text: String) throws -> String {
        try FileBytes.writeAtomically(text, to: directory + "/" + name)
        return directory + "/" + name
    }

    @Test func badInputExitsOneWithAClearMessage() throws {
        let scratch = try TemporaryRunDirectory(label: "cli-bad")
        let dir = scratch.path
        let garbage = try file(dir, "garbage.csv", "date,A\n2024-01-02,0.1\n2024-01-03,zz\n")
        let duplicate = try file(dir, "dup.csv", "date,A\n2024-01-02,0.1\n2024-01-02,0.2\n")
        let good = try file(dir, "good.csv", "date,A,B\n2024-01-02,0.1,0.2\n2024-01-03,0.0,-0.1\n")
        let cases: [([String], String)] = [
            (["backtest", "--returns", garbage], "garbage.csv:3: unparsable number `zz`"),
            (["backtest", "--returns", duplicate], "dup.csv:3: duplicate date 2024-01-02"),
            (["backtest", "--returns", dir + "/missing.csv"], "missing.csv: cannot open file"),
            (["backtest", "--returns", good, "--profile", "nope"], "unknown profile `nope`"),
            (["backtest", "--returns", good, "--start", "2024-02-01", "--end", "2024-01-01"], "start date 2024-02-01 is after end date 2024-01-01"),
            (["backtest", "--returns", good, "--start", "2025-01-01"], "no trading days in the window"),
            (["backtest", "--returns", good, "--runs-root", dir, "--allocator-mode", "precomputed", "--precomputed-run-id", "ghost"],
             "run `ghost` for allocator mode `precomputed`: no such run directory"),
            (["backtest", "--returns", good, "--config", try file(dir, "c.yaml", "profiles:\n  p: {}\nfoo: 1\n")], "c.yaml:3: unknown key `foo`"),
        ]
        for (arguments, expected) in cases {
            let r = try AllocatorProcess.run(arguments, in: dir)
            #expect(r.status == 1, "\(arguments): exit \(r.status)")
            #expect(r.stderr.contains(expected), "\(arguments): \(r.stderr)")
        }
        // Usage errors keep the argument parser's code.
        #expect(try AllocatorProcess.run(["backtest"], in: dir).status == 64)
        #expect(try AllocatorProcess.run(["backtest", "--returns", good, "--allocator-mode", "sometimes"], in: dir).status == 64)
        #expect(try AllocatorProcess.run(["backtest", "--returns", good, "--start", "yesterday"], in: dir).status == 64)
    }

    @Test func redFlagExitsZeroUnlessStrict() throws {
        let scratch = try TemporaryRunDirectory(label: "cli-flag")
        let dir = scratch.path
        let market = TestSupport.market(assets: 5, years: 1, seed: 3)
        try CSVWriter.write(market.returns, to: dir + "/m.csv")
        let short = ["backtest", "--returns", dir + "/m.csv", "--start", "2000-06-01", "--end", "2000-07-14", "--run-id", "short",
                     "--runs-root", dir + "/reports/runs"]
        let soft = try AllocatorProcess.run(short, in: dir)
        #expect(soft.status == 0, "\(soft.stderr)")
        #expect(soft.stdout.split(separator: "\n").last.map(String.init) == AllocatorStep.redFlag)
        #expect(FileBytes.exists(dir + "/reports/runs/short/allocator_state_v1_error.json"))
        #expect(FileBytes.exists(dir + "/reports/runs/short/portfolio_returns.csv"))
        #expect(try AllocatorProcess.run(short + ["--strict"], in: dir).status == 1)
    }

    @Test func synthWritesADeterministicFile() throws {
        let scratch = try TemporaryRunDirectory(label: "cli-synth")
        let dir = scratch.path
        for name in ["a.csv", "b.csv"] {
            let r = try AllocatorProcess.run(["synth", "--assets", "6", "--years", "2", "--seed", "5", "--out", dir + "/" + name], in: dir)
            #expect(r.status == 0, "\(r.stderr)")
        }
        #expect(try FileBytes.read(path: dir + "/a.csv") == FileBytes.read(path: dir + "/b.csv"))
        let closes = try AllocatorProcess.run(["synth", "--assets", "6", "--years", "2", "--seed", "5", "--prices", "--out", dir + "/p.csv"], in: dir)
        #expect(closes.status == 0)
        let ok = try AllocatorProcess.run(["backtest", "--prices", dir + "/p.csv", "--run-id", "from_prices", "--runs-root", dir, "--quiet"], in: dir)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("ExecSim run from_prices"))
    }
}
