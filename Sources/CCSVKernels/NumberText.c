#include "NumberText.h"
#include "PowersOfTen.h"

#include <stdint.h>
#include <string.h>

// See NumberText.h. The steps follow the Ryu paper's notation: the value is
// m2 · 2^e2 with the interval's bounds at 4·m2 ± 2 (scaled by 4), and
// e10/q the decimal exponent of the scaled products.

/// ⌈log₂ 5^e⌉ for 1 ≤ e ≤ 3528 (1 for e = 0).
static inline int32_t pow5_bits(int32_t e) { return (int32_t)(((uint32_t)e * 1217359u) >> 19) + 1; }
/// ⌊log₁₀ 2^e⌋ for 0 ≤ e ≤ 1650.
static inline uint32_t log10_pow2(int32_t e) { return ((uint32_t)e * 78913u) >> 18; }
/// ⌊log₁₀ 5^e⌋ for 0 ≤ e ≤ 2620.
static inline uint32_t log10_pow5(int32_t e) { return ((uint32_t)e * 732923u) >> 20; }

static inline uint32_t pow5_factor(uint64_t value) {
    uint32_t count = 0;
    while (value % 5 == 0) {
        value /= 5;
        count++;
    }
    return count;
}

static inline int multiple_of_pow5(uint64_t value, uint32_t p) { return pow5_factor(value) >= p; }
static inline int multiple_of_pow2(uint64_t value, uint32_t p) { return (value & ((1ull << p) - 1)) == 0; }

/// 5^i as 125 bits (its top bits, truncated): the 128-bit power of the table
/// shifted down three places (the table's entries are exact floors).
static inline void pow5_125(const NumberCellsPower *powers, int32_t i, uint64_t word[2]) {
    const NumberCellsPower *p = powers + (i - NUMBERCELLS_MIN_EXPONENT);
    word[0] = (p->low >> 3) | (p->high << 61);
    word[1] = p->high >> 3;
}

/// ⌊2^(pow5_bits(q) − 1 + 125) / 5^q⌋ + 1: the table's floor of 5^−q shifted
/// down three places, plus one (2^125 + 1 for q = 0).
static inline void pow5_inverse_125(const NumberCellsPower *powers, int32_t q, uint64_t word[2]) {
    if (q == 0) {
        word[0] = 1;
        word[1] = 1ull << 61;
        return;
    }
    const NumberCellsPower *p = powers + (-q - NUMBERCELLS_MIN_EXPONENT);
    word[0] = ((p->low >> 3) | (p->high << 61)) + 1;
    word[1] = (p->high >> 3) + (word[0] == 0);
}

/// ⌊m · multiplier / 2^j⌋ for a 125-bit multiplier and j > 64.
static inline uint64_t mul_shift(uint64_t m, const uint64_t multiplier[2], int32_t j) {
    const __uint128_t low = (__uint128_t)m * multiplier[0];
    const __uint128_t high = (__uint128_t)m * multiplier[1];
    return (uint64_t)(((low >> 64) + high) >> (j - 64));
}

/// The number of decimal digits of `v` (1 ≤ v < 10^17): ⌊log₁₀ 2⌋ of its bit
/// length (1233/4096 ≈ log₁₀ 2), plus one when `v` reaches the next power of ten.
static inline uint32_t decimal_length(uint64_t v) {
    const uint32_t estimate = ((uint32_t)(64 - __builtin_clzll(v)) * 1233) >> 12;
    return estimate + (v >= powers_of_ten[estimate]);
}

/// The scaled value `vr` and its rounding interval's bounds `vp`, `vm`.
typedef struct {
    uint64_t vr, vp, vm;
} Interval;

/// Removes the last decimal digit of all three; returns the one removed from `vr`.
static inline uint8_t remove_digit(Interval *v, int32_t *removed) {
    const uint8_t digit = (uint8_t)(v->vr % 10);
    v->vr /= 10;
    v->vp /= 10;
    v->vm /= 10;
    (*removed)++;
    return digit;
}

/// The shortest digits of the finite, nonzero magnitude with these IEEE fields:
/// `*digits` · 10^`*exponent`.
static void shortest(uint64_t mantissa, uint32_t biased, const NumberCellsPower *powers,
                     uint64_t *digits, int32_t *exponent) {
    int32_t e2;
    uint64_t m2;
    if (biased == 0) {
        e2 = 1 - 1023 - 52 - 2;
        m2 = mantissa;
    } else {
        e2 = (int32_t)biased - 1023 - 52 - 2;
        m2 = (1ull << 52) | mantissa;
    }
    const int accept_bounds = (m2 & 1) == 0;
    const uint64_t mv = 4 * m2;
    const uint32_t mm_shift = mantissa != 0 || biased <= 1;
    uint64_t vr, vp, vm;
    int32_t e10;
    int vm_trailing_zeros = 0, vr_trailing_zeros = 0;
    uint64_t multiplier[2];
    if (e2 >= 0) {
        const uint32_t q = log10_pow2(e2) - (e2 > 3);
        e10 = (int32_t)q;
        const int32_t k = 125 + pow5_bits((int32_t)q) - 1;
        const int32_t i = -e2 + (int32_t)q + k;
        pow5_inverse_125(powers, (int32_t)q, multiplier);
        vr = mul_shift(4 * m2, multiplier, i);
        vp = mul_shift(4 * m2 + 2, multiplier, i);
        vm = mul_shift(4 * m2 - 1 - mm_shift, multiplier, i);
        if (q <= 21) {
            if (mv % 5 == 0) {
                vr_trailing_zeros = multiple_of_pow5(mv, q);
            } else if (accept_bounds) {
                vm_trailing_zeros = multiple_of_pow5(mv - 1 - mm_shift, q);
            } else {
                vp -= multiple_of_pow5(mv + 2, q);
            }
        }
    } else {
        const uint32_t q = log10_pow5(-e2) - (-e2 > 1);
        e10 = (int32_t)q + e2;
        const int32_t i = -e2 - (int32_t)q;
        const int32_t k = pow5_bits(i) - 125;
        const int32_t j = (int32_t)q - k;
        pow5_125(powers, i, multiplier);
        vr = mul_shift(4 * m2, multiplier, j);
        vp = mul_shift(4 * m2 + 2, multiplier, j);
        vm = mul_shift(4 * m2 - 1 - mm_shift, multiplier, j);
        if (q <= 1) {
            vr_trailing_zeros = 1;
            if (accept_bounds) {
                vm_trailing_zeros = mm_shift == 1;
            } else {
                --vp;
            }
        } else if (q < 63) {
            vr_trailing_zeros = multiple_of_pow2(mv, q);
        }
    }
    int32_t removed = 0;
    uint8_t last_removed = 0;
    uint64_t output;
    Interval v = {vr, vp, vm};
    if (vm_trailing_zeros || vr_trailing_zeros) {
        while (v.vp / 10 > v.vm / 10) {
            vm_trailing_zeros &= v.vm % 10 == 0;
            vr_trailing_zeros &= last_removed == 0;
            last_removed = remove_digit(&v, &removed);
        }
        if (vm_trailing_zeros) {
            while (v.vm % 10 == 0) {
                vr_trailing_zeros &= last_removed == 0;
                last_removed = remove_digit(&v, &removed);
            }
        }
        if (vr_trailing_zeros && last_removed == 5 && v.vr % 2 == 0) last_removed = 4; // an exact tie: to even
        output = v.vr + ((v.vr == v.vm && (!accept_bounds || !vm_trailing_zeros)) || last_removed >= 5);
    } else {
        int round_up = 0;
        if (v.vp / 100 > v.vm / 100) {
            round_up = v.vr % 100 >= 50;
            v.vr /= 100;
            v.vp /= 100;
            v.vm /= 100;
            removed += 2;
        }
        while (v.vp / 10 > v.vm / 10) round_up = remove_digit(&v, &removed) >= 5;
        output = v.vr + (v.vr == v.vm || round_up);
    }
    *digits = output;
    *exponent = e10 + removed;
}

/// The eight ASCII digits of `v < 10^8` (leading zeros included), the first
/// in the lowest byte, by SWAR: the halves `v / 10^4` and `v mod 10^4` in two
/// 32-bit lanes, each split by 100 into two 16-bit lanes (x/100 = x·10486 >> 20
/// for x < 10^4), each of those by 10 into two bytes (x/10 = x·103 >> 10 for
/// x < 100); the masks drop what the shifts bring down from the lane above.
static inline uint64_t eight_digits(uint32_t v) {
    const uint64_t halves = (uint64_t)(v / 10000) | (uint64_t)(v % 10000) << 32;
    const uint64_t hundreds = ((halves * 10486) >> 20) & 0x0000007F0000007Full;
    const uint64_t pairs = hundreds | (halves - 100 * hundreds) << 16;
    const uint64_t tens = ((pairs * 103) >> 10) & 0x000F000F000F000Full;
    return (tens | (pairs - 10 * tens) << 8) + 0x3030303030303030ull;
}

static inline void store64(char *to, uint64_t v) { memcpy(to, &v, 8); }

/// The digits of a number as stored: `length` of them, the first the lowest byte of
/// `lead` when `length` is 17, else the lowest of `rest` (which holds the last 16).
typedef struct {
    uint64_t lead;
    __uint128_t rest;
    int32_t length;
} Digits;

static inline Digits split_digits(uint64_t v, int32_t length) {
    const uint64_t high = v / 100000000;
    const __uint128_t last16 = (__uint128_t)eight_digits((uint32_t)(v - high * 100000000)) << 64
                               | eight_digits((uint32_t)(high % 100000000));
    const Digits d = {'0' + high / 100000000, length == 17 ? last16 : last16 >> (8 * (16 - length)), length};
    return d;
}

/// Stores `d`'s digits from the `from`-th on (`from < length`) at `to`: at most 17 bytes, the
/// bytes after the digits zero.
static inline void store_digits(char *to, Digits d, int32_t from) {
    if (d.length == 17) {
        if (from == 0) {
            *to++ = (char)d.lead;
        } else {
            from--;
        }
    }
    const __uint128_t tail = d.rest >> (8 * from);
    store64(to, (uint64_t)tail);
    store64(to + 8, (uint64_t)(tail >> 64));
}

size_t numbertext_write(double value, char *out, const NumberCellsPower *powers) {
    uint64_t bits;
    memcpy(&bits, &value, 8);
    const int negative = (int)(bits >> 63);
    const uint64_t mantissa = bits & ((1ull << 52) - 1);
    const uint32_t biased = (uint32_t)((bits >> 52) & 0x7FF);
    char *p = out;
    if (biased == 0x7FF) {
        if (mantissa != 0) return 0;
        if (negative) *p++ = '-';
        memcpy(p, "inf", 3);
        return (size_t)(p + 3 - out);
    }
    if (negative) *p++ = '-';
    if (biased == 0 && mantissa == 0) {
        memcpy(p, "0.0", 3);
        return (size_t)(p + 3 - out);
    }
    uint64_t value10;
    int32_t exponent;
    shortest(mantissa, biased, powers, &value10, &exponent);
    const int32_t length = (int32_t)decimal_length(value10);
    const int32_t point = length + exponent; // value10 · 10^exponent = 0.d₁d₂… · 10^point
    const Digits d = split_digits(value10, length);
    if (point > -4 && point <= 16) {
        if (point <= 0) { // 0.000ddd
            memcpy(p, "0.000", 5);
            p += 2 - point;
            store_digits(p, d, 0);
            return (size_t)(p + length - out);
        }
        if (point >= length) { // ddd000.0
            store_digits(p, d, 0);
            store64(p + length, 0x3030303030303030ull);
            store64(p + length + 8, 0x3030303030303030ull);
            p += point;
            memcpy(p, ".0", 2);
            return (size_t)(p + 2 - out);
        }
        store_digits(p, d, 0); // ddd.ddd
        p[point] = '.';
        store_digits(p + point + 1, d, point);
        return (size_t)(p + length + 1 - out);
    }
    store_digits(p, d, 0); // d.ddde±xx
    p++;
    if (length > 1) {
        *p = '.';
        store_digits(p + 1, d, 1);
        p += length;
    }
    int32_t e = point - 1;
    *p++ = 'e';
    *p++ = e < 0 ? '-' : '+';
    if (e < 0) e = -e;
    if (e >= 100) {
        *p++ = (char)('0' + e / 100);
        e %= 100;
    }
    *p++ = (char)('0' + e / 10);
    *p++ = (char)('0' + e % 10);
    return (size_t)(p - out);
}
