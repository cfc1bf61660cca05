/*
 * declutter(1): prints the main content of web pages. Uses only the
 * public API, exactly as an outside program would.
 */
#include <declutter.h>

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"

/* Exit statuses; with several inputs the highest one wins. */
enum {
    EXIT_CONTENT = 0,
    EXIT_NO_CONTENT = 1,
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,
    EXIT_INTERNAL = 4
};

/* Lets the compiler check the format strings of the message helpers. */
#if defined(__GNUC__) || defined(__clang__)
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))
#else
#define PRINTF_LIKE(f, a)
#endif

#define DEFAULT_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct cli {
    declutter_format format;
    const char *encoding;
    const char *url;
    size_t max_bytes;
    int quiet;
    int headers;       /* several inputs: "==> NAME <==" before each */
    int wrote_header;  /* a header was written already */
} cli;

/* Long options without a short form. */
enum { OPT_MAX_BYTES = 256, OPT_VERSION };

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"encoding", required_argument, NULL, 'e'},
    {"url", required_argument, NULL, 'u'},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, OPT_VERSION},
    {NULL, 0, NULL, 0}
};

static const char usage_text[] =
    "Usage: declutter [OPTION]... [FILE]...\n"
    "Print the main content of each web page FILE, without navigation,\n"
    "ads and other boilerplate.\n"
    "\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -f, --format=FORMAT    output format: text (default) or json\n"
    "  -e, --encoding=NAME    decode the input as charset NAME instead of\n"
    "                           detecting it\n"
    "  -u, --url=URL          the page's address, reported when the page\n"
    "                           names no canonical address\n"
    "      --max-bytes=N      refuse inputs larger than N bytes; suffixes K, M\n"
    "                           and G multiply by 1024, 1024^2, 1024^3;\n"
    "                           0 means no limit (default 64M)\n"
    "  -q, --quiet            print no messages, except about usage errors\n"
    "  -h, --help             display this help and exit\n"
    "      --version          output version information and exit\n"
    "\n"
    "With several FILEs, text output is preceded by a '==> FILE <==' header\n"
    "per input; json output is one JSON object per line and input.\n"
    "\n"
    "Exit status:\n"
    "  0  main content found and written\n"
    "  1  no main content found (empty input included)\n"
    "  2  usage error\n"
    "  3  input unreadable: cannot be opened or read, too large, or not\n"
    "     decodable (e.g. unknown --encoding)\n"
    "  4  internal error: out of memory, or output cannot be written\n"
    "With several FILEs the status is the highest of them.\n";

PRINTF_LIKE(2, 3)
static void msg(const cli *c, const char *fmt, ...)
{
    va_list ap;

    if (c->quiet)
        return;
    fputs("declutter: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* Usage errors are reported even with --quiet. */
PRINTF_LIKE(1, 2)
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    fputs("declutter: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputs("\nTry 'declutter --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

/* Digits with an optional K, M or G suffix (powers of 1024). */
static int parse_size(const char *s, size_t *out)
{
    uintmax_t v = 0, mult = 1;
    const char *p = s;

    if (*p < '0' || *p > '9')
        return -1;
    for (; *p >= '0' && *p <= '9'; p++) {
        unsigned d = (unsigned)(*p - '0');

        if (v > (UINTMAX_MAX - d) / 10)
            return -1;
        v = v * 10 + d;
    }
    switch (*p) {
    case '\0': break;
    case 'K': case 'k': mult = (uintmax_t)1 << 10; p++; break;
    case 'M': case 'm': mult = (uintmax_t)1 << 20; p++; break;
    case 'G': case 'g': mult = (uintmax_t)1 << 30; p++; break;
    default: return -1;
    }
    if (*p != '\0' || v > SIZE_MAX / mult)
        return -1;
    *out = (size_t)(v * mult);
    return 0;
}

static int write_out(const char *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

static int exit_for_status(declutter_status st)
{
    switch (st) {
    case DECLUTTER_OK: return EXIT_CONTENT;
    case DECLUTTER_NO_CONTENT: return EXIT_NO_CONTENT;
    case DECLUTTER_BAD_INPUT:
    case DECLUTTER_TOO_LARGE:
    case DECLUTTER_BAD_OPTION: return EXIT_INPUT;
    case DECLUTTER_NO_MEMORY:
    default: return EXIT_INTERNAL;
    }
}

/*
 * Writes the output for one finished extraction. Returns 0, or -1 on a
 * write error (errno set), or the declutter_status of a failed render.
 */
static int emit(cli *c, const char *name, const declutter_result *r)
{
    if (c->format == DECLUTTER_FORMAT_JSON) {
        char *json = NULL;
        size_t len = 0;
        declutter_status st = declutter_render(r, DECLUTTER_FORMAT_JSON,
                                               &json, &len);
        int rc = 0, saved;

        if (st != DECLUTTER_OK) {
            declutter_free(json);
            return (int)st;
        }
        if (write_out(json, len) != 0
            || ((len == 0 || json[len - 1] != '\n') && putchar('\n') == EOF))
            rc = -1;
        saved = errno;
        declutter_free(json);
        errno = saved;
        return rc;
    }
    if (c->headers) {
        if ((c->wrote_header && putchar('\n') == EOF)
            || printf("==> %s <==\n", name) < 0)
            return -1;
        c->wrote_header = 1;
    }
    const char *text = declutter_result_text(r);
    return write_out(text, strlen(text));
}

/* Extracts one input and writes its output; returns its exit status. */
static int process(cli *c, const char *path)
{
    const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
    declutter_options opts;
    declutter_result *r = NULL;
    declutter_status st;
    char *data = NULL;
    size_t len = 0;
    int err = 0, rc;

    switch (input_read(path, c->max_bytes, &data, &len, &err)) {
    case INPUT_OK:
        break;
    case INPUT_ERRNO:
        msg(c, "%s: %s", name, strerror(err));
        return EXIT_INPUT;
    case INPUT_TOO_LARGE:
        msg(c, "%s: input larger than %zu bytes (--max-bytes)", name,
            c->max_bytes);
        return EXIT_INPUT;
    case INPUT_NO_MEMORY:
    default:
        msg(c, "%s: out of memory", name);
        return EXIT_INTERNAL;
    }

    declutter_options_init(&opts);
    opts.encoding = c->encoding;
    opts.url = c->url;
    opts.max_bytes = c->max_bytes;
    st = declutter_extract(data, len, &opts, &r);
    free(data);

    rc = exit_for_status(st);
    if (r == NULL || (st != DECLUTTER_OK && st != DECLUTTER_NO_CONTENT)) {
        const char *why = r != NULL ? declutter_result_error(r) : "";

        msg(c, "%s: %s", name, why[0] != '\0' ? why : declutter_strerror(st));
        declutter_result_free(r);
        return rc;
    }

    int wr = emit(c, name, r);
    int write_errno = errno;

    declutter_result_free(r);
    if (wr == -1) {
        msg(c, "write error: %s", strerror(write_errno));
        return -1;
    }
    if (wr != 0) {
        msg(c, "%s: %s", name, declutter_strerror((declutter_status)wr));
        return EXIT_INTERNAL;
    }
    if (st == DECLUTTER_NO_CONTENT)
        msg(c, "%s: no main content found", name);
    return rc;
}

/* Buffered output fails late: only the final flush may tell. */
static int finish_output(const cli *c, int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        msg(c, "write error: %s", strerror(errno));
        return EXIT_INTERNAL;
    }
    return status;
}

int main(int argc, char **argv)
{
    /* getopt_long() names the program by argv[0] in its messages. */
    static char progname[] = "declutter";
    static char stdin_name[] = "-";
    static char *stdin_only[] = {stdin_name};
    cli c = {DECLUTTER_FORMAT_TEXT, NULL, NULL, DEFAULT_MAX_BYTES, 0, 0, 0};
    char **files;
    int nfiles, opt, status = EXIT_CONTENT;

    if (argc > 0)
        argv[0] = progname;
    while ((opt = getopt_long(argc, argv, "f:e:u:qh", long_options,
                              NULL)) != -1) {
        switch (opt) {
        case 'f':
            if (strcmp(optarg, "text") == 0)
                c.format = DECLUTTER_FORMAT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                c.format = DECLUTTER_FORMAT_JSON;
            else
                return usage_error("invalid format '%s' (expected text or json)",
                                   optarg);
            break;
        case 'e':
            c.encoding = optarg;
            break;
        case 'u':
            c.url = optarg;
            break;
        case OPT_MAX_BYTES:
            if (parse_size(optarg, &c.max_bytes) != 0)
                return usage_error("invalid byte count '%s' for --max-bytes "
                                   "(expected N, NK, NM or NG)", optarg);
            break;
        case 'q':
            c.quiet = 1;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return finish_output(&c, EXIT_CONTENT);
        case OPT_VERSION:
            printf("declutter %s\n", declutter_version());
            return finish_output(&c, EXIT_CONTENT);
        default:
            /* getopt_long() has described the problem already. */
            fputs("Try 'declutter --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }

    files = optind < argc ? argv + optind : stdin_only;
    nfiles = optind < argc ? argc - optind : 1;
    c.headers = nfiles > 1 && c.format == DECLUTTER_FORMAT_TEXT;

    /* Output is often large and piped on: write it in big blocks. */
    setvbuf(stdout, NULL, _IOFBF, (size_t)64 * 1024);

    for (int i = 0; i < nfiles; i++) {
        int rc = process(&c, files[i]);

        if (rc < 0)
            /* Output is broken: later inputs could not be written either. */
            return EXIT_INTERNAL;
        if (rc > status)
            status = rc;
    }
    return finish_output(&c, status);
}
