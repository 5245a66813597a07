/* What the CPU can run, from cpuid (GCC/Clang builtins): decides which BLAS kernels to ask for. */
#ifndef ICEWS_CPU_FEATURES_H
#define ICEWS_CPU_FEATURES_H

/* 1 when the CPU has AVX-512 F, BW, DQ and VL (OpenBLAS's SkylakeX kernels), else 0. */
int icews_cpu_has_avx512(void);
/* 1 when the CPU has AVX2 and FMA (OpenBLAS's Haswell kernels), else 0. */
int icews_cpu_has_avx2_fma(void);

#endif
