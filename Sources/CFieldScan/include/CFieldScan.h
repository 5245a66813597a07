/* One pass over a line for the field splitter: where its delimiters are, and whether it holds a
   quote or a byte outside ASCII (only then does the reader validate UTF-8 or ask libcsv). */
#ifndef ICEWS_FIELD_SCAN_H
#define ICEWS_FIELD_SCAN_H

enum {
  /* A byte >= 0x80. */
  ICEWS_SCAN_NON_ASCII = 1,
  /* A double quote. */
  ICEWS_SCAN_QUOTE = 2,
};

/* Writes the offset of every `delimiter` byte of line[0..<count] to `ends`, which must have room
   for `count` offsets, and returns how many there are; `*flags` gets the ICEWS_SCAN_ bits of the
   line. `delimiter` must not be 0. The AVX2 variant needs a CPU for which icews_scan_has_avx2()
   is 1; the other runs anywhere (SSE2 on x86-64, bytewise elsewhere). */
long icews_scan_fields_avx2(const unsigned char *line, long count, unsigned char delimiter, long *ends,
                            unsigned *flags);
long icews_scan_fields(const unsigned char *line, long count, unsigned char delimiter, long *ends, unsigned *flags);

/* 1 when the CPU runs AVX2, else 0. */
int icews_scan_has_avx2(void);

#endif
