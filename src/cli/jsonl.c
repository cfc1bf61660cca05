#include "jsonl.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct cursor {
    const char *p;
    const char *end;
} cursor;

static void skip_ws(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n'
                             || *c->p == '\r'))
        c->p++;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;

    for (int i = 0; i < 4; i++) {
        char h = p[i];

        v <<= 4;
        if (h >= '0' && h <= '9')
            v |= (unsigned)(h - '0');
        else if (h >= 'a' && h <= 'f')
            v |= (unsigned)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F')
            v |= (unsigned)(h - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

static void put_utf8(sbuf *b, unsigned cp)
{
    char u[4];

    if (cp < 0x80) {
        u[0] = (char)cp;
        sb_add(b, u, 1);
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        sb_add(b, u, 2);
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        sb_add(b, u, 3);
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        sb_add(b, u, 4);
    }
}

/* A string at c->p (the opening quote); decoded into out when not NULL. */
static int parse_string(cursor *c, sbuf *out)
{
    const char *run;

    if (c->p >= c->end || *c->p != '"')
        return -1;
    run = ++c->p;
    while (c->p < c->end) {
        char ch = *c->p;
        unsigned cp, lo;

        if (ch == '"') {
            if (out != NULL)
                sb_add(out, run, (size_t)(c->p - run));
            c->p++;
            return 0;
        }
        if ((unsigned char)ch < 0x20)
            return -1;
        if (ch != '\\') {
            c->p++;
            continue;
        }
        if (out != NULL)
            sb_add(out, run, (size_t)(c->p - run));
        if (c->end - c->p < 2)
            return -1;
        ch = c->p[1];
        c->p += 2;
        switch (ch) {
        case '"': case '\\': case '/':
            if (out != NULL)
                sb_addc(out, ch);
            break;
        case 'b': if (out != NULL) sb_addc(out, '\b'); break;
        case 'f': if (out != NULL) sb_addc(out, '\f'); break;
        case 'n': if (out != NULL) sb_addc(out, '\n'); break;
        case 'r': if (out != NULL) sb_addc(out, '\r'); break;
        case 't': if (out != NULL) sb_addc(out, '\t'); break;
        case 'u':
            if (c->end - c->p < 4 || hex4(c->p, &cp) != 0)
                return -1;
            c->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF && c->end - c->p >= 6
                && c->p[0] == '\\' && c->p[1] == 'u'
                && hex4(c->p + 2, &lo) == 0 && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                c->p += 6;
            } else if (cp >= 0xD800 && cp <= 0xDFFF) {
                cp = 0xFFFD; /* a lone surrogate */
            }
            if (out != NULL)
                put_utf8(out, cp);
            break;
        default:
            return -1;
        }
        run = c->p;
    }
    return -1;
}

/* Skips any value without recursion: nesting is only counted. */
static int skip_value(cursor *c)
{
    size_t depth = 0;

    for (;;) {
        skip_ws(c);
        if (c->p >= c->end)
            return -1;
        switch (*c->p) {
        case '"':
            if (parse_string(c, NULL) != 0)
                return -1;
            break;
        case '{': case '[':
            depth++;
            c->p++;
            continue;
        case '}': case ']':
            if (depth == 0)
                return -1;
            depth--;
            c->p++;
            break;
        case ',': case ':':
            if (depth == 0)
                return -1;
            c->p++;
            continue;
        default: {
            const char *s = c->p;

            while (c->p < c->end && strchr(",:]} \t\r\n", *c->p) == NULL)
                c->p++;
            if (c->p == s)
                return -1;
            break;
        }
        }
        if (depth == 0)
            return 0;
    }
}

/* true, false, null or a number in JSON's grammar. */
static int is_scalar(const char *v, size_t n)
{
    size_t i = 0, d;

    if ((n == 4 && memcmp(v, "true", 4) == 0)
        || (n == 5 && memcmp(v, "false", 5) == 0)
        || (n == 4 && memcmp(v, "null", 4) == 0))
        return 1;
    if (i < n && v[i] == '-')
        i++;
    if (i < n && v[i] == '0')
        i++;
    else if (i < n && v[i] >= '1' && v[i] <= '9')
        while (i < n && v[i] >= '0' && v[i] <= '9')
            i++;
    else
        return 0;
    if (i < n && v[i] == '.') {
        for (i++, d = 0; i < n && v[i] >= '0' && v[i] <= '9'; i++)
            d++;
        if (d == 0)
            return 0;
    }
    if (i < n && (v[i] == 'e' || v[i] == 'E')) {
        i++;
        if (i < n && (v[i] == '+' || v[i] == '-'))
            i++;
        for (d = 0; i < n && v[i] >= '0' && v[i] <= '9'; i++)
            d++;
        if (d == 0)
            return 0;
    }
    return i == n;
}

void line_obj_free(line_obj *o)
{
    free(o->id);
    free(o->html);
    free(o->url);
    memset(o, 0, sizeof *o);
}

int jsonl_parse(const char *p, size_t n, line_obj *o, const char **err)
{
    cursor c = {p, p + n};
    sbuf key = SBUF_INIT;

    memset(o, 0, sizeof *o);
    skip_ws(&c);
    if (c.p >= c.end || *c.p != '{') {
        *err = "not a JSON object";
        return -1;
    }
    c.p++;
    skip_ws(&c);
    if (c.p < c.end && *c.p == '}') {
        c.p++;
    } else {
        for (;;) {
            const char *vstart;

            skip_ws(&c);
            key.len = 0;
            if (parse_string(&c, &key) != 0 || key.oom)
                goto bad;
            skip_ws(&c);
            if (c.p >= c.end || *c.p != ':')
                goto bad;
            c.p++;
            skip_ws(&c);
            vstart = c.p;
            if (key.len == 4 && memcmp(key.p, "html", 4) == 0 && c.p < c.end
                && *c.p == '"') {
                sbuf v = SBUF_INIT;

                if (parse_string(&c, &v) != 0 || v.oom) {
                    sb_free(&v);
                    goto bad;
                }
                free(o->html);
                o->html_len = v.len;
                o->html = sb_detach(&v);
            } else if (key.len == 3 && memcmp(key.p, "url", 3) == 0
                       && c.p < c.end && *c.p == '"') {
                sbuf v = SBUF_INIT;

                if (parse_string(&c, &v) != 0 || v.oom) {
                    sb_free(&v);
                    goto bad;
                }
                free(o->url);
                o->url = sb_detach(&v);
            } else if (key.len == 2 && memcmp(key.p, "id", 2) == 0) {
                sbuf v = SBUF_INIT, j = SBUF_INIT;

                if (c.p < c.end && *c.p == '"') {
                    /* Re-encoded, so that the echo is valid UTF-8. */
                    if (parse_string(&c, &v) != 0) {
                        sb_free(&v);
                        goto bad;
                    }
                    sb_json_str(&j, v.p != NULL ? v.p : "", v.len);
                    sb_free(&v);
                } else {
                    if (skip_value(&c) != 0)
                        goto bad;
                    if (!is_scalar(vstart, (size_t)(c.p - vstart))) {
                        sb_free(&key);
                        *err = "\"id\" must be a string, number, boolean or null";
                        return -1;
                    }
                    sb_add(&j, vstart, (size_t)(c.p - vstart));
                }
                free(o->id);
                o->id = sb_detach(&j);
            } else if (skip_value(&c) != 0) {
                goto bad;
            }
            skip_ws(&c);
            if (c.p < c.end && *c.p == ',') {
                c.p++;
                continue;
            }
            if (c.p < c.end && *c.p == '}') {
                c.p++;
                break;
            }
            goto bad;
        }
    }
    skip_ws(&c);
    sb_free(&key);
    if (c.p != c.end) {
        *err = "text after the JSON object";
        return -1;
    }
    if (o->html == NULL) {
        *err = "no \"html\" string in the JSON object";
        return -1;
    }
    return 0;
bad:
    sb_free(&key);
    *err = "invalid JSON";
    return -1;
}
