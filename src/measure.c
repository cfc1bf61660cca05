#include "measure.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hints.h"

const char *dc_attr(const GumboNode *g, const char *name)
{
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE)
        return NULL;
    /* gumbo gives attribute names in lower case, as callers ask for them */
    const GumboVector *a = &g->v.element.attributes;
    for (unsigned i = 0; i < a->length; i++) {
        const GumboAttribute *at = a->data[i];
        if (at->name[0] == name[0] && strcmp(at->name, name) == 0)
            return at->value;
    }
    return NULL;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void dc_text_stats(const char *s, size_t n, uint32_t *chars, uint32_t *punct)
{
    uint32_t c = 0, p = 0;
    const unsigned char *u = (const unsigned char *)s;
    int thai = 0; /* the last character was Thai or Lao */
    for (size_t i = 0; i < n; i++) {
        unsigned char b = u[i];
        if (b < 0x80) {
            if (is_space(b)) {
                /* Thai and Lao end clauses and sentences with a space */
                p += thai;
                thai = 0;
                continue;
            }
            thai = 0;
            c++;
            if (b == '.' || b == ',' || b == '!' || b == '?' || b == ';' || b == ':')
                p++;
        } else if ((b & 0xC0) != 0x80) {
            c++;
            thai = b == 0xE0 && i + 1 < n && u[i + 1] >= 0xB8 && u[i + 1] <= 0xBB;
            /* U+3001 、 U+3002 。 U+FF0C ， U+FF0E ． U+FF01 ！ U+FF1F ？ */
            if (b == 0xE3 && i + 2 < n && u[i + 1] == 0x80 && (u[i + 2] == 0x81 || u[i + 2] == 0x82))
                p++;
            else if (b == 0xEF && i + 2 < n && u[i + 1] == 0xBC &&
                     (u[i + 2] == 0x8C || u[i + 2] == 0x8E || u[i + 2] == 0x81 || u[i + 2] == 0x9F))
                p++;
            /* U+0964 । U+0965 ॥ (Devanagari and the Indic scripts),
             * U+1362 ። (Ethiopic), U+104A ၊ U+104B ။ (Myanmar), U+17D4 ។
             * (Khmer) */
            else if (i + 2 < n &&
                     ((b == 0xE0 && u[i + 1] == 0xA5 && (u[i + 2] == 0xA4 || u[i + 2] == 0xA5)) ||
                      (b == 0xE1 && u[i + 1] == 0x8D && u[i + 2] == 0xA2) ||
                      (b == 0xE1 && u[i + 1] == 0x81 && (u[i + 2] == 0x8A || u[i + 2] == 0x8B)) ||
                      (b == 0xE1 && u[i + 1] == 0x9F && u[i + 2] == 0x94)))
                p++;
            /* U+060C ، U+061B ؛ U+061F ؟ U+06D4 ۔ (Arabic, Persian, Urdu) */
            else if (i + 1 < n &&
                     ((b == 0xD8 && (u[i + 1] == 0x8C || u[i + 1] == 0x9B || u[i + 1] == 0x9F)) ||
                      (b == 0xDB && u[i + 1] == 0x94)))
                p++;
        }
    }
    *chars = c;
    *punct = p;
}

static int is_block_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
    case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LI:
    case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_UL: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_OPTION:
        return 1;
    default:
        return 0;
    }
}

/* Elements whose content is never article text. */
static int is_skip_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED: case GUMBO_TAG_CANVAS: case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_SELECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_MAP: case GUMBO_TAG_DATALIST:
    case GUMBO_TAG_TITLE: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_RT: case GUMBO_TAG_RP:
        return 1;
    default:
        return 0;
    }
}

/* Whether the text under g reaches n bytes (a bounded walk: it stops
 * there, or after NOTICE_NODES nodes, which count as enough). */
#define NOTICE_NODES 64
static int text_reaches(const GumboNode *g, size_t n)
{
    const GumboNode *stack[32];
    int top = 0, seen = 0;
    size_t got = 0;
    stack[top++] = g;
    while (top) {
        const GumboNode *x = stack[--top];
        if (++seen > NOTICE_NODES)
            return 1;
        if (x->type == GUMBO_NODE_TEXT || x->type == GUMBO_NODE_CDATA) {
            got += strnlen(x->v.text.text, n - got);
            if (got >= n)
                return 1;
        } else if (x->type == GUMBO_NODE_ELEMENT) {
            const GumboVector *c = &x->v.element.children;
            for (unsigned i = c->length; i-- > 0;) {
                if (top == (int)(sizeof stack / sizeof *stack))
                    return 1;
                stack[top++] = c->data[i];
            }
        }
    }
    return 0;
}

/* A <noscript> with a line or two of text is a notice to turn scripts on,
 * not the page's fallback content (that runs longer). */
#define NOTICE_MAX 200

static int is_list_tag(GumboTag t)
{
    return t == GUMBO_TAG_UL || t == GUMBO_TAG_OL || t == GUMBO_TAG_DL || t == GUMBO_TAG_MENU;
}

static int is_table_tag(GumboTag t)
{
    return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD ||
           t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_TR || t == GUMBO_TAG_TD ||
           t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION;
}

static const GumboVector *children_of(const GumboNode *g)
{
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE)
        return &g->v.element.children;
    if (g->type == GUMBO_NODE_DOCUMENT)
        return &g->v.document.children;
    return NULL;
}

/* Whether a type name in s names a story: schema.org's Article and its
 * kinds (NewsArticle, ScholarlyArticle, ...), BlogPosting and
 * LiveBlogPosting, the name whole at its end ("ArticleSection" is no
 * type). */
static int story_type(const char *s, size_t n)
{
    static const char *const kinds[] = {"Article", "BlogPosting"};
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
        size_t m = strlen(kinds[k]);
        for (size_t i = 0; i + m <= n; i++) {
            char after = i + m < n ? s[i + m] : 0;
            if (memcmp(s + i, kinds[k], m) == 0 &&
                !((after >= 'a' && after <= 'z') || (after >= 'A' && after <= 'Z') ||
                  (after >= '0' && after <= '9')))
                return 1;
        }
    }
    return 0;
}

/* Whether a JSON-LD block types a story: the value of each "@type" key
 * (a name or a list of names) is read. */
static int ld_story(const char *t)
{
    for (const char *f = strstr(t, "\"@type\""); f; f = strstr(f + 7, "\"@type\"")) {
        const char *v = f + 7;
        while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == ':')
            v++;
        const char *e = v;
        if (*v == '[') {
            while (*e && *e != ']')
                e++;
        } else if (*v == '"') {
            e = v + 1;
            while (*e && *e != '"')
                e++;
        }
        if (story_type(v, (size_t)(e - v)))
            return 1;
    }
    return 0;
}

/* Discussion threads (1) and Q&A pages (8) say so in schema.org markup,
 * as microdata (itemtype) or JSON-LD (@type); so do items (2) and offers
 * (4), which together make a product page, and stories (16). */
static int page_marked(const GumboNode *g)
{
    static const char *const types[] = {"DiscussionForumPosting", "QAPage"};
    const char *v = dc_attr(g, "itemtype");
    const char *text = NULL;
    if (g->v.element.tag == GUMBO_TAG_SCRIPT && g->v.element.children.length) {
        const char *ty = dc_attr(g, "type");
        const GumboNode *c = g->v.element.children.data[0];
        if (ty && strcasecmp(ty, "application/ld+json") == 0 && c->type == GUMBO_NODE_TEXT)
            text = c->v.text.text;
    }
    int story = (v && story_type(v, strlen(v))) || (text && ld_story(text)) ? 16 : 0;
    for (size_t i = 0; i < sizeof types / sizeof *types; i++)
        if ((v && strstr(v, types[i])) || (text && strstr(text, types[i])))
            return (i == 0 ? 1 : 8) | story;
    int k = story;
    if ((v && strstr(v, "schema.org/Product")) || (text && strstr(text, "\"Product\"")))
        k |= 2;
    if ((v && strstr(v, "Offer")) || (text && strstr(text, "\"offers\"")))
        k |= 4;
    return k;
}

/* Top-down facts of node i, taken as flatten() adds it (its parent is
 * done by then): tags, inherited flags, owning block, own text. Done in
 * the same pass so that each gumbo node is read once while it is in the
 * cache (a second pass misses it on big pages). */
static void top_down(dc_doc *d, dc_node *a, size_t i, int relaxed, dc_hint_cache *cache)
{
    dc_node *x = &a[i];
    const GumboNode *g = x->g;
    uint32_t inh = x->parent >= 0 ? a[x->parent].flags & (DC_N_SKIP | DC_N_INLINK | DC_N_PRE |
                                                          DC_N_INARTICLE) : 0;
    x->block = x->parent >= 0 ? a[x->parent].block : 0;
    if (g->type == GUMBO_NODE_ELEMENT || g->type == GUMBO_NODE_TEMPLATE) {
        GumboTag t = g->v.element.tag;
        x->tag = (uint16_t)t;
        x->flags = inh | DC_N_ELEMENT;
        if (t == GUMBO_TAG_BODY && !d->body)
            d->body = (int32_t)i;
        if ((is_skip_tag(t) && !(t == GUMBO_TAG_BUTTON && dc_hint_toggle(g))) ||
            (t == GUMBO_TAG_NOSCRIPT && (!relaxed || !text_reaches(g, NOTICE_MAX))) ||
            g->v.element.tag_namespace != GUMBO_NAMESPACE_HTML)
            x->flags |= DC_N_SKIP;
        if (is_block_tag(t)) {
            x->flags |= DC_N_BLOCK;
            x->block = (int32_t)i;
        }
        if (t == GUMBO_TAG_A && dc_attr(g, "href"))
            x->flags |= DC_N_INLINK;
        if (t == GUMBO_TAG_PRE)
            x->flags |= DC_N_PRE;
        if (t == GUMBO_TAG_ARTICLE || t == GUMBO_TAG_MAIN)
            x->flags |= DC_N_INARTICLE;
        /* a thread marked anywhere makes the page one (Q&A software
         * marks its replies as posts too) */
        if (d->forum != DC_FORUM_THREAD || !d->story) {
            int k = page_marked(g);
            if (d->forum != DC_FORUM_THREAD) {
                if (k & 1)
                    d->forum = DC_FORUM_THREAD;
                else if (k & 8)
                    d->forum = DC_FORUM_QA;
                d->product |= k & (2 | 4);
            }
            if (k & 16)
                d->story = 1;
        }
        if (t == GUMBO_TAG_META && !d->story) {
            const char *p = dc_attr(g, "property");
            const char *c = dc_attr(g, "content");
            if (p && c && strcasecmp(p, "og:type") == 0 && strncasecmp(c, "article", 7) == 0)
                d->story = 1;
        }
        if (t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6)
            x->flags |= DC_N_HEADING;
        if (is_list_tag(t))
            x->flags |= DC_N_LIST;
        if (is_table_tag(t))
            x->flags |= DC_N_TABLEISH;
        if (!(x->flags & DC_N_SKIP)) {
            unsigned h = dc_hint_element_cached(g, relaxed, cache);
            /* An article's own <header> holds its standfirst, not the
             * site's masthead. */
            if (t == GUMBO_TAG_HEADER && (inh & DC_N_INARTICLE))
                h &= ~(unsigned)DC_HINT_NEG;
            if (h & DC_HINT_SKIP)
                x->flags |= DC_N_SKIP;
            else if (h & DC_HINT_NEG)
                x->flags |= DC_N_NEG | ((h & DC_HINT_COMMENT) ? DC_N_COMMENT : 0);
            else if (h & DC_HINT_POS)
                x->flags |= DC_N_POS;
            if (h & DC_HINT_REVIEW)
                x->flags |= DC_N_REVIEW;
        }
    } else if (g->type == GUMBO_NODE_DOCUMENT) {
        x->tag = GUMBO_TAG_UNKNOWN;
    } else {
        x->tag = GUMBO_TAG_UNKNOWN;
        x->flags = inh | DC_N_TEXT;
        x->text = g->v.text.text;
        if (g->type == GUMBO_NODE_WHITESPACE)
            x->flags |= DC_N_WHITESPACE;
        if (inh & DC_N_SKIP)
            return;
        const char *s = x->text;
        uint32_t c, p;
        dc_text_stats(s, strlen(s), &c, &p);
        if (!c)
            x->flags |= DC_N_WHITESPACE;
        x->chars = c;
        x->link_chars = (inh & DC_N_INLINK) ? c : 0;
        dc_node *b = &a[x->block];
        b->own_chars += c;
        b->own_punct = (uint16_t)(b->own_punct + p > UINT16_MAX ? UINT16_MAX : b->own_punct + p);
        b->own_link += x->link_chars;
    }
}

/* React's streaming renderer sends late parts of a page after the rest,
 * each as <div hidden id="S:n"> among <body>'s last children, and a
 * script moves part n to where <template id="B:n"> holds its place. The
 * flattening does the same, so that the parts are read where readers see
 * them. */
#define MAX_SEGMENTS 256

typedef struct segments {
    const GumboNode *node[MAX_SEGMENTS];
    const char *num[MAX_SEGMENTS];
    unsigned char placed[MAX_SEGMENTS];
    size_t count;
    const GumboNode *body; /* the parts' parent */
} segments;

/* The part after prefix ":" of an element's id of that form ("S:1f"),
 * or NULL. */
static const char *segment_id(const GumboNode *g, char prefix)
{
    if (g->type != GUMBO_NODE_ELEMENT && g->type != GUMBO_NODE_TEMPLATE)
        return NULL;
    const char *id = dc_attr(g, "id");
    if (!id || id[0] != prefix || id[1] != ':' || !id[2])
        return NULL;
    for (const char *p = id + 2; *p; p++)
        if (!isalnum((unsigned char)*p))
            return NULL;
    return id + 2;
}

static void find_segments(const GumboNode *root, segments *sg)
{
    sg->count = 0;
    const GumboNode *body = NULL;
    const GumboVector *top = children_of(root);
    for (unsigned i = 0; top && i < top->length && !body; i++) {
        const GumboNode *t = top->data[i];
        if (t->type != GUMBO_NODE_ELEMENT || t->v.element.tag != GUMBO_TAG_HTML)
            continue;
        const GumboVector *h = &t->v.element.children;
        for (unsigned j = 0; j < h->length && !body; j++) {
            const GumboNode *b = h->data[j];
            if (b->type == GUMBO_NODE_ELEMENT && b->v.element.tag == GUMBO_TAG_BODY)
                body = b;
        }
    }
    sg->body = body;
    if (!body)
        return;
    const GumboVector *ch = &body->v.element.children;
    for (unsigned i = 0; i < ch->length && sg->count < MAX_SEGMENTS; i++) {
        const GumboNode *g = ch->data[i];
        const char *n = segment_id(g, 'S');
        if (n && dc_attr(g, "hidden")) {
            sg->node[sg->count] = g;
            sg->num[sg->count] = n;
            sg->placed[sg->count] = 0;
            sg->count++;
        }
    }
}

/* The node to flatten for child c: a placeholder gives way to its part,
 * a part already placed is left out (NULL). */
static const GumboNode *segment_swap(segments *sg, const GumboNode *c)
{
    if (!sg->count)
        return c;
    const char *n = c->type == GUMBO_NODE_TEMPLATE ? segment_id(c, 'B') : NULL;
    if (n) {
        for (size_t k = 0; k < sg->count; k++)
            if (strcmp(sg->num[k], n) == 0 && !sg->placed[k]) {
                sg->placed[k] = 1;
                return sg->node[k];
            }
        return c;
    }
    if (c->parent != sg->body)
        return c; /* parts are <body>'s children */
    for (size_t k = 0; k < sg->count; k++)
        if (sg->node[k] == c)
            return sg->placed[k] ? NULL : c;
    return c;
}

/* Pre-order flattening with an explicit stack. */
static int flatten(const GumboNode *root, dc_doc *d, int relaxed, dc_hint_cache *cache)
{
    size_t cap = 1024, n = 0, sp = 0, scap = 256;
    dc_node *a = malloc(cap * sizeof *a);
    struct frame { int32_t idx; unsigned next; } *st = malloc(scap * sizeof *st);
    segments *sg = malloc(sizeof *sg);
    if (!a || !st || !sg)
        goto oom;
    find_segments(root, sg);
    memset(&a[0], 0, sizeof a[0]);
    a[0].g = root;
    a[0].parent = -1;
    top_down(d, a, 0, relaxed, cache);
    n = 1;
    st[sp++] = (struct frame){0, 0};
    while (sp) {
        struct frame *f = &st[sp - 1];
        const GumboVector *ch = children_of(a[f->idx].g);
        if (!ch || f->next >= ch->length) {
            a[f->idx].end = (int32_t)n - 1;
            sp--;
            continue;
        }
        const GumboNode *c = ch->data[f->next++];
        if (c->type == GUMBO_NODE_COMMENT || !(c = segment_swap(sg, c)))
            continue;
        if (n == cap) {
            if (cap > (size_t)INT32_MAX / 2)
                goto oom;
            dc_node *na = realloc(a, 2 * cap * sizeof *a);
            if (!na)
                goto oom;
            a = na;
            cap *= 2;
        }
        dc_node *x = &a[n];
        memset(x, 0, sizeof *x);
        x->g = c;
        x->parent = f->idx;
        int32_t idx = (int32_t)n++;
        top_down(d, a, (size_t)idx, relaxed, cache);
        if (children_of(c)) {
            if (sp == scap) {
                struct frame *ns = realloc(st, 2 * scap * sizeof *st);
                if (!ns)
                    goto oom;
                st = ns;
                scap *= 2;
            }
            st[sp++] = (struct frame){idx, 0};
        } else {
            x->end = idx;
        }
    }
    free(st);
    free(sg);
    d->n = a;
    d->count = n;
    return 0;
oom:
    free(a);
    free(st);
    free(sg);
    return -1;
}


int dc_measure(const GumboNode *root, int relaxed, dc_doc *d)
{
    memset(d, 0, sizeof *d);
    dc_hint_cache *cache = calloc(1, sizeof *cache); /* NULL: no cache, same verdicts */
    int failed = flatten(root, d, relaxed, cache);
    free(cache);
    if (failed)
        return -1;
    dc_node *a = d->n;

    /* Bottom-up: subtree totals. */
    for (size_t i = d->count; i-- > 1;) {
        dc_node *x = &a[i];
        if ((x->flags & DC_N_BLOCK) && x->own_chars && !(x->flags & DC_N_SKIP))
            x->flags |= DC_N_TEXTBLOCK;
        if (x->flags & DC_N_SKIP)
            continue;
        if (x->flags & DC_N_TEXTBLOCK)
            x->blocks++;
        dc_node *p = &a[x->parent];
        p->chars += x->chars;
        p->link_chars += x->link_chars;
        p->blocks += x->blocks;
    }
    d->total_chars = a[0].chars;
    return 0;
}

void dc_doc_free(dc_doc *d)
{
    free(d->n);
    d->n = NULL;
    d->count = 0;
}
