#include "url.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "measure.h"

typedef struct span {
    const char *p;
    size_t n;
    int set; /* the component is present, possibly empty */
} span;

typedef struct parts {
    span scheme, authority, path, query, fragment;
} parts;

static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Splits s[0..n) by the grammar of RFC 3986 appendix B. */
static void split(const char *s, size_t n, parts *u)
{
    memset(u, 0, sizeof *u);
    size_t i = 0;
    if (n && is_alpha((unsigned char)s[0])) {
        size_t k = 1;
        while (k < n && (is_alpha((unsigned char)s[k]) || is_digit((unsigned char)s[k]) ||
                         s[k] == '+' || s[k] == '-' || s[k] == '.'))
            k++;
        if (k < n && s[k] == ':') {
            u->scheme = (span){s, k, 1};
            i = k + 1;
        }
    }
    if (i + 1 < n && s[i] == '/' && s[i + 1] == '/') {
        size_t k = i + 2;
        while (k < n && s[k] != '/' && s[k] != '?' && s[k] != '#')
            k++;
        u->authority = (span){s + i + 2, k - i - 2, 1};
        i = k;
    }
    size_t k = i;
    while (k < n && s[k] != '?' && s[k] != '#')
        k++;
    u->path = (span){s + i, k - i, 1};
    i = k;
    if (i < n && s[i] == '?') {
        k = ++i;
        while (k < n && s[k] != '#')
            k++;
        u->query = (span){s + i, k - i, 1};
        i = k;
    }
    if (i < n && s[i] == '#')
        u->fragment = (span){s + i + 1, n - i - 1, 1};
}

/* Drops "." and ".." segments (RFC 3986 section 5.2.4) from the path in
 * in[0..n), which it may overwrite, appending the result to out. */
static void remove_dots(char *in, size_t n, dc_buf *out)
{
    size_t start = out->size;
    char *p = in, *end = in + n;
    while (p < end) {
        size_t left = (size_t)(end - p);
        if (left >= 3 && memcmp(p, "../", 3) == 0) {
            p += 3;
        } else if (left >= 2 && memcmp(p, "./", 2) == 0) {
            p += 2;
        } else if (left >= 3 && memcmp(p, "/./", 3) == 0) {
            p += 2;
        } else if (left == 2 && memcmp(p, "/.", 2) == 0) {
            p[1] = '/';
            p++;
        } else if ((left >= 4 && memcmp(p, "/../", 4) == 0) ||
                   (left == 3 && memcmp(p, "/..", 3) == 0)) {
            if (left == 3) {
                p[2] = '/';
                p += 2;
            } else {
                p += 3;
            }
            size_t s = out->size;
            while (s > start && out->ptr[s - 1] != '/')
                s--;
            out->size = s > start ? s - 1 : start;
            if (out->ptr)
                out->ptr[out->size] = '\0';
        } else if ((left == 1 && p[0] == '.') || (left == 2 && memcmp(p, "..", 2) == 0)) {
            p = end;
        } else {
            char *q = p + 1;
            while (q < end && *q != '/')
                q++;
            dc_buf_put(out, p, (size_t)(q - p));
            p = q;
        }
    }
}

/* Appends s[0..n) to out without leading and trailing spaces and control
 * characters and without tabs and newlines. */
static void put_cleaned(dc_buf *out, const char *s, size_t n)
{
    while (n && (unsigned char)s[0] <= 0x20) {
        s++;
        n--;
    }
    while (n && (unsigned char)s[n - 1] <= 0x20)
        n--;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
            dc_buf_putc(out, s[i]);
}

static void put_span(dc_buf *out, span s) { dc_buf_put(out, s.p, s.n); }

/* Appends the target of reference r against base b to out (RFC 3986
 * section 5.2.2); tmp holds the merged path before its dots go. */
static void resolve_parts(const parts *b, const parts *r, dc_buf *out, dc_buf *tmp)
{
    const parts *auth_from = r, *query_from = r;
    tmp->size = 0;
    if (r->scheme.set || r->authority.set) {
        put_span(tmp, r->path);
    } else if (r->path.n == 0) {
        put_span(tmp, b->path);
        auth_from = b;
        if (!r->query.set)
            query_from = b;
    } else {
        auth_from = b;
        if (r->path.p[0] != '/') {
            if (b->authority.set && b->path.n == 0) {
                dc_buf_putc(tmp, '/');
            } else {
                size_t k = b->path.n;
                while (k && b->path.p[k - 1] != '/')
                    k--;
                dc_buf_put(tmp, b->path.p, k);
            }
        }
        put_span(tmp, r->path);
    }
    const span *scheme = r->scheme.set ? &r->scheme : &b->scheme;
    put_span(out, *scheme);
    dc_buf_putc(out, ':');
    if (auth_from->authority.set) {
        dc_buf_puts(out, "//");
        put_span(out, auth_from->authority);
    }
    if (tmp->size)
        remove_dots(tmp->ptr, tmp->size, out);
    if (query_from->query.set) {
        dc_buf_putc(out, '?');
        put_span(out, query_from->query);
    }
    if (r->fragment.set) {
        dc_buf_putc(out, '#');
        put_span(out, r->fragment);
    }
}

void dc_url_resolve(const char *base, const char *ref, dc_buf *out)
{
    dc_buf cb = DC_BUF_INIT, cr = DC_BUF_INIT, tmp = DC_BUF_INIT;
    put_cleaned(&cr, ref, strlen(ref));
    if (base)
        put_cleaned(&cb, base, strlen(base));
    parts b, r;
    split(cb.ptr ? cb.ptr : "", cb.size, &b);
    split(cr.ptr ? cr.ptr : "", cr.size, &r);
    if (cr.oom || cb.oom) {
        out->oom = 1;
    } else if (!b.scheme.set && !r.scheme.set) {
        dc_buf_put(out, cr.ptr ? cr.ptr : "", cr.size);
    } else {
        resolve_parts(&b, &r, out, &tmp);
        if (tmp.oom)
            out->oom = 1;
    }
    dc_buf_free(&cb);
    dc_buf_free(&cr);
    dc_buf_free(&tmp);
}

/* 1 when the cleaned value s starts with a scheme that runs code or
 * embeds data instead of pointing somewhere. */
static int inert_scheme(const char *s)
{
    while (*s && (unsigned char)*s <= 0x20)
        s++;
    return strncasecmp(s, "javascript:", 11) == 0 || strncasecmp(s, "vbscript:", 9) == 0 ||
           strncasecmp(s, "data:", 5) == 0;
}

static int blank(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s > 0x20)
            return 0;
    return 1;
}

int dc_link_target(const GumboNode *g, const char *base, dc_buf *out)
{
    const char *h = dc_attr(g, "href");
    if (!h || blank(h) || inert_scheme(h))
        return 0;
    while ((unsigned char)*h <= 0x20)
        h++;
    /* "#" alone is a script hook, not a place in the page. */
    if (h[0] == '#' && blank(h + 1))
        return 0;
    dc_url_resolve(base, h, out);
    return 1;
}

static int pixel_size(const char *v)
{
    if (!v)
        return 0;
    while (*v == ' ')
        v++;
    return (v[0] == '0' || v[0] == '1') && !is_digit((unsigned char)v[1]) && v[1] != '.';
}

/* The URL of the first candidate in a srcset value. */
static int first_candidate(const char *v, const char *base, dc_buf *out)
{
    if (!v)
        return 0;
    while (*v == ',' || (unsigned char)*v <= 0x20) {
        if (!*v)
            return 0;
        v++;
    }
    size_t n = 0;
    while (v[n] && (unsigned char)v[n] > 0x20)
        n++;
    while (n && v[n - 1] == ',')
        n--;
    if (!n)
        return 0;
    char *u = strndup(v, n);
    if (!u) {
        out->oom = 1;
        return 0;
    }
    int ok = !inert_scheme(u);
    if (ok)
        dc_url_resolve(base, u, out);
    free(u);
    return ok;
}

int dc_image_source(const GumboNode *g, const char *base, dc_buf *out)
{
    static const char *const plain[] = {"src", "data-src", "data-original", "data-lazy-src"};
    if (pixel_size(dc_attr(g, "width")) || pixel_size(dc_attr(g, "height")))
        return 0;
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        const char *v = dc_attr(g, plain[i]);
        if (v && !blank(v) && !inert_scheme(v)) {
            dc_url_resolve(base, v, out);
            return 1;
        }
    }
    return first_candidate(dc_attr(g, "srcset"), base, out) ||
           first_candidate(dc_attr(g, "data-srcset"), base, out);
}
