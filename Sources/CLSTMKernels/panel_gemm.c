#include "panel_gemm.h"

#define W ICEWS_PANEL_WIDTH

long icews_panel_size(long k, long n) { return k * ((n + W - 1) / W) * W; }

void icews_panel_pack(long k, long n, const float *b, long ldb, int transposed, float *panels) {
  long count = (n + W - 1) / W;
  for (long p = 0; p < count; p++) {
    float *dst = panels + p * k * W;
    long width = n - p * W < W ? n - p * W : W;
    if (transposed) {
      /* P[p][kk][j] = B[48p + j, kk], in blocks of 16 kk: one cache line of each of the 48 rows in turn */
      for (long k0 = 0; k0 < k; k0 += 16) {
        long depth = k - k0 < 16 ? k - k0 : 16;
        for (long j = 0; j < width; j++) {
          const float *row = b + (p * W + j) * ldb + k0;
          for (long kk = 0; kk < depth; kk++) dst[(k0 + kk) * W + j] = row[kk];
        }
      }
    } else {
      /* P[p][kk][j] = B[kk, 48p + j] */
      for (long kk = 0; kk < k; kk++) {
        const float *row = b + kk * ldb + p * W;
        for (long j = 0; j < width; j++) dst[kk * W + j] = row[j];
      }
    }
    for (long kk = 0; kk < k; kk++)
      for (long j = width; j < W; j++) dst[kk * W + j] = 0;
  }
}

#if defined(__x86_64__)
#include <immintrin.h>

int icews_panel_gemm_available(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") ? 1 : 0;
}

/* Mask of the first `count` (≤ 16, may be ≤ 0) lanes. */
__attribute__((target("avx512f"))) static inline __mmask16 lanes(long count) {
  return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

/* C tile [8 × width] (+)= A[8 × k] · panel [k × 16·NV], width ≤ 16·NV: 8·NV accumulators, one broadcast of A
 * per row and k; A(r, kk) is a[r·rs + kk·ks]. NV = 3 for whole panels; a last panel that is narrower uses
 * fewer vectors, not zeros. */
#define DEFINE_TILE8(NV)                                                                                    \
  __attribute__((target("avx512f"))) static void tile8_##NV(long k, const float *a, long rs, long ks,      \
                                                             const float *panel, long ldb, float *c,       \
                                                             long ldc, long width, int accumulate) {       \
    __m512 acc[8][NV];                                                                                      \
    for (int r = 0; r < 8; r++)                                                                             \
      for (int v = 0; v < NV; v++) acc[r][v] = _mm512_setzero_ps();                                         \
    for (long kk = 0; kk < k; kk++) {                                                                       \
      const float *bk = panel + kk * ldb;                                                                   \
      __m512 b[NV];                                                                                         \
      for (int v = 0; v < NV; v++) b[v] = _mm512_maskz_loadu_ps(lanes(width - 16 * v), bk + 16 * v);        \
      /* c[r] += a[r, kk] · panel[kk] */                                                                    \
      for (int r = 0; r < 8; r++) {                                                                         \
        __m512 x = _mm512_set1_ps(a[r * rs + kk * ks]);                                                     \
        for (int v = 0; v < NV; v++) acc[r][v] = _mm512_fmadd_ps(x, b[v], acc[r][v]);                       \
      }                                                                                                     \
    }                                                                                                       \
    for (int r = 0; r < 8; r++) {                                                                           \
      float *cr = c + r * ldc;                                                                              \
      for (int v = 0; v < NV; v++) {                                                                        \
        __mmask16 m = lanes(width - 16 * v);                                                                \
        __m512 sum = acc[r][v];                                                                             \
        if (accumulate) sum = _mm512_add_ps(sum, _mm512_maskz_loadu_ps(m, cr + 16 * v));                    \
        _mm512_mask_storeu_ps(cr + 16 * v, m, sum);                                                         \
      }                                                                                                     \
    }                                                                                                       \
  }
DEFINE_TILE8(1)
DEFINE_TILE8(2)
DEFINE_TILE8(3)

/* One row: C[1 × width] (+)= a[1 × k] · panel, a(kk) = a[kk·ks]. */
__attribute__((target("avx512f"))) static void tile1(long k, const float *a, long ks, const float *panel,
                                                      long ldb, float *c, long width, int accumulate) {
  __m512 c0 = _mm512_setzero_ps(), c1 = c0, c2 = c0;
  __mmask16 m0 = lanes(width), m1 = lanes(width - 16), m2 = lanes(width - 32);
  for (long kk = 0; kk < k; kk++) {
    const float *bk = panel + kk * ldb;
    __m512 x = _mm512_set1_ps(a[kk * ks]);
    c0 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(m0, bk), c0);
    c1 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(m1, bk + 16), c1);
    c2 = _mm512_fmadd_ps(x, _mm512_maskz_loadu_ps(m2, bk + 32), c2);
  }
  if (accumulate) {
    c0 = _mm512_add_ps(c0, _mm512_maskz_loadu_ps(m0, c));
    c1 = _mm512_add_ps(c1, _mm512_maskz_loadu_ps(m1, c + 16));
    c2 = _mm512_add_ps(c2, _mm512_maskz_loadu_ps(m2, c + 32));
  }
  _mm512_mask_storeu_ps(c, m0, c0);
  _mm512_mask_storeu_ps(c + 16, m1, c1);
  _mm512_mask_storeu_ps(c + 32, m2, c2);
}

/* Blocking: DEPTH values of k at a time (a panel block of DEPTH × 48 floats, 96 KiB, stays in L2) and ROWS
 * rows of A at a time (ROWS × DEPTH floats, 128 KiB, in L2 while every panel passes over them). */
#define DEPTH 512
#define ROWS 64

/* k block by k block (blocks after the first add to C), then row block by row block, then panel by panel. */
__attribute__((target("avx512f"))) void icews_panel_gemm(long m, long n, long k, const float *a, long lda,
                                                          int transposed_a, const float *b, long ldb, int packed,
                                                          float *c, long ldc, int accumulate) {
  long count = (n + W - 1) / W;
  /* A(r, kk) = a[r·rs + kk·ks] */
  long rs = transposed_a ? 1 : lda, ks = transposed_a ? lda : 1;
  long k0 = 0;
  do {
    long depth = k - k0 < DEPTH ? k - k0 : DEPTH;
    int add = accumulate || k0 > 0;
    for (long m0 = 0; m0 < m; m0 += ROWS) {
      long m1 = m - m0 < ROWS ? m : m0 + ROWS;
      for (long p = 0; p < count; p++) {
        long width = n - p * W < W ? n - p * W : W;
        /* rows k0 … of panel p: packed, 48 floats a row; in place, B's own rows */
        const float *block = packed ? b + p * k * W + k0 * W : b + k0 * ldb + p * W;
        long row_stride = packed ? W : ldb;
        float *cp = c + p * W;
        long r = m0;
        for (; r + 8 <= m1; r += 8) {
          const float *ar = a + r * rs + k0 * ks;
          float *cr = cp + r * ldc;
          if (width > 32)
            tile8_3(depth, ar, rs, ks, block, row_stride, cr, ldc, width, add);
          else if (width > 16)
            tile8_2(depth, ar, rs, ks, block, row_stride, cr, ldc, width, add);
          else
            tile8_1(depth, ar, rs, ks, block, row_stride, cr, ldc, width, add);
        }
        for (; r < m1; r++) tile1(depth, a + r * rs + k0 * ks, ks, block, row_stride, cp + r * ldc, width, add);
      }
    }
    k0 += depth;
  } while (k0 < k);
}

#else

int icews_panel_gemm_available(void) { return 0; }

void icews_panel_gemm(long m, long n, long k, const float *a, long lda, int transposed_a, const float *b, long ldb,
                      int packed, float *c, long ldc, int accumulate) {
  (void)m, (void)n, (void)k, (void)a, (void)lda, (void)transposed_a, (void)b, (void)ldb, (void)packed, (void)c,
      (void)ldc, (void)accumulate;
}

#endif
