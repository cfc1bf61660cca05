#include "warc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "gz.h"
#include "util.h"

#define READ_CHUNK ((size_t)256 * 1024)
#define HEADER_MAX ((size_t)64 * 1024)
#define PEEK_MAX ((size_t)16 * 1024)
/* Compressed bytes of the current gzip member kept so that, when the
 * member turns out damaged, the search for the next member can start
 * right after its beginning. Longer members are let go. */
#define RAW_KEEP ((size_t)16 * 1024 * 1024)
#define NO_MEMBER ((size_t)-1)

enum { F_TYPE, F_URI, F_ID, F_DATE, F_CTYPE, F_COUNT };

struct warc_reader {
    int fd;
    size_t limit;
    /* Compressed input (gzip files only). */
    int gz;
    z_stream zs;
    int zs_live;
    unsigned char *raw;
    size_t raw_cap, raw_pos, raw_len;
    size_t member;          /* raw index of the current member's start */
    int raw_eof;
    /* The decompressed stream: buf[pos..len) is not consumed yet. */
    char *buf;
    size_t cap, pos, len;
    unsigned long long base; /* stream offset of buf[0] */
    int end;                 /* no more bytes will come */
    int io_errno;
    /* Where the stream is discontinuous: a damaged member was dropped
     * and decompression went on at a later member. */
    unsigned long long gap;
    int has_gap;
    /* Set after a damaged record: look for the next one from here. */
    int resync;
    unsigned long long resync_from;
    int resync_here;         /* a record may start right at resync_from */
    unsigned long number;
    char *f[F_COUNT];
    char peek[PEEK_MAX];
    char err[256];
};

static int raw_refill(warc_reader *r)
{
    size_t keep = r->member != NO_MEMBER ? r->member : r->raw_pos;
    ssize_t k;

    if (r->raw_pos - keep > RAW_KEEP) {
        r->member = NO_MEMBER;
        keep = r->raw_pos;
    }
    if (keep > 0) {
        memmove(r->raw, r->raw + keep, r->raw_len - keep);
        r->raw_len -= keep;
        r->raw_pos -= keep;
        if (r->member != NO_MEMBER)
            r->member -= keep;
    }
    if (r->raw_cap - r->raw_len < READ_CHUNK / 2) {
        size_t ncap = r->raw_cap * 2;
        unsigned char *nr = realloc(r->raw, ncap);

        if (nr == NULL) {
            r->io_errno = ENOMEM;
            return -1;
        }
        r->raw = nr;
        r->raw_cap = ncap;
    }
    do
        k = read(r->fd, r->raw + r->raw_len, r->raw_cap - r->raw_len);
    while (k < 0 && errno == EINTR);
    if (k < 0) {
        r->io_errno = errno;
        return -1;
    }
    if (k == 0)
        r->raw_eof = 1;
    r->raw_len += (size_t)k;
    return 0;
}

static void mark_gap(warc_reader *r)
{
    r->gap = r->base + r->len;
    r->has_gap = 1;
}

/* Moves to the next gzip member header at or after raw index from.
 * Returns 0 when one was found, 1 at the end of the input, -1 on error. */
static int find_member(warc_reader *r, size_t from)
{
    for (;;) {
        size_t i;

        for (i = from; i + 3 <= r->raw_len; i++)
            if (r->raw[i] == 0x1f && r->raw[i + 1] == 0x8b
                && r->raw[i + 2] == 8)
                break;
        if (i + 3 <= r->raw_len) {
            r->raw_pos = r->member = i;
            return inflateReset(&r->zs) == Z_OK ? 0 : -1;
        }
        /* Keep the last two bytes: they may begin a header. */
        r->member = NO_MEMBER;
        r->raw_pos = r->raw_len >= from + 2 ? r->raw_len - 2 : from;
        if (r->raw_eof) {
            r->raw_pos = r->raw_len;
            return 1;
        }
        if (raw_refill(r) != 0)
            return -1;
        from = r->raw_pos;
    }
}

/* Appends decompressed bytes to buf[len..cap). 1: some came, 0: end. */
static int inflate_more(warc_reader *r)
{
    for (;;) {
        size_t in_before, out_before, produced;
        int ret;

        if (r->raw_pos == r->raw_len) {
            if (r->raw_eof) {
                if (r->zs_live == 2) /* inside a member: it was cut short */
                    mark_gap(r);
                return 0;
            }
            if (raw_refill(r) != 0)
                return -1;
            continue;
        }
        if (r->zs_live == 1) {
            /* Between members: only a new member may follow. */
            if (r->raw_len - r->raw_pos < 3 && !r->raw_eof) {
                if (raw_refill(r) != 0)
                    return -1;
                continue;
            }
            if (r->raw_len - r->raw_pos >= 3 && r->raw[r->raw_pos] == 0x1f
                && r->raw[r->raw_pos + 1] == 0x8b) {
                r->member = r->raw_pos;
                if (inflateReset(&r->zs) != Z_OK)
                    return -1;
            } else {
                int f;

                mark_gap(r);
                f = find_member(r, r->raw_pos);
                if (f != 0)
                    return f < 0 ? -1 : 0;
            }
            r->zs_live = 2;
        }
        in_before = r->raw_len - r->raw_pos;
        out_before = r->cap - r->len;
        r->zs.next_in = r->raw + r->raw_pos;
        r->zs.avail_in = (uInt)(in_before < (1u << 30) ? in_before : (1u << 30));
        in_before = r->zs.avail_in;
        r->zs.next_out = (unsigned char *)r->buf + r->len;
        r->zs.avail_out = (uInt)(out_before < (1u << 30) ? out_before : (1u << 30));
        out_before = r->zs.avail_out;
        ret = inflate(&r->zs, Z_NO_FLUSH);
        r->raw_pos += in_before - r->zs.avail_in;
        produced = out_before - r->zs.avail_out;
        r->len += produced;
        if (ret == Z_STREAM_END) {
            r->zs_live = 1;
        } else if (ret == Z_MEM_ERROR) {
            r->io_errno = ENOMEM;
            return -1;
        } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
            /* Damaged member: the next one may begin anywhere after the
             * start of this one (a member cut short, then a good one). */
            int f;

            mark_gap(r);
            f = find_member(r, r->member != NO_MEMBER ? r->member + 1
                                                      : r->raw_pos);
            if (f < 0)
                return -1;
            if (f > 0)
                return produced > 0 ? 1 : 0;
        }
        if (produced > 0)
            return 1;
    }
}

/* Makes room and reads more of the stream. 1: bytes came, 0: the end,
 * -1: error (io_errno). */
static int more(warc_reader *r)
{
    ssize_t k;

    if (r->end)
        return 0;
    if (r->cap - r->len < READ_CHUNK) {
        if (r->pos > 0) {
            memmove(r->buf, r->buf + r->pos, r->len - r->pos);
            r->base += r->pos;
            r->len -= r->pos;
            r->pos = 0;
        }
        if (r->cap - r->len < READ_CHUNK) {
            size_t ncap = r->cap * 2;
            char *nb = realloc(r->buf, ncap);

            if (nb == NULL) {
                r->io_errno = ENOMEM;
                r->end = 1;
                return -1;
            }
            r->buf = nb;
            r->cap = ncap;
        }
    }
    if (r->gz) {
        int m = inflate_more(r);

        if (m <= 0)
            r->end = 1;
        return m;
    }
    do
        k = read(r->fd, r->buf + r->len, r->cap - r->len);
    while (k < 0 && errno == EINTR);
    if (k <= 0) {
        if (k < 0)
            r->io_errno = errno;
        r->end = 1;
        return k < 0 ? -1 : 0;
    }
    r->len += (size_t)k;
    return 1;
}

/* Ensures n unconsumed bytes when the stream has them; returns how many
 * there are (fewer only at the end). */
static size_t want(warc_reader *r, size_t n)
{
    while (r->len - r->pos < n && more(r) > 0)
        ;
    return r->len - r->pos;
}

warc_reader *warc_open(int fd, size_t limit)
{
    warc_reader *r = calloc(1, sizeof *r);

    if (r == NULL)
        return NULL;
    r->fd = fd;
    r->limit = limit;
    r->member = NO_MEMBER;
    r->cap = READ_CHUNK * 4;
    r->buf = malloc(r->cap);
    r->raw_cap = READ_CHUNK * 2;
    r->raw = malloc(r->raw_cap);
    if (r->buf == NULL || r->raw == NULL) {
        warc_close(r);
        return NULL;
    }
    /* gzip or not, from the first bytes. */
    while (r->raw_len < 2 && !r->raw_eof)
        if (raw_refill(r) != 0)
            break;
    if (gz_magic(r->raw, r->raw_len)) {
        r->gz = 1;
        if (inflateInit2(&r->zs, 16 + MAX_WBITS) != Z_OK) {
            warc_close(r);
            return NULL;
        }
        r->zs_live = 1;
    } else {
        memcpy(r->buf, r->raw, r->raw_len);
        r->len = r->raw_len;
    }
    return r;
}

void warc_close(warc_reader *r)
{
    if (r == NULL)
        return;
    if (r->zs_live)
        inflateEnd(&r->zs);
    for (int i = 0; i < F_COUNT; i++)
        free(r->f[i]);
    free(r->raw);
    free(r->buf);
    free(r);
}

/* "WARC/1.N" and a line end: a record start even in mid-line, where a
 * record cut short by its writer left the next one. */
static int version_line(const char *p, size_t n)
{
    return n >= 9 && memcmp(p, "WARC/1.", 7) == 0 && p[7] >= '0'
        && p[7] <= '9'
        && (p[8] == '\n' || (n >= 10 && p[8] == '\r' && p[9] == '\n'));
}

/*
 * Positions the reader at the next record start at or after stream
 * offset from: a line starting with "WARC/" (a line start at from itself
 * only when here is set), or a WARC/1.x version line anywhere.
 * Returns 0 when one was found, 1 at the end of the stream.
 */
static int scan_to_record(warc_reader *r, unsigned long long from, int here)
{
    unsigned long long i = from;

    if (from < r->base + r->pos)
        i = from = r->base + r->pos;
    r->pos = (size_t)(from - r->base);
    for (;;) {
        size_t at = (size_t)(i - r->base);

        while (at < r->len) {
            char *w = memchr(r->buf + at, 'W', r->len - at);

            if (w == NULL) {
                at = r->len;
                break;
            }
            at = (size_t)(w - r->buf);
            if (r->len - at < 10 && !r->end) {
                /* Not enough bytes to tell: read on from here. */
                break;
            }
            if (version_line(r->buf + at, r->len - at)
                || (((at > 0 && r->buf[at - 1] == '\n' && r->base + at > from)
                     || (here && r->base + at == from))
                    && r->len - at >= 5
                    && memcmp(r->buf + at, "WARC/", 5) == 0)) {
                r->pos = at;
                return 0;
            }
            at++;
        }
        i = r->base + at;
        /* Keep one byte before i: the newline test needs it. */
        if (at > r->pos + 1)
            r->pos = at - 1;
        if (more(r) <= 0) {
            r->pos = r->len;
            return 1;
        }
    }
}

static void set_field(warc_reader *r, int which, const char *v, size_t n)
{
    while (n > 0 && (v[0] == ' ' || v[0] == '\t')) {
        v++;
        n--;
    }
    while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r'))
        n--;
    /* WARC/1.0 examples wrap the target URI in angle brackets. */
    if (which == F_URI && n >= 2 && v[0] == '<' && v[n - 1] == '>') {
        v++;
        n -= 2;
    }
    free(r->f[which]);
    r->f[which] = mem_strdup(v, n);
}

static int parse_length(const char *v, size_t n, unsigned long long *out)
{
    unsigned long long x = 0;
    size_t i = 0, digits = 0;

    while (i < n && (v[i] == ' ' || v[i] == '\t'))
        i++;
    for (; i < n && v[i] >= '0' && v[i] <= '9'; i++, digits++) {
        if (x > (ULLONG_MAX - 9) / 10)
            return -1;
        x = x * 10 + (unsigned long long)(v[i] - '0');
    }
    while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == '\r'))
        i++;
    if (digits == 0 || i != n)
        return -1;
    *out = x;
    return 0;
}

static void fill_record(warc_reader *r, warc_record *rec,
                        unsigned long long start)
{
    rec->number = r->number;
    rec->offset = start;
    rec->type = r->f[F_TYPE] != NULL ? r->f[F_TYPE] : "";
    rec->target_uri = r->f[F_URI];
    rec->record_id = r->f[F_ID];
    rec->date = r->f[F_DATE];
    rec->content_type = r->f[F_CTYPE];
}

PRINTF_LIKE(5, 6)
static warc_event bad(warc_reader *r, warc_record *rec,
                      unsigned long long start, unsigned long long from,
                      const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(r->err, sizeof r->err, fmt, ap);
    va_end(ap);
    fill_record(r, rec, start);
    rec->error = r->err;
    r->resync = 1;
    r->resync_from = from;
    /* Only after a gzip gap may a record start mid-line. */
    r->resync_here = r->has_gap && from == r->gap;
    return WARC_BAD;
}

/* Skips a block too long to hold, keeping its first bytes for a look. */
static warc_event skip_block(warc_reader *r, warc_record *rec,
                             unsigned long long start,
                             unsigned long long clen)
{
    size_t have = want(r, PEEK_MAX);
    size_t peek = have < PEEK_MAX ? have : PEEK_MAX;

    if ((unsigned long long)peek > clen)
        peek = (size_t)clen;

    memcpy(r->peek, r->buf + r->pos, peek);
    while (clen > 0) {
        size_t avail = r->len - r->pos;
        size_t take = (unsigned long long)avail < clen ? avail : (size_t)clen;

        r->pos += take;
        clen -= take;
        if (clen > 0 && more(r) <= 0)
            return bad(r, rec, start, r->base + r->pos,
                       "truncated WARC record (the file ends inside it)");
    }
    fill_record(r, rec, start);
    rec->block = r->peek;
    rec->block_len = peek;
    rec->oversized = 1;
    /* A trailer that is not where it should be: look for the next
     * record from here on the next call. */
    have = want(r, 4);
    if (have >= 4 && memcmp(r->buf + r->pos, "\r\n\r\n", 4) == 0)
        r->pos += 4;
    else if (have > 0) {
        r->resync = 1;
        r->resync_from = r->base + r->pos;
        r->resync_here = 1;
    }
    return WARC_RECORD;
}

static warc_event parse_record(warc_reader *r, warc_record *rec)
{
    unsigned long long start = r->base + r->pos, clen = 0;
    size_t hlen = 0, line_start, have, tail;
    int have_len = 0, bad_len = 0;

    for (int i = 0; i < F_COUNT; i++) {
        free(r->f[i]);
        r->f[i] = NULL;
    }
    r->number++;
    /* The header: a version line, fields, an empty line. */
    for (line_start = 0;;) {
        char *nl;
        size_t n;

        have = r->len - r->pos;
        nl = memchr(r->buf + r->pos + line_start, '\n', have - line_start);
        if (nl == NULL) {
            if (have > HEADER_MAX)
                return bad(r, rec, start, start + 1,
                           "WARC record header too long");
            if (more(r) <= 0)
                return bad(r, rec, start, start + 1,
                           "truncated WARC record header");
            continue;
        }
        n = (size_t)(nl - (r->buf + r->pos + line_start));
        {
            const char *l = r->buf + r->pos + line_start;
            size_t len = n > 0 && l[n - 1] == '\r' ? n - 1 : n;

            if (line_start == 0) {
                if (len < 6 || memcmp(l, "WARC/", 5) != 0 || l[5] < '0'
                    || l[5] > '9') {
                    r->number--;
                    return bad(r, rec, start, start + 1,
                               "no WARC record at offset %llu", start);
                }
            } else if (len == 0) {
                hlen = line_start + n + 1;
                break;
            } else {
                const char *colon = memchr(l, ':', len);

                if (colon != NULL) {
                    size_t nl_len = (size_t)(colon - l);
                    const char *v = colon + 1;
                    size_t vl = len - nl_len - 1;
                    static const char *const names[F_COUNT] = {
                        "WARC-Type", "WARC-Target-URI", "WARC-Record-ID",
                        "WARC-Date", "Content-Type"
                    };

                    for (int i = 0; i < F_COUNT; i++)
                        if (nl_len == strlen(names[i])
                            && ascii_ncaseeq(l, names[i], nl_len))
                            set_field(r, i, v, vl);
                    if (nl_len == 14 && ascii_ncaseeq(l, "Content-Length", 14)) {
                        have_len = 1;
                        if (parse_length(v, vl, &clen) != 0)
                            bad_len = 1;
                    }
                }
            }
        }
        line_start += n + 1;
        if (line_start > HEADER_MAX)
            return bad(r, rec, start, start + 1, "WARC record header too long");
    }
    if (!have_len || bad_len)
        return bad(r, rec, start, start + 1,
                   "WARC record without a valid Content-Length");

    r->pos += hlen;
    if (r->limit != 0 && clen > r->limit)
        return skip_block(r, rec, start, clen);
    /* The block, its "\r\n\r\n" and enough to see the next record. */
    have = want(r, (size_t)clen + 4 + 5);
    /* Decompression skipped a damaged gzip member inside the record: the
     * next member holds the next record. */
    if (r->has_gap && r->gap > start
        && r->gap < r->base + r->pos + (have < clen ? have : clen) + 4)
        return bad(r, rec, start, r->gap,
                   "damaged gzip data in the WARC record");
    if (have < clen)
        return bad(r, rec, start, r->base + r->pos,
                   "truncated WARC record: %zu of %llu bytes", have, clen);
    tail = 0;
    while (tail < 4 && (size_t)clen + tail < have
           && (r->buf[r->pos + clen + tail] == '\r'
               || r->buf[r->pos + clen + tail] == '\n'))
        tail++;
    if (!((tail == 4)
          || (size_t)clen + tail == have
          || (have - (size_t)clen - tail >= 5
              && memcmp(r->buf + r->pos + clen + tail, "WARC/", 5) == 0
              && tail > 0)))
        return bad(r, rec, start, r->base + r->pos,
                   "WARC record does not end where its Content-Length says");
    fill_record(r, rec, start);
    rec->block = r->buf + r->pos;
    rec->block_len = (size_t)clen;
    r->pos += (size_t)clen + tail;
    return WARC_RECORD;
}

warc_event warc_next(warc_reader *r, warc_record *rec)
{
    memset(rec, 0, sizeof *rec);
    for (;;) {
        if (r->resync) {
            r->resync = 0;
            if (scan_to_record(r, r->resync_from, r->resync_here) != 0)
                break;
        }
        /* Line ends between records are tolerated. */
        for (;;) {
            if (r->pos == r->len && more(r) <= 0)
                break;
            if (r->buf[r->pos] != '\r' && r->buf[r->pos] != '\n')
                break;
            r->pos++;
        }
        if (r->pos == r->len)
            break;
        return parse_record(r, rec);
    }
    if (r->io_errno != 0) {
        snprintf(r->err, sizeof r->err, "%s", strerror(r->io_errno));
        r->io_errno = 0;
        rec->error = r->err;
        return WARC_IO;
    }
    return WARC_END;
}

int warc_sniff(const char *path)
{
    struct stat st;
    char head[512], plain[16];
    ssize_t k;
    size_t n;
    int fd;

    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    fd = open(path, O_RDONLY);
    if (fd < 0)
        return 0;
    do
        k = read(fd, head, sizeof head);
    while (k < 0 && errno == EINTR);
    close(fd);
    if (k <= 0)
        return 0;
    n = (size_t)k;
    if (gz_magic(head, n)) {
        n = gz_peek(head, n, plain, sizeof plain);
        return n >= 7 && memcmp(plain, "WARC/1.", 7) == 0;
    }
    return n >= 7 && memcmp(head, "WARC/1.", 7) == 0;
}
