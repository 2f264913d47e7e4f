#ifndef CKERNELS_VECTORS_H
#define CKERNELS_VECTORS_H

// What the kernels of this target share: four-lane vectors, the rule that
// keeps their arithmetic exact, and the instantiation for AVX2 and the
// baseline target.

// Each `a * b + c` stays a multiplication and an addition, rounded separately.
#pragma clang fp contract(off)

// Each kernel's body is an always-inlined function, instantiated twice by
// ENTRY_POINTS: in a function compiled for AVX2 and in one for the baseline.
#define BODY static inline __attribute__((always_inline))

typedef double vec __attribute__((vector_size(32), aligned(8)));
typedef long long mask __attribute__((vector_size(32), aligned(8)));

#define LANES 4
#define LOAD(p, j) (*(const vec *)((p) + (j)))
#define STORE(v, p, j) (*(vec *)((p) + (j)) = (v))
#define SPLAT(x) ((vec){(x), (x), (x), (x)})
/// `m ? a : b` lane by lane (`m` all ones or all zeros per lane).
#define SELECT(m, a, b) ((vec)(((mask)(a) & (m)) | ((mask)(b) & ~(m))))

/// `v` stored at `p + j` in the `fresh` lanes; the others keep what `p + j` holds.
#define STORE_FRESH(v, p, j, fresh) STORE(SELECT(fresh, v, LOAD(p, j)), p, j)
/// Every lane.
#define ALL_LANES ((mask){-1, -1, -1, -1})

/// The lanes of columns `j … j+3` at or after column `first` (a line's last,
/// overlapping vector: the columns before `first` are done).
static inline __attribute__((always_inline)) mask lanes_from(long j, long first) {
    return (mask){j >= first, j + 1 >= first, j + 2 >= first, j + 3 >= first} * -1LL;
}

#if defined(__x86_64__)
#define AVX2 __attribute__((target("avx2")))
static inline int has_avx2(void) { return __builtin_cpu_supports("avx2"); }
#else
#define AVX2
static inline int has_avx2(void) { return 0; }
#endif

/// The three entry points of kernel `name` (returning `type`): `name_avx2`
/// (compiled for AVX2), `<prefix>name_baseline` and `<prefix>name`, which runs
/// the first on a CPU with AVX2 and the baseline otherwise.
#define ENTRY_POINTS(prefix, type, name, parameters, arguments)                \
    AVX2 static type name##_avx2 parameters { return name arguments; }         \
    type prefix##name##_baseline parameters { return name arguments; }         \
    type prefix##name parameters {                                             \
        if (has_avx2()) return name##_avx2 arguments;                          \
        return name arguments;                                                 \
    }

/// `ENTRY_POINTS` for a kernel that returns nothing.
#define VOID_ENTRY_POINTS(prefix, name, parameters, arguments)                 \
    AVX2 static void name##_avx2 parameters { name arguments; }                \
    void prefix##name##_baseline parameters { name arguments; }                \
    void prefix##name parameters {                                             \
        if (has_avx2()) {                                                      \
            name##_avx2 arguments;                                             \
        } else {                                                               \
            name arguments;                                                    \
        }                                                                      \
    }

#endif
