/*
 * The library's Base64 encoder (src/DeepSeekOcr.Native/Gate/base64.c), compiled into this program: every path this
 * CPU can run, and the one the library selects, against a plain reference, for every length 0..300 at every start
 * offset 0..3 (unaligned loads and the vector loops' stopping points) and for large random buffers. Each output is
 * written into a buffer with guard bytes after the expected length, so a write past the end fails too.
 * Usage: test_base64 [PATH]   PATH: scalar, ssse3, avx2, avx512vbmi or selected (default: all the CPU supports).
 */
#include "base64.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 4648 section 4, one bit field at a time. */
static size_t reference_encode(const uint8_t *src, size_t length, uint8_t *dst) {
    static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t written = 0;
    for (size_t index = 0; index < length; index += 3) {
        size_t have = length - index < 3 ? length - index : 3;
        uint8_t group[3] = {0, 0, 0};
        memcpy(group, src + index, have);
        dst[written++] = (uint8_t)letters[group[0] >> 2];
        dst[written++] = (uint8_t)letters[((group[0] & 3) << 4) | (group[1] >> 4)];
        dst[written++] = have > 1 ? (uint8_t)letters[((group[1] & 15) << 2) | (group[2] >> 6)] : '=';
        dst[written++] = have > 2 ? (uint8_t)letters[group[2] & 63] : '=';
    }
    return written;
}

static uint64_t random_state = 0x9E3779B97F4A7C15u;

static uint8_t random_byte(void) {
    random_state ^= random_state << 13;
    random_state ^= random_state >> 7;
    random_state ^= random_state << 17;
    return (uint8_t)(random_state >> 24);
}

enum { GUARD = 64 };

/* One input: the path's output against the reference's, and the guard bytes after it untouched. */
static int check(const char *name, dsocr_base64_encoder encode, const uint8_t *src, size_t length) {
    size_t expected_length = (length + 2) / 3 * 4;
    uint8_t *expected = malloc(expected_length + 1);
    uint8_t *actual = malloc(expected_length + GUARD);
    if (expected == NULL || actual == NULL) {
        fprintf(stderr, "out of memory\n");
        exit(2);
    }
    memset(actual, 0xA5, expected_length + GUARD);
    size_t reference_length = reference_encode(src, length, expected);
    size_t written = encode(src, length, actual);
    int failed = 0;
    if (reference_length != expected_length || written != expected_length) {
        fprintf(stderr, "%s: length %zu: wrote %zu bytes, expected %zu\n", name, length, written, expected_length);
        failed = 1;
    } else if (memcmp(actual, expected, expected_length) != 0) {
        size_t at = 0;
        while (actual[at] == expected[at]) {
            at++;
        }
        fprintf(stderr, "%s: length %zu: output differs at byte %zu ('%c', expected '%c')\n", name, length, at,
                actual[at], expected[at]);
        failed = 1;
    } else {
        for (size_t index = expected_length; index < expected_length + GUARD; index++) {
            if (actual[index] != 0xA5) {
                fprintf(stderr, "%s: length %zu: wrote past the end, at byte %zu\n", name, length, index);
                failed = 1;
                break;
            }
        }
    }
    free(expected);
    free(actual);
    return failed;
}

static int check_path(const char *name, dsocr_base64_encoder encode) {
    int failures = 0;
    enum { SMALL = 300, LARGE = 3 * 1024 * 1024 + 7 };
    uint8_t *buffer = malloc(LARGE + 3);
    if (buffer == NULL) {
        fprintf(stderr, "out of memory\n");
        return 1;
    }
    for (size_t index = 0; index < LARGE + 3; index++) {
        buffer[index] = random_byte();
    }
    /* Every byte value in every position of a group, and every length around the loops' bounds. */
    for (size_t offset = 0; offset < 4; offset++) {
        for (size_t length = 0; length <= SMALL; length++) {
            failures += check(name, encode, buffer + offset, length);
        }
    }
    uint8_t all[256 * 3];
    for (size_t index = 0; index < sizeof all; index++) {
        all[index] = (uint8_t)(index / 3 + (index % 3) * 85);
    }
    failures += check(name, encode, all, sizeof all);
    memset(all, 0xFF, sizeof all);
    failures += check(name, encode, all, sizeof all);
    /* Large buffers of each remainder, as the client's 192 KiB pieces and final pieces are. */
    const size_t large[] = {196416, 196416 + 1, 196416 + 2, 1 << 20, (1 << 20) + 1, LARGE};
    for (size_t index = 0; index < sizeof large / sizeof large[0]; index++) {
        failures += check(name, encode, buffer + (index & 3), large[index]);
    }
    free(buffer);
    printf("%s: %s\n", name, failures == 0 ? "ok" : "FAILED");
    return failures;
}

int main(int argc, char **argv) {
    const char *only = argc > 1 ? argv[1] : NULL;
    const char *selected_name;
    dsocr_base64_encoder selected = dsocr_base64_selected(&selected_name);
    struct {
        const char *name;
        dsocr_base64_encoder encode;
        int supported;
    } paths[] = {
        {"scalar", dsocr_base64_encode_scalar, 1},
#if defined(__x86_64__)
        {"ssse3", dsocr_base64_encode_ssse3, __builtin_cpu_supports("ssse3")},
        {"avx2", dsocr_base64_encode_avx2, __builtin_cpu_supports("avx2")},
        {"avx512vbmi", dsocr_base64_encode_avx512vbmi,
         __builtin_cpu_supports("avx512vbmi") && __builtin_cpu_supports("avx512bw")},
#endif
        {"selected", selected, 1},
    };
    printf("selected path on this CPU: %s\n", selected_name);
    int failures = 0, ran = 0;
    for (size_t index = 0; index < sizeof paths / sizeof paths[0]; index++) {
        if (only != NULL && strcmp(only, paths[index].name) != 0) {
            continue;
        }
        ran++;
        if (!paths[index].supported) {
            /* CTest reads this exit code as "skipped" (SKIP_RETURN_CODE): not a pass on a CPU that cannot run it. */
            printf("%s: this CPU lacks the instructions; skipped\n", paths[index].name);
            return 77;
        }
        failures += check_path(paths[index].name, paths[index].encode);
    }
    if (ran == 0) {
        fprintf(stderr, "unknown path '%s': scalar, ssse3, avx2, avx512vbmi or selected\n", only);
        return 2;
    }
    return failures == 0 ? 0 : 1;
}
