#include "adam_kernel.h"

#include "kernel_clones.h"
#define ADAM_KERNEL ICEWS_KERNEL

ADAM_KERNEL
void icews_adam_update(long n, float *restrict p, const float *restrict g, float *restrict m, float *restrict v,
                       float beta1, float beta2, float step_size, float bias2_sqrt, float eps) {
#pragma STDC FP_CONTRACT OFF
  const float a1 = 1.0f - beta1;
  const float a2 = 1.0f - beta2;
  const float inv_b2 = 1.0f / bias2_sqrt;
  for (long k = 0; k < n; k++) {
    float gk = g[k];
    /* m = β₁m + (1−β₁)g ; v = β₂v + (1−β₂)g² */
    float mk = beta1 * m[k] + a1 * gk;
    float vk = beta2 * v[k] + a2 * gk * gk;
    m[k] = mk;
    v[k] = vk;
    /* p −= step · m / (√v · (1/√bc₂) + ε) */
    p[k] -= step_size * mk / (__builtin_elementwise_sqrt(vk) * inv_b2 + eps);
  }
}

ADAM_KERNEL
double icews_sum_of_squares(long n, const float *restrict g) {
  /* The order of the double sum is free: each term is exact and the total is rounded to float by the caller. */
#pragma clang fp reassociate(on)
  double sum = 0.0;
  for (long k = 0; k < n; k++) sum += (double)g[k] * (double)g[k];
  return sum;
}

ADAM_KERNEL
void icews_scale(long n, float *restrict g, float c) {
  for (long k = 0; k < n; k++) g[k] *= c;
}
