/*
 * The gate (see gate.h): refusals for a forked child and an unsupported CPU, the thread's gate failures, the
 * extensible-struct rule, and the error functions that must answer even where the runtime cannot run.
 */
#define _GNU_SOURCE
#define __USE_MINGW_ANSI_STDIO 1 /* MinGW-w64: C99's vsnprintf (%zu), as MSVC's own CRT has it */
#include "gate.h"

#include "cpu_x86.h"
#include "portable.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#if defined(DSOCR_HAS_FORK)
#include <pthread.h>
#include <unistd.h>
#endif

/* Implemented in the runtime (Exports/ErrorExports.cs); the export list keeps them out of the library's exports. */
extern const char *dsocr_managed_last_error(void);
extern void dsocr_managed_last_error_details(ocr_error_details *details);

static dsocr_atomic_int runtime_started;     /* a call has entered (or is entering) the runtime in this process */
static const char *cpu_lacks;                /* NULL, or the instructions this CPU lacks, found once at load */
#if defined(DSOCR_HAS_FORK)
static dsocr_atomic_int forked_after_start;  /* this process is a child forked after that */
static dsocr_atomic_int started_in_pid;      /* the process in which it started */
#endif

static DSOCR_THREAD_LOCAL struct {
    int failed;        /* this thread's last failure was found by the gate, not by the runtime */
    ocr_status status;
    char message[640];
} gate_failure;

ocr_status dsocr_gate_fail(ocr_status status, const char *format, ...) {
    va_list arguments;
    va_start(arguments, format);
    vsnprintf(gate_failure.message, sizeof gate_failure.message, format, arguments);
    va_end(arguments);
    gate_failure.status = status;
    gate_failure.failed = 1;
    return status;
}

/* This process is a child forked after the runtime started in its parent. */
static int forked_child(void) {
#if defined(DSOCR_HAS_FORK)
    return dsocr_atomic_load_relaxed(&forked_after_start);
#else
    return 0;
#endif
}

static int runtime_usable(void) {
    return cpu_lacks == NULL && dsocr_atomic_load_acquire(&runtime_started) && !forked_child();
}

/* Records that the runtime starts (and where fork exists, in which process), before the first call enters it. */
static void mark_runtime_started(void) {
    if (!dsocr_atomic_load_acquire(&runtime_started)) {
#if defined(DSOCR_HAS_FORK)
        dsocr_atomic_store_release(&started_in_pid, (int)getpid());
#endif
        dsocr_atomic_store_release(&runtime_started, 1);
    }
}

int dsocr_gate_enter_quietly(void) {
    if (cpu_lacks != NULL || forked_child()) {
        return 0;
    }
    mark_runtime_started();
    return 1;
}

ocr_status dsocr_gate_enter(void) {
    if (cpu_lacks != NULL) {
        return dsocr_gate_fail(OCR_E_UNSUPPORTED_CPU,
                               "this CPU lacks %s, which libdeepseek_ocr " OCR_VERSION " for x86-64 needs (an x86-64-v2 "
                               "CPU: Intel Nehalem, AMD Bulldozer or later), so no call can run here; under an emulator "
                               "choose a newer CPU model (QEMU: -cpu Nehalem or later, or -cpu max)",
                               cpu_lacks);
    }
#if defined(DSOCR_HAS_FORK)
    if (forked_child()) {
        return dsocr_gate_fail(OCR_E_FORKED,
                               "this process (pid %d) was forked from pid %d after libdeepseek_ocr had started its "
                               "runtime there, and the runtime's threads do not exist in a forked child, so no call "
                               "can run in this copy of the library: load a fresh copy in the child (dlopen a copy of "
                               "the library file, e.g. through memfd_create; the Python package does this by itself), "
                               "exec a new program, or fork before the parent's first call",
                               (int)getpid(), dsocr_atomic_load_acquire(&started_in_pid));
    }
#endif
    mark_runtime_started();
    gate_failure.failed = 0;
    return OCR_OK;
}

ocr_status dsocr_gate_read_struct(void *dst, size_t size, size_t min_size, const void *src, const char *argument,
                                  const char *type_name) {
    uint32_t declared;
    memcpy(&declared, src, sizeof declared);
    if (declared < min_size || declared > DSOCR_MAX_STRUCT_SIZE) {
        return dsocr_gate_fail(OCR_E_INVALID_ARGUMENT,
                               "%s->struct_size is %u, which no version of %s has (this library knows %zu bytes, "
                               "the smallest is %zu): fill the struct with %s_init first",
                               argument, declared, type_name, size, min_size, type_name);
    }
    if (declared > size) {
        const unsigned char *unknown = (const unsigned char *)src + size;
        for (size_t index = 0; index < declared - size; index++) {
            if (unknown[index] != 0) {
                return dsocr_gate_fail(OCR_E_INVALID_ARGUMENT,
                                       "%s->struct_size is %u, and byte %zu of it is set, past the %zu bytes of %s "
                                       "that libdeepseek_ocr " OCR_VERSION " knows: the program sets a field of a "
                                       "newer version; load that version of the library, or leave the field unset",
                                       argument, declared, size + index, size, type_name);
            }
        }
    }
    memcpy(dst, src, declared < size ? declared : size);
    return OCR_OK;
}

OCR_API const char *ocr_last_error(void) {
    if (gate_failure.failed) {
        return gate_failure.message;
    }
    return runtime_usable() ? dsocr_managed_last_error() : "";
}

OCR_API ocr_status ocr_last_error_details_size(ocr_error_details *details, size_t struct_size) {
    if (details == NULL) {
        return dsocr_gate_fail(OCR_E_INVALID_ARGUMENT, "details is NULL");
    }
    if (struct_size < offsetof(ocr_error_details, http_status) || struct_size > DSOCR_MAX_STRUCT_SIZE) {
        return dsocr_gate_fail(OCR_E_INVALID_ARGUMENT,
                               "struct_size is %zu: pass sizeof(ocr_error_details) (call ocr_last_error_details)",
                               struct_size);
    }

    ocr_error_details known;
    memset(&known, 0, sizeof known);
    known.message = "";
    known.retry_after_ms = -1;
    if (gate_failure.failed) {
        known.status = gate_failure.status;
        known.message = gate_failure.message;
    } else if (runtime_usable()) {
        dsocr_managed_last_error_details(&known);
    }

    size_t filled = struct_size < sizeof known ? struct_size : sizeof known;
    known.struct_size = (uint32_t)filled;
    memcpy(details, &known, filled);
    if (struct_size > filled) {
        memset((unsigned char *)details + filled, 0, struct_size - filled);
    }
    return OCR_OK;
}

#if defined(DSOCR_X86_64)
/* The x86-64-v2 instructions (what the runtime is compiled for) that this CPU lacks, or NULL. */
static const char *missing_x86_64_v2(void) {
    static char missing[96];
    static const struct {
        unsigned int bit;
        const char *name;
    } needed[] = {
        {DSOCR_CPUID_1_ECX_SSE3, "SSE3"},     {DSOCR_CPUID_1_ECX_SSSE3, "SSSE3"},
        {DSOCR_CPUID_1_ECX_CMPXCHG16B, "CMPXCHG16B"}, {DSOCR_CPUID_1_ECX_SSE4_1, "SSE4.1"},
        {DSOCR_CPUID_1_ECX_SSE4_2, "SSE4.2"}, {DSOCR_CPUID_1_ECX_POPCNT, "POPCNT"},
    };
    const unsigned int ecx = dsocr_cpuid(1, 0).ecx;
    size_t length = 0;
    for (size_t index = 0; index < sizeof needed / sizeof needed[0]; index++) {
        if ((ecx & needed[index].bit) == 0) {
            /* Appends ", NAME"; missing holds all six names. */
            length += (size_t)snprintf(missing + length, sizeof missing - length, "%s%s", length > 0 ? ", " : "",
                                       needed[index].name);
        }
    }
    return length > 0 ? missing : NULL;
}
#endif

#if defined(DSOCR_HAS_FORK)
/* A child forked after the runtime started must not enter it (see gate.h). */
static void mark_forked_child(void) {
    if (dsocr_atomic_load_acquire(&runtime_started)) {
        dsocr_atomic_store_release(&forked_after_start, 1);
    }
}
#endif

DSOCR_CONSTRUCTOR(dsocr_gate_load) {
#if defined(DSOCR_X86_64)
    cpu_lacks = missing_x86_64_v2();
#endif
#if defined(DSOCR_HAS_FORK)
    pthread_atfork(NULL, NULL, mark_forked_child);
#endif
}
