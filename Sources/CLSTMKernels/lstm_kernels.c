#include "lstm_kernels.h"

#include <stdint.h>
#include <string.h>

#include "kernel_clones.h"
#define LSTM_KERNEL ICEWS_KERNEL

/* e^x: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a Cephes minimax polynomial, 2ⁿ through the exponent bits. */
static inline float exp_approx(float x) {
  float xc = x < -87.3f ? -87.3f : (x > 88.0f ? 88.0f : x);
  /* n = round(x / ln2) by the 1.5·2²³ trick: the integer lands in the low mantissa bits of `shifted`. */
  const float magic = 12582912.0f;
  float shifted = xc * 1.44269504f + magic;
  float n = shifted - magic;
  float r = xc - n * 0.693359375f + n * 2.1219444e-4f;
  float p = 1.98756915e-4f;
  p = p * r + 1.39819995e-3f;
  p = p * r + 8.3334519e-3f;
  p = p * r + 4.16657959e-2f;
  p = p * r + 1.66666655e-1f;
  p = p * r + 5.00000012e-1f;
  float er = p * (r * r) + r + 1.0f;
  int32_t n_bits;
  memcpy(&n_bits, &shifted, sizeof n_bits);
  uint32_t scale_bits = (uint32_t)(n_bits - 0x4B400000 + 127) << 23;
  float scale;
  memcpy(&scale, &scale_bits, sizeof scale);
  return er * scale;
}

/* σ(x) = 1 / (1 + e^(−x)). */
static inline float sigmoid(float x) { return 1.0f / (1.0f + exp_approx(-x)); }

/* tanh(x): odd polynomial for |x| < 0.625 (no cancellation near 0), ±(1 − 2/(e^(2|x|) + 1)) beyond. */
static inline float tanh_approx(float x) {
  float a = x < 0 ? -x : x;
  float z = x * x;
  float p = -5.70498872e-3f;
  p = p * z + 2.06390888e-2f;
  p = p * z - 5.37397156e-2f;
  p = p * z + 1.33314422e-1f;
  p = p * z - 3.33332819e-1f;
  float small = x + x * z * p;
  float large = 1.0f - 2.0f / (exp_approx(2.0f * a) + 1.0f);
  float signed_large = x < 0 ? -large : large;
  return a < 0.625f ? small : signed_large;
}

LSTM_KERNEL
void icews_lstm_pointwise_forward(long rows, long h, float *restrict gates, const float *restrict bias,
                                  const float *restrict c_prev, float *restrict c, float *restrict tanh_c,
                                  float *restrict h_out) {
  for (long r = 0; r < rows; r++) {
    float *restrict g = gates + r * 4 * h;
    const float *restrict cp = c_prev + r * h;
    float *restrict cn = c + r * h;
    float *restrict tc = tanh_c + r * h;
    float *restrict ho = h_out + r * h;
    /* i, f = σ(z + b) */
    for (long j = 0; j < 2 * h; j++) g[j] = sigmoid(g[j] + bias[j]);
    /* g = tanh(z + b) */
    for (long j = 2 * h; j < 3 * h; j++) g[j] = tanh_approx(g[j] + bias[j]);
    /* o = σ(z + b) */
    for (long j = 3 * h; j < 4 * h; j++) g[j] = sigmoid(g[j] + bias[j]);
    /* c = f⊙c₋ + i⊙g ; h = o⊙tanh(c) */
    for (long j = 0; j < h; j++) {
      float cc = g[h + j] * cp[j] + g[j] * g[2 * h + j];
      float t = tanh_approx(cc);
      cn[j] = cc;
      tc[j] = t;
      ho[j] = g[3 * h + j] * t;
    }
  }
}

/* One row of the backward pass; `d` is the row of ∂L/∂h from above, or NULL. */
static inline void backward_row(long h, const float *restrict g, const float *restrict cp,
                                const float *restrict tc, const float *restrict dhr, const float *restrict d,
                                float *restrict dcr, float *restrict dz) {
  /* dc += dh⊙o⊙(1−tanh²c) ; dz_i = dc⊙g⊙i(1−i) ; dz_f = dc⊙c₋⊙f(1−f) ; dz_g = dc⊙i⊙(1−g²) ;
   * dz_o = dh⊙tanh(c)⊙o(1−o) ; dc₋ = dc⊙f */
  for (long j = 0; j < h; j++) {
    float dh = d ? dhr[j] + d[j] : dhr[j];
    float i = g[j], f = g[h + j], gg = g[2 * h + j], o = g[3 * h + j], t = tc[j];
    float dc = dcr[j] + dh * o * (1 - t * t);
    dz[j] = dc * gg * i * (1 - i);
    dz[h + j] = dc * cp[j] * f * (1 - f);
    dz[2 * h + j] = dc * i * (1 - gg * gg);
    dz[3 * h + j] = dh * t * o * (1 - o);
    dcr[j] = dc * f;
  }
}

LSTM_KERNEL
void icews_lstm_pointwise_backward(long rows, long h, const float *restrict gates, const float *restrict c_prev,
                                   const float *restrict tanh_c, const float *restrict dh_rec,
                                   const float *restrict d_out, long ld_out, float *restrict dc,
                                   float *restrict d_gates) {
  for (long r = 0; r < rows; r++) {
    const float *g = gates + r * 4 * h;
    const float *cp = c_prev + r * h;
    const float *tc = tanh_c + r * h;
    const float *dhr = dh_rec + r * h;
    float *dcr = dc + r * h;
    float *dz = d_gates + r * 4 * h;
    if (d_out)
      backward_row(h, g, cp, tc, dhr, d_out + r * ld_out, dcr, dz);
    else
      backward_row(h, g, cp, tc, dhr, NULL, dcr, dz);
  }
}
