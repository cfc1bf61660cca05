/* One unit of work: read or take a page, extract it, format the result.
 * Runs in a batch worker process, or in-process for a single input. */
#ifndef DECLUTTER_CLI_WORK_H
#define DECLUTTER_CLI_WORK_H

#include <stddef.h>

#include "cli.h"
#include "util.h"

typedef enum job_kind {
    JOB_FILE = 0,  /* path names the page file (plain or gzip) */
    JOB_DATA,      /* data holds the page bytes */
    JOB_HTTP       /* data holds an HTTP response (a WARC response block) */
} job_kind;

typedef struct job {
    job_kind kind;
    const char *path;      /* JOB_FILE; "-" is standard input */
    const char *url;       /* the page's address, or NULL for --url */
    const char *encoding;  /* charset forcing the decoding, or NULL */
    const char *data;      /* JOB_DATA, JOB_HTTP */
    size_t len;
} job;

typedef enum outcome {
    OUT_OK = 0,        /* content found */
    OUT_NO_CONTENT,    /* read and parsed, no main content */
    OUT_FAIL,          /* see exit_code and msg */
    OUT_SKIP           /* not an HTML page (WARC payloads): no record */
} outcome;

typedef struct result {
    outcome kind;
    int exit_code;     /* the single-input exit status for this outcome */
    sbuf out;          /* text, the JSON object, or for jsonl the record's
                          fields after its source part, without braces */
    sbuf msg;          /* why it failed or is empty, for standard error */
} result;

/* Does the job; r must be zeroed (or freed by result_free) before. */
void work_run(const cli_conf *c, const job *j, result *r);
void result_free(result *r);

/* Appends the jsonl fields of a failure: "ok":false,"status":...,"error":... */
void work_fail_fields(sbuf *b, const char *status, const char *error);

#endif
