#include "http.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

static int is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* Trims spaces and tabs around v[0..*n). */
static const char *trim(const char *v, size_t *n)
{
    while (*n > 0 && is_space(v[0])) {
        v++;
        (*n)--;
    }
    while (*n > 0 && (is_space(v[*n - 1]) || v[*n - 1] == '\r'))
        (*n)--;
    return v;
}

int http_type_is_html(const char *v, size_t n)
{
    const char *semi = memchr(v, ';', n);
    size_t len = semi != NULL ? (size_t)(semi - v) : n;

    v = trim(v, &len);
    return (len == 9 && ascii_ncaseeq(v, "text/html", 9))
        || (len == 21 && ascii_ncaseeq(v, "application/xhtml+xml", 21));
}

/* The charset parameter of a Content-Type value, quoted or not. */
static void content_type_charset(const char *v, size_t n, char *out,
                                 size_t cap)
{
    out[0] = '\0';
    for (size_t i = 0; i + 8 <= n; i++) {
        size_t j, k;

        if (!ascii_ncaseeq(v + i, "charset=", 8)
            || (i > 0 && v[i - 1] != ';' && !is_space(v[i - 1])))
            continue;
        j = i + 8;
        if (j < n && v[j] == '"')
            j++;
        for (k = 0; j + k < n && k + 1 < cap; k++) {
            char c = v[j + k];

            if (c == '"' || c == ';' || is_space(c) || c == '\r')
                break;
            out[k] = c;
        }
        out[k] = '\0';
        return;
    }
}

static void field(http_info *h, const char *name, size_t nlen,
                  const char *v, size_t vlen)
{
    v = trim(v, &vlen);
    if (nlen == 12 && ascii_ncaseeq(name, "Content-Type", 12)) {
        h->html = http_type_is_html(v, vlen);
        content_type_charset(v, vlen, h->charset, sizeof h->charset);
    } else if (nlen == 17 && ascii_ncaseeq(name, "Transfer-Encoding", 17)) {
        h->chunked = vlen >= 7 && ascii_ncaseeq(v + vlen - 7, "chunked", 7);
    } else if (nlen == 16 && ascii_ncaseeq(name, "Content-Encoding", 16)) {
        size_t k = vlen < sizeof h->coding_name - 1 ? vlen
                                                    : sizeof h->coding_name - 1;

        memcpy(h->coding_name, v, k);
        h->coding_name[k] = '\0';
        if (vlen == 0 || (vlen == 8 && ascii_ncaseeq(v, "identity", 8)))
            h->coding = HTTP_IDENTITY;
        else if ((vlen == 4 && ascii_ncaseeq(v, "gzip", 4))
                 || (vlen == 6 && ascii_ncaseeq(v, "x-gzip", 6)))
            h->coding = HTTP_GZIP;
        else if (vlen == 7 && ascii_ncaseeq(v, "deflate", 7))
            h->coding = HTTP_DEFLATE;
        else
            h->coding = HTTP_OTHER;
    }
}

int http_parse(const char *p, size_t n, http_info *h)
{
    size_t pos, i;

    memset(h, 0, sizeof *h);
    h->html = -1;
    if (n < 12 || memcmp(p, "HTTP/", 5) != 0)
        return -1;
    for (i = 5; i < n && !is_space(p[i]) && p[i] != '\n'; i++)
        ;
    while (i < n && is_space(p[i]))
        i++;
    if (i + 3 > n || p[i] < '1' || p[i] > '9' || p[i + 1] < '0'
        || p[i + 1] > '9' || p[i + 2] < '0' || p[i + 2] > '9')
        return -1;
    h->status = (p[i] - '0') * 100 + (p[i + 1] - '0') * 10 + (p[i + 2] - '0');
    {
        const char *nl = memchr(p + i, '\n', n - i);

        if (nl == NULL) {
            h->head_len = n;
            return 0;
        }
        pos = (size_t)(nl - p) + 1;
    }
    /* Fields up to the blank line; a head without one is all head. */
    while (pos < n) {
        const char *nl = memchr(p + pos, '\n', n - pos);
        size_t end = nl != NULL ? (size_t)(nl - p) : n;
        size_t len = end - pos;
        const char *colon;

        if (len > 0 && p[end - 1] == '\r')
            len--;
        if (len == 0) {
            pos = nl != NULL ? end + 1 : n;
            break;
        }
        colon = memchr(p + pos, ':', len);
        if (colon != NULL && !is_space(p[pos]))
            field(h, p + pos, (size_t)(colon - (p + pos)), colon + 1,
                  len - (size_t)(colon + 1 - (p + pos)));
        pos = nl != NULL ? end + 1 : n;
    }
    h->head_len = pos;
    return 0;
}

/* Case-insensitive prefix test of s[0..n) against a lowercase word,
 * which must be followed by white space, '>' or the end. */
static int tag_at(const char *s, size_t n, const char *word)
{
    size_t m = strlen(word);

    if (n < m || !ascii_ncaseeq(s, word, m))
        return 0;
    return n == m || s[m] == ' ' || s[m] == '>' || s[m] == '\t'
        || s[m] == '\n' || s[m] == '\r';
}

int http_sniff_html(const char *p, size_t n)
{
    static const char *const tags[] = {
        "<!doctype html", "<html", "<head", "<script", "<iframe", "<h1",
        "<div", "<font", "<table", "<a", "<style", "<title", "<b", "<body",
        "<br", "<p", "<meta", "<link"
    };
    size_t i = 0;

    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (int round = 0; round < 2; round++) {
        while (i < n && (is_space(p[i]) || p[i] == '\n' || p[i] == '\r'
                         || p[i] == '\f'))
            i++;
        if (round == 0 && n - i >= 5 && memcmp(p + i, "<?xml", 5) == 0) {
            const char *end = memchr(p + i, '>', n - i);

            if (end == NULL)
                return 0;
            i = (size_t)(end - p) + 1;
            continue;
        }
        break;
    }
    if (n - i >= 4 && memcmp(p + i, "<!--", 4) == 0)
        return 1;
    for (size_t t = 0; t < sizeof tags / sizeof tags[0]; t++)
        if (tag_at(p + i, n - i, tags[t]))
            return 1;
    return 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int http_dechunk(const char *in, size_t n, size_t limit,
                 char **out, size_t *outlen)
{
    sbuf b = SBUF_INIT;
    size_t pos = 0;
    int first = 1;

    *out = NULL;
    *outlen = 0;
    while (pos < n) {
        size_t size = 0, digits = 0;
        const char *nl;

        while (pos < n && hex_value(in[pos]) >= 0) {
            if (size > ((size_t)-1 >> 4)) {
                digits = 0;
                break;
            }
            size = size * 16 + (size_t)hex_value(in[pos]);
            pos++;
            digits++;
        }
        if (digits == 0) {
            if (first) {
                sb_free(&b);
                return -1;
            }
            break; /* damaged: keep what came before */
        }
        first = 0;
        nl = memchr(in + pos, '\n', n - pos);
        if (nl == NULL)
            break;
        pos = (size_t)(nl - in) + 1;
        if (size == 0)
            break; /* the last chunk; trailer fields are of no use here */
        if (size > n - pos)
            size = n - pos; /* cut short */
        if (limit != 0 && b.len + size > limit) {
            sb_free(&b);
            return 1;
        }
        sb_add(&b, in + pos, size);
        pos += size;
        if (pos < n && in[pos] == '\r')
            pos++;
        if (pos < n && in[pos] == '\n')
            pos++;
    }
    if (b.p == NULL)
        sb_add(&b, "", 0);
    if (b.oom) {
        sb_free(&b);
        return -2;
    }
    *outlen = b.len;
    *out = sb_detach(&b);
    return 0;
}
