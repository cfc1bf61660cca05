/* nfc: canonical composition (nfc.h). */
#include "nfc.h"

#include <stdint.h>

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

/* Whether byte c can begin the UTF-8 form of a second character of a
 * pair or a Hangul vowel or trailing consonant: most text has none of
 * these and is copied without a look at its characters. */
static int maybe_second(unsigned char c)
{
    return c == 0xCC || c == 0xCD || c == 0xD9 || c == 0xE0 || c == 0xE1 || c == 0xE3 ||
           c == 0xF0;
}

/* Decodes the character at p (n bytes left, n > 0); *len gets its length.
 * Bytes that are not well-formed UTF-8 decode one at a time to a value
 * no pair holds. */
static uint32_t decode(const unsigned char *p, size_t n, size_t *len)
{
    unsigned char c = p[0];
    size_t k = c < 0x80    ? 1
               : c < 0xC2  ? 0
               : c < 0xE0  ? 2
               : c < 0xF0  ? 3
               : c < 0xF5  ? 4
                           : 0;
    if (k == 0 || k > n) {
        *len = 1;
        return 0xFFFFFFFFu;
    }
    uint32_t cp = k == 1 ? c : k == 2 ? c & 0x1F : k == 3 ? c & 0x0F : c & 0x07;
    for (size_t i = 1; i < k; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *len = 1;
            return 0xFFFFFFFFu;
        }
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    *len = k;
    return cp;
}

static size_t encode(uint32_t cp, unsigned char *out)
{
    if (cp < 0x80) {
        out[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (unsigned char)(0xC0 | (cp >> 6));
        out[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (unsigned char)(0xE0 | (cp >> 12));
        out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (unsigned char)(0xF0 | (cp >> 18));
    out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
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

size_t dc_nfc_compose(char *str, size_t n)
{
    unsigned char *s = (unsigned char *)str;
    size_t r = 0, w = 0;
    size_t last = (size_t)-1; /* where the last character written begins */
    uint32_t last_cp = 0;
    while (r < n) {
        size_t len;
        uint32_t cp = decode(s + r, n - r, &len);
        uint32_t c = last != (size_t)-1 && is_second(cp) ? compose(last_cp, cp) : 0;
        if (c) {
            /* a composite is never longer than the two characters it
             * replaces: the write cursor never passes the read cursor */
            unsigned char tmp[4];
            size_t k = encode(c, tmp);
            for (size_t i = 0; i < k; i++)
                s[last + i] = tmp[i];
            w = last + k;
            last_cp = c;
        } else {
            if (w != r)
                for (size_t i = 0; i < len; i++)
                    s[w + i] = s[r + i];
            last = w;
            last_cp = cp;
            w += len;
        }
        r += len;
    }
    if (w < n)
        s[w] = '\0';
    return w;
}

int dc_nfc_candidate(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (maybe_second((unsigned char)s[i]))
            return 1;
    return 0;
}

void dc_buf_put_nfc(dc_buf *b, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && !maybe_second((unsigned char)s[i]))
        i++;
    size_t at = b->size + i;
    dc_buf_put(b, s, n);
    if (i == n || b->oom)
        return;
    /* from the character before the first candidate: the last one already
     * in b when s starts with a mark */
    size_t from = at;
    if (from > 0) {
        from--;
        while (from > 0 && ((unsigned char)b->ptr[from] & 0xC0) == 0x80)
            from--;
    }
    b->size = from + dc_nfc_compose(b->ptr + from, b->size - from);
    b->ptr[b->size] = '\0';
}
