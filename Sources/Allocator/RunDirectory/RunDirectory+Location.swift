#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RunDirectory {
    /// The directory's path made absolute (against the working directory) and
    /// standardized lexically: no `.` or `..` components, no repeated or
    /// trailing `/` (symbolic links are not resolved). `runs/./a/`,
    /// `runs/a` and `/abs/runs/a` started from `/abs` give the same path.
    package var absolutePath: String {
        var base = ""
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                base = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
        var parts: [Substring] = []
        for component in (base + "/" + path).split(separator: "/") where component != "." {
            if component == ".." { _ = parts.popLast() } else { parts.append(component) }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// The directory's own name: the last component of ``absolutePath``
    /// (so `--run-dir .` is named after the folder, not `.`).
    package var name: String {
        absolutePath.split(separator: "/").last.map(String.init) ?? "/"
    }

    /// The directory named `name` beside this one (in the same parent): by a
    /// relative path when this one has one, unless it ends in `.` or `..`.
    package func sibling(named name: String) -> RunDirectory {
        let last = path.split(separator: "/").last
        let base = last == nil || last == "." || last == ".." ? absolutePath : path
        let parent = RunDirectory.parent(of: base)
        return RunDirectory(path: (parent.isEmpty ? "." : parent == "/" ? "" : parent) + "/" + name)
    }

    /// Whether both name the same directory: by their real paths (symbolic
    /// links resolved) when both exist, else by ``absolutePath``.
    package func isSameDirectory(as other: RunDirectory) -> Bool {
        if let mine = realPath, let theirs = other.realPath { return mine == theirs }
        return absolutePath == other.absolutePath
    }

    /// The directory's path with symbolic links resolved (`realpath`), `nil` when it does not exist.
    private var realPath: String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
