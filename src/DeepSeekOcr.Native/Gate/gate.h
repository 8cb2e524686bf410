/*
 * The gate: the C layer every exported function passes through before it may enter the library's .NET runtime.
 *
 * The runtime cannot run in a child forked after it started (its threads are gone: a call would wait for them
 * forever) nor on a CPU without the instructions it was compiled for (it would abort the host). The gate refuses
 * those calls with a status instead, applies the extensible-struct rule to the structs callers fill, and serves
 * what needs no runtime (versions, status names, struct defaults) in C.
 */
#ifndef DEEPSEEK_OCR_GATE_H
#define DEEPSEEK_OCR_GATE_H

#include <deepseek_ocr.h>

/* The largest struct_size believed: a garbage size must not make the library read or zero megabytes. */
#define DSOCR_MAX_STRUCT_SIZE 4096

/* OCR_OK when this thread may enter the runtime now; else the refusal, recorded as this thread's last error.
 * Clears the thread's gate failure, so that ocr_last_error then reports what the runtime recorded. */
ocr_status dsocr_gate_enter(void);

/* For the functions that return nothing (the free functions, cancel): nonzero when this thread may enter the runtime
 * now. Records nothing: a free function that does nothing must not replace the failure the caller is reading. */
int dsocr_gate_enter_quietly(void);

/* Copies a caller's struct (whose first field is its uint32_t struct_size) into dst, a struct of this library's
 * size that init has filled with the defaults, by the kernel's rule: at most struct_size bytes are read; a smaller
 * size keeps the defaults of the fields it lacks; a larger one needs every byte this library does not know to be
 * zero. min_size is the struct's first published size. argument names the parameter in messages ("req"). */
ocr_status dsocr_gate_read_struct(void *dst, size_t size, size_t min_size, const void *src, const char *argument,
                                  const char *type_name);

/* Records a failure found by the gate (not by the runtime) as this thread's last error. */
ocr_status dsocr_gate_fail(ocr_status status, const char *format, ...)
#if defined(__MINGW32__)
    __attribute__((format(gnu_printf, 2, 3))) /* C99's (%zu), which gate.c asks of MinGW-w64, not msvcrt's */
#elif defined(__GNUC__) || defined(__clang__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

#endif
