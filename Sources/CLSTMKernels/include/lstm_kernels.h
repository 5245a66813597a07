#ifndef ICEWS_LSTM_KERNELS_H
#define ICEWS_LSTM_KERNELS_H

/* Pointwise LSTM cell kernels (gate order i, f, g, o) for the Autoencoder module. Written in C so that
 * each is compiled for AVX-512, AVX2 and baseline x86-64 and picked at load time (Swift code is
 * built for baseline x86-64, i.e. 4-wide SSE). All matrices are row-major and must not overlap. */

/* Forward over `rows` rows of a [rows, 4h] gate block: i,f,o = σ(z + b), g = tanh(z + b);
 * c = f⊙c₋ + i⊙g; h = o⊙tanh(c). The pre-activations in `gates` become the activations. */
void icews_lstm_pointwise_forward(long rows, long h, float *gates, const float *bias, const float *c_prev,
                                  float *c, float *tanh_c, float *h_out);

/* Backward: with ∂L/∂h = dh_rec + d_out (d_out may be NULL; its rows are ld_out apart) and ∂L/∂c in `dc`,
 * writes dz = (dc⊙g⊙i(1−i), dc⊙c₋⊙f(1−f), dc⊙i⊙(1−g²), dh⊙tanh(c)⊙o(1−o)) with dc += dh⊙o⊙(1−tanh²c),
 * and leaves ∂L/∂c₋ = dc⊙f in `dc`. */
void icews_lstm_pointwise_backward(long rows, long h, const float *gates, const float *c_prev,
                                   const float *tanh_c, const float *dh_rec, const float *d_out, long ld_out,
                                   float *dc, float *d_gates);

#endif
