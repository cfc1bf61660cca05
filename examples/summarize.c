/*
 * summarize: prints the title and the first characters of the main
 * content of each web page named on the command line (standard input when
 * none is), using libdeclutter through its public header only.
 *
 * Usage: summarize [-n CHARS] [FILE]...
 *
 * Build against an installed library:
 *     cc -o summarize summarize.c $(pkg-config --cflags --libs declutter)
 */
#include <declutter.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads all of f into a new buffer; returns NULL on a read or memory error. */
static char *slurp(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *bigger = realloc(buf, cap * 2);
        if (!bigger) {
            free(buf);
            return NULL;
        }
        buf = bigger;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/*
 * Prints at most max characters (code points, not bytes, so a multi-byte
 * character is never cut) of text on one line, every run of white space
 * folded into one space.
 */
static void print_snippet(const char *text, long max)
{
    long chars = 0;
    int space = 0;
    const unsigned char *p = (const unsigned char *)text;
    for (; *p; p++) {
        int starts_char = (*p & 0xC0) != 0x80;
        if (*p == ' ' || *p == '\n' || *p == '\t') {
            space = 1;
            continue;
        }
        if (starts_char) {
            int sep = space && chars > 0;
            if (chars + sep + 1 > max)
                break;
            if (sep)
                putchar(' ');
            chars += sep + 1;
            space = 0;
        }
        putchar(*p);
    }
    if (*p)
        fputs("...", stdout);
    putchar('\n');
}

/* Summarizes one page; returns 0 when it had main content. */
static int summarize(const char *name, FILE *f, long max)
{
    size_t len = 0;
    char *html = slurp(f, &len);
    if (!html) {
        fprintf(stderr, "summarize: %s: cannot read\n", name);
        return 1;
    }

    declutter_options opts;
    declutter_options_init(&opts);
    declutter_result *r = NULL;
    declutter_status st = declutter_extract(html, len, &opts, &r);
    free(html); /* the result keeps no pointer into the input */

    if (st != DECLUTTER_OK) {
        /* r is NULL only when memory ran out */
        fprintf(stderr, "summarize: %s: %s\n", name,
                r ? declutter_result_error(r) : declutter_strerror(st));
        declutter_result_free(r);
        return 1;
    }
    const char *title = declutter_result_field(r, DECLUTTER_FIELD_TITLE);
    printf("%s: %s\n", name, title ? title : "(untitled)");
    fputs("  ", stdout);
    print_snippet(declutter_result_text(r), max);
    declutter_result_free(r); /* also frees title and the text */
    return 0;
}

int main(int argc, char **argv)
{
    long max = 200;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-n") == 0) {
        char *end;
        max = strtol(argv[2], &end, 10);
        if (*argv[2] == '\0' || *end != '\0' || max < 0) {
            fprintf(stderr, "summarize: -n wants a number of characters\n");
            return 2;
        }
        first = 3;
    }

    int failed = 0;
    if (first == argc)
        failed |= summarize("-", stdin, max);
    for (int i = first; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (!f) {
            fprintf(stderr, "summarize: %s: %s\n", argv[i], strerror(errno));
            failed = 1;
            continue;
        }
        failed |= summarize(argv[i], f, max);
        fclose(f);
    }
    if (fflush(stdout) != 0) {
        perror("summarize: standard output");
        return 1;
    }
    return failed;
}
