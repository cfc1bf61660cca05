/* Bounded decompression with zlib: gzip pages, gzip and deflate HTTP
 * content codings. */
#ifndef DECLUTTER_CLI_GZ_H
#define DECLUTTER_CLI_GZ_H

#include <stddef.h>

typedef enum gz_status {
    GZ_OK = 0,
    GZ_TOO_LARGE,   /* the output would exceed the limit */
    GZ_CORRUPT,     /* not valid compressed data, or cut short */
    GZ_NO_MEMORY
} gz_status;

typedef enum gz_mode {
    GZ_GZIP,        /* gzip members, one after another */
    GZ_DEFLATE      /* HTTP "deflate": zlib-wrapped, or raw as some servers send */
} gz_mode;

/* Nonzero when p[0..n) starts with the gzip magic bytes. */
int gz_magic(const void *p, size_t n);

/*
 * Decompresses in[0..n) into a new buffer (free() it), NUL-terminated.
 * limit: the most output bytes accepted, 0 = no limit; decompression
 * stops as soon as it is exceeded, so a small bomb costs little.
 */
gz_status gz_inflate(const char *in, size_t n, gz_mode mode, size_t limit,
                     char **out, size_t *outlen);

/* Decompresses at most cap bytes of the start of the gzip data in[0..n)
 * into out; returns how many (0 on any error). For sniffing. */
size_t gz_peek(const char *in, size_t n, char *out, size_t cap);

#endif
