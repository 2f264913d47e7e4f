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
    /// On Linux a regular file of `mappedFrom` bytes or more is mapped from the
    /// page cache (`cplatform_map_text`): a read copies every byte into fresh
    /// pages, and fresh pages are costly where memory is virtualised (about
    /// 2.5 µs per 4 KB page on the machine this was measured on: a 108 MB file
    /// took 67–88 ms to read on one thread, and maps in under 1 ms). Bytes
    /// appended meanwhile are not seen. When the file's size or modification
    /// times differ after `body` from before it, or a read met a page the file
    /// no longer had (read as NULs), this throws `unreadable` whatever `body`
    /// returned or threw: the text may mix the old file and the new.
    ///
    /// Anything else — a smaller or not regular file, another system, or a
    /// mapping the system refuses — is read with ``read(path:parallelFrom:)``
    /// (`parallelFrom` passed on), which sees the file as it is read.
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
            if !mapped.close() {
                throw CSVError(.unreadable, file: path,
                               "the file changed while it was read (it was truncated or rewritten), or could not be read whole; read it again once its writer is done")
            }
            return try result.get()
        }
        #endif
        var bytes = try read(path: path, parallelFrom: parallel)
        bytes.append(contentsOf: repeatElement(0, count: padding))
        return try bytes.withUnsafeBufferPointer { (text) throws(CSVError) -> R in try body(text) }
    }

    #if canImport(Glibc)
    /// A file's text mapped by `cplatform_map_text`, padding included, and the
    /// file kept open to see whether it changed.
    private struct MappedText {
        let text: UnsafeBufferPointer<UInt8>
        private let length: Int
        private let fd: Int32
        private let before: stat

        /// `nil` when the path is not a regular file of `threshold` bytes or
        /// more (checked before it is opened, so a FIFO is opened only by the
        /// read that follows), cannot be opened, or cannot be mapped (the caller
        /// reads it instead).
        init?(path: String, padding: Int, threshold: Int) {
            guard let listed = FileBytes.size(path: path), listed >= max(threshold, 1) else { return nil }
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { return nil }
            var st = stat()
            guard fstat(fd, &st) == 0, Self.isMappable(st, threshold: threshold) else {
                Glibc.close(fd)
                return nil
            }
            let size = Int(st.st_size)
            var mappedLength = 0
            guard let start = cplatform_map_text(fd, size, padding, &mappedLength) else {
                Glibc.close(fd)
                return nil
            }
            text = UnsafeBufferPointer(start: start.assumingMemoryBound(to: UInt8.self), count: size + padding)
            length = mappedLength
            self.fd = fd
            before = st
        }

        private static func isMappable(_ st: stat, threshold: Int) -> Bool {
            (st.st_mode & S_IFMT) == S_IFREG && Int(st.st_size) >= max(threshold, 1)
        }

        /// Unmaps the text and closes the file; whether the text is the file's
        /// whole and unchanged: no page was lost, and its size and times are as before.
        func close() -> Bool {
            let shrank = cplatform_unmap_text(text.baseAddress, length) != 0
            var after = stat()
            let same = fstat(fd, &after) == 0 && after.st_size == before.st_size
                && after.st_mtim.tv_sec == before.st_mtim.tv_sec && after.st_mtim.tv_nsec == before.st_mtim.tv_nsec
                && after.st_ctim.tv_sec == before.st_ctim.tv_sec && after.st_ctim.tv_nsec == before.st_ctim.tv_nsec
            Glibc.close(fd)
            return !shrank && same
        }
    }
    #endif
}
