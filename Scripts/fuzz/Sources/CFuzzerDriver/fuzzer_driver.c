// LLVMFuzzerRunDriver is defined by libFuzzer, linked in by -sanitize=fuzzer; this target only declares it.
#include "fuzzer_driver.h"
