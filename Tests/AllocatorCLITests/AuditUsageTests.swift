import ArgumentParser
import Testing
@testable import AllocatorCLI

/// Malformed audit flags are usage errors (exit 64), found before any file is read.
@Suite struct AuditUsageTests {
    static func exitCode(_ arguments: [String]) -> Int32? {
        do {
            _ = try AuditCommand.parse(arguments)
            return nil
        } catch {
            return AuditCommand.exitCode(for: error).rawValue
        }
    }

    @Test(arguments: [
        ["--slippage-bps", "nan"], ["--slippage-bps", "-1"], ["--slippage-bps", "inf"],
        ["--stress-window", "2024-05-01:2024-01-01"], ["--calm-window", "2024-01-01"], ["--stress-window", "2024-13-01:2024-12-31"],
    ])
    func malformedFlagsAreUsageErrors(_ flags: [String]) {
        #expect(Self.exitCode(["--run-dir", "somewhere"] + flags) == 64, "\(flags)")
    }

    @Test func wellFormedFlagsParse() {
        #expect(Self.exitCode(["--run-dir", "somewhere", "--slippage-bps", "0.5",
                               "--stress-window", "2024-01-01:2024-05-01", "--calm-window", "2023-01-01:2023-12-31"]) == nil)
    }
}
