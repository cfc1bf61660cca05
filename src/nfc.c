/* nfc: Unicode Normalization Form C for the text the renderers write
 * (nfc.h). */
#include "nfc.h"

#include <stdint.h>
#include <stdlib.h>

#include "nfc_table.h"

#define N(a) (sizeof(a) / sizeof *(a))

/* Hangul: leading consonants, vowels and trailing consonants compose by
 * arithmetic (Unicode 3.12). */
#define SBASE 0xAC00u
#define LBASE 0x1100u
#define VBASE 0x1161u
#define TBASE 0x11A7u
#define LCOUNT 19u
#define VCOUNT 21u
#define TCOUNT 28u
#define NCOUNT (VCOUNT * TCOUNT)
#define SCOUNT (LCOUNT * NCOUNT)

/* No character, as a decoding of bytes that are not UTF-8. */
#define NONE 0xFFFFFFFFu

static int lead(unsigned char c) { return (nfc_leads[c >> 5] >> (c & 31)) & 1u; }

int dc_nfc_candidate(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lead((unsigned char)s[i]))
            return 1;
    return 0;
}

/* Decodes the character at p (n > 0 bytes left); *len gets its length.
 * A byte that does not begin well-formed UTF-8 is NONE, one byte long. */
static uint32_t decode(const unsigned char *p, size_t n, size_t *len)
{
    unsigned char c = p[0];
    size_t k = c < 0x80   ? 1
               : c < 0xC2 ? 0
               : c < 0xE0 ? 2
               : c < 0xF0 ? 3
               : c < 0xF5 ? 4
                          : 0;
    *len = 1;
    if (k == 0 || k > n)
        return NONE;
    uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1Fu : k == 3 ? c & 0x0Fu : c & 0x07u;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return NONE;
        cp = (cp << 6) | (p[i] & 0x3Fu);
    }
    *len = k;
    return cp;
}

static void encode(dc_buf *b, uint32_t cp)
{
    char u[4];
    dc_buf_put(b, u, dc_utf8_encode(cp, u));
}

static int is_second(uint32_t cp)
{
    if ((cp >= VBASE && cp < VBASE + VCOUNT) || (cp > TBASE && cp < TBASE + TCOUNT))
        return 1;
    size_t lo = 0, hi = N(nfc_seconds);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nfc_seconds[mid] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N(nfc_seconds) && nfc_seconds[lo] == cp;
}

/* The composite of a and b, or 0 when there is none. */
static uint32_t compose(uint32_t a, uint32_t b)
{
    if (a >= LBASE && a < LBASE + LCOUNT && b >= VBASE && b < VBASE + VCOUNT)
        return SBASE + ((a - LBASE) * VCOUNT + (b - VBASE)) * TCOUNT;
    if (a >= SBASE && a < SBASE + SCOUNT && (a - SBASE) % TCOUNT == 0 && b > TBASE &&
        b < TBASE + TCOUNT)
        return a + (b - TBASE);
    size_t lo = 0, hi = N(nfc_pairs);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        const uint32_t *p = nfc_pairs[mid];
        if (p[0] < a || (p[0] == a && p[1] < b))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N(nfc_pairs) && nfc_pairs[lo][0] == a && nfc_pairs[lo][1] == b ? nfc_pairs[lo][2]
                                                                               : 0;
}

/* What NFC puts for cp wherever it stands (U+2126 OHM SIGN is U+03A9,
 * U+09DC is U+09A1 U+09BC), or NULL when cp stays. */
static const uint32_t *single(uint32_t cp)
{
    size_t lo = 0, hi = N(nfc_singles);
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (nfc_singles[mid][0] < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < N(nfc_singles) && nfc_singles[lo][0] == cp ? nfc_singles[lo] + 1 : NULL;
}

/* The composer's state: where in out the last character written begins
 * (out->size when there is none to compose with) and what it is. */
typedef struct composer {
    dc_buf *out;
    size_t last;
    uint32_t last_cp;
} composer;

static void push(composer *c, uint32_t cp)
{
    if (c->last < c->out->size && is_second(cp)) {
        uint32_t m = compose(c->last_cp, cp);
        if (m) {
            c->out->size = c->last; /* the composite takes the place of the two */
            encode(c->out, m);
            c->last_cp = m;
            return;
        }
    }
    c->last = c->out->size;
    c->last_cp = cp;
    encode(c->out, cp);
}

/* Appends s[0..n) to out in NFC, composing with nothing before it. */
static void normalize(dc_buf *out, const char *s, size_t n)
{
    composer c = {out, (size_t)-1, 0};
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        size_t len;
        uint32_t cp = decode(p + i, n - i, &len);
        if (cp == NONE) {
            dc_buf_put(out, s + i, 1); /* kept as it is, and nothing joins it */
            c.last = (size_t)-1;
        } else {
            const uint32_t *r = single(cp);
            if (!r)
                push(&c, cp);
            else
                for (int k = 0; k < 3 && r[k]; k++)
                    push(&c, r[k]);
        }
        i += len;
    }
    if (out->ptr && !out->oom)
        out->ptr[out->size] = '\0';
}

void dc_buf_put_nfc(dc_buf *b, const char *s, size_t n)
{
    if (!dc_nfc_candidate(s, n)) {
        dc_buf_put(b, s, n);
        return;
    }
    /* the last character already in b joins a mark that s starts with:
     * it is taken back and written again with s */
    size_t from = b->size;
    if (from > 0) {
        from--;
        while (from > 0 && ((unsigned char)b->ptr[from] & 0xC0) == 0x80)
            from--;
    }
    dc_buf tmp = DC_BUF_INIT;
    if (from < b->size)
        dc_buf_put(&tmp, b->ptr + from, b->size - from);
    dc_buf_put(&tmp, s, n);
    if (tmp.oom) {
        dc_buf_free(&tmp);
        dc_buf_put(b, s, n); /* as it is: better than nothing */
        return;
    }
    b->size = from;
    normalize(b, tmp.ptr, tmp.size);
    dc_buf_free(&tmp);
}

char *dc_nfc_dup(const char *s, size_t n)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_room(&b, n);
    normalize(&b, s, n);
    if (b.oom || !b.ptr) {
        dc_buf_free(&b);
        return NULL;
    }
    return dc_buf_detach(&b);
}
