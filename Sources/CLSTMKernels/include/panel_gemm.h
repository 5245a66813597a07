#ifndef ICEWS_PANEL_GEMM_H
#define ICEWS_PANEL_GEMM_H

/* A matrix product for the LSTM time loop, whose every step multiplies by the same recurrent matrix:
 * the matrix is packed once into 48-column panels and each step's product reads the panels directly,
 * where sgemm would repack the whole matrix on every call. The weight gradients use it too: their left
 * operand is read transposed in place, where sgemm would pack a transposed copy. AVX-512 only; elsewhere
 * callers use sgemm. */

/* Columns per panel. */
#define ICEWS_PANEL_WIDTH 48

/* 1 when this CPU runs the AVX-512 kernel, 0 otherwise. */
int icews_panel_gemm_available(void);

/* Floats needed to pack a k × n operand. */
long icews_panel_size(long k, long n);

/* Packs op(B) [k × n] into panels P[p][kk][j] = op(B)[kk, 48p + j], zero beyond column n. With
 * `transposed`, B is stored [n × k] (row stride ldb) and op(B) = Bᵀ; otherwise B is [k × n], row stride ldb. */
void icews_panel_pack(long k, long n, const float *b, long ldb, int transposed, float *panels);

/* C[m × n] = op(A) · B (+ C when `accumulate`); op(A) [m × k] row-major or, with `transposed_a`, stored
 * [k × m] (the weight gradient dZᵀ·X reads dZ in place); C row-major. With `packed`, B is op(B) as packed
 * by icews_panel_pack (`ldb` unused); otherwise B is read in place, row-major [k × n] with row stride `ldb`
 * (worth it when many row blocks of A reuse each block of B from L1). Lengths and strides in floats.
 * Call only when icews_panel_gemm_available() is 1. */
void icews_panel_gemm(long m, long n, long k, const float *a, long lda, int transposed_a, const float *b, long ldb,
                      int packed, float *c, long ldc, int accumulate);

#endif
