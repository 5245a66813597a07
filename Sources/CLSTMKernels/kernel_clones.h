#ifndef ICEWS_KERNEL_CLONES_H
#define ICEWS_KERNEL_CLONES_H

/* ICEWS_KERNEL: one definition, one clone per instruction set, chosen by the dynamic loader (ifunc) on
   x86-64 ELF. Not under ThreadSanitizer (make test-sanitizers): it instruments the ifunc resolvers,
   which the loader runs before the sanitizer's runtime is set up, and the test binary dies at start. */
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ICEWS_NO_TARGET_CLONES 1
#endif
#endif
#if defined(__x86_64__) && defined(__ELF__) && !defined(ICEWS_NO_TARGET_CLONES)
#define ICEWS_KERNEL __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ICEWS_KERNEL
#endif

#endif
