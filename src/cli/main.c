/*
 * declutter(1): prints the main content of web pages. Uses only the
 * public API, exactly as an outside program would.
 */
#include <declutter.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

#include "batch.h"
#include "cli.h"
#include "input.h"
#include "util.h"
#include "warc.h"
#include "work.h"

#define DEFAULT_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define DEFAULT_TIMEOUT 30.0
#define MAX_JOBS 1024

/* Long options without a short form. */
enum {
    OPT_MAX_BYTES = 256, OPT_VERSION, OPT_TIMEOUT, OPT_FILES_FROM, OPT_WARC,
    OPT_LINES, OPT_NO_TABLES, OPT_MAX_DEPTH, OPT_DEPTH_ERROR, OPT_COMMENTS, OPT_PRECISION,
    OPT_RECALL
};

static const struct option long_options[] = {
    {"format", required_argument, NULL, 'f'},
    {"encoding", required_argument, NULL, 'e'},
    {"url", required_argument, NULL, 'u'},
    {"links", no_argument, NULL, 'l'},
    {"images", no_argument, NULL, 'i'},
    {"no-tables", no_argument, NULL, OPT_NO_TABLES},
    {"comments", no_argument, NULL, OPT_COMMENTS},
    {"precision", no_argument, NULL, OPT_PRECISION},
    {"recall", no_argument, NULL, OPT_RECALL},
    {"with-metadata", no_argument, NULL, 'm'},
    {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"max-depth", required_argument, NULL, OPT_MAX_DEPTH},
    {"depth-error", no_argument, NULL, OPT_DEPTH_ERROR},
    {"jobs", required_argument, NULL, 'j'},
    {"recursive", no_argument, NULL, 'r'},
    {"files-from", required_argument, NULL, OPT_FILES_FROM},
    {"null", no_argument, NULL, '0'},
    {"warc", required_argument, NULL, OPT_WARC},
    {"lines", no_argument, NULL, OPT_LINES},
    {"output-dir", required_argument, NULL, 'o'},
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
    "With no FILE, or when FILE is -, read standard input. Pages may be\n"
    "gzip-compressed; WARC files (plain or gzip) are detected and each of\n"
    "their HTML responses is one input.\n"
    "\n"
    "  -f, --format=FORMAT    output format: text (default), markdown (or md),\n"
    "                           html (a whole document), json, or jsonl (one\n"
    "                           JSON record per input, failures included)\n"
    "  -e, --encoding=NAME    decode the input as charset NAME instead of\n"
    "                           detecting it\n"
    "  -u, --url=URL          the page's address: the base for its relative\n"
    "                           links, and reported when the page names no\n"
    "                           canonical address\n"
    "  -l, --links            keep links: [text](url) in text and markdown,\n"
    "                           <a href> in html; addresses are resolved\n"
    "                           against --url, else the canonical address\n"
    "  -i, --images           keep images: ![alt](src \"caption\") in text\n"
    "                           and markdown, <img> and <figure> in html\n"
    "      --no-tables        leave out data tables (in every format)\n"
    "      --precision        favour precision: leave out doubtful blocks\n"
    "                           (less noise, some content lost)\n"
    "      --recall           favour recall: keep doubtful blocks (less\n"
    "                           content lost, more noise)\n"
    "      --comments         also extract the reader comments: text and\n"
    "                           markdown end with a Comments section, json\n"
    "                           and jsonl get a \"comments\" member\n"
    "  -m, --with-metadata    start text and markdown output with the title,\n"
    "                           author, date and URL (html: atop the article)\n"
    "      --max-bytes=N      refuse inputs larger than N bytes (after\n"
    "                           decompression); suffixes K, M and G multiply\n"
    "                           by 1024, 1024^2, 1024^3; 0 means no limit\n"
    "                           (default 64M)\n"
    "      --timeout=SECONDS  give up on a page after SECONDS (decimals\n"
    "                           allowed; 0 means never; default 30)\n"
    "      --max-depth=N      elements nested deeper than N (1 to 4096,\n"
    "                           default 512) are flattened into their parent\n"
    "      --depth-error      fail such input instead (exit 3, or an error\n"
    "                           record naming the limit)\n"
    "  -q, --quiet            print no messages, except about usage errors\n"
    "\n"
    "Batch mode (several inputs, or any option below):\n"
    "  -j, --jobs=N           extract N pages at a time, each in its own\n"
    "                           worker process (default: one per online core)\n"
    "  -r, --recursive        take the page files under each directory FILE:\n"
    "                           *.html, *.htm, *.xhtml, *.warc, and these\n"
    "                           with .gz, in path order\n"
    "      --files-from=LIST  also read the paths listed in file LIST, one\n"
    "                           per line (- is standard input)\n"
    "  -0, --null             paths in LIST end with NUL, not newline\n"
    "      --warc=FILE        read FILE as a WARC file (also detected)\n"
    "      --lines            read standard input line by line: each line is\n"
    "                           a path or a JSON object {\"html\": ...,\n"
    "                           \"url\": ..., \"id\": ...}; write one JSON\n"
    "                           record per line (per HTML record for a WARC\n"
    "                           path), flushed at once\n"
    "  -o, --output-dir=DIR   write each input's output to its own file in\n"
    "                           DIR (NAME.txt, .md, .html or .json) instead\n"
    "\n"
    "  -h, --help             display this help and exit\n"
    "      --version          output version information and exit\n"
    "\n"
    "With several FILEs, text, markdown and html output is preceded by a\n"
    "'==> FILE <==' header per input; json output is one JSON object per\n"
    "line and input. The JSON text field stays plain text: --links,\n"
    "--images and --with-metadata do not change it.\n"
    "\n"
    "Exit status:\n"
    "  0  main content found and written; in batch mode: every input\n"
    "     succeeded (pages without main content included)\n"
    "  1  no main content found (empty input included)\n"
    "  2  usage error\n"
    "  3  input unreadable: cannot be opened or read, too large, not\n"
    "     decodable (e.g. unknown --encoding), or over --timeout\n"
    "  4  internal error: out of memory, or output cannot be written\n"
    "  5  batch mode: some inputs failed (see the records or messages)\n"
    "With --lines failures are reported in the records only: the status is\n"
    "0 unless the output fails.\n";

typedef struct cli {
    cli_conf conf;
} cli;

PRINTF_LIKE(2, 3)
static void msg(const cli *c, const char *fmt, ...)
{
    va_list ap;

    if (c->conf.quiet)
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

/* A number of seconds: digits with an optional fraction. */
static int parse_seconds(const char *s, double *out)
{
    char *end;
    double v;

    if (*s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtod(s, &end);
    if (*end != '\0' || errno != 0 || !isfinite(v) || v < 0 || v > 1e7)
        return -1;
    *out = v;
    return 0;
}

static int write_out(const char *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, stdout) == n ? 0 : -1;
}

/* The --timeout message, ready before the timer can fire: the handler
 * may only call async-signal-safe functions. */
static char timeout_text[512];
static size_t timeout_len;

static void on_timeout(int sig)
{
    (void)sig;
    if (timeout_len > 0) {
        ssize_t k = write(2, timeout_text, timeout_len);

        (void)k;
    }
    _exit(EXIT_INPUT);
}

/* For a single input the budget starts once the input is read, so a
 * slow pipe into declutter is not a slow page. */
static void arm_timeout(const cli *c, const char *name)
{
    struct itimerval it;
    struct sigaction sa;

    if (c->conf.timeout <= 0)
        return;
    timeout_len = 0;
    if (!c->conf.quiet) {
        int n = snprintf(timeout_text, sizeof timeout_text,
                         "declutter: %s: timeout after %g s (--timeout)\n",
                         name, c->conf.timeout);

        timeout_len = n < 0 ? 0 : (size_t)n < sizeof timeout_text
                                      ? (size_t)n : sizeof timeout_text - 1;
    }
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timeout;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)c->conf.timeout;
    it.it_value.tv_usec = (suseconds_t)((c->conf.timeout
                                         - (double)it.it_value.tv_sec) * 1e6);
    if (it.it_value.tv_sec == 0 && it.it_value.tv_usec == 0)
        it.it_value.tv_usec = 1;
    setitimer(ITIMER_REAL, &it, NULL);
}

static void disarm_timeout(const cli *c)
{
    struct itimerval it;

    if (c->conf.timeout <= 0)
        return;
    memset(&it, 0, sizeof it);
    setitimer(ITIMER_REAL, &it, NULL);
}

/*
 * Extracts the single input in this process and writes its output in
 * the chosen format. Returns its exit
 * status, or -1 when the output could not be written.
 */
static int process(cli *c, const char *path)
{
    const char *name = strcmp(path, "-") == 0 ? "(stdin)" : path;
    result r;
    job j;
    char *data = NULL;
    size_t len = 0;
    int err = 0, rc;

    switch (input_read(path, c->conf.max_bytes, &data, &len, &err)) {
    case INPUT_OK:
        break;
    case INPUT_ERRNO:
        msg(c, "%s: %s", name, strerror(err));
        return EXIT_INPUT;
    case INPUT_TOO_LARGE:
        msg(c, "%s: input larger than %zu bytes (--max-bytes)", name,
            c->conf.max_bytes);
        return EXIT_INPUT;
    case INPUT_NO_MEMORY:
    default:
        msg(c, "%s: out of memory", name);
        return EXIT_INTERNAL;
    }

    memset(&j, 0, sizeof j);
    memset(&r, 0, sizeof r);
    j.kind = JOB_DATA;
    j.data = data;
    j.len = len;
    arm_timeout(c, name);
    work_run(&c->conf, &j, &r);
    disarm_timeout(c);
    free(data);

    rc = r.exit_code;
    if (r.kind == OUT_FAIL) {
        msg(c, "%s: %s", name, r.msg.p != NULL ? r.msg.p : "failed");
        result_free(&r);
        return rc;
    }
    if (write_out(r.out.p, r.out.len) != 0)
        rc = -1;
    if (rc < 0)
        msg(c, "write error: %s", strerror(errno));
    else if (r.kind == OUT_NO_CONTENT)
        msg(c, "%s: no main content found", name);
    result_free(&r);
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
    cli c;
    in_spec *specs;
    size_t nspecs = 0;
    int opt, status = EXIT_CONTENT, recursive = 0, batch = 0, format_set = 0;

    memset(&c, 0, sizeof c);
    c.conf.format = FMT_TEXT;
    c.conf.max_bytes = DEFAULT_MAX_BYTES;
    c.conf.timeout = DEFAULT_TIMEOUT;
    if (argc > 0)
        argv[0] = progname;
    specs = calloc((size_t)(argc > 0 ? argc : 1), sizeof *specs);
    if (specs == NULL) {
        fputs("declutter: out of memory\n", stderr);
        return EXIT_INTERNAL;
    }
#define USAGE(...) do { free(specs); return usage_error(__VA_ARGS__); } while (0)
    /* The leading '-' keeps FILEs in their place among --warc and
     * --files-from, so that the inputs come in command-line order. */
    while ((opt = getopt_long(argc, argv, "-f:e:u:limj:ro:0qh", long_options,
                              NULL)) != -1) {
        switch (opt) {
        case 1:
            specs[nspecs].kind = IN_PATH;
            specs[nspecs++].arg = optarg;
            break;
        case 'f':
            format_set = 1;
            if (strcmp(optarg, "text") == 0)
                c.conf.format = FMT_TEXT;
            else if (strcmp(optarg, "json") == 0)
                c.conf.format = FMT_JSON;
            else if (strcmp(optarg, "jsonl") == 0)
                c.conf.format = FMT_JSONL;
            else if (strcmp(optarg, "markdown") == 0
                     || strcmp(optarg, "md") == 0)
                c.conf.format = FMT_MARKDOWN;
            else if (strcmp(optarg, "html") == 0)
                c.conf.format = FMT_HTML;
            else
                USAGE("invalid format '%s' (expected text, markdown, html, "
                      "json or jsonl)", optarg);
            break;
        case 'l':
            c.conf.flags |= DECLUTTER_KEEP_LINKS;
            break;
        case 'i':
            c.conf.flags |= DECLUTTER_KEEP_IMAGES;
            break;
        case OPT_COMMENTS:
            c.conf.flags |= DECLUTTER_COMMENTS;
            break;
        case OPT_NO_TABLES:
            c.conf.flags |= DECLUTTER_NO_TABLES;
            break;
        case OPT_PRECISION:
            c.conf.flags |= DECLUTTER_PRECISION;
            break;
        case OPT_RECALL:
            c.conf.flags |= DECLUTTER_RECALL;
            break;
        case 'm':
            c.conf.flags |= DECLUTTER_WITH_METADATA;
            break;
        case 'e':
            c.conf.encoding = optarg;
            break;
        case 'u':
            c.conf.url = optarg;
            break;
        case OPT_MAX_BYTES:
            if (parse_size(optarg, &c.conf.max_bytes) != 0)
                USAGE("invalid byte count '%s' for --max-bytes "
                      "(expected N, NK, NM or NG)", optarg);
            break;
        case OPT_TIMEOUT:
            if (parse_seconds(optarg, &c.conf.timeout) != 0)
                USAGE("invalid number of seconds '%s' for --timeout", optarg);
            break;
        case OPT_MAX_DEPTH: {
            char *end;
            long v;

            errno = 0;
            v = strtol(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end != '\0' || errno != 0 || v < 1 ||
                v > 4096)
                USAGE("invalid depth '%s' for --max-depth (expected 1 to 4096)", optarg);
            c.conf.max_depth = (unsigned)v;
            break;
        }
        case OPT_DEPTH_ERROR:
            c.conf.depth_error = 1;
            break;
        case 'j': {
            char *end;
            long v;

            errno = 0;
            v = strtol(optarg, &end, 10);
            if (*optarg < '0' || *optarg > '9' || *end != '\0' || errno != 0
                || v < 1 || v > MAX_JOBS)
                USAGE("invalid job count '%s' for --jobs (expected 1 to %d)",
                      optarg, MAX_JOBS);
            c.conf.jobs = (int)v;
            batch = 1;
            break;
        }
        case 'r':
            recursive = 1;
            batch = 1;
            break;
        case OPT_FILES_FROM:
            specs[nspecs].kind = IN_LIST;
            specs[nspecs++].arg = optarg;
            batch = 1;
            break;
        case '0':
            c.conf.null_sep = 1;
            break;
        case OPT_WARC:
            specs[nspecs].kind = IN_WARC;
            specs[nspecs++].arg = optarg;
            batch = 1;
            break;
        case OPT_LINES:
            c.conf.lines = 1;
            batch = 1;
            break;
        case 'o':
            c.conf.output_dir = optarg;
            batch = 1;
            break;
        case 'q':
            c.conf.quiet = 1;
            break;
        case 'h':
            free(specs);
            fputs(usage_text, stdout);
            return finish_output(&c, EXIT_CONTENT);
        case OPT_VERSION:
            free(specs);
            printf("declutter %s\n", declutter_version());
            return finish_output(&c, EXIT_CONTENT);
        default:
            /* getopt_long() has described the problem already. */
            free(specs);
            fputs("Try 'declutter --help' for more information.\n", stderr);
            return EXIT_USAGE;
        }
    }
    if ((c.conf.flags & DECLUTTER_PRECISION) && (c.conf.flags & DECLUTTER_RECALL))
        USAGE("--precision and --recall exclude each other");
    for (; optind < argc; optind++) {
        specs[nspecs].kind = IN_PATH;
        specs[nspecs++].arg = argv[optind];
    }

    if (c.conf.lines) {
        if (nspecs > 0)
            USAGE("--lines reads standard input only: no FILE, --warc or "
                  "--files-from with it");
        if (format_set && c.conf.format != FMT_JSONL)
            USAGE("--lines writes JSON lines: use it with --format=jsonl or "
                  "no --format");
        c.conf.format = FMT_JSONL;
    }
    if (c.conf.null_sep) {
        int lists = 0;

        for (size_t i = 0; i < nspecs; i++)
            lists += specs[i].kind == IN_LIST;
        if (lists == 0)
            USAGE("--null applies to --files-from lists only");
    }
    if (recursive) {
        for (size_t i = 0; i < nspecs; i++)
            if (specs[i].kind == IN_PATH && strcmp(specs[i].arg, "-") != 0)
                specs[i].kind = IN_DIR;
    }
#undef USAGE
    if (nspecs > 1 || c.conf.format == FMT_JSONL)
        batch = 1;
    for (size_t i = 0; i < nspecs; i++)
        if (specs[i].kind == IN_PATH && strcmp(specs[i].arg, "-") != 0
            && nspecs == 1 && !batch) {
            /* A WARC file is a batch of pages. */
            batch = warc_sniff(specs[i].arg);
        }

    /* Output is often large and piped on: write it in big blocks. */
    setvbuf(stdout, NULL, _IOFBF, (size_t)64 * 1024);

    if (batch) {
        if (nspecs == 0 && !c.conf.lines) {
            specs[0].kind = IN_PATH;
            specs[0].arg = "-";
            nspecs = 1;
        }
        status = batch_run(&c.conf, specs, nspecs);
        free(specs);
        return status;
    }

    {
        const char *only = nspecs > 0 ? specs[0].arg : "-";
        int rc = process(&c, only);

        free(specs);
        if (rc < 0)
            return EXIT_INTERNAL;
        status = rc;
    }
    return finish_output(&c, status);
}
