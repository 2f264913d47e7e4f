#ifndef NUMBERTEXT_H
#define NUMBERTEXT_H

#include <stddef.h>
#include "NumberCells.h"

/// The CSV writer's numbers (`CSVWriter` in `TimeSeries`): Python's `repr` of
/// a `double`, the shortest decimal that reads back as the same `double`
/// (the nearest such decimal, ties to an even last digit), computed with
/// Ryu's method (Adams, "Ryū: fast float-to-string conversion", PLDI 2018):
/// the value's rounding interval scaled by a 125-bit power of five, digits
/// removed while the interval still holds a shorter decimal.
///
/// Fixed notation when the decimal point falls −4 < p ≤ 16 places after the
/// first digit's position (`0.0001`, `123.5`, `1.0`, `9999999999999998.0`),
/// else one digit, a point and the rest, `e`, a sign and at least two
/// exponent digits (`1e-05`, `1.2345e+16`, `5e-324`); `0.0`, `-0.0`, `inf`,
/// `-inf`; nothing for NaN. Returns the text's length (at most
/// `NUMBERTEXT_MAXIMUM`); `out` needs `NUMBERTEXT_ROOM` writable bytes, as
/// the digits are moved in fixed-size copies (the bytes after the text are
/// left unspecified). `powers` is the table of `PowersOfFive`, which must
/// reach `NUMBERTEXT_MAXIMUM_POWER`.
size_t numbertext_write(double value, char *out, const NumberCellsPower *powers);

/// The longest text written (`-2.2250738585072014e-308`).
#define NUMBERTEXT_MAXIMUM 24

/// The bytes `numbertext_write` may write at `out`.
#define NUMBERTEXT_ROOM 40

/// The highest power of five the method reads (5^325, for the smallest subnormals).
#define NUMBERTEXT_MAXIMUM_POWER 325

#endif
