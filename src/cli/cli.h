/* Settings and exit statuses shared by the CLI's modules. */
#ifndef DECLUTTER_CLI_CLI_H
#define DECLUTTER_CLI_CLI_H

#include <stddef.h>

/* Exit statuses. A single input keeps the historic 0-4; a batch ends
 * with 0, or EXIT_SOME_FAILED when some inputs failed. */
enum {
    EXIT_CONTENT = 0,
    EXIT_NO_CONTENT = 1,
    EXIT_USAGE = 2,
    EXIT_INPUT = 3,
    EXIT_INTERNAL = 4,
    EXIT_SOME_FAILED = 5
};

typedef enum cli_format {
    FMT_TEXT = 0,
    FMT_JSON,
    FMT_JSONL,
    FMT_MARKDOWN,
    FMT_HTML
} cli_format;

typedef struct cli_conf {
    cli_format format;
    unsigned flags;          /* DECLUTTER_KEEP_LINKS... (--links, --images,
                                --no-tables, --with-metadata) */
    const char *encoding;    /* --encoding */
    const char *url;         /* --url */
    size_t max_bytes;        /* --max-bytes, 0 = none */
    double timeout;          /* --timeout in seconds, 0 = none */
    unsigned max_depth;      /* --max-depth, 0 = the library's default */
    int depth_error;         /* --depth-error: deeper input fails instead */
    int quiet;
    int jobs;                /* --jobs, 0 = one per online core */
    const char *output_dir;  /* --output-dir or NULL */
    int lines;               /* --lines */
    int null_sep;            /* --null: --files-from lists are NUL-separated */
} cli_conf;

#endif
