/*
 * What this x86-64 CPU and its operating system let the library run, from CPUID and XGETBV, the same way with every
 * compiler (GCC's and Clang's <cpuid.h>, MSVC's <intrin.h>); __builtin_cpu_supports is GCC's and Clang's only.
 * Header-only: base64.c, which uses it, is also compiled alone into tests/c/test_base64.c. Nothing here exists off
 * x86-64.
 */
#ifndef DSOCR_CPU_X86_H
#define DSOCR_CPU_X86_H

#include "portable.h"

#include <stddef.h>

#if defined(DSOCR_X86_64)
#if defined(_MSC_VER)
#include <immintrin.h> /* _xgetbv */
#include <intrin.h>    /* __cpuid, __cpuidex */
#else
#include <cpuid.h>
#endif

/* CPUID leaf 1, ECX */
#define DSOCR_CPUID_1_ECX_SSE3 (1u << 0)
#define DSOCR_CPUID_1_ECX_SSSE3 (1u << 9)
#define DSOCR_CPUID_1_ECX_CMPXCHG16B (1u << 13)
#define DSOCR_CPUID_1_ECX_SSE4_1 (1u << 19)
#define DSOCR_CPUID_1_ECX_SSE4_2 (1u << 20)
#define DSOCR_CPUID_1_ECX_POPCNT (1u << 23)
#define DSOCR_CPUID_1_ECX_OSXSAVE (1u << 27)
#define DSOCR_CPUID_1_ECX_AVX (1u << 28)
/* CPUID leaf 7 subleaf 0, EBX and ECX */
#define DSOCR_CPUID_7_EBX_AVX2 (1u << 5)
#define DSOCR_CPUID_7_EBX_AVX512F (1u << 16)
#define DSOCR_CPUID_7_EBX_AVX512BW (1u << 30)
#define DSOCR_CPUID_7_ECX_AVX512VBMI (1u << 1)
/* XCR0: the register states the operating system saves across context switches */
#define DSOCR_XCR0_SSE_AVX 0x06u       /* XMM and the upper halves of YMM */
#define DSOCR_XCR0_AVX512 0xE0u        /* opmask, the upper halves of ZMM0-15, ZMM16-31 */

typedef struct {
    unsigned int eax, ebx, ecx, edx;
} dsocr_cpuid_registers;

/* CPUID of leaf and subleaf; all zero for a leaf past the CPU's highest, which reads as "no such feature". */
static inline dsocr_cpuid_registers dsocr_cpuid(unsigned int leaf, unsigned int subleaf) {
    dsocr_cpuid_registers registers = {0, 0, 0, 0};
#if defined(_MSC_VER)
    int values[4];
    __cpuid(values, 0);
    if ((unsigned int)values[0] >= leaf) {
        __cpuidex(values, (int)leaf, (int)subleaf);
        registers.eax = (unsigned int)values[0];
        registers.ebx = (unsigned int)values[1];
        registers.ecx = (unsigned int)values[2];
        registers.edx = (unsigned int)values[3];
    }
#else
    if ((unsigned int)__get_cpuid_max(0, NULL) >= leaf) {
        __cpuid_count(leaf, subleaf, registers.eax, registers.ebx, registers.ecx, registers.edx);
    }
#endif
    return registers;
}

/* XCR0, which only a CPU with OSXSAVE lets a program read. Inline assembly where the compiler takes it (GCC, Clang,
 * clang-cl), because their _xgetbv wants the xsave target; cl.exe has no inline assembly on x64, but its _xgetbv. */
static inline unsigned long long dsocr_xcr0(void) {
#if defined(_MSC_VER) && !defined(__clang__)
    return _xgetbv(0);
#else
    unsigned int eax, edx;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return (unsigned long long)edx << 32 | eax;
#endif
}

/* The operating system saves the AVX registers: they may be used, when the CPU has the instructions. */
static inline int dsocr_os_saves_avx(void) {
    const unsigned int needed = DSOCR_CPUID_1_ECX_OSXSAVE | DSOCR_CPUID_1_ECX_AVX;
    return (dsocr_cpuid(1, 0).ecx & needed) == needed && (dsocr_xcr0() & DSOCR_XCR0_SSE_AVX) == DSOCR_XCR0_SSE_AVX;
}

/* The same for the AVX-512 registers. macOS turns their saving on at a thread's first AVX-512 instruction, so XCR0
 * does not show it until then: there, as in compiler-rt's __builtin_cpu_supports, saving AVX is enough. */
static inline int dsocr_os_saves_avx512(void) {
#if defined(__APPLE__)
    return dsocr_os_saves_avx();
#else
    return dsocr_os_saves_avx() && (dsocr_xcr0() & DSOCR_XCR0_AVX512) == DSOCR_XCR0_AVX512;
#endif
}

static inline int dsocr_cpu_has_ssse3(void) {
    return (dsocr_cpuid(1, 0).ecx & DSOCR_CPUID_1_ECX_SSSE3) != 0;
}

static inline int dsocr_cpu_has_avx2(void) {
    return dsocr_os_saves_avx() && (dsocr_cpuid(7, 0).ebx & DSOCR_CPUID_7_EBX_AVX2) != 0;
}

/* AVX-512 VBMI with the F and BW subsets its encoder also uses (base64.c). */
static inline int dsocr_cpu_has_avx512vbmi(void) {
    const dsocr_cpuid_registers leaf7 = dsocr_cpuid(7, 0);
    const unsigned int needed_ebx = DSOCR_CPUID_7_EBX_AVX512F | DSOCR_CPUID_7_EBX_AVX512BW;
    return dsocr_os_saves_avx512() && (leaf7.ebx & needed_ebx) == needed_ebx &&
           (leaf7.ecx & DSOCR_CPUID_7_ECX_AVX512VBMI) != 0;
}
#endif

#endif
