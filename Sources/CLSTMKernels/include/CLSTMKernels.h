/* The C kernels of the Autoencoder module: pointwise LSTM cells, the packed-panel recurrent product, Adam. */
#include "lstm_kernels.h"
#include "panel_gemm.h"
#include "adam_kernel.h"
