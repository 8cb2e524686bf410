/*
 * What differs between the compilers and systems the gate is built for: GCC or Clang on Linux and macOS, MSVC (cl.exe
 * or clang-cl) on Windows, and MinGW-w64's GCC, with which the Windows build is checked on Linux
 * (tests/c/toolchains/mingw-w64-check.sh). Each difference is settled here once, so the gate's files read the same
 * everywhere. Include it before any other header but the system's feature macros (_GNU_SOURCE).
 */
#ifndef DSOCR_PORTABLE_H
#define DSOCR_PORTABLE_H

/* x86-64, where the gate checks the CPU and Base64 has vector paths. ARM64EC (Windows' x64-compatible ABI on ARM)
 * defines _M_X64 too, but its code runs on ARM. */
#if (defined(__x86_64__) || defined(_M_X64)) && !defined(_M_ARM64EC)
#define DSOCR_X86_64 1
#endif

/* fork() exists on POSIX systems only; on Windows the gate's fork refusal has nothing to refuse. */
#if !defined(_WIN32)
#define DSOCR_HAS_FORK 1
#endif

/* C11's thread-local keyword, or MSVC's own spelling, which every version of it knows in C. */
#if defined(_MSC_VER)
#define DSOCR_THREAD_LOCAL __declspec(thread)
#else
#define DSOCR_THREAD_LOCAL _Thread_local
#endif

/* Lets one function use instructions beyond the build's baseline: GCC and Clang (clang-cl too) compile an intrinsic
 * only where its instructions are enabled; cl.exe compiles any intrinsic anywhere and knows no such attribute. */
#if defined(__GNUC__) || defined(__clang__)
#define DSOCR_TARGET(features) __attribute__((target(features)))
#else
#define DSOCR_TARGET(features)
#endif

/*
 * Defines a function that runs when the library is loaded, before any call into it: DSOCR_CONSTRUCTOR(name) { ... }.
 * MSVC has no constructor attribute; the CRT's DLL start-up (_DllMainCRTStartup, before DllMain) calls every function
 * pointer in the sections .CRT$XCA to .CRT$XCZ, and .CRT$XCU is the one for user code. /include keeps the linker from
 * discarding the pointer, which nothing references.
 */
#if defined(_MSC_VER)
#if defined(_M_IX86)
#define DSOCR_C_SYMBOL_PREFIX "_"
#else
#define DSOCR_C_SYMBOL_PREFIX ""
#endif
#pragma section(".CRT$XCU", read)
#define DSOCR_CONSTRUCTOR(name)                                                                                       \
    static void name(void);                                                                                           \
    __declspec(allocate(".CRT$XCU")) void (*const name##_at_load)(void) = name;                                      \
    __pragma(comment(linker, "/include:" DSOCR_C_SYMBOL_PREFIX #name "_at_load")) static void name(void)
#else
#define DSOCR_CONSTRUCTOR(name) __attribute__((constructor)) static void name(void)
#endif

/*
 * An int flag shared between threads. C11 atomics where the compiler has them; MSVC's C compiler has <stdatomic.h>
 * only from Visual Studio 2022 17.5 and behind /experimental:c11atomics, so there the Interlocked intrinsics, which
 * are full barriers: stronger than acquire and release asks, and a flag is read a few times per call at most.
 */
#if defined(_MSC_VER)
#include <intrin.h>
typedef volatile long dsocr_atomic_int;
#define dsocr_atomic_load_acquire(flag) ((int)_InterlockedCompareExchange((flag), 0, 0))
#define dsocr_atomic_load_relaxed(flag) ((int)_InterlockedCompareExchange((flag), 0, 0))
#define dsocr_atomic_store_release(flag, value) ((void)_InterlockedExchange((flag), (long)(value)))
#else
#include <stdatomic.h>
typedef atomic_int dsocr_atomic_int;
#define dsocr_atomic_load_acquire(flag) atomic_load_explicit((flag), memory_order_acquire)
#define dsocr_atomic_load_relaxed(flag) atomic_load_explicit((flag), memory_order_relaxed)
#define dsocr_atomic_store_release(flag, value) atomic_store_explicit((flag), (value), memory_order_release)
#endif

#endif
