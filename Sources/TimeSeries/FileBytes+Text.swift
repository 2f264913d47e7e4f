import CPlatform
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileBytes {
    /// File size from which ``withText(path:padding:mappedFrom:parallelFrom:_:)`` maps the file
    /// instead of reading it (below, the few fresh pages of a read cost less than a mapping).
    package static let mappedTextBytes = 64 << 10

    /// Runs `body` on the text of the file at `path` followed by `padding` NUL bytes.
    ///
    /// A regular file of `mappedFrom` bytes or more is mapped from the page
    /// cache (`cplatform_map_text`): a read would copy every byte into fresh
    /// pages, which on this kind of machine cost about 2.5 µs each to fault in
    /// (a 108 MB file: about 75 ms of a one-thread read, against under 1 ms to
    /// map it). Bytes appended to the file meanwhile never show; when its
    /// writer truncates it while `body` runs, the lost bytes read as NULs and
    /// this throws `unreadable` ("changed while it was read") whatever `body`
    /// returned or threw. Anything else — a smaller file, not a regular file,
    /// or a mapping the system refuses — is read with ``read(path:parallelFrom:)``
    /// (`parallelFrom` passed on).
    package static func withText<R>(path: String, padding: Int, mappedFrom threshold: Int = mappedTextBytes,
                                    parallelFrom parallel: Int = parallelReadBytes,
                                    _ body: (UnsafeBufferPointer<UInt8>) throws(CSVError) -> R) throws(CSVError) -> R {
        #if canImport(Glibc)
        if let mapped = MappedText(path: path, padding: padding, threshold: threshold) {
            let result: Result<R, CSVError>
            do throws(CSVError) {
                result = .success(try body(mapped.text))
            } catch {
                result = .failure(error)
            }
            if mapped.unmap() {
                throw CSVError(.unreadable, file: path,
                               "the file changed while it was read (it was truncated or rewritten); read it again once its writer is done")
            }
            return try result.get()
        }
        #endif
        var bytes = try read(path: path, parallelFrom: parallel)
        bytes.append(contentsOf: repeatElement(0, count: padding))
        return try bytes.withUnsafeBufferPointer { (text) throws(CSVError) -> R in try body(text) }
    }

    #if canImport(Glibc)
    /// A file's text mapped by `cplatform_map_text`, padding included.
    private struct MappedText {
        let text: UnsafeBufferPointer<UInt8>
        private let length: Int

        /// `nil` when the file cannot be opened, is not a regular file of
        /// `threshold` bytes or more, or cannot be mapped (the caller reads it instead).
        init?(path: String, padding: Int, threshold: Int) {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { return nil }
            defer { close(fd) }
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG, Int(st.st_size) >= max(threshold, 1) else {
                return nil
            }
            let size = Int(st.st_size)
            var mappedLength = 0
            guard let start = cplatform_map_text(fd, size, padding, &mappedLength) else { return nil }
            text = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: size + padding)
            length = mappedLength
        }

        /// Unmaps the text; whether the file shrank while it was mapped.
        func unmap() -> Bool { cplatform_unmap_text(text.baseAddress, length) != 0 }
    }
    #endif
}
