import Foundation
import AllocatorTestSupport
import Testing
import TimeSeries
@testable import Allocator

/// One writer at a time, and no mixed set after a kill (SPEC §12), with real
/// `allocator` child processes.
@Suite(.requiresFixtures, .requiresAllocatorExecutable, .serialized) struct WriterProcessTests {
    static let run = "baseline_20200106_20251031"
    static let trials = 24

    /// A run directory at generation 1 on inputs cut 30 days short, then given the full inputs.
    static func grownRun(label: String) throws -> (TemporaryRunDirectory, source: String) {
        let source = Fixtures.run(Self.run)
        let dir = try TemporaryRunDirectory(label: label)
        try LiveRun.copyInputs(from: source, to: dir.path, through: try LiveRun.cutDate(source, newDays: 30))
        _ = try AllocatorPipeline(runDirectory: RunDirectory(path: dir.path), logger: quietLogger).run()
        try LiveRun.copyInputs(from: source, to: dir.path, through: nil)
        return (dir, source)
    }

    /// A held lock: `update --lock-timeout 0.5` waits half a second, then exits 1 "run directory busy".
    @Test func heldLockMeansBusy() throws {
        let (dir, _) = try Self.grownRun(label: "busy")
        let lock = try RunLock.exclusive(RunDirectory(path: dir.path), timeout: 0)
        let start = Date()
        let outcome = try AllocatorProcess.run(["update", "--run-dir", dir.path, "--lock-timeout", "0.5"])
        let waited = Date().timeIntervalSince(start)
        lock.release()
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("run directory busy"), "\(outcome.stderr)")
        #expect(waited >= 0.5)
        #expect(try AllocatorProcess.run(["update", "--run-dir", dir.path, "--lock-timeout", "0.5"]).status == 0)
    }

    /// Two `update`s at once: one waits for the other; the bytes are those of a single update.
    @Test func concurrentUpdatesAreSerialised() throws {
        let (dir, source) = try Self.grownRun(label: "concurrent")
        let (single, _) = try Self.grownRun(label: "single")
        #expect(try AllocatorProcess.run(["update", "--run-dir", single.path]).status == 0)
        let outcomes = Locked<[AllocatorProcess.Outcome]>([])
        let path = dir.path
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            if let o = try? AllocatorProcess.run(["update", "--run-dir", path]) { outcomes.withLock { $0.append(o) } }
        }
        let results = outcomes.withLock { $0 }
        #expect(results.count == 2 && results.allSatisfy { $0.status == 0 }, "\(results.map(\.stderr))")
        #expect(results.filter { $0.stdout.contains("Up to date") }.count == 1, "the second waits, then finds nothing new")
        try LiveRun.expectSameArtifacts(dir.path, single.path, "concurrent")
        #expect(try RunDirectory(path: dir.path).verifyGeneration() == 2)
        _ = source
    }

    /// SIGKILL of `pipeline` and `update` at many moments: a reader either
    /// verifies a set whose CSVs are all the old generation's or all the new
    /// one's, or refuses with "incomplete write of generation N"; the next
    /// `update` always ends byte-identical to a fresh pipeline.
    @Test(arguments: ["pipeline", "update"]) func killedWriterNeverLeavesAMixedSetAccepted(command: String) throws {
        let (template, source) = try Self.grownRun(label: "kill-template")
        let old = try Dictionary(uniqueKeysWithValues: LiveRun.csvArtifacts.map { ($0, try FileBytes.read(path: template.file($0))) })
        let full = try LiveRun.freshPipeline(of: source, label: "kill-full")
        let new = try Dictionary(uniqueKeysWithValues: LiveRun.csvArtifacts.map { ($0, try FileBytes.read(path: full.file($0))) })
        let timed = try Self.copy(template)
        let started = Date()
        #expect(try AllocatorProcess.run([command, "--run-dir", timed.path]).status == 0)
        let duration = Date().timeIntervalSince(started)
        var rng = SystemRandomNumberGenerator()
        var seen = (old: 0, new: 0, refused: 0)
        for trial in 0..<Self.trials {
            let dir = try Self.copy(template)
            let delay = trial == 0 ? 0 : Double.random(in: 0...(duration * 2), using: &rng)
            try AllocatorProcess.killed([command, "--run-dir", dir.path, "-q"], after: delay)
            let run = RunDirectory(path: dir.path)
            do {
                try run.verifyGeneration()
                let now = try Dictionary(uniqueKeysWithValues: LiveRun.csvArtifacts.map { ($0, try FileBytes.read(path: dir.file($0))) })
                #expect(now == old || now == new, "trial \(trial) (kill after \(delay) s): a verified set mixes generations")
                if now == old { seen.old += 1 } else { seen.new += 1 }
            } catch let error as AllocatorError {
                guard case .incompleteGeneration = error else { Issue.record("\(error)"); continue }
                let reader = try AllocatorProcess.run(["validate", "--run-dir", dir.path])
                #expect(reader.status == 1 && reader.stderr.contains("incomplete write of generation 2; run allocator update"),
                        "\(reader.stderr)")
                seen.refused += 1
            }
            #expect(try AllocatorProcess.run(["update", "--run-dir", dir.path, "-q"]).status == 0)
            try LiveRun.expectSameArtifacts(dir.path, full.path, "trial \(trial) after kill at \(delay) s")
            #expect(throws: Never.self) { try run.verifyGeneration() }
        }
        print("[kill \(command)] \(seen.old) old generation, \(seen.new) new generation, \(seen.refused) refused as torn (\(Self.trials) kills, command ~\(duration) s)")
    }

    /// A copy of `template`'s files (inputs, artifacts, manifest).
    static func copy(_ template: TemporaryRunDirectory) throws -> TemporaryRunDirectory {
        let dir = try TemporaryRunDirectory(label: "kill")
        for name in try FileManager.default.contentsOfDirectory(atPath: template.path) where !name.hasPrefix(".") {
            try FileBytes.writeAtomically(try FileBytes.read(path: template.file(name)), to: dir.file(name))
        }
        return dir
    }
}

extension AllocatorProcess {
    /// Starts `allocator arguments…` and SIGKILLs it after `delay` seconds (or lets it finish first).
    static func killed(_ arguments: [String], after delay: Double) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(executable))
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
