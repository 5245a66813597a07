// The parser's floor: libcsv alone tokenizing a tab-separated dump with no-op callbacks, configured as the
// toolkit configures it (tab delimiter, no quote byte, no blank trimming), over 1..N threads that each take
// a byte range split at line boundaries. Nothing is decoded, counted into frames or written.
//
//   cc -O2 -o libcsv_floor Scripts/bench/libcsv_floor.c -lcsv -lpthread
//   ./libcsv_floor FILE [THREADS] [REPEAT]   → "threads T best_s S fields F rows R MBps M" on stdout
//
// The file is read into memory once (untimed) so that the figure is the tokenizer's, not the disk's.
#include <csv.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct range {
  const char *start;
  size_t length;
  uint64_t fields, rows;
};

static void on_field(void *data, size_t length, void *context) {
  (void)data;
  (void)length;
  ((struct range *)context)->fields++;
}

static void on_row(int terminator, void *context) {
  (void)terminator;
  ((struct range *)context)->rows++;
}

static int no_byte(unsigned char c) {
  (void)c;
  return 0;
}

static void *tokenize(void *argument) {
  struct range *r = argument;
  struct csv_parser parser;
  if (csv_init(&parser, 0) != 0) {
    fprintf(stderr, "libcsv_floor: csv_init failed\n");
    exit(1);
  }
  csv_set_delim(&parser, '\t');
  csv_set_quote(&parser, 0xFF);
  csv_set_space_func(&parser, no_byte);
  if (csv_parse(&parser, r->start, r->length, on_field, on_row, r) != r->length) {
    fprintf(stderr, "libcsv_floor: %s\n", csv_strerror(csv_error(&parser)));
    exit(1);
  }
  csv_fini(&parser, on_field, on_row, r);
  csv_free(&parser);
  return NULL;
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: libcsv_floor FILE [THREADS] [REPEAT]\n");
    return 2;
  }
  int threads = argc > 2 ? atoi(argv[2]) : 1;
  int repeat = argc > 3 ? atoi(argv[3]) : 3;
  if (threads < 1 || threads > 64 || repeat < 1) {
    fprintf(stderr, "libcsv_floor: THREADS must be 1..64 and REPEAT at least 1\n");
    return 2;
  }
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    perror(argv[1]);
    return 1;
  }
  size_t size = (size_t)st.st_size;
  char *bytes = malloc(size ? size : 1);
  size_t got = 0;
  while (got < size) {
    ssize_t n = read(fd, bytes + got, size - got);
    if (n <= 0) {
      perror(argv[1]);
      return 1;
    }
    got += (size_t)n;
  }
  close(fd);

  // Ranges end just after a line feed, as the toolkit's chunks do.
  struct range ranges[64];
  size_t begin = 0;
  for (int t = 0; t < threads; t++) {
    size_t end = t == threads - 1 ? size : size * (size_t)(t + 1) / (size_t)threads;
    if (end < begin) end = begin;
    while (end < size && bytes[end - 1] != '\n') end++;
    ranges[t].start = bytes + begin;
    ranges[t].length = end - begin;
    begin = end;
  }

  double best = 1e30;
  uint64_t fields = 0, rows = 0;
  for (int k = 0; k < repeat; k++) {
    pthread_t workers[64];
    double start = now();
    for (int t = 0; t < threads; t++) {
      ranges[t].fields = ranges[t].rows = 0;
      pthread_create(&workers[t], NULL, tokenize, &ranges[t]);
    }
    for (int t = 0; t < threads; t++) pthread_join(workers[t], NULL);
    double elapsed = now() - start;
    if (elapsed < best) best = elapsed;
    fields = rows = 0;
    for (int t = 0; t < threads; t++) {
      fields += ranges[t].fields;
      rows += ranges[t].rows;
    }
  }
  printf("threads %d best_s %.3f fields %llu rows %llu MBps %.0f\n", threads, best, (unsigned long long)fields,
         (unsigned long long)rows, (double)size / best / 1e6);
  free(bytes);
  return 0;
}
