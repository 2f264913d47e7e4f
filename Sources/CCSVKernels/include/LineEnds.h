#ifndef LINEENDS_H
#define LINEENDS_H

#include <stddef.h>

/// One pass over CSV text for the `TimeSeries` reader (`CSVReader`): where its
/// lines end, and whether it holds a NUL byte (which no CSV text does).
///
/// Scans `text[from, to)`: writes the offsets of its line ends (`'\n'`), in
/// order, to `ends`, at most `capacity` of them, and returns how many it
/// wrote. `*next` gets where the scan stopped: `to`, or, when `capacity` ran
/// out, the offset after the last line end written (scan again from there).
/// `*nul` is set to 1 when a NUL byte is among the bytes scanned (when
/// `capacity` ran out, they may reach past `*next`: a caller that scans on to
/// `to` gets the answer for the whole range), and left as it was otherwise.
/// `capacity` 0 scans nothing. The AVX2 form (64 bytes at a time) runs where the CPU has
/// it; `…_baseline` is the other (`memchr`), which the tests compare with it.
size_t lineends_scan(const unsigned char *text, size_t from, size_t to, size_t *ends, size_t capacity, size_t *next,
                     int *nul);
size_t lineends_scan_baseline(const unsigned char *text, size_t from, size_t to, size_t *ends, size_t capacity,
                              size_t *next, int *nul);

#endif
