#ifndef NUMBERCELLS_H
#define NUMBERCELLS_H

#include <stddef.h>
#include <stdint.h>

/// The number cells of a CSV row, parsed where the text is the common case
/// of an artifact (a shortest round-trip decimal or an empty cell), for the
/// `TimeSeries` reader (`CSVReader`), which parses everything else itself.
///
/// Every value given is the correctly rounded `double` of the cell's text,
/// the bits `strtod` gives. A cell any function here declines is left to the
/// caller's general parser.

/// `5^q ≈ T · 2^(e − 127)`, `T = high · 2^64 + low ∈ [2^127, 2^128)`, and
/// `exponent_bias = e + q + 1087` (the table `PowersOfFive` in `TimeSeries`
/// computes, indexed by `q + 342` for `q ∈ −342 … 308`).
typedef struct {
    uint64_t high;
    uint64_t low;
    int64_t exponent_bias;
} NumberCellsPower;

/// The lowest and highest decimal exponents of the power table.
#define NUMBERCELLS_MIN_EXPONENT (-342)
#define NUMBERCELLS_MAX_EXPONENT 308

/// Bytes that must be readable after the text: the row scan reads the commas
/// of 64 bytes at a time.
#define NUMBERCELLS_PADDING 64

/// `w · 10^q` correctly rounded (Eisel–Lemire), for `w ≠ 0`: returns 1 and
/// stores it in `*value`, or returns 0 when the 128-bit product cannot decide
/// the rounding (within 4 units of a halfway point, exact ties included) or
/// the result is not a normal `double`.
///
/// With `w` normalised to `n = w·2^z ∈ [2^63, 2^64)` and `5^q ≈ T·2^(e−127)`
/// (`|T − exact| < 1`), `H = ⌊n·T / 2^64⌋` (two 64×64-bit products) puts the
/// exact `n·5^q·2^(127−e) / 2^64` in `(H − 1, H + 2)`. Shifted so its top bit
/// is bit 127 (`H' = H·2^s`, `s ∈ {0, 1}`, the interval widens to
/// `(H' − 2, H' + 4)`), `H'`'s top 53 bits are the significand and its low 75
/// bits `m` decide the rounding: below the halfway point `2^74` it rounds
/// down, above it up, and every real in the interval rounds the same way
/// unless `|m − 2^74| ≤ 4`. The value is `significand · 2^(q − z + e − s + 12)`.
int numbercells_scaled(uint64_t w, long q, const NumberCellsPower *powers, double *value);

/// One cell, the bytes `[start, end)`: returns 1 and stores its value (NaN for
/// an empty cell), or 0 to decline. It answers the shape an artifact writes,
/// `[-]I.F[e±dd]` (digits on both sides of the point, an optional two-digit
/// exponent): the AVX2 form when the cell is at most 32 bytes and its digits
/// are at most 19 after leading zeros, the scalar form when `I` has at most 7
/// digits and `F` at most 24, both below 10^19 as one integer. Every other
/// cell, and a tie the 128-bit product cannot decide, is declined. Reads up to 8 bytes past `end` (the padding at the text's end), nothing
/// before `start` in the scalar form, and the 33 bytes before `end` in the
/// AVX2 form (only when `end − text ≥ 33`, else it hands the cell to the
/// scalar form, as it does every cell it declines). `…_baseline` is the
/// scalar form (any CPU), `…_vector` the AVX2 one where the CPU has it (else
/// the scalar form); the tests compare both with `strtod`.
int numbercells_cell_baseline(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                              const NumberCellsPower *powers, double *value);
int numbercells_cell_vector(const uint8_t *text, const uint8_t *start, const uint8_t *end,
                            const NumberCellsPower *powers, double *value);

/// Stores the cells of a row from the comma at `cursor` on, while each is a
/// cell `numbercells_cell_*` answers ending at a comma or at the row's `end`,
/// and `*column < width`: the cell of column `k` goes to `row[k · stride]`
/// and `*column` becomes `k + 1`. Returns where it stopped: a comma whose cell was not
/// stored, or `end`. `text[end …]` must hold `NUMBERCELLS_PADDING` readable
/// bytes beyond `end` up to the text's end and its padding. Runs the AVX2
/// form where the CPU has it.
size_t numbercells_row(const uint8_t *text, size_t cursor, size_t end, size_t width, size_t *column,
                       double *row, size_t stride, const NumberCellsPower *powers);

/// `numbercells_row` in the scalar form (for the tests).
size_t numbercells_row_baseline(const uint8_t *text, size_t cursor, size_t end, size_t width, size_t *column,
                                double *row, size_t stride, const NumberCellsPower *powers);

#endif
