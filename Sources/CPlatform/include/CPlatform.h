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

#endif
