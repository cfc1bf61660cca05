/* render_html: the cleaned content as a small, well-formed HTML document.
 *
 * Only semantic tags pass (p, h1-h6, lists, blockquote, pre, code,
 * emphasis, br, data tables; a and img and figure when kept); every other
 * element is unwrapped. Since whole elements are kept or dropped, the
 * output nests as the parsed tree did. Tags are written when the first
 * content inside them arrives, so empty elements vanish. Unwrapped
 * blocks (div, section, layout cells) still separate: loose inline
 * content in the article, a quote or a many-block list item is wrapped
 * in a <p> of its own. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choose.h"
#include "declutter.h"
#include "url.h"

#define MAX_STACK 256

enum { H_BLOCK, H_INLINE, H_TABLE };

typedef struct hentry {
    int32_t node;
    const char *tag;
    unsigned char kind;
    unsigned char on;    /* open tag written */
    unsigned char flow;  /* loose inline content inside gets a <p> */
    unsigned char phrasing; /* p, h1-h6: holds no blocks, so it closes
                               around one (quirks-mode pages nest tables
                               in paragraphs) and reopens after */
    int prev_block;      /* index of the enclosing block entry, or -1 */
    size_t str, len;     /* href of a link in the pool */
} hentry;

typedef struct html {
    const dc_doc *d;
    dc_buf *out;
    unsigned flags;
    const char *base;
    int32_t root;
    hentry st[MAX_STACK];
    int n;
    int pend;      /* lowest stack index whose tag may be owed */
    int block;     /* innermost block entry, or -1 (the article) */
    const char *anon; /* the <p> (or <li>, <dd>) of our own that is open */
    int brs;       /* <br> owed */
    int space;     /* a space owed */
    int line;      /* the current block has content */
    int pre;       /* inside a kept <pre> */
    int phrasing;  /* paragraph and heading entries on the stack */
    int pre_nl;    /* newlines owed inside it */
    int images;    /* images written in the open figure */
    dc_buf pool;
} html;

static int is_space(const unsigned char *p)
{
    return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
           (p[0] == 0xC2 && p[1] == 0xA0);
}

static void puts_(html *h, const char *s) { dc_buf_puts(h->out, s); }

/* Escapes text (quote too, for attribute values) and drops control
 * characters that HTML does not allow. */
static void put_esc(dc_buf *out, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *e = NULL;
        if (c == '&')
            e = "&amp;";
        else if (c == '<')
            e = "&lt;";
        else if (c == '>')
            e = "&gt;";
        else if (c == '"')
            e = "&quot;";
        else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            e = "";
        if (!e)
            continue;
        dc_buf_put(out, s + run, i - run);
        dc_buf_puts(out, e);
        run = i + 1;
    }
    dc_buf_put(out, s + run, n - run);
}

static void put_esc_s(dc_buf *out, const char *s) { put_esc(out, s, strlen(s)); }

/* A newline before block tags keeps the output readable; it is
 * inter-element whitespace, so it changes nothing. */
static void block_nl(html *h)
{
    if (h->out->size && h->out->ptr[h->out->size - 1] != '\n')
        puts_(h, "\n");
}

static void open_tag(html *h, hentry *e)
{
    const dc_node *x = &h->d->n[e->node];
    if (e->kind != H_INLINE)
        block_nl(h);
    puts_(h, "<");
    puts_(h, e->tag);
    if (e->len) {
        puts_(h, " href=\"");
        put_esc(h->out, h->pool.ptr + e->str, e->len);
        puts_(h, "\"");
    }
    if (x->tag == GUMBO_TAG_TD || x->tag == GUMBO_TAG_TH) {
        static const char *const spans[] = {"colspan", "rowspan"};
        for (int k = 0; k < 2; k++) {
            const char *v = dc_attr(x->g, spans[k]);
            int n = v ? atoi(v) : 1;
            if (n > 1) {
                char buf[40];
                snprintf(buf, sizeof buf, " %s=\"%d\"", spans[k], n > 1000 ? 1000 : n);
                puts_(h, buf);
            }
        }
    }
    puts_(h, ">");
    e->on = 1;
}

static void close_tag(html *h, hentry *e)
{
    puts_(h, "</");
    puts_(h, e->tag);
    puts_(h, ">");
    if (e->kind != H_INLINE && !h->pre)
        puts_(h, "\n");
    e->on = 0;
}

/* At a block boundary inline tags and our <p> close; inline tags reopen
 * inside the next block. Text that goes on in the same element is kept
 * apart by a space. */
static void boundary(html *h)
{
    for (int i = h->n - 1; i >= 0; i--)
        if (h->st[i].kind == H_INLINE && h->st[i].on) {
            close_tag(h, &h->st[i]);
            if (i < h->pend)
                h->pend = i;
        }
    if (h->anon) {
        puts_(h, "</");
        puts_(h, h->anon);
        puts_(h, ">\n");
        h->anon = NULL;
    }
    h->brs = 0;
    int flow = h->block < 0 || h->st[h->block].flow;
    h->space = !flow && h->line;
    if (flow)
        h->line = 0;
}

/* A block opens: paragraphs and headings around it close first. */
static void close_phrasing(html *h)
{
    for (int i = h->n - 1; i >= 0; i--)
        if (h->st[i].phrasing && h->st[i].on) {
            close_tag(h, &h->st[i]);
            if (i < h->pend)
                h->pend = i;
        }
}

/* Writes the owed block tags, except those of paragraphs and headings
 * with a block open inside them (they wait until it closes). Returns 1
 * when it wrote a tag. */
static int open_blocks(html *h)
{
    int wrote = 0, waiting = h->n;
    for (int i = h->pend; i < h->n; i++) {
        hentry *e = &h->st[i];
        if (e->kind == H_INLINE || e->on)
            continue;
        if (e->phrasing && h->block > i) {
            if (waiting == h->n)
                waiting = i;
            continue;
        }
        open_tag(h, e);
        wrote = 1;
    }
    h->pend = waiting;
    return wrote;
}

/* Everything owed before content. */
static void begin(html *h)
{
    int first = h->pend;
    if (open_blocks(h))
        h->space = 0;
    int waiting = h->pend;
    /* Loose text gets a wrapper that may stand where it is. */
    const char *wrap = NULL;
    if (h->block < 0 || h->st[h->block].flow)
        wrap = "p";
    else if (!strcmp(h->st[h->block].tag, "ul") || !strcmp(h->st[h->block].tag, "ol"))
        wrap = "li";
    else if (!strcmp(h->st[h->block].tag, "dl"))
        wrap = "dd";
    if (wrap && !h->anon && !h->pre) {
        block_nl(h);
        puts_(h, "<");
        puts_(h, wrap);
        puts_(h, ">");
        h->anon = wrap;
        h->space = 0;
    }
    for (; h->brs > 0; h->brs--) {
        puts_(h, "<br>\n");
        h->space = 0;
    }
    if (h->space && h->line)
        puts_(h, " ");
    h->space = 0;
    for (int i = first; i < h->n; i++)
        if (h->st[i].kind == H_INLINE && !h->st[i].on)
            open_tag(h, &h->st[i]);
    h->pend = waiting;
}

static hentry *push(html *h, int32_t node, int kind, const char *tag)
{
    if (h->n == MAX_STACK)
        return NULL;
    hentry *e = &h->st[h->n];
    memset(e, 0, sizeof *e);
    e->node = node;
    e->kind = (unsigned char)kind;
    e->tag = tag;
    e->str = h->pool.size;
    e->prev_block = h->block;
    if (kind != H_INLINE) {
        h->block = h->n;
        h->line = h->space = 0;
    }
    if (h->pend > h->n)
        h->pend = h->n;
    h->n++;
    return e;
}

static hentry *top(html *h) { return h->n ? &h->st[h->n - 1] : NULL; }

static void pop(html *h)
{
    hentry *e = &h->st[--h->n];
    h->phrasing -= e->phrasing;
    if (e->kind != H_INLINE) {
        h->block = e->prev_block;
        h->line = h->space = 1;
    }
    h->pool.size = e->str;
    if (h->pend > h->n)
        h->pend = h->n;
}

/* In a data table but outside its cells text is only layout whitespace. */
static int between_cells(html *h)
{
    if (h->block < 0)
        return 0;
    const hentry *b = &h->st[h->block];
    GumboTag t = (GumboTag)h->d->n[b->node].tag;
    return b->kind == H_TABLE && t != GUMBO_TAG_TD && t != GUMBO_TAG_TH &&
           t != GUMBO_TAG_CAPTION;
}


static void text(html *h, const char *s)
{
    if (between_cells(h))
        return;
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (is_space(p)) {
            h->space = 1;
            p += (*p == 0xC2) ? 2 : 1;
            continue;
        }
        const unsigned char *b = p;
        while (*p && !is_space(p))
            p++;
        begin(h);
        put_esc(h->out, (const char *)b, (size_t)(p - b));
        h->line = 1;
    }
}

static void pre_text(html *h, const char *s)
{
    for (const char *p = s; *p;) {
        if (*p == '\r') {
            p++;
        } else if (*p == '\n') {
            if (h->line)
                h->pre_nl++;
            p++;
        } else {
            begin(h);
            for (; h->pre_nl > 0; h->pre_nl--)
                puts_(h, "\n");
            size_t n = strcspn(p, "\r\n");
            put_esc(h->out, p, n);
            p += n;
            h->line = 1;
        }
    }
}

static void image(html *h, int32_t i)
{
    dc_buf src = DC_BUF_INIT, alt = DC_BUF_INIT, cap = DC_BUF_INIT;
    if (dc_image_parts(h->d, i, h->base, &src, &alt, &cap)) {
        begin(h);
        puts_(h, "<img src=\"");
        put_esc(h->out, src.ptr ? src.ptr : "", src.size);
        /* The alt as written: a figure shows its caption itself. */
        puts_(h, "\" alt=\"");
        const char *v = dc_attr(h->d->n[i].g, "alt");
        int sp = 0, any = 0;
        for (const unsigned char *p = (const unsigned char *)(v ? v : ""); *p;) {
            if (is_space(p)) {
                sp = any;
                p += *p == 0xC2 ? 2 : 1;
                continue;
            }
            if (sp)
                puts_(h, " ");
            sp = 0;
            any = 1;
            size_t n = 1;
            while (p[n] && !is_space(p + n))
                n++;
            put_esc(h->out, (const char *)p, n);
            p += n;
        }
        puts_(h, "\">");
        h->line = 1;
        h->images++;
    }
    if (src.oom || alt.oom || cap.oom)
        h->out->oom = 1;
    dc_buf_free(&src);
    dc_buf_free(&alt);
    dc_buf_free(&cap);
}

static const char *block_tag(const dc_doc *d, int32_t i, unsigned flags, int32_t root)
{
    const dc_node *x = &d->n[i];
    GumboTag p = x->parent >= 0 ? (GumboTag)d->n[x->parent].tag : GUMBO_TAG_UNKNOWN;
    switch ((GumboTag)x->tag) {
    case GUMBO_TAG_P: return "p";
    case GUMBO_TAG_H1: return "h1";
    case GUMBO_TAG_H2: return "h2";
    case GUMBO_TAG_H3: return "h3";
    case GUMBO_TAG_H4: return "h4";
    case GUMBO_TAG_H5: return "h5";
    case GUMBO_TAG_H6: return "h6";
    case GUMBO_TAG_UL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR: return "ul";
    case GUMBO_TAG_OL: return "ol";
    case GUMBO_TAG_DL: return "dl";
    case GUMBO_TAG_BLOCKQUOTE: return "blockquote";
    case GUMBO_TAG_PRE: return "pre";
    case GUMBO_TAG_FIGURE: return (flags & DECLUTTER_KEEP_IMAGES) ? "figure" : NULL;
    /* Items outside their list would not be well placed. */
    case GUMBO_TAG_LI:
        return i != root && (p == GUMBO_TAG_UL || p == GUMBO_TAG_OL || p == GUMBO_TAG_MENU ||
                             p == GUMBO_TAG_DIR) ? "li" : NULL;
    case GUMBO_TAG_DT: return i != root && p == GUMBO_TAG_DL ? "dt" : NULL;
    case GUMBO_TAG_DD: return i != root && p == GUMBO_TAG_DL ? "dd" : NULL;
    default: return NULL;
    }
}

static const char *inline_tag(GumboTag t, unsigned flags)
{
    switch (t) {
    case GUMBO_TAG_EM: return "em";
    case GUMBO_TAG_STRONG: return "strong";
    case GUMBO_TAG_B: return "b";
    case GUMBO_TAG_I: return "i";
    case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
        return "code";
    case GUMBO_TAG_A: return (flags & DECLUTTER_KEEP_LINKS) ? "a" : NULL;
    default: return NULL;
    }
}

static const char *table_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_CAPTION: return "caption";
    case GUMBO_TAG_THEAD: return "thead";
    case GUMBO_TAG_TBODY: return "tbody";
    case GUMBO_TAG_TFOOT: return "tfoot";
    case GUMBO_TAG_TR: return "tr";
    case GUMBO_TAG_TD: return "td";
    case GUMBO_TAG_TH: return "th";
    default: return NULL;
    }
}

/* Returns 1 when the subtree of node i is to be skipped. */
static int open_el(html *h, int32_t i)
{
    const dc_node *x = &h->d->n[i];
    GumboTag t = (GumboTag)x->tag;
    const char *tag;
    hentry *e;
    if (t == GUMBO_TAG_BR) {
        if (h->pre) {
            if (h->line)
                h->pre_nl++;
        } else if (h->line && h->brs < 2) {
            h->brs++;
        }
        return 0;
    }
    if (t == GUMBO_TAG_IMG) {
        if ((h->flags & DECLUTTER_KEEP_IMAGES) && !between_cells(h))
            image(h, i);
        return 0;
    }
    if ((tag = inline_tag(t, h->flags)) != NULL) {
        if ((e = push(h, i, H_INLINE, tag)) && t == GUMBO_TAG_A) {
            if (dc_link_target(x->g, h->base, &h->pool))
                e->len = h->pool.size - e->str;
            else
                pop(h);
        }
        return 0;
    }
    if (h->block >= 0 && h->st[h->block].kind == H_TABLE && (tag = table_tag(t)) != NULL) {
        boundary(h);
        if (push(h, i, H_TABLE, tag))
            open_blocks(h);
        h->space = 0;
        return 0;
    }
    if (t == GUMBO_TAG_TABLE && !h->pre && !dc_table_layout(h->d, i, NULL)) {
        if (((h->flags & DECLUTTER_NO_TABLES) && i != h->root) ||
            (!x->chars && !(h->flags & DECLUTTER_KEEP_IMAGES)))
            return 1;
        boundary(h);
        close_phrasing(h);
        if (push(h, i, H_TABLE, "table"))
            open_blocks(h);
        h->space = 0;
        return 0;
    }
    if (t == GUMBO_TAG_PRE && !x->chars)
        return 1;
    /* A paragraph in a heading (or the like) only separates. */
    if (!h->pre && (tag = block_tag(h->d, i, h->flags, h->root)) != NULL &&
        !((t == GUMBO_TAG_P || (x->flags & DC_N_HEADING)) && h->phrasing)) {
        boundary(h);
        close_phrasing(h);
        if ((e = push(h, i, H_BLOCK, tag)) != NULL) {
            e->phrasing = t == GUMBO_TAG_P || (x->flags & DC_N_HEADING);
            h->phrasing += e->phrasing;
            e->flow = t == GUMBO_TAG_BLOCKQUOTE ||
                      ((t == GUMBO_TAG_LI || t == GUMBO_TAG_DD) && x->blocks >= 2);
            if (t == GUMBO_TAG_FIGURE)
                h->images = 0;
            if (t == GUMBO_TAG_PRE)
                h->pre = 1;
        }
        return 0;
    }
    if (x->flags & DC_N_BLOCK) {
        if (h->pre) {
            if (h->line && !h->pre_nl)
                h->pre_nl = 1;
        } else {
            boundary(h);
        }
    }
    return 0;
}

static void close_el(html *h, int32_t i)
{
    const dc_node *x = &h->d->n[i];
    hentry *e = top(h);
    if (!e || e->node != i) {
        if (x->flags & DC_N_BLOCK) {
            if (h->pre) {
                if (h->line && !h->pre_nl)
                    h->pre_nl = 1;
            } else {
                boundary(h);
            }
        }
        return;
    }
    if (e->kind == H_INLINE) {
        if (e->on)
            close_tag(h, e);
        pop(h);
        return;
    }
    if (x->tag == GUMBO_TAG_PRE) {
        h->pre = 0;
        h->pre_nl = 0;
    }
    boundary(h);
    if (x->tag == GUMBO_TAG_FIGURE && e->on && h->images) {
        dc_buf cap = DC_BUF_INIT;
        dc_figure_caption(h->d, i, &cap);
        if (cap.size) {
            puts_(h, "<figcaption>");
            put_esc(h->out, cap.ptr, cap.size);
            puts_(h, "</figcaption>\n");
        }
        if (cap.oom)
            h->out->oom = 1;
        dc_buf_free(&cap);
    }
    if (e->on)
        close_tag(h, e);
    pop(h);
}

static void put_lang(dc_buf *out, const char *lang)
{
    for (const char *p = lang; *p && p - lang < 35; p++)
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-')
            dc_buf_putc(out, *p);
}

static void meta_tag(dc_buf *out, const char *name, const char *value)
{
    if (!value || !*value)
        return;
    dc_buf_puts(out, "<meta name=\"");
    dc_buf_puts(out, name);
    dc_buf_puts(out, "\" content=\"");
    put_esc_s(out, value);
    dc_buf_puts(out, "\">\n");
}

/* The visible header of --with-metadata. */
static void header(const dc_render_meta *m, dc_buf *out)
{
    if (m->title && *m->title) {
        dc_buf_puts(out, "<h1>");
        put_esc_s(out, m->title);
        dc_buf_puts(out, "</h1>\n");
    }
    static const char *const keys[] = {"Author: ", "Date: ", "URL: "};
    const char *vals[] = {m->author, m->date, m->url};
    int any = 0;
    for (int k = 0; k < 3; k++) {
        if (!vals[k] || !*vals[k])
            continue;
        dc_buf_puts(out, any ? "<br>\n" : "<p>");
        any = 1;
        dc_buf_puts(out, keys[k]);
        if (k == 2) {
            dc_buf_puts(out, "<a href=\"");
            put_esc_s(out, vals[k]);
            dc_buf_puts(out, "\">");
            put_esc_s(out, vals[k]);
            dc_buf_puts(out, "</a>");
        } else {
            put_esc_s(out, vals[k]);
        }
    }
    if (any)
        dc_buf_puts(out, "</p>\n");
}

static int walk_open(void *ctx, int32_t i) { return open_el(ctx, i); }

static void walk_close(void *ctx, int32_t i) { close_el(ctx, i); }

static void walk_text(void *ctx, int32_t i)
{
    html *h = ctx;
    const char *t = h->d->n[i].text;
    if (h->pre)
        pre_text(h, t);
    else
        text(h, t);
}

static const dc_walk_ops html_ops = {walk_open, walk_close, walk_text};

void dc_render_html(const dc_doc *d, int32_t root, unsigned flags, const char *base_url,
                    const dc_render_meta *m, dc_buf *out)
{
    static const dc_render_meta none;
    if (!m)
        m = &none;
    dc_buf_puts(out, "<!DOCTYPE html>\n<html");
    if (m->lang && *m->lang) {
        dc_buf_puts(out, " lang=\"");
        put_lang(out, m->lang);
        dc_buf_putc(out, '"');
    }
    dc_buf_puts(out, ">\n<head>\n<meta charset=\"utf-8\">\n");
    if (m->title && *m->title) {
        dc_buf_puts(out, "<title>");
        put_esc_s(out, m->title);
        dc_buf_puts(out, "</title>\n");
    }
    meta_tag(out, "author", m->author);
    meta_tag(out, "date", m->date);
    if (m->url && *m->url) {
        dc_buf_puts(out, "<link rel=\"canonical\" href=\"");
        put_esc_s(out, m->url);
        dc_buf_puts(out, "\">\n");
    }
    dc_buf_puts(out, "</head>\n<body>\n<article>\n");
    if (flags & DECLUTTER_WITH_METADATA)
        header(m, out);

    if (root >= 0) {
        html h;
        memset(&h, 0, sizeof h);
        h.d = d;
        h.out = out;
        h.flags = flags;
        h.base = base_url;
        h.root = root;
        h.block = -1;
        dc_walk(d, root, &html_ops, &h);
        boundary(&h);
        if (h.pool.oom)
            out->oom = 1;
        dc_buf_free(&h.pool);
    }
    if (out->size && out->ptr[out->size - 1] != '\n')
        dc_buf_putc(out, '\n');
    dc_buf_puts(out, "</article>\n</body>\n</html>\n");
}
