/*
 * What the C test programs share: the failure counter and CHECK, which counts a failure and prints the failing
 * thread's ocr_last_error(). Include it after the header the program is built against: deepseek_ocr.h, or the
 * older or newer copy that a compatibility test uses.
 */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <stdio.h>
#include <unistd.h>

static int failures;

/* The pid tells a forked child's failures from its parent's. */
#define CHECK(cond)                                                                                          \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "  [pid %d] %s:%d: CHECK(%s) failed; ocr_last_error: %s\n", (int)getpid(),      \
                    __FILE__, __LINE__, #cond, ocr_last_error());                                            \
            failures++;                                                                                      \
        }                                                                                                    \
    } while (0)

#endif
