#ifndef CPLATFORM_H
#define CPLATFORM_H

#include <stddef.h>

/// Replaces the file at `to` with the one at `from` (same directory) in one
/// step that readers never see half done, and removes `from`. Returns 0, or
/// -1 with `errno` set (then nothing was replaced).
///
/// On Linux, when `to` is an existing regular file, the two names are
/// exchanged (`renameat2(RENAME_EXCHANGE)`) and the old file, now at `from`,
/// is unlinked. A plain `rename` over an existing file makes ext4
/// (`auto_da_alloc`) start writing the new file back to disk inside the
/// call, about 0.2 ms per file; the exchange does not. Everywhere else, or
/// when the exchange is not supported, it is `rename(from, to)`.
int cplatform_replace_file(const char *from, const char *to);

/// `snprintf(buffer, size, "%.*f", digits, value)`: the C library's
/// correctly rounded fixed-point text, without building a `va_list` from Swift.
int cplatform_format_fixed(char *buffer, size_t size, int digits, double value);

/// Maps the first `size` bytes of the regular file open as `fd` for reading,
/// followed by at least `padding` NUL bytes, without copying the file's
/// whole pages: they are mapped from the page cache, faulted in as they are
/// first read (the kernel maps the neighbouring pages with each fault, and
/// the threads that read the halves of a text split the faults; mapping all
/// of them at once, `MAP_POPULATE`, took 10–12 ms for a 108 MB file on the
/// calling thread against 7–8 ms of faults, and its unmap was no cheaper), and
/// only the last partial page is read (`pread`) into anonymous memory that
/// follows them, so bytes appended to the file later never show. Returns the
/// start, or NULL with `errno` set (then nothing is mapped); `*length` gets
/// the length to pass to `cplatform_unmap_text`. Implemented in MappedText.c.
///
/// A writer that truncates the file while it is mapped makes a read of a
/// whole page it no longer has raise SIGBUS. The first call installs a
/// process-wide SIGBUS handler that maps a page of zeros there instead and
/// marks the mapping, so the read goes on and `cplatform_unmap_text` reports
/// it. Any other SIGBUS goes to the action installed before (a host
/// program's handler, the Swift runtime's backtracer, or the default, which
/// ends the process as without this handler). A truncation within the last
/// whole page, or a rewrite in place, raises nothing: the caller compares the
/// file's size and times before and after (`FileBytes.withText`).
const void *cplatform_map_text(int fd, size_t size, size_t padding, size_t *length);

/// Unmaps a mapping of `cplatform_map_text`; returns 1 when its file shrank
/// while it was mapped (some bytes read as zeros), else 0.
int cplatform_unmap_text(const void *start, size_t length);

/// Makes the C library's allocator keep freed memory for reuse: blocks under
/// 4 MB come from the heap instead of their own mappings, and the heap is
/// not trimmed below 32 MB. A short process then touches fewer fresh pages
/// (each first touch is a page fault, several microseconds in a VM) because
/// a buffer freed by one phase serves the next; larger blocks keep their own
/// mappings, whose pages come zeroed for free. glibc only; a no-op elsewhere.
/// For an executable's start (the library itself never calls it).
void cplatform_keep_freed_memory(void);

#endif
