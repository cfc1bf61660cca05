#include "input.h"

#include "gz.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHUNK_MIN ((size_t)64 * 1024)

/*
 * The buffer never grows past limit + 1 bytes: one byte beyond the limit
 * is enough to know the input is too large, so a huge stream is refused
 * after reading little more than the limit.
 */
static input_status read_stream(FILE *f, size_t limit, size_t hint,
                                char **data, size_t *len, int *err)
{
    size_t cap_max = (limit == 0 || limit == SIZE_MAX) ? SIZE_MAX : limit + 1;
    size_t cap = hint < CHUNK_MIN ? CHUNK_MIN : hint;
    size_t used = 0;
    char *buf;

    if (cap > cap_max)
        cap = cap_max;
    buf = malloc(cap);
    if (buf == NULL)
        return INPUT_NO_MEMORY;

    for (;;) {
        size_t want, got;

        if (used == cap) {
            size_t ncap = cap <= SIZE_MAX / 2 ? cap * 2 : SIZE_MAX;
            char *nbuf;

            if (ncap > cap_max)
                ncap = cap_max;
            if (ncap == cap) {
                free(buf);
                return INPUT_NO_MEMORY;
            }
            nbuf = realloc(buf, ncap);
            if (nbuf == NULL) {
                free(buf);
                return INPUT_NO_MEMORY;
            }
            buf = nbuf;
            cap = ncap;
        }
        want = cap - used;
        errno = 0;
        got = fread(buf + used, 1, want, f);
        used += got;
        if (limit != 0 && used > limit) {
            free(buf);
            return INPUT_TOO_LARGE;
        }
        if (got < want) {
            if (ferror(f)) {
                if (errno == EINTR) {
                    clearerr(f);
                    continue;
                }
                *err = errno != 0 ? errno : EIO;
                free(buf);
                return INPUT_ERRNO;
            }
            if (feof(f))
                break;
        }
    }
    *data = buf;
    *len = used;
    return INPUT_OK;
}

input_status input_read(const char *path, size_t limit,
                        char **data, size_t *len, int *err)
{
    int from_stdin = strcmp(path, "-") == 0;
    FILE *f = from_stdin ? stdin : fopen(path, "rb");
    struct stat st;
    size_t hint = 0;
    input_status rc;

    *data = NULL;
    *len = 0;
    *err = 0;
    if (f == NULL) {
        *err = errno;
        return INPUT_ERRNO;
    }
    /* fopen() happily opens a directory; say so before reading fails. */
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            if (!from_stdin)
                fclose(f);
            *err = EISDIR;
            return INPUT_ERRNO;
        }
        /* Standard input may be a file that was partly read already. */
        off_t pos = S_ISREG(st.st_mode) ? ftello(f) : -1;

        if (pos >= 0 && pos <= st.st_size) {
            uintmax_t left = (uintmax_t)(st.st_size - pos);

            /* Refuse an oversized file without reading any of it. */
            if (limit != 0 && left > (uintmax_t)limit) {
                if (!from_stdin)
                    fclose(f);
                return INPUT_TOO_LARGE;
            }
            /* +1 so the end of the file is seen without a realloc. */
            if (left < (uintmax_t)SIZE_MAX)
                hint = (size_t)left + 1;
        }
    }
    rc = read_stream(f, limit, hint, data, len, err);
    if (!from_stdin)
        fclose(f);
    return rc;
}

input_status input_gunzip(char **data, size_t *len, size_t limit)
{
    char *out = NULL;
    size_t outlen = 0;
    gz_status st;

    if (!gz_magic(*data, *len))
        return INPUT_OK;
    st = gz_inflate(*data, *len, GZ_GZIP, limit, &out, &outlen);
    free(*data);
    *data = out;
    *len = outlen;
    switch (st) {
    case GZ_OK: return INPUT_OK;
    case GZ_TOO_LARGE: return INPUT_TOO_LARGE;
    case GZ_CORRUPT: return INPUT_CORRUPT;
    case GZ_NO_MEMORY:
    default: return INPUT_NO_MEMORY;
    }
}

input_status input_load(const char *path, size_t limit,
                        char **data, size_t *len, int *err)
{
    input_status st = input_read(path, limit, data, len, err);

    return st == INPUT_OK ? input_gunzip(data, len, limit) : st;
}
