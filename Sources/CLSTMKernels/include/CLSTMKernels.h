/* The C kernels of the Autoencoder module: pointwise LSTM cells and the packed-panel recurrent product. */
#include "lstm_kernels.h"
#include "panel_gemm.h"
