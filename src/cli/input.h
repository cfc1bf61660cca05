/* Reading one whole input (a file or standard input) into memory. */
#ifndef DECLUTTER_CLI_INPUT_H
#define DECLUTTER_CLI_INPUT_H

#include <stddef.h>

typedef enum input_status {
    INPUT_OK = 0,
    INPUT_ERRNO,      /* open or read failed; the error number says why */
    INPUT_TOO_LARGE,  /* more than the limit; reading stopped there */
    INPUT_NO_MEMORY,
    INPUT_CORRUPT     /* gzip data that cannot be decompressed */
} input_status;

/*
 * Reads all of path ("-" is standard input) in binary mode into a new
 * buffer that the caller frees with free(); *data is never NULL on
 * INPUT_OK, also for empty input. limit: refuse more than this many
 * bytes, 0 = no limit; at most limit + 1 bytes are read before giving up.
 * On INPUT_ERRNO, *err holds the error number.
 */
input_status input_read(const char *path, size_t limit,
                        char **data, size_t *len, int *err);

/*
 * Replaces *data[0..*len) by its decompressed form when it starts with
 * the gzip magic bytes (whatever the file is called); limit bounds the
 * decompressed size as above. On failure *data is freed and set to NULL.
 */
input_status input_gunzip(char **data, size_t *len, size_t limit);

/* input_read() then input_gunzip(). */
input_status input_load(const char *path, size_t limit,
                        char **data, size_t *len, int *err);

#endif
