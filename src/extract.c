/* The public API: runs decode -> parse -> measure -> choose -> clean ->
 * render for one page and keeps the outputs in a result. */
#include "declutter.h"

#include <ctype.h>
#include <gumbo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "choose.h"
#include "clean.h"
#include "decode.h"
#include "measure.h"
#include "meta.h"
#include "prefilter.h"
#include "render.h"
#include "teaser.h"

struct declutter_result {
    declutter_status status;
    char error[256];
    char *text;
    char *comments;
    char *field[DECLUTTER_FIELD_COUNT_];
    /* the cleaned tree, kept so that any format can be rendered later */
    dc_buf pre;
    GumboOutput *gumbo;
    dc_doc doc;
    int32_t root;
    unsigned flags;
    char *base; /* links resolve against this: options.url, else the canonical URL */
};

#define DEFAULT_MAX_BYTES ((size_t)64 << 20)

void declutter_options_init(declutter_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->abi_version = DECLUTTER_ABI_VERSION;
    opts->max_bytes = DEFAULT_MAX_BYTES;
    opts->max_depth = DC_DEPTH_DEFAULT;
}

static declutter_status fail(declutter_result *r, declutter_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->error, sizeof r->error, fmt, ap);
    va_end(ap);
    r->status = st;
    return st;
}

/* Everything one extraction allocates, released at one place. */
typedef struct ctx {
    dc_decoded dec;
    dc_buf pre; /* what gumbo parses; its tree points into it */
    GumboOutput *gumbo;
    dc_meta meta;
    dc_doc doc;
    int32_t root;
    dc_buf text;
} ctx;

static void ctx_free(ctx *c)
{
    free(c->dec.data);
    if (c->gumbo)
        gumbo_destroy_output(&kGumboDefaultOptions, c->gumbo);
    dc_buf_free(&c->pre);
    dc_meta_free(&c->meta);
    dc_doc_free(&c->doc);
    dc_buf_free(&c->text);
}

/* The teaser fallback (teaser.c) on the context's tree. Returns -1 on
 * out of memory. */
static int body_fallback(ctx *c, int32_t root, const declutter_options *o)
{
    int32_t nr;
    int rc = dc_teaser_page(c->meta.article_body, root >= 0 ? &c->text : NULL, o->max_depth,
                            c->doc.bias, o->flags & DECLUTTER_NO_TABLES, &c->pre, &c->gumbo,
                            &c->doc, &nr, &c->text);
    if (rc > 0) {
        c->root = nr;
        c->meta.h1 = NULL;
    }
    return rc < 0 ? -1 : 0;
}

/* Whether a class string names a user's name ("username", "user-name",
 * "PostUser-name", "bigusername"). */
static int names_user(const char *cls)
{
    char low[256];
    size_t n = 0;
    for (; cls[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)cls[n]);
    low[n] = '\0';
    return strstr(low, "username") || strstr(low, "user-name") || strstr(low, "user_name");
}

/* The first poster's name in the region: the text of its first element
 * that a class or data-username attribute names a user's name, one to
 * four words; reader comments are passed over but on a discussion. A
 * thread's metadata seldom names its author; its first post does. NULL
 * when there is none. */
static char *first_poster(const dc_doc *d, int32_t root)
{
    for (int32_t i = root; i <= d->n[root].end; i++) {
        const dc_node *x = &d->n[i];
        if ((x->flags & DC_N_SKIP) || ((x->flags & DC_N_COMMENT) && !d->forum)) {
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_ELEMENT) || !x->chars || x->chars > 40)
            continue;
        const char *cls = dc_attr(x->g, "class");
        if (!dc_attr(x->g, "data-username") && !(cls && names_user(cls)))
            continue;
        dc_buf t = DC_BUF_INIT;
        for (int32_t j = i + 1; j <= x->end; j++) {
            if (d->n[j].flags & DC_N_SKIP) {
                j = d->n[j].end;
                continue;
            }
            if ((d->n[j].flags & DC_N_TEXT) && !(d->n[j].flags & DC_N_WHITESPACE)) {
                if (t.size)
                    dc_buf_putc(&t, ' ');
                dc_buf_puts(&t, d->n[j].text);
            }
        }
        char *name = t.oom ? NULL : dc_meta_clean_text(t.ptr ? t.ptr : "", t.size);
        dc_buf_free(&t);
        size_t words = 0;
        for (const char *p = name; p && *p; p++)
            words += (p == name || p[-1] == ' ') && *p != ' ';
        if (name && words >= 1 && words <= 4)
            return name;
        free(name);
        i = x->end;
    }
    return NULL;
}

static declutter_status run(ctx *c, const char *html, size_t len, const declutter_options *o,
                            declutter_result *r)
{
    char err[200];
    if (o->max_bytes && len > o->max_bytes)
        return fail(r, DECLUTTER_TOO_LARGE, "input of %zu bytes exceeds the limit of %zu bytes",
                    len, o->max_bytes);
    if (o->max_depth > DC_DEPTH_MAX)
        return fail(r, DECLUTTER_BAD_OPTION, "depth limit %u is above the maximum of %u",
                    o->max_depth, DC_DEPTH_MAX);
    const char *what = dc_sniff_binary(html, len);
    if (what)
        return fail(r, DECLUTTER_BAD_INPUT, "input looks like %s, not HTML", what);
    if (dc_decode(html, len, o->encoding, o->encoding_hint, &c->dec, err, sizeof err))
        return fail(r, o->encoding ? DECLUTTER_BAD_OPTION : DECLUTTER_BAD_INPUT, "%s", err);
    if (strspn(c->dec.data, " \t\n\r\f") == c->dec.len)
        return fail(r, DECLUTTER_NO_CONTENT, "input is empty");

    dc_prefilter_info info;
    if (dc_prefilter(c->dec.data, c->dec.len, o->max_depth, &c->pre, &info))
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    free(c->dec.data);
    c->dec.data = NULL;
    if (info.flattened && o->depth_error)
        return fail(r, DECLUTTER_LIMIT, "elements nest deeper than the limit of %u",
                    o->max_depth ? o->max_depth : DC_DEPTH_DEFAULT);

    GumboOptions go = kGumboDefaultOptions;
    go.max_errors = 0;
    c->gumbo = gumbo_parse_with_options(&go, c->pre.size ? c->pre.ptr : "", c->pre.size);
    if (!c->gumbo)
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory while parsing");

    if (dc_meta_extract(c->gumbo->document, o->url, &c->meta))
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    for (int f = 0; f < DECLUTTER_FIELD_COUNT_; f++) {
        r->field[f] = c->meta.field[f];
        c->meta.field[f] = NULL;
    }
    r->field[DECLUTTER_FIELD_ENCODING] = strdup(c->dec.encoding);
    if (!r->field[DECLUTTER_FIELD_ENCODING])
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");

    int bias = DC_BIAS_BALANCED;
    unsigned pr = o->flags & (DECLUTTER_PRECISION | DECLUTTER_RECALL);
    if (pr == DECLUTTER_PRECISION)
        bias = DC_BIAS_PRECISION;
    else if (pr == DECLUTTER_RECALL)
        bias = DC_BIAS_RECALL;
    if (dc_measure(c->gumbo->document, 0, &c->doc))
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    c->doc.bias = bias;
    int32_t root = dc_choose(&c->doc);
    if (root < 0 || c->doc.n[root].chars < 500) {
        /* Little or no visible text: look at what scripts would reveal. */
        dc_doc alt;
        if (dc_measure(c->gumbo->document, 1, &alt))
            return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
        alt.bias = bias;
        int32_t alt_root = dc_choose(&alt);
        if (alt_root >= 0 && (root < 0 || alt.n[alt_root].chars > 2 * c->doc.n[root].chars)) {
            dc_doc_free(&c->doc);
            c->doc = alt;
            root = alt_root;
        } else {
            dc_doc_free(&alt);
        }
    }
    c->root = root;
    if (root >= 0 && !r->field[DECLUTTER_FIELD_AUTHOR]) {
        /* no author in the metadata: on a thread, the first poster */
        r->field[DECLUTTER_FIELD_AUTHOR] = first_poster(&c->doc, root);
    }
    if (root >= 0) {
        const char *mt = c->meta.match_title ? c->meta.match_title : r->field[DECLUTTER_FIELD_TITLE];
        if (dc_clean(&c->doc, root, c->meta.h1, mt))
            return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
        dc_render_text_flags(&c->doc, root, o->flags & DECLUTTER_NO_TABLES, NULL, &c->text);
    }
    if ((o->flags & DECLUTTER_COMMENTS) && root >= 0 && !c->doc.forum) {
        int32_t z = dc_comments_zone(&c->doc, root);
        if (z >= 0) {
            /* render the zone as content, then put it back out of it */
            dc_doc *d = &c->doc;
            for (int32_t i = z; i <= d->n[z].end; i++)
                d->n[i].flags &= ~(uint32_t)DC_N_NEGZONE;
            dc_buf cb = DC_BUF_INIT;
            if (dc_clean(d, z, NULL, NULL) == 0)
                dc_render_text_flags(d, z, o->flags & DECLUTTER_NO_TABLES, NULL, &cb);
            for (int32_t i = z; i <= d->n[z].end; i++)
                d->n[i].flags |= DC_N_NEGZONE;
            if (cb.oom)
                return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
            r->comments = dc_buf_detach(&cb);
        }
    }
    /* after the comments: they come from the page's tree */
    if (body_fallback(c, root, o) < 0)
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    if (c->text.oom)
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    r->text = dc_buf_detach(&c->text);
    if (!r->text)
        return fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    if (!*r->text)
        return fail(r, DECLUTTER_NO_CONTENT, "no main content found");
    return DECLUTTER_OK;
}

declutter_status declutter_extract(const char *html, size_t len, const declutter_options *opts,
                                   declutter_result **out)
{
    declutter_options defaults;
    declutter_result *r = calloc(1, sizeof *r);
    *out = r;
    if (!r)
        return DECLUTTER_NO_MEMORY;
    if (!opts) {
        declutter_options_init(&defaults);
        opts = &defaults;
    }
    if (opts->abi_version != DECLUTTER_ABI_VERSION)
        return fail(r, DECLUTTER_BAD_OPTION, "options not initialised by declutter_options_init()");
    if (!html && len)
        return fail(r, DECLUTTER_BAD_OPTION, "no input buffer");

    ctx c;
    memset(&c, 0, sizeof c);
    c.root = -1;
    declutter_status st = run(&c, html ? html : "", len, opts, r);
    /* the result keeps the tree for declutter_render() */
    r->pre = c.pre;
    r->gumbo = c.gumbo;
    r->doc = c.doc;
    r->root = c.doc.n ? c.root : -1;
    r->flags = opts->flags;
    memset(&c.pre, 0, sizeof c.pre);
    c.gumbo = NULL;
    memset(&c.doc, 0, sizeof c.doc);
    /* the caller knows where the page came from; else trust its canonical */
    const char *base = opts->url ? opts->url : r->field[DECLUTTER_FIELD_URL];
    if (base && !(r->base = strdup(base)))
        st = fail(r, DECLUTTER_NO_MEMORY, "out of memory");
    ctx_free(&c);
    if (!r->text)
        r->text = calloc(1, 1);
    if (!r->comments)
        r->comments = calloc(1, 1);
    if (!r->text || !r->comments) {
        declutter_result_free(r);
        *out = NULL;
        return DECLUTTER_NO_MEMORY;
    }
    return st;
}

void declutter_result_free(declutter_result *r)
{
    if (!r)
        return;
    free(r->text);
    free(r->comments);
    for (int f = 0; f < DECLUTTER_FIELD_COUNT_; f++)
        free(r->field[f]);
    if (r->gumbo)
        gumbo_destroy_output(&kGumboDefaultOptions, r->gumbo);
    dc_buf_free(&r->pre);
    dc_doc_free(&r->doc);
    free(r->base);
    free(r);
}

declutter_status declutter_result_status(const declutter_result *r) { return r->status; }

const char *declutter_result_error(const declutter_result *r) { return r->error; }

const char *declutter_result_text(const declutter_result *r) { return r->text; }

const char *declutter_result_comments(const declutter_result *r) { return r->comments; }

const char *declutter_result_field(const declutter_result *r, declutter_field field)
{
    if ((int)field < 0 || field >= DECLUTTER_FIELD_COUNT_)
        return NULL;
    return r->field[field];
}

static const char *const json_keys[DECLUTTER_FIELD_COUNT_] = {
    "title", "author", "date", "site_name", "lang", "url", "description", "encoding",
};

declutter_status declutter_render(const declutter_result *r, declutter_format format, char **buf,
                                  size_t *len)
{
    dc_buf b = DC_BUF_INIT;
    *buf = NULL;
    dc_render_meta m = {r->field[DECLUTTER_FIELD_TITLE], r->field[DECLUTTER_FIELD_AUTHOR],
                        r->field[DECLUTTER_FIELD_DATE], r->field[DECLUTTER_FIELD_URL],
                        r->field[DECLUTTER_FIELD_LANG]};
    int rich = r->root >= 0 && *r->text;
    switch (format) {
    case DECLUTTER_FORMAT_TEXT:
        if (r->flags & DECLUTTER_WITH_METADATA)
            dc_render_header(&m, 0, &b);
        if (rich && (r->flags & (DECLUTTER_KEEP_LINKS | DECLUTTER_KEEP_IMAGES)))
            dc_render_text_flags(&r->doc, r->root, r->flags, r->base, &b);
        else
            dc_buf_puts(&b, r->text);
        if (*r->comments) {
            dc_buf_puts(&b, b.size ? "\nComments\n\n" : "Comments\n\n");
            dc_buf_puts(&b, r->comments);
        }
        break;
    case DECLUTTER_FORMAT_MARKDOWN:
        if (r->flags & DECLUTTER_WITH_METADATA)
            dc_render_header(&m, 1, &b);
        if (rich)
            dc_render_markdown(&r->doc, r->root, r->flags, r->base, &b);
        if (*r->comments) {
            dc_buf_puts(&b, b.size ? "\n## Comments\n\n" : "## Comments\n\n");
            dc_buf_puts(&b, r->comments);
        }
        break;
    case DECLUTTER_FORMAT_HTML:
        dc_render_html(&r->doc, rich ? r->root : -1, r->flags, r->base, &m, &b);
        break;
    case DECLUTTER_FORMAT_JSON: {
        dc_buf_putc(&b, '{');
        for (int f = 0; f < DECLUTTER_FIELD_COUNT_; f++) {
            dc_buf_putc(&b, '"');
            dc_buf_puts(&b, json_keys[f]);
            dc_buf_puts(&b, "\":");
            dc_json_string(&b, r->field[f]);
            dc_buf_putc(&b, ',');
        }
        /* the text format without its final newline */
        size_t n = strlen(r->text);
        char *t = n ? strndup(r->text, n - 1) : strdup("");
        if (!t) {
            dc_buf_free(&b);
            return DECLUTTER_NO_MEMORY;
        }
        dc_buf_puts(&b, "\"text\":");
        dc_json_string(&b, t);
        free(t);
        if (r->flags & DECLUTTER_COMMENTS) {
            size_t cn = strlen(r->comments);
            char *ct = cn ? strndup(r->comments, cn - 1) : strdup("");
            if (!ct) {
                dc_buf_free(&b);
                return DECLUTTER_NO_MEMORY;
            }
            dc_buf_puts(&b, ",\"comments\":");
            dc_json_string(&b, ct);
            free(ct);
        }
        dc_buf_puts(&b, "}\n");
        break;
    }
    default:
        return DECLUTTER_BAD_OPTION;
    }
    size_t n = b.size;
    *buf = dc_buf_detach(&b);
    if (!*buf)
        return DECLUTTER_NO_MEMORY;
    if (len)
        *len = n;
    return DECLUTTER_OK;
}

void declutter_free(void *p) { free(p); }

const char *declutter_strerror(declutter_status st)
{
    switch (st) {
    case DECLUTTER_OK: return "success";
    case DECLUTTER_NO_CONTENT: return "no main content found";
    case DECLUTTER_BAD_INPUT: return "input is not a readable web page";
    case DECLUTTER_TOO_LARGE: return "input exceeds the size limit";
    case DECLUTTER_NO_MEMORY: return "out of memory";
    case DECLUTTER_BAD_OPTION: return "invalid option";
    case DECLUTTER_LIMIT: return "input nests deeper than the depth limit";
    }
    return "unknown status";
}

const char *declutter_version(void) { return DECLUTTER_VERSION; }
