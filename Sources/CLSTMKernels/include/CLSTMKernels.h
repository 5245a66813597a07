/* The C kernels of the Autoencoder module: pointwise LSTM cells, the packed-panel recurrent product, Adam,
   and the cpuid probe that picks BLAS kernels. */
#include "lstm_kernels.h"
#include "panel_gemm.h"
#include "adam_kernel.h"
#include "cpu_features.h"
