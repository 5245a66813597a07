// The machine's sgemm yardstick: GFLOP/s of an n×n×n OpenBLAS sgemm (best of REPEAT) at a thread count,
// with the core OpenBLAS runs. The training benchmark reports its products' rate as a share of this.
//
//   cc -O2 -o sgemm_rate Scripts/bench/sgemm_rate.c $(pkg-config --cflags --libs openblas)
//   ./sgemm_rate [N] [THREADS] [REPEAT]   → "n N threads T core NAME gflops G" on stdout
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

extern char *openblas_get_corename(void);
extern void openblas_set_num_threads(int);

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1024;
  int threads = argc > 2 ? atoi(argv[2]) : 1;
  int repeat = argc > 3 ? atoi(argv[3]) : 7;
  if (n < 1 || n > 16384 || threads < 1 || repeat < 1) {
    fprintf(stderr, "usage: sgemm_rate [N 1..16384] [THREADS >= 1] [REPEAT >= 1]\n");
    return 2;
  }
  openblas_set_num_threads(threads);
  float *a = malloc(sizeof(float) * (size_t)n * (size_t)n);
  float *c = malloc(sizeof(float) * (size_t)n * (size_t)n);
  if (!a || !c) {
    fprintf(stderr, "sgemm_rate: out of memory for n %d\n", n);
    return 1;
  }
  for (size_t k = 0; k < (size_t)n * (size_t)n; k++) a[k] = (float)(k % 17) / 17.0f;
  double best = 1e30;
  for (int r = 0; r < repeat; r++) {
    double start = now();
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, a, n, a, n, 0.0f, c, n);
    double elapsed = now() - start;
    if (elapsed < best) best = elapsed;
  }
  printf("n %d threads %d core %s gflops %.1f\n", n, threads, openblas_get_corename(),
         2.0 * n * (double)n * n / best / 1e9);
  free(a);
  free(c);
  return 0;
}
