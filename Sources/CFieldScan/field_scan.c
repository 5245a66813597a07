#include "CFieldScan.h"

#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

int icews_scan_has_avx2(void) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2");
#else
  return 0;
#endif
}

#if defined(__x86_64__)

/* 32 bytes at a time: a delimiter mask per block, quotes and high bits or-ed over the line. The
   last partial block is copied into a zeroed one (0 is neither a delimiter, a quote nor high). */
__attribute__((target("avx2"))) long icews_scan_fields_avx2(const unsigned char *line, long count,
                                                            unsigned char delimiter, long *ends, unsigned *flags) {
  const __m256i delimiters = _mm256_set1_epi8((char)delimiter);
  const __m256i quote = _mm256_set1_epi8('"');
  __m256i quotes = _mm256_setzero_si256();
  __m256i high = _mm256_setzero_si256();
  long found = 0;
  for (long i = 0; i < count; i += 32) {
    __m256i block;
    if (i + 32 <= count) {
      block = _mm256_loadu_si256((const __m256i *)(line + i));
    } else {
      unsigned char tail[32] = {0};
      memcpy(tail, line + i, (size_t)(count - i));
      block = _mm256_loadu_si256((const __m256i *)tail);
    }
    unsigned mask = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(block, delimiters));
    while (mask != 0) {
      ends[found++] = i + __builtin_ctz(mask);
      mask &= mask - 1;
    }
    quotes = _mm256_or_si256(quotes, _mm256_cmpeq_epi8(block, quote));
    high = _mm256_or_si256(high, block);
  }
  *flags = (_mm256_movemask_epi8(high) != 0 ? ICEWS_SCAN_NON_ASCII : 0) |
           (_mm256_movemask_epi8(quotes) != 0 ? ICEWS_SCAN_QUOTE : 0);
  return found;
}

/* The same with SSE2's 16-byte blocks (every x86-64 CPU has SSE2). */
long icews_scan_fields(const unsigned char *line, long count, unsigned char delimiter, long *ends, unsigned *flags) {
  const __m128i delimiters = _mm_set1_epi8((char)delimiter);
  const __m128i quote = _mm_set1_epi8('"');
  __m128i quotes = _mm_setzero_si128();
  __m128i high = _mm_setzero_si128();
  long found = 0;
  for (long i = 0; i < count; i += 16) {
    __m128i block;
    if (i + 16 <= count) {
      block = _mm_loadu_si128((const __m128i *)(line + i));
    } else {
      unsigned char tail[16] = {0};
      memcpy(tail, line + i, (size_t)(count - i));
      block = _mm_loadu_si128((const __m128i *)tail);
    }
    unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, delimiters));
    while (mask != 0) {
      ends[found++] = i + __builtin_ctz(mask);
      mask &= mask - 1;
    }
    quotes = _mm_or_si128(quotes, _mm_cmpeq_epi8(block, quote));
    high = _mm_or_si128(high, block);
  }
  *flags = (_mm_movemask_epi8(high) != 0 ? ICEWS_SCAN_NON_ASCII : 0) |
           (_mm_movemask_epi8(quotes) != 0 ? ICEWS_SCAN_QUOTE : 0);
  return found;
}

#else

long icews_scan_fields_avx2(const unsigned char *line, long count, unsigned char delimiter, long *ends,
                            unsigned *flags) {
  return icews_scan_fields(line, count, delimiter, ends, flags);
}

long icews_scan_fields(const unsigned char *line, long count, unsigned char delimiter, long *ends, unsigned *flags) {
  long found = 0;
  unsigned seen = 0;
  for (long i = 0; i < count; i++) {
    unsigned char b = line[i];
    if (b == delimiter) ends[found++] = i;
    if (b >= 0x80) seen |= ICEWS_SCAN_NON_ASCII;
    if (b == '"') seen |= ICEWS_SCAN_QUOTE;
  }
  *flags = seen;
  return found;
}

#endif
