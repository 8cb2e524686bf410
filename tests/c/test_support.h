/*
 * What the C test programs share: the failure counter and CHECK, which counts a failure and prints the failing
 * thread's ocr_last_error(). Include it after the header the program is built against: deepseek_ocr.h, or the
 * older or newer copy that a compatibility test uses.
 */
#ifndef TEST_SUPPORT_H
#define TEST_SUPPORT_H

#include <stddef.h>
#include <stdio.h>
#include <unistd.h>

static int failures;

/* Set by SKIP: the case could not run here. The program then prints SKIP, not PASS, and exits with 77, which CTest
 * reads as "skipped" (SKIP_RETURN_CODE) and the test run does not count as passed. */
static int skipped __attribute__((unused));

#define SKIP(reason)                                                                                         \
    do {                                                                                                     \
        printf("  skipped: %s\n", reason);                                                                   \
        skipped = 1;                                                                                         \
        return;                                                                                              \
    } while (0)

/* The pid tells a forked child's failures from its parent's. */
#define CHECK(cond)                                                                                          \
    do {                                                                                                     \
        if (!(cond)) {                                                                                       \
            fprintf(stderr, "  [pid %d] %s:%d: CHECK(%s) failed; ocr_last_error: %s\n", (int)getpid(),      \
                    __FILE__, __LINE__, #cond, ocr_last_error());                                            \
            failures++;                                                                                      \
        }                                                                                                    \
    } while (0)

/* The byte the extensible-struct tests fill a buffer with before the library writes a struct at its start. */
#define CANARY 0xA5

/* Whether bytes [from, to) of buffer still hold the canary; names the first that does not. Inline, so a program that
 * does not use it gets no unused-function warning. */
static inline int canary_intact(const unsigned char *buffer, size_t from, size_t to)
{
    size_t i;
    for (i = from; i < to; i++)
        if (buffer[i] != CANARY) {
            fprintf(stderr, "  byte %zu past the declared size was written (0x%02x)\n", i, buffer[i]);
            return 0;
        }
    return 1;
}

#endif
