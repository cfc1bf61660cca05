/* The HTTP response stored in a WARC response record: status line and
 * header fields, chunked transfer coding, media type checks. */
#ifndef DECLUTTER_CLI_HTTP_H
#define DECLUTTER_CLI_HTTP_H

#include <stddef.h>

typedef enum http_coding {
    HTTP_IDENTITY = 0,
    HTTP_GZIP,
    HTTP_DEFLATE,
    HTTP_OTHER          /* br, zstd, compress...: not supported */
} http_coding;

typedef struct http_info {
    int status;          /* status code from the status line */
    size_t head_len;     /* status line and fields, blank line included */
    int html;            /* Content-Type: 1 HTML, 0 something else, -1 absent */
    char charset[48];    /* Content-Type charset parameter, "" when none */
    int chunked;         /* Transfer-Encoding ends in chunked */
    http_coding coding;  /* Content-Encoding */
    char coding_name[32];
} http_info;

/* Parses the head of the response in p[0..n). Returns 0, or -1 when p
 * does not start with an HTTP status line. */
int http_parse(const char *p, size_t n, http_info *h);

/* 1 when the Content-Type value v[0..n) names HTML or XHTML. */
int http_type_is_html(const char *v, size_t n);

/* 1 when the bytes look like the start of an HTML document (after
 * white space, a byte order mark or an XML declaration: a doctype, a
 * comment or one of the usual first tags). For payloads that declare
 * no type. */
int http_sniff_html(const char *p, size_t n);

/*
 * Removes the chunked transfer coding from in[0..n) into a new buffer
 * (free() it). A body cut short keeps the chunks before the cut.
 * Returns 0, 1 when the result would exceed limit (0 = none), -1 when
 * the body does not start with a chunk size (it is then not chunked,
 * whatever the header said), -2 when out of memory.
 */
int http_dechunk(const char *in, size_t n, size_t limit,
                 char **out, size_t *outlen);

#endif
