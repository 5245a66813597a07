#ifndef ICEWS_PANEL_GEMM_H
#define ICEWS_PANEL_GEMM_H

/* A matrix product for the LSTM time loop, whose every step multiplies by the same recurrent matrix:
 * the matrix is packed once into 48-column panels and each step's product reads the panels directly,
 * where sgemm would repack the whole matrix on every call. AVX-512 only; elsewhere callers use sgemm. */

/* Columns per panel. */
#define ICEWS_PANEL_WIDTH 48

/* 1 when this CPU runs the AVX-512 kernel, 0 otherwise. */
int icews_panel_gemm_available(void);

/* Floats needed to pack a k × n operand. */
long icews_panel_size(long k, long n);

/* Packs op(B) [k × n] into panels P[p][kk][j] = op(B)[kk, 48p + j], zero beyond column n. With
 * `transposed`, B is stored [n × k] (row stride ldb) and op(B) = Bᵀ; otherwise B is [k × n], row stride ldb. */
void icews_panel_pack(long k, long n, const float *b, long ldb, int transposed, float *panels);

/* C[m × n] = A[m × k] · op(B) (+ C when `accumulate`), A and C row-major, op(B) packed by icews_panel_pack.
 * Call only when icews_panel_gemm_available() is 1. */
void icews_panel_gemm(long m, long n, long k, const float *a, long lda, const float *panels, float *c, long ldc,
                      int accumulate);

#endif
