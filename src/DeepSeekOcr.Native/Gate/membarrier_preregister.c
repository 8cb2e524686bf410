/*
 * Linked into libdeepseek_ocr.so next to the Native AOT code.
 *
 * The library's .NET runtime starts at the first call into it and registers the process for
 * membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED). In a process that already runs more than one thread the kernel makes
 * that registration wait for the other CPUs (14-16 ms here, most of a cold start: bench/README.md section 4); in a
 * single-threaded process it takes microseconds, and once a process is registered, registering again returns at once.
 *
 * So when the library is loaded while its host still has one thread (linked at build time and loaded before main,
 * or loaded by a script before it starts threads) this constructor registers right away, and the runtime's own
 * registration later costs nothing. When the host already has threads it does nothing: the wait would only move from
 * the first call to the load. It never fails the load: on a kernel without membarrier the runtime falls back as before.
 */
#if defined(__linux__)
#define _GNU_SOURCE /* syscall() and O_CLOEXEC under -std=c11 */
#include <fcntl.h>
#include <linux/membarrier.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The number of threads of this process from /proc/self/stat (field 20), or 0 when it cannot be read. */
static long thread_count(void) {
    char stat[1024];
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return 0;
    }
    ssize_t length = read(fd, stat, sizeof stat - 1);
    close(fd);
    if (length <= 0) {
        return 0;
    }
    stat[length] = '\0';

    /* Fields after the command name, which is in parentheses and may itself hold spaces and parentheses. */
    char *field = strrchr(stat, ')');
    if (field == NULL) {
        return 0;
    }
    for (int index = 2; index < 20; index++) {
        field = strchr(field + 1, ' ');
        if (field == NULL) {
            return 0;
        }
    }
    long count = 0;
    for (field++; *field >= '0' && *field <= '9'; field++) {
        count = count * 10 + (*field - '0');
    }
    return count;
}

__attribute__((constructor)) static void deepseek_ocr_preregister_membarrier(void) {
    if (thread_count() != 1) {
        return;
    }
    long commands = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    if (commands > 0 && (commands & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED) != 0) {
        (void)syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0);
    }
}
#else
/* Nothing off Linux; ISO C (and MSVC at /W4) wants a declaration in every translation unit. */
typedef int dsocr_membarrier_is_linux_only;
#endif
