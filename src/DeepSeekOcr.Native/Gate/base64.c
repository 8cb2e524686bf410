/*
 * Base64 encoding (see base64.h). The vector paths are Wojciech Muła's and Daniel Lemire's ("Faster Base64 Encoding
 * and Decoding Using AVX2 Instructions", 2018), as in aklomp/base64 and simdutf: each 32-bit lane takes three input
 * bytes (reshuffle), two multiplies move the four 6-bit fields to the four bytes, and one table lookup turns each
 * field into its ASCII letter (translate). SSSE3 encodes 12 bytes per 128-bit register; AVX2 two such groups per
 * 256-bit register. Where the CPU has AVX-512 VBMI (Intel Ice Lake, AMD Zen 4 and later) three byte-level instructions
 * encode 48 bytes per 512-bit register: .NET's own Base64 takes that path too when its AOT code may use AVX2, so the
 * library keeps up with it. What remains, and the whole of it on a CPU without SSSE3 or off x86-64, goes through the
 * scalar loop, which also writes the padding.
 */
#include "base64.h"

#include "cpu_x86.h"
#include "portable.h"

static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t dsocr_base64_encode_scalar(const uint8_t *src, size_t length, uint8_t *dst) {
    uint8_t *out = dst;
    for (; length >= 3; length -= 3, src += 3, out += 4) {
        uint32_t triple = (uint32_t)src[0] << 16 | (uint32_t)src[1] << 8 | src[2];
        out[0] = (uint8_t)alphabet[triple >> 18];
        out[1] = (uint8_t)alphabet[(triple >> 12) & 63];
        out[2] = (uint8_t)alphabet[(triple >> 6) & 63];
        out[3] = (uint8_t)alphabet[triple & 63];
    }
    if (length > 0) {
        uint32_t triple = (uint32_t)src[0] << 16 | (length == 2 ? (uint32_t)src[1] << 8 : 0);
        out[0] = (uint8_t)alphabet[triple >> 18];
        out[1] = (uint8_t)alphabet[(triple >> 12) & 63];
        out[2] = length == 2 ? (uint8_t)alphabet[(triple >> 6) & 63] : '=';
        out[3] = '=';
        out += 4;
    }
    return (size_t)(out - dst);
}

#if defined(DSOCR_X86_64)
#include <immintrin.h>
#if defined(_MSC_VER) && defined(__clang__)
/* clang-cl before LLVM 16 declares in <immintrin.h> only the intrinsics of the instructions the whole build enables
 * (/arch); the functions here enable their own (DSOCR_TARGET), so the rest are included by name, as simdjson does. */
#include <tmmintrin.h>
#include <smmintrin.h>
#include <avxintrin.h>
#include <avx2intrin.h>
#include <avx512fintrin.h>
#include <avx512bwintrin.h>
#include <avx512vbmiintrin.h>
#endif

/*
 * Input bytes a b c (a 3-byte group) in each 32-bit lane as b a c b, then the fields: in the lane's 16-bit halves
 * the multiplies shift each 6-bit field into the low bits of its own byte. Result: one field (0..63) per byte.
 */
DSOCR_TARGET("ssse3") static inline __m128i fields_from_groups(__m128i groups) {
    const __m128i t0 = _mm_and_si128(groups, _mm_set1_epi32(0x0FC0FC00));
    const __m128i t1 = _mm_mulhi_epu16(t0, _mm_set1_epi32(0x04000040));
    const __m128i t2 = _mm_and_si128(groups, _mm_set1_epi32(0x003F03F0));
    const __m128i t3 = _mm_mullo_epi16(t2, _mm_set1_epi32(0x01000010));
    return _mm_or_si128(t1, t3);
}

/*
 * Field to letter: one offset per range (A-Z +65, a-z +71, 0-9 -4, '+' -19, '/' -16), picked by a shuffle whose index
 * is 0 for 0..25, 1 for 26..51, 2..11 for 52..61, 12 for 62 and 13 for 63.
 */
DSOCR_TARGET("ssse3") static inline __m128i letters_from_fields(__m128i fields) {
    const __m128i offsets = _mm_setr_epi8(65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 0, 0);
    __m128i index = _mm_subs_epu8(fields, _mm_set1_epi8(51));
    index = _mm_sub_epi8(index, _mm_cmpgt_epi8(fields, _mm_set1_epi8(25)));
    return _mm_add_epi8(fields, _mm_shuffle_epi8(offsets, index));
}

/* Reads 16 bytes, encodes the first 12: the loop stops while 16 remain readable. */
DSOCR_TARGET("ssse3") size_t dsocr_base64_encode_ssse3(const uint8_t *src, size_t length, uint8_t *dst) {
    const __m128i spread = _mm_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
    uint8_t *out = dst;
    for (; length >= 16; length -= 12, src += 12, out += 16) {
        const __m128i groups = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)src), spread);
        _mm_storeu_si128((__m128i *)out, letters_from_fields(fields_from_groups(groups)));
    }
    return (size_t)(out - dst) + dsocr_base64_encode_scalar(src, length, out);
}

DSOCR_TARGET("avx2") static inline __m256i fields_from_groups_256(__m256i groups) {
    const __m256i t0 = _mm256_and_si256(groups, _mm256_set1_epi32(0x0FC0FC00));
    const __m256i t1 = _mm256_mulhi_epu16(t0, _mm256_set1_epi32(0x04000040));
    const __m256i t2 = _mm256_and_si256(groups, _mm256_set1_epi32(0x003F03F0));
    const __m256i t3 = _mm256_mullo_epi16(t2, _mm256_set1_epi32(0x01000010));
    return _mm256_or_si256(t1, t3);
}

DSOCR_TARGET("avx2") static inline __m256i letters_from_fields_256(__m256i fields) {
    const __m256i offsets = _mm256_setr_epi8(65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 0, 0,
                                             65, 71, -4, -4, -4, -4, -4, -4, -4, -4, -4, -4, -19, -16, 0, 0);
    __m256i index = _mm256_subs_epu8(fields, _mm256_set1_epi8(51));
    index = _mm256_sub_epi8(index, _mm256_cmpgt_epi8(fields, _mm256_set1_epi8(25)));
    return _mm256_add_epi8(fields, _mm256_shuffle_epi8(offsets, index));
}

/*
 * 24 input bytes per register, 12 per 128-bit lane (a shuffle never crosses lanes). After the first register one
 * unaligned load from 4 bytes back puts input 0..11 at bytes 4..15 of the low lane and input 12..23 at bytes 0..11 of
 * the high lane, so each lane has its own shuffle; the first register, with nothing before it, is loaded in halves.
 * A load reads up to 28 bytes past src: the loops stop while 28 remain.
 */
DSOCR_TARGET("avx2") size_t dsocr_base64_encode_avx2(const uint8_t *src, size_t length, uint8_t *dst) {
    const __m256i spread_halves = _mm256_setr_epi8(1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10,
                                                   1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
    const __m256i spread_shifted = _mm256_setr_epi8(5, 4, 6, 5, 8, 7, 9, 8, 11, 10, 12, 11, 14, 13, 15, 14,
                                                    1, 0, 2, 1, 4, 3, 5, 4, 7, 6, 8, 7, 10, 9, 11, 10);
    uint8_t *out = dst;
    if (length < 28) {
        return dsocr_base64_encode_scalar(src, length, dst);
    }
    {
        const __m256i input = _mm256_inserti128_si256(
            _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)src)), _mm_loadu_si128((const __m128i *)(src + 12)), 1);
        const __m256i groups = _mm256_shuffle_epi8(input, spread_halves);
        _mm256_storeu_si256((__m256i *)out, letters_from_fields_256(fields_from_groups_256(groups)));
        length -= 24, src += 24, out += 32;
    }
#define DSOCR_ENCODE_24(k)                                                                                            \
    _mm256_storeu_si256((__m256i *)(out + 32 * (k)),                                                                  \
                        letters_from_fields_256(fields_from_groups_256(_mm256_shuffle_epi8(                           \
                            _mm256_loadu_si256((const __m256i *)(src + 24 * (k) - 4)), spread_shifted))))
    for (; length >= 4 * 24 + 4; length -= 4 * 24, src += 4 * 24, out += 4 * 32) {
        DSOCR_ENCODE_24(0);
        DSOCR_ENCODE_24(1);
        DSOCR_ENCODE_24(2);
        DSOCR_ENCODE_24(3);
    }
    for (; length >= 28; length -= 24, src += 24, out += 32) {
        DSOCR_ENCODE_24(0);
    }
#undef DSOCR_ENCODE_24
    return (size_t)(out - dst) + dsocr_base64_encode_ssse3(src, length, out);
}
/*
 * 48 input bytes per 512-bit register (Muła's AVX-512 VBMI encoder): one byte permute spreads each 3-byte group over a
 * 32-bit lane as b1 b0 b2 b1, one multishift picks each 6-bit field into its own byte (the top two bits are left
 * over, and the next permute ignores them), and one byte permute of the alphabet turns fields into letters. A load
 * reads 64 bytes: the loop stops while 64 remain.
 */
DSOCR_TARGET("avx512f,avx512bw,avx512vbmi") size_t dsocr_base64_encode_avx512vbmi(const uint8_t *src, size_t length,
                                                                                  uint8_t *dst) {
    const __m512i spread = _mm512_setr_epi32(0x01020001, 0x04050304, 0x07080607, 0x0a0b090a, 0x0d0e0c0d, 0x10110f10,
                                             0x13141213, 0x16171516, 0x191a1819, 0x1c1d1b1c, 0x1f201e1f, 0x22232122,
                                             0x25262425, 0x28292728, 0x2b2c2a2b, 0x2e2f2d2e);
    /* Per 64-bit pair of lanes, the bit offset of each output byte: 10, 4, 22, 16 for the first lane, +32 for the next. */
    const __m512i field_offsets = _mm512_set1_epi64(0x3036242a1016040a);
    const __m512i letters = _mm512_loadu_si512((const void *)alphabet);
    uint8_t *out = dst;
    for (; length >= 64; length -= 48, src += 48, out += 64) {
        const __m512i groups = _mm512_permutexvar_epi8(spread, _mm512_loadu_si512((const void *)src));
        const __m512i fields = _mm512_multishift_epi64_epi8(field_offsets, groups);
        _mm512_storeu_si512((void *)out, _mm512_permutexvar_epi8(fields, letters));
    }
    return (size_t)(out - dst) + dsocr_base64_encode_avx2(src, length, out);
}
#endif

static dsocr_base64_encoder selected = dsocr_base64_encode_scalar;
static const char *selected_name = "scalar";

/* Before main and before any call: the choice never changes afterwards, so reading it needs no synchronisation. */
DSOCR_CONSTRUCTOR(dsocr_base64_select) {
#if defined(DSOCR_X86_64)
    if (dsocr_cpu_has_avx512vbmi()) {
        selected = dsocr_base64_encode_avx512vbmi;
        selected_name = "avx512vbmi";
    } else if (dsocr_cpu_has_avx2()) {
        selected = dsocr_base64_encode_avx2;
        selected_name = "avx2";
    } else if (dsocr_cpu_has_ssse3()) {
        selected = dsocr_base64_encode_ssse3;
        selected_name = "ssse3";
    }
#endif
}

dsocr_base64_encoder dsocr_base64_selected(const char **name) {
    if (name != NULL) {
        *name = selected_name;
    }
    return selected;
}

size_t dsocr_base64_encode(const uint8_t *src, size_t length, uint8_t *dst) {
    return selected(src, length, dst);
}
