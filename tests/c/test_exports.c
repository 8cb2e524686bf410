/*
 * The library's dynamic symbol table holds exactly the functions the header declares with OCR_API: nothing of its
 * runtime, of the gate (dsocr_*) or of the libraries it was linked with is exported for a host to collide with.
 * test_exports HEADER LIBRARY: parses the header's OCR_API declarations and compares `nm -D --defined-only LIBRARY`.
 */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_NAMES 256
#define MAX_NAME 128

struct names {
    char name[MAX_NAMES][MAX_NAME];
    int seen[MAX_NAMES];
    int count;
};

static void add(struct names *names, const char *start, size_t length)
{
    if (names->count == MAX_NAMES || length == 0 || length >= MAX_NAME) {
        fprintf(stderr, "  cannot record the name \"%.*s\"\n", (int)length, start);
        exit(1);
    }
    memcpy(names->name[names->count], start, length);
    names->name[names->count][length] = '\0';
    names->seen[names->count] = 0;
    names->count++;
}

static int find(const struct names *names, const char *name)
{
    int i;
    for (i = 0; i < names->count; i++)
        if (strcmp(names->name[i], name) == 0)
            return i;
    return -1;
}

static int is_identifier_char(char c) { return isalnum((unsigned char)c) || c == '_'; }

/* The function a line "OCR_API ret name(...)" or "OCR_API ret (name)(...)" declares. */
static void add_declared(struct names *names, const char *line)
{
    const char *paren = strchr(line, '('), *end, *start;
    if (paren == NULL) {
        fprintf(stderr, "  cannot parse the declaration: %s", line);
        exit(1);
    }
    start = paren + 1;
    for (end = start; is_identifier_char(*end); end++) {
    }
    if (end > start && end[0] == ')' && end[1] == '(') { /* (name)(...): kept from a macro of that name */
        add(names, start, (size_t)(end - start));
        return;
    }
    for (end = paren; end > line && end[-1] == ' '; end--) {
    }
    for (start = end; start > line && is_identifier_char(start[-1]); start--) {
    }
    add(names, start, (size_t)(end - start));
}

int main(int argc, char **argv)
{
    struct names declared;
    char line[1024], command[2048];
    FILE *header, *nm;
    int i, exported = 0, failures = 0, status;

    if (argc != 3) {
        fprintf(stderr, "usage: test_exports HEADER LIBRARY\n");
        return 2;
    }
    declared.count = 0;
    header = fopen(argv[1], "r");
    if (header == NULL) {
        perror(argv[1]);
        return 1;
    }
    while (fgets(line, sizeof line, header) != NULL)
        if (strncmp(line, "OCR_API ", 8) == 0)
            add_declared(&declared, line);
    fclose(header);
    if (declared.count < 10) {
        fprintf(stderr, "  only %d OCR_API declarations found in %s\n", declared.count, argv[1]);
        return 1;
    }

    snprintf(command, sizeof command, "nm -D --defined-only '%s'", argv[2]);
    nm = popen(command, "r");
    if (nm == NULL) {
        perror("popen nm");
        return 1;
    }
    while (fgets(line, sizeof line, nm) != NULL) {
        char value[64], type[8], name[512], *at;
        if (sscanf(line, "%63s %7s %511s", value, type, name) != 3) {
            fprintf(stderr, "  unexpected nm line: %s", line);
            failures++;
            continue;
        }
        at = strchr(name, '@');
        if (strcmp(type, "A") == 0 && at == NULL && strspn(value, "0") == strlen(value))
            continue; /* a symbol version's name (the version script's node), not a symbol */
        if (at != NULL)
            *at = '\0';
        exported++;
        i = find(&declared, name);
        if (i < 0) {
            fprintf(stderr, "  exported but not in the header: %s (%s)\n", name, type);
            failures++;
        } else if (strcmp(type, "T") != 0) {
            fprintf(stderr, "  %s is exported as type %s, not as a function (T)\n", name, type);
            failures++;
        } else {
            declared.seen[i] = 1;
        }
    }
    status = pclose(nm);
    if (status != 0) {
        fprintf(stderr, "  \"%s\" failed (status %d)\n", command, status);
        failures++;
    }
    for (i = 0; i < declared.count; i++)
        if (!declared.seen[i]) {
            fprintf(stderr, "  declared in the header but not exported: %s\n", declared.name[i]);
            failures++;
        }
    printf("%s exports_are_the_header_functions (%d declared, %d exported)\n", failures == 0 ? "PASS" : "FAIL",
           declared.count, exported);
    return failures == 0 ? 0 : 1;
}
