/* Batch mode: many inputs through a pool of worker processes, results
 * written in input order. */
#ifndef DECLUTTER_CLI_BATCH_H
#define DECLUTTER_CLI_BATCH_H

#include <stddef.h>

#include "cli.h"

typedef enum in_kind {
    IN_PATH = 0,  /* a page file or a WARC file (detected), "-" = stdin */
    IN_WARC,      /* --warc: a WARC file whatever its first bytes */
    IN_DIR,       /* -r: the page files under a directory */
    IN_LIST       /* --files-from: a list of paths, "-" = stdin */
} in_kind;

typedef struct in_spec {
    in_kind kind;
    const char *arg;
} in_spec;

/* Processes specs[0..n) in order (or, with c->lines, standard input
 * line by line) and returns the exit status. */
int batch_run(const cli_conf *c, const in_spec *specs, size_t n);

#endif
