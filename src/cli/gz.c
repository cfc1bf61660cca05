#include "gz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#define OUT_MIN ((size_t)64 * 1024)
/* zlib counts in uInt; feed it at most this much at a time. */
#define ZCHUNK ((size_t)1 << 30)

int gz_magic(const void *p, size_t n)
{
    const unsigned char *u = p;

    return n >= 2 && u[0] == 0x1f && u[1] == 0x8b;
}

/* One pass with the given window bits; *progressed tells whether any
 * output was made, so that the caller may retry "deflate" as raw. */
static gz_status run_inflate(const char *in, size_t n, int wbits, int multi,
                             size_t limit, char **out, size_t *outlen,
                             int *progressed)
{
    z_stream zs;
    size_t cap = n < OUT_MIN / 4 ? OUT_MIN : (n < (size_t)-1 / 4 ? n * 4 : n);
    size_t used = 0, pos = 0;
    size_t cap_max = limit == 0 ? (size_t)-1 - 1 : limit + 1;
    gz_status st = GZ_OK;
    char *buf;
    int ret;

    *progressed = 0;
    if (cap > cap_max)
        cap = cap_max;
    buf = malloc(cap + 1);
    if (buf == NULL)
        return GZ_NO_MEMORY;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, wbits) != Z_OK) {
        free(buf);
        return GZ_NO_MEMORY;
    }
    for (;;) {
        size_t in_left = n - pos, give = in_left < ZCHUNK ? in_left : ZCHUNK;
        size_t room, before_in, before_out;

        if (used == cap) {
            size_t ncap = cap <= cap_max / 2 ? cap * 2 : cap_max;
            char *nb;

            if (ncap == cap) {
                st = GZ_TOO_LARGE;
                break;
            }
            nb = realloc(buf, ncap + 1);
            if (nb == NULL) {
                st = GZ_NO_MEMORY;
                break;
            }
            buf = nb;
            cap = ncap;
        }
        room = cap - used;
        if (room > ZCHUNK)
            room = ZCHUNK;
        zs.next_in = (unsigned char *)(uintptr_t)(in + pos);
        zs.avail_in = (uInt)give;
        zs.next_out = (unsigned char *)buf + used;
        zs.avail_out = (uInt)room;
        before_in = give;
        before_out = room;
        ret = inflate(&zs, Z_NO_FLUSH);
        pos += before_in - zs.avail_in;
        used += before_out - zs.avail_out;
        if (used > 0)
            *progressed = 1;
        if (limit != 0 && used > limit) {
            st = GZ_TOO_LARGE;
            break;
        }
        if (ret == Z_STREAM_END) {
            *progressed = 1;
            if (multi && n - pos >= 2 && gz_magic(in + pos, n - pos)) {
                if (inflateReset(&zs) != Z_OK) {
                    st = GZ_CORRUPT;
                    break;
                }
                continue;
            }
            /* Zero padding or junk after the last member is ignored,
             * as gzip(1) does. */
            break;
        }
        if (ret == Z_BUF_ERROR && zs.avail_in == 0 && pos == n) {
            st = GZ_CORRUPT; /* cut short */
            break;
        }
        if (ret == Z_MEM_ERROR) {
            st = GZ_NO_MEMORY;
            break;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            st = GZ_CORRUPT;
            break;
        }
    }
    inflateEnd(&zs);
    if (st != GZ_OK) {
        free(buf);
        return st;
    }
    buf[used] = '\0';
    *out = buf;
    *outlen = used;
    return GZ_OK;
}

gz_status gz_inflate(const char *in, size_t n, gz_mode mode, size_t limit,
                     char **out, size_t *outlen)
{
    int progressed;
    gz_status st;

    *out = NULL;
    *outlen = 0;
    if (mode == GZ_GZIP)
        return run_inflate(in, n, 16 + MAX_WBITS, 1, limit, out, outlen,
                           &progressed);
    st = run_inflate(in, n, MAX_WBITS, 0, limit, out, outlen, &progressed);
    if (st == GZ_CORRUPT && !progressed)
        st = run_inflate(in, n, -MAX_WBITS, 0, limit, out, outlen,
                         &progressed);
    return st;
}

size_t gz_peek(const char *in, size_t n, char *out, size_t cap)
{
    z_stream zs;
    size_t got;

    memset(&zs, 0, sizeof zs);
    if (cap == 0 || inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return 0;
    zs.next_in = (unsigned char *)(uintptr_t)in;
    zs.avail_in = (uInt)(n < ZCHUNK ? n : ZCHUNK);
    zs.next_out = (unsigned char *)out;
    zs.avail_out = (uInt)cap;
    (void)inflate(&zs, Z_SYNC_FLUSH);
    got = cap - zs.avail_out;
    inflateEnd(&zs);
    return got;
}
