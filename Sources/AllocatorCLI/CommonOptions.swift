import ArgumentParser
import Allocator

/// Options shared by every command.
struct OutputOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Only print warnings and errors on stderr.")
    var quiet = false
}

/// Reports an allocator failure the same way everywhere: one `error:` line naming
/// the file/line/parameter, then exit code 1.
func fail(_ error: AllocatorError) -> ExitCode {
    printError("error: \(error.typeName): \(error.description)")
    return ExitCode(1)
}
