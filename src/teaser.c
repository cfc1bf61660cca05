/* teaser: when a page shows only the start of its article and its
 * structured data holds the whole text, the article is rebuilt from both. */
#include "teaser.h"

#include <stdlib.h>
#include <string.h>

#include "choose.h"
#include "clean.h"
#include "prefilter.h"
#include "render.h"

/* Bytes of s[0..n) that are not white space. */
static size_t inked(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += !(s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '\f');
    return k;
}

/* Whether s holds markup: a block tag such as <p>, </p>, <br> or <div
 * class=x>, its name read up to a '>', a space or a '/'. Text that merely
 * holds a '<' ("i<len") is not markup. */
static int has_markup(const char *s)
{
    for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
        const char *n = p + 1 + (p[1] == '/');
        size_t k = 0;
        while (k < 12 && ((n[k] >= 'a' && n[k] <= 'z') || (n[k] >= 'A' && n[k] <= 'Z') ||
                          (k && n[k] >= '1' && n[k] <= '6')))
            k++;
        if (!k || !(n[k] == '>' || n[k] == ' ' || n[k] == '/'))
            continue;
        switch (gumbo_tagn_enum(n, (unsigned)k)) {
        case GUMBO_TAG_P: case GUMBO_TAG_BR: case GUMBO_TAG_DIV: case GUMBO_TAG_H1:
        case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
        case GUMBO_TAG_H6: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_LI:
        case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_TABLE: case GUMBO_TAG_FIGURE:
        case GUMBO_TAG_SECTION: case GUMBO_TAG_PRE:
            return 1;
        default:
            break;
        }
    }
    return 0;
}

/* Appends s[0..n) to b with the characters that are markup escaped. */
static void put_escaped(dc_buf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<')
            dc_buf_puts(b, "&lt;");
        else if (s[i] == '&')
            dc_buf_puts(b, "&amp;");
        else
            dc_buf_putc(b, s[i]);
    }
}

/* Lines of s[0..n) with the white space around them trimmed: calls
 * fn(arg, line, len) for each non-empty one. */
static void each_line(const char *s, size_t n, void (*fn)(void *, const char *, size_t), void *arg)
{
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && s[e] != '\n')
            e++;
        size_t a = i, z = e;
        while (a < z && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
            a++;
        while (z > a && (s[z - 1] == ' ' || s[z - 1] == '\t' || s[z - 1] == '\r'))
            z--;
        if (z > a)
            fn(arg, s + a, z - a);
        i = e + 1;
    }
}

/* The page's lines, as a set of hashes of their normalised text (open
 * addressing, 0 = empty), so that a paragraph the page showed matches its
 * raw articleBody line whatever their spacing and soft hyphens. */
typedef struct lineset {
    uint64_t *h;
    size_t mask;
    dc_buf *out;
    dc_buf norm; /* scratch */
} lineset;

static uint64_t line_hash(lineset *ls, const char *s, size_t n)
{
    ls->norm.size = 0;
    dc_norm_append(&ls->norm, s, n);
    uint64_t h = dc_norm_hash(ls->norm.ptr ? ls->norm.ptr : "", ls->norm.size);
    return h ? h : 1;
}

static void set_add(void *arg, const char *s, size_t n)
{
    lineset *ls = arg;
    uint64_t h = line_hash(ls, s, n);
    size_t i = (size_t)h & ls->mask;
    while (ls->h[i] && ls->h[i] != h)
        i = (i + 1) & ls->mask;
    ls->h[i] = h;
}

static int set_has(lineset *ls, const char *s, size_t n)
{
    uint64_t h = line_hash(ls, s, n);
    for (size_t i = (size_t)h & ls->mask; ls->h[i]; i = (i + 1) & ls->mask)
        if (ls->h[i] == h)
            return 1;
    return 0;
}

/* A line of the page's own text, as a paragraph. */
static void put_page_line(void *arg, const char *s, size_t n)
{
    dc_buf *b = ((lineset *)arg)->out;
    dc_buf_puts(b, "<p>");
    put_escaped(b, s, n);
    dc_buf_puts(b, "</p>");
}

/* A line of the structured text, as a paragraph, unless the page showed
 * it already. */
static void put_body_line(void *arg, const char *s, size_t n)
{
    lineset *ls = arg;
    if (set_has(ls, s, n))
        return;
    put_page_line(arg, s, n);
}

/* The article as a small page of its own: the text the page showed (a
 * teaser, a lead), then the structured text's paragraphs it did not show;
 * structured text with markup is taken as it is, alone. */
static int body_page(dc_buf *b, const char *body, const dc_buf *shown)
{
    /* the page was a story, and so is this one (no listing rules) */
    dc_buf_puts(b, "<!DOCTYPE html><html><head><meta property=\"og:type\" content=\"article\">"
                   "</head><body><article><div>");
    if (has_markup(body)) {
        /* its lines cannot be told from the shown ones: the whole text
         * alone */
        dc_buf_puts(b, body);
    } else {
        size_t lines = 1;
        for (size_t i = 0; i < shown->size; i++)
            lines += shown->ptr[i] == '\n';
        size_t slots = 16;
        while (slots < 2 * lines)
            slots *= 2;
        lineset ls = {calloc(slots, sizeof(uint64_t)), slots - 1, b, DC_BUF_INIT};
        if (!ls.h)
            return -1;
        if (shown->ptr) {
            each_line(shown->ptr, shown->size, set_add, &ls);
            each_line(shown->ptr, shown->size, put_page_line, &ls);
        }
        dc_buf_puts(b, "</div><div>");
        each_line(body, strlen(body), put_body_line, &ls);
        int oom = ls.norm.oom;
        dc_buf_free(&ls.norm);
        free(ls.h);
        if (oom)
            return -1;
    }
    dc_buf_puts(b, "</div></article></body></html>");
    return 0;
}

/* When the page's structured data carries the article's text (JSON-LD
 * articleBody) and it is over BODYMIN bytes and BODYX times what the
 * page shows, the page shows a teaser (the rest behind "Read more", a
 * paywall or a script): the article becomes what the page showed followed
 * by the paragraphs of that text it did not show, as a page of its own
 * that replaces the tree (every format renders from it). */
#define BODYMIN 1000
#define BODYX 2
/* An article's text has at most BODYMAX bytes and BODYLINES lines; more
 * is not an article (and would only cost memory: every line becomes an
 * element of a second tree). */
#define BODYMAX ((size_t)1 << 20)
#define BODYLINES 5000

int dc_teaser_page(const char *body, const dc_buf *shown, unsigned max_depth, int bias,
                   unsigned no_tables, dc_buf *pre, GumboOutput **g, dc_doc *doc, int32_t *root,
                   dc_buf *text)
{
    static const dc_buf none = DC_BUF_INIT;
    if (!body)
        return 0;
    if (!shown)
        shown = &none;
    size_t len = strlen(body);
    if (len > BODYMAX)
        return 0;
    size_t bl = inked(body, len);
    size_t tl = inked(shown->ptr ? shown->ptr : "", shown->size);
    if (bl < BODYMIN || bl <= BODYX * tl)
        return 0;
    size_t lines = 1;
    for (size_t i = 0; i < len; i++)
        if (body[i] == '\n' && ++lines > BODYLINES)
            return 0;
    dc_buf raw = DC_BUF_INIT, page = DC_BUF_INIT;
    dc_prefilter_info info;
    /* markup from the structured data is bounded as the page's was */
    if (body_page(&raw, body, shown) || raw.oom ||
        dc_prefilter(raw.ptr, raw.size, max_depth, &page, &info)) {
        dc_buf_free(&raw);
        dc_buf_free(&page);
        return -1;
    }
    dc_buf_free(&raw);
    if (info.flattened) {
        /* nesting past the limit: not an article's markup */
        dc_buf_free(&page);
        return 0;
    }
    GumboOptions go = kGumboDefaultOptions;
    go.max_errors = 0;
    GumboOutput *ng = gumbo_parse_with_options(&go, page.size ? page.ptr : "", page.size);
    if (!ng) {
        dc_buf_free(&page);
        return -1;
    }
    dc_doc nd;
    if (dc_measure(ng->document, 0, &nd)) {
        gumbo_destroy_output(&kGumboDefaultOptions, ng);
        dc_buf_free(&page);
        return -1;
    }
    nd.bias = bias;
    int32_t nr = dc_choose(&nd);
    if (nr < 0 || dc_clean(&nd, nr, NULL, NULL)) {
        dc_doc_free(&nd);
        gumbo_destroy_output(&kGumboDefaultOptions, ng);
        dc_buf_free(&page);
        return nr < 0 ? 0 : -1;
    }
    /* the new tree replaces the page's */
    dc_doc_free(doc);
    *doc = nd;
    if (*g)
        gumbo_destroy_output(&kGumboDefaultOptions, *g);
    *g = ng;
    dc_buf_free(pre);
    *pre = page;
    *root = nr;
    text->size = 0;
    dc_render_text_flags(doc, nr, no_tables, NULL, text);
    return 1;
}
