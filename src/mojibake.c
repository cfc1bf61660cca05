/* mojibake: UTF-8 text that was once read as windows-1252 (or Latin-1)
 * and written out again as UTF-8 ("doesnâ€™t", "CafÃ©", "Â " for a
 * no-break space) is put back ("doesn’t", "Café"). Each damaged character
 * is a run of code points: one standing for a UTF-8 lead byte (U+00C2 to
 * U+00F4) and one to three standing for continuation bytes (U+0080 to
 * U+00BF, or the windows-1252 characters of bytes 0x80 to 0x9F: "€",
 * "™", curly quotes ...). The bytes they stand for must form one
 * well-formed UTF-8 sequence.
 *
 * Text in Latin-1 or windows-1252 seldom puts such runs together by
 * chance ("É»" does), so a page is repaired only when it shows the damage
 * plainly: two runs or more led by "Ã", "Â" or "â" (Latin letters,
 * symbols and no-break spaces, punctuation such as "â€™"), or five runs
 * of any kind (Cyrillic "Ð¿Ñ€", Polish "Å‚"); "Ã" before a no-break
 * space counts for neither. Text damaged twice is
 * repaired twice. A run only ever shrinks, so the repair is in place. */
#include "mojibake.h"

#include <stdint.h>
#include <string.h>

/* The byte that code point cp stands for when it came from windows-1252
 * or Latin-1 decoding of a byte 0x80-0xBF; -1 when none. */
static int cont_byte(uint32_t cp)
{
    static const struct {
        uint16_t cp;
        uint8_t byte;
    } w1252[] = {
        {0x0152, 0x8C}, {0x0153, 0x9C}, {0x0160, 0x8A}, {0x0161, 0x9A}, {0x0178, 0x9F},
        {0x017D, 0x8E}, {0x017E, 0x9E}, {0x0192, 0x83}, {0x02C6, 0x88}, {0x02DC, 0x98},
        {0x2013, 0x96}, {0x2014, 0x97}, {0x2018, 0x91}, {0x2019, 0x92}, {0x201A, 0x82},
        {0x201C, 0x93}, {0x201D, 0x94}, {0x201E, 0x84}, {0x2020, 0x86}, {0x2021, 0x87},
        {0x2022, 0x95}, {0x2026, 0x85}, {0x2030, 0x89}, {0x2039, 0x8B}, {0x203A, 0x9B},
        {0x20AC, 0x80}, {0x2122, 0x99},
    };
    if (cp >= 0x80 && cp <= 0xBF)
        return (int)cp;
    if (cp < 0x152 || cp > 0x2122)
        return -1;
    size_t lo = 0, hi = sizeof w1252 / sizeof *w1252;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (w1252[mid].cp == cp)
            return w1252[mid].byte;
        if (w1252[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Decodes the code point at s[0..n) (valid UTF-8); returns its length. */
static size_t get_cp(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned c = s[0];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (k > n || c < 0x80 || (c >= 0x80 && c < 0xC0)) {
        *cp = c;
        return 1;
    }
    uint32_t v = c & (0x7F >> k);
    for (size_t i = 1; i < k; i++)
        v = v << 6 | (s[i] & 0x3Fu);
    *cp = v;
    return k;
}

/* Whether bytes b[0..k) are one well-formed UTF-8 sequence. */
static int well_formed(const unsigned char *b, size_t k)
{
    unsigned lo = 0x80, hi = 0xBF;
    if (b[0] == 0xE0)
        lo = 0xA0;
    else if (b[0] == 0xED)
        hi = 0x9F;
    else if (b[0] == 0xF0)
        lo = 0x90;
    else if (b[0] == 0xF4)
        hi = 0x8F;
    if (b[1] < lo || b[1] > hi)
        return 0;
    for (size_t i = 2; i < k; i++)
        if (b[i] < 0x80 || b[i] > 0xBF)
            return 0;
    return 1;
}

/* The damaged run at s[0..n): its length in s, with the bytes it stands
 * for in out[0..*k); 0 when none starts here. */
static size_t run_at(const unsigned char *s, size_t n, unsigned char out[4], size_t *k)
{
    /* the lead: U+00C2-U+00F4, encoded C3 82 - C3 B4 */
    if (n < 4 || s[0] != 0xC3 || s[1] < 0x82 || s[1] > 0xB4)
        return 0;
    unsigned lead = 0xC0 | (s[1] & 0x3Fu);
    size_t need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3;
    size_t at = 2;
    out[0] = (unsigned char)lead;
    for (size_t i = 1; i <= need; i++) {
        if (at >= n)
            return 0;
        uint32_t cp;
        size_t len = get_cp(s + at, n - at, &cp);
        int b = cont_byte(cp);
        if (b < 0)
            return 0;
        out[i] = (unsigned char)b;
        at += len;
    }
    *k = need + 1;
    return well_formed(out, *k) ? at : 0;
}

/* Counts the runs in s[0..n): all of them, and those led by "Ã", "Â" or
 * "â"; stops once the page qualifies. */
static int damaged(const unsigned char *s, size_t n)
{
    unsigned all = 0, plain = 0;
    const unsigned char *p = s, *end = s + n;
    while ((p = memchr(p, 0xC3, (size_t)(end - p)))) {
        unsigned char b[4];
        size_t k, len = run_at(p, (size_t)(end - p), b, &k);
        if (!len) {
            p++;
            continue;
        }
        /* "Ã" and a no-break space is also a word in capitals ending in
         * "Ã" before one ("IRMÃ"): no evidence */
        int weak = k == 2 && b[0] == 0xC3 && b[1] == 0xA0;
        all += !weak;
        plain += !weak && (b[0] == 0xC2 || b[0] == 0xC3 || b[0] == 0xE2);
        if (plain >= 2 || all >= 5)
            return 1;
        p += len;
    }
    return 0;
}

size_t dc_mojibake_repair(char *text, size_t *len)
{
    size_t fixed = 0;
    for (int pass = 0; pass < 2; pass++) {
        unsigned char *s = (unsigned char *)text;
        size_t n = *len, r = 0, w = 0, now = 0;
        if (!damaged(s, n))
            break;
        while (r < n) {
            unsigned char *p = memchr(s + r, 0xC3, n - r);
            size_t upto = p ? (size_t)(p - s) : n;
            if (w != r)
                memmove(s + w, s + r, upto - r);
            w += upto - r;
            r = upto;
            if (r >= n)
                break;
            unsigned char b[4];
            size_t k, m = run_at(s + r, n - r, b, &k);
            if (m) {
                memcpy(s + w, b, k);
                w += k;
                r += m;
                now++;
            } else {
                s[w++] = s[r++];
            }
        }
        s[w] = '\0';
        *len = w;
        fixed += now;
        if (!now)
            break;
    }
    return fixed;
}
