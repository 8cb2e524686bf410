/*
 * Standard Base64 with padding (RFC 4648 section 4), the same bytes as .NET's Base64.EncodeToUtf8 with
 * isFinalBlock: true. The managed client encodes every image with it (Interop/Base64Acceleration.cs): Native AOT code
 * is fixed at build time for x86-64-v2, which has no AVX, so the one hot loop that gains from AVX2 is here, where
 * the instructions are chosen once at load for the CPU at hand (bench/README.md, "Base64 under AOT").
 */
#ifndef DSOCR_BASE64_H
#define DSOCR_BASE64_H

#include "portable.h"

#include <stddef.h>
#include <stdint.h>

/* Encodes length bytes of src into dst, which holds at least (length + 2) / 3 * 4 bytes; returns that count. */
size_t dsocr_base64_encode(const uint8_t *src, size_t length, uint8_t *dst);

/* One way of encoding, each with dsocr_base64_encode's contract. */
typedef size_t (*dsocr_base64_encoder)(const uint8_t *src, size_t length, uint8_t *dst);

/* Each way, for the tests (tests/c/test_base64.c): a path runs only on a CPU that has its instructions. */
size_t dsocr_base64_encode_scalar(const uint8_t *src, size_t length, uint8_t *dst);
#if defined(DSOCR_X86_64)
size_t dsocr_base64_encode_ssse3(const uint8_t *src, size_t length, uint8_t *dst);
size_t dsocr_base64_encode_avx2(const uint8_t *src, size_t length, uint8_t *dst);
size_t dsocr_base64_encode_avx512vbmi(const uint8_t *src, size_t length, uint8_t *dst);
#endif

/* The way dsocr_base64_encode takes on this CPU, chosen at load; its name is "avx512vbmi", "avx2", "ssse3" or "scalar". */
dsocr_base64_encoder dsocr_base64_selected(const char **name);

#endif
