#include "util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int sb_reserve(sbuf *b, size_t extra)
{
    size_t need, ncap;
    char *np;

    if (b->oom)
        return -1;
    if (extra > SIZE_MAX - b->len - 1) {
        b->oom = 1;
        return -1;
    }
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    ncap = b->cap < 256 ? 256 : b->cap;
    while (ncap < need)
        ncap = ncap <= SIZE_MAX / 2 ? ncap * 2 : need;
    np = realloc(b->p, ncap);
    if (np == NULL) {
        b->oom = 1;
        return -1;
    }
    b->p = np;
    b->cap = ncap;
    return 0;
}

void sb_add(sbuf *b, const void *p, size_t n)
{
    if (n == 0 && b->p != NULL)
        return;
    if (sb_reserve(b, n) != 0)
        return;
    if (n > 0)
        memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void sb_adds(sbuf *b, const char *s)
{
    sb_add(b, s, strlen(s));
}

void sb_addc(sbuf *b, char c)
{
    sb_add(b, &c, 1);
}

void sb_printf(sbuf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || sb_reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_free(sbuf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

char *sb_detach(sbuf *b)
{
    char *p;

    if (b->oom) {
        sb_free(b);
        return NULL;
    }
    if (b->p == NULL)
        sb_add(b, "", 0);
    p = b->p;
    b->p = NULL;
    b->len = b->cap = 0;
    return p;
}

/* Length of the valid UTF-8 sequence at s[0..n), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    size_t len;
    unsigned min;

    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    unsigned cp = c & (0x3Fu >> (len - 1));
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

void sb_json_str(sbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, run = 0;

    sb_addc(b, '"');
    while (i < n) {
        unsigned c = u[i];
        size_t k;

        if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
            run++;
            i++;
            continue;
        }
        if (c >= 0x80 && (k = utf8_seq(u + i, n - i)) > 0) {
            run += k;
            i += k;
            continue;
        }
        sb_add(b, s + i - run, run);
        run = 0;
        switch (c) {
        case '"': sb_add(b, "\\\"", 2); break;
        case '\\': sb_add(b, "\\\\", 2); break;
        case '\n': sb_add(b, "\\n", 2); break;
        case '\r': sb_add(b, "\\r", 2); break;
        case '\t': sb_add(b, "\\t", 2); break;
        default:
            if (c < 0x20) {
                char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                sb_add(b, e, 6);
            } else {
                sb_add(b, "\\ufffd", 6);
            }
        }
        i++;
    }
    sb_add(b, s + i - run, run);
    sb_addc(b, '"');
}

char *utf8_clean(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), i = 0;
    sbuf b = SBUF_INIT;

    while (i < n) {
        size_t k = utf8_seq(u + i, n - i);

        if (k > 0) {
            sb_add(&b, s + i, k);
            i += k;
        } else {
            sb_add(&b, "\xEF\xBF\xBD", 3);
            i++;
        }
    }
    return sb_detach(&b);
}

double now_seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

char *mem_strdup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (p != NULL) {
        if (n > 0)
            memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

static int ascii_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int ascii_ncaseeq(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (ascii_lower((unsigned char)a[i]) != ascii_lower((unsigned char)b[i]))
            return 0;
    return 1;
}

int ascii_has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && ascii_ncaseeq(s + n - m, suffix, m);
}
