#ifndef ICEWS_ADAM_KERNEL_H
#define ICEWS_ADAM_KERNEL_H

/* Adam's per-element update and the gradient norm of clipping, in C so that each is compiled for AVX-512,
 * AVX2 and baseline x86-64 (Swift builds for 4-wide SSE, and its sqrt keeps errno semantics). */

/* torch.optim.Adam over n contiguous elements: m = β₁m + (1−β₁)g ; v = β₂v + (1−β₂)g² ;
 * p −= step_size · m / (√v / bias2_sqrt + ε), with step_size = lr/(1−β₁ᵗ) and bias2_sqrt = √(1−β₂ᵗ); the division
 * by bias2_sqrt is a product with its float reciprocal (one divide per element fewer, ≤ 1 ulp in the denominator).
 * √ is the correctly rounded hardware square root; no fused multiply-adds, so every clone rounds alike. */
void icews_adam_update(long n, float *p, const float *g, float *m, float *v, float beta1, float beta2,
                       float step_size, float bias2_sqrt, float eps);

/* Σ g² accumulated in double precision (each square is exact in double), for clip_grad_norm_. */
double icews_sum_of_squares(long n, const float *g);

/* g ·= c in place. */
void icews_scale(long n, float *g, float c);

#endif
