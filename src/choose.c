#include "choose.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "hints.h"

/* Listings: the items must outweigh the prose LISTK times over, the prose
 * must be short (under LISTPROSE), and items that are all link text must
 * average LISTMIN characters (headlines, not menu entries). */
#define LISTK 6.0f
/* Prose below a listing's items counts LISTBELOW against them. */
#define LISTBELOW 0.5f
/* A hinted subtree is boilerplate unless it holds ZGATE of the prose. */
#define ZGATE 0.7f
/* When zones hold more than ZFALL of the prose, the hints are distrusted:
 * only comments, footers, navigation and boxes beside the content stay
 * zoned. */
#define ZFALL 0.5f
/* Widening stops once the region holds WOWN of the page's plain text, or
 * when what the parent adds is WLD or more link text. */
#define WOWN 0.8f
#define WLD 0.5f
/* Levels above a link-dense parent that the region may still reach. */
#define LOOKUP 3
/* The precision and recall biases move the widening, and recall the gate:
 * precision widens less, recall zones fewer hinted boxes and widens more.
 * (A higher gate for precision zoned article wrappers with odd names and
 * lost more content than boilerplate: trafilatura set snippet precision
 * 0.898 at 0.6, 0.892 at 0.85.) */
#define ZGATE_RECALL 0.35f
#define WOWN_PRECISION 0.5f
#define WOWN_RECALL 0.95f
#define WLD_PRECISION 0.3f
#define WLD_RECALL 0.7f

static float by_bias(int bias, float balanced, float precision, float recall)
{
    return bias < 0 ? precision : bias > 0 ? recall : balanced;
}
/* Sections beside the region on a landing page (see dc_choose). */
#define STACKMIN 100.0f
#define STACKMORE 0.1f
#define LISTPROSE 2500.0f
#define LISTMIN 40
/* A listing widens to its page's main region when that adds WMORE of the
 * items' text. */
#define WMORE 0.25f
/* Items inside the chosen region are kept whole when they outweigh its
 * prose ITEMK times. */
#define ITEMK 2.0f
/* Items beside the region join it when their common parent adds under
 * JOINMORE of their text (see join_items). */
#define JOINMORE 0.5f
/* Items of links only inside a part hinted as boilerplate must average
 * LINKMIN characters a link (a mega menu's items hold many short ones). */
#define LINKMIN 20
#define MAINMIN 100

/* A block reads like prose when it has enough non-link text (shorter
 * prose counts less: comments and side notes are short); link-heavy
 * blocks are menus and teasers; short blocks count a little against. */
#define RAMP 120.0f
float dc_block_weight(const dc_node *x, int short_text)
{
    float c = (float)x->own_chars;
    float l = (float)x->own_link;
    if (c <= 0)
        return 0;
    if (x->flags & DC_N_HEADING)
        return 0;
    if (l / c >= 0.5f)
        return -c;
    float eff = c - l;
    if (eff >= 70 || (eff >= 40 && x->own_punct >= 2))
        return eff < RAMP ? eff * eff / RAMP : eff;
    return short_text ? 0.3f * eff : -0.2f * c;
}

/* <html> and <body>: their class names speak for the whole page. */
static int page_root(const dc_node *x)
{
    return x->tag == GUMBO_TAG_BODY || x->tag == GUMBO_TAG_HTML;
}

/* The page's footer (<footer>, role=contentinfo): its blurb, contacts and
 * legal lines are never the main content, however little prose the rest
 * of the page holds (a shop's grid, a landing page of cards). */
static int page_footer(const dc_node *x)
{
    if (x->tag == GUMBO_TAG_FOOTER)
        return 1;
    const char *r = (x->flags & DC_N_ELEMENT) ? dc_attr(x->g, "role") : NULL;
    return r && strcasecmp(r, "contentinfo") == 0;
}

/* The page's <main> (the one with the most text), or -1. */
static int32_t page_main(const dc_doc *d)
{
    int32_t m = -1;
    for (size_t i = 0; i < d->count; i++)
        if (d->n[i].tag == GUMBO_TAG_MAIN && (d->n[i].flags & DC_N_ELEMENT) &&
            (m < 0 || d->n[i].chars > d->n[m].chars))
            m = (int32_t)i;
    return m;
}

/* Element i inside the page's <main> m that holds most of its text: the
 * main region's own wrapper, whatever its name ("feed-search-page"), not
 * a box set in it. Reader comments stay comments. */
static int fills_main(const dc_node *a, int32_t m, int32_t i)
{
    return m >= 0 && i > m && i <= a[m].end && !(a[i].flags & DC_N_COMMENT) &&
           (float)a[i].chars >= ZGATE * (float)a[m].chars;
}

/* A box laid over the page, named so by its class or id: a sign-in form
 * or an image viewer, or a dialog or popup that holds form fields (one
 * without may show a product's details). It is not the page's wrapper:
 * it holds neither the page's <main> nor an <h1>. It is never the
 * content, however much text it holds. */
static int overlay(const dc_node *a, int32_t i)
{
    const dc_node *x = &a[i];
    int kind;
    if (!(x->flags & DC_N_NEG) || page_root(x) || (kind = dc_hint_overlay(x->g)) == 0)
        return 0;
    int form = kind == 2;
    for (int32_t j = i + 1; j <= x->end; j++)
        if (a[j].tag == GUMBO_TAG_MAIN || a[j].tag == GUMBO_TAG_H1)
            return 0;
        else if (a[j].tag == GUMBO_TAG_FORM || a[j].tag == GUMBO_TAG_INPUT)
            form = 1;
    return form;
}

static void signatures(GumboTag tag, const char *c, int whole, uint32_t sig[2]);

/* The siblings of x (x among them) with its tag and whole class string
 * cls, leaving out those flagged off; counting stops at enough, or after
 * scan children of the parent. other, when not NULL, sums the others'
 * visible text outside links. */
static unsigned alike_siblings(const dc_node *a, int32_t x, const char *cls, uint32_t off,
                               unsigned enough, unsigned scan, float *other)
{
    uint32_t mine[2], sig[2];
    signatures((GumboTag)a[x].tag, cls, 1, mine);
    int32_t p = a[x].parent;
    unsigned n = 0, seen = 0;
    for (int32_t c = p + 1; c <= a[p].end && n < enough && seen < scan;
         c = a[c].end + 1, seen++) {
        const dc_node *y = &a[c];
        if (!(y->flags & DC_N_ELEMENT) || y->tag != a[x].tag || (y->flags & off))
            continue;
        signatures((GumboTag)y->tag, dc_attr(y->g, "class"), 1, sig);
        if (sig[1] != mine[1])
            continue;
        n++;
        if (other && c != x)
            *other += (float)(y->vchars - y->vlink);
    }
    return n;
}

/* Element i, hinted as boilerplate, holding nearly all the text of an
 * unhinted ancestor a few levels up, of at most SLOTMAX letters, that is
 * one of SLOTITEMS or more sibling items of the same named kind (a card
 * of a grid, not a box of teasers): the hint names the items' text
 * slot (a product card's "caption", a result card's "meta" line with its
 * title), not a box set among them. */
#define SLOTITEMS 4
#define SLOTUP 4
#define SLOTSIBS 64
#define SLOTMAX 300
static int item_slot(const dc_node *a, int32_t i, int32_t body)
{
    int32_t p = i;
    for (int up = 0; up < SLOTUP; up++) {
        p = a[p].parent;
        if (p <= body || (a[p].flags & DC_N_NEG) || 10 * a[i].chars < 8 * a[p].chars ||
            a[p].chars > SLOTMAX)
            return 0;
        const char *cls = dc_attr(a[p].g, "class");
        if (cls && *cls && alike_siblings(a, p, cls, 0, SLOTITEMS, SLOTSIBS, NULL) >= SLOTITEMS)
            return 1;
    }
    return 0;
}

static int32_t pick(dc_doc *d, int short_text)
{
    dc_node *a = d->n;
    size_t n = d->count;

    /* On a page that offers a product for sale, customer reviews are what
     * buyers wrote, kept apart as reader comments are. */
    uint32_t reviews = d->product == (2 | 4) && !d->forum ? DC_N_REVIEW : 0;

    /* Prose mass per subtree, before any markup hint. */
    for (size_t i = 0; i < n; i++) {
        dc_node *x = &a[i];
        x->flags &= ~(uint32_t)DC_N_NEGZONE;
        if (x->flags & reviews)
            x->flags = (x->flags & ~(uint32_t)DC_N_POS) | DC_N_NEG | DC_N_COMMENT;
        x->weight = (x->flags & DC_N_TEXTBLOCK) ? dc_block_weight(x, short_text) : 0;
        x->score = x->weight > 0 ? x->weight : 0;
    }
    for (size_t i = n; i-- > 1;)
        if (!(a[i].flags & DC_N_SKIP))
            a[a[i].parent].score += a[i].score;
    float total = a[0].score;
    if (total <= 0)
        return -1;

    /* Boilerplate zones: a hinted subtree that does not hold most of the
     * prose. The gate keeps sites whose article wrapper has an odd name. */
    float zoned = 0;
    float zgate = d->bias > 0 ? ZGATE_RECALL : ZGATE;
    int32_t main_el = page_main(d);
    for (size_t i = 1; i < n; i++) {
        dc_node *x = &a[i];
        /* An inline element wrapping paragraphs is a template's wrapper,
         * whatever its name; its text is owned by the block around it. */
        int wrapper = !(x->flags & DC_N_BLOCK) && x->blocks > 0;
        if (a[x->parent].flags & DC_N_NEGZONE) {
            x->flags |= DC_N_NEGZONE;
        } else if ((x->flags & DC_N_NEG) && !wrapper && !fills_main(a, main_el, (int32_t)i) &&
                   !item_slot(a, (int32_t)i, d->body) &&
                   (x->score < zgate * total || ((x->flags & reviews) && !page_root(x)) ||
                    (!d->forum && page_footer(x)) || overlay(a, (int32_t)i)) &&
                   !(d->forum == DC_FORUM_THREAD && (x->flags & DC_N_COMMENT))) {
            x->flags |= DC_N_NEGZONE;
            zoned += x->score;
        }
    }
    /* When the hints would hide most of the prose, they are wrong for this
     * page (product reviews in "widgets", forum posts as "comments"). */
    if (zoned > ZFALL * total) {
        /* The page's footer stays out, but on a discussion. Reader
         * comments stay out, unless that would leave next to nothing or
         * the page is a discussion; so do the page's own navigation (its
         * tag says what it is) and boxes set
         * beside the content (a footer with the author's bio, a sidebar's
         * blurb, related posts with excerpts), which outweigh a short
         * article. */
        int all = d->forum || total - zoned < 300;
        for (size_t i = 1; i < n; i++) {
            dc_node *x = &a[i];
            /* parents are settled first: pre-order */
            int keep = (x->flags & DC_N_NEGZONE) &&
                       ((a[x->parent].flags & DC_N_NEGZONE) || (x->flags & reviews) ||
                        (!d->forum && page_footer(x)) || overlay(a, (int32_t)i) ||
                        (!all && ((x->flags & DC_N_COMMENT) || x->tag == GUMBO_TAG_NAV ||
                                  ((x->flags & DC_N_NEG) && dc_hint_side(x->g)))));
            if (!keep)
                x->flags &= ~(uint32_t)DC_N_NEGZONE;
        }
    }

    /* Region score: prose counts for, clutter against. */
    for (size_t i = 0; i < n; i++) {
        dc_node *x = &a[i];
        float w = x->weight;
        if ((x->flags & DC_N_NEGZONE) && w > 0)
            w = -w;
        if (x->flags & DC_N_SKIP)
            w = 0;
        x->score = w;
    }
    for (size_t i = n; i-- > 1;)
        if (!(a[i].flags & DC_N_SKIP))
            a[a[i].parent].score += a[i].score;

    int32_t best = -1;
    float bs = 0;
    for (size_t i = 0; i < n; i++) {
        dc_node *x = &a[i];
        if (!(x->flags & DC_N_ELEMENT) || (x->flags & (DC_N_SKIP | DC_N_NEGZONE)))
            continue;
        if (x->score > bs) {
            bs = x->score;
            best = (int32_t)i;
        }
    }
    return best;
}

/* Text and link text outside skipped parts and boilerplate zones; with
 * anchors (one slot per node, zeroed), the links with text in each such
 * subtree; and DC_N_HINTED on whatever sits in an element hinted as
 * boilerplate below <body> that holds under ZGATE of the body's text.
 * Two passes, as the table is big. */
static void visible_totals(dc_doc *d, uint32_t *anchors)
{
    dc_node *a = d->n;
    for (size_t i = 0; i < d->count; i++) {
        dc_node *x = &a[i];
        int text = (x->flags & DC_N_TEXT) != 0;
        x->vchars = text ? x->chars : 0;
        x->vlink = text ? x->link_chars : 0;
        /* an element around most of the page is not a box, whatever its
         * name ("dialog-off-canvas-main-canvas") */
        int neg = i > 0 && (x->flags & DC_N_NEG) && !page_root(x) &&
                  (float)x->chars < ZGATE * (float)a[d->body].chars;
        if (neg || (i > 0 && (a[x->parent].flags & DC_N_HINTED)))
            x->flags |= DC_N_HINTED;
        else
            x->flags &= ~(uint32_t)DC_N_HINTED;
        if (x->tag == GUMBO_TAG_IMG)
            x->flags |= DC_N_MEDIA;
        else
            x->flags &= ~(uint32_t)DC_N_MEDIA;
    }
    for (size_t i = d->count; i-- > 1;) {
        dc_node *x = &a[i];
        if (x->flags & (DC_N_SKIP | DC_N_NEGZONE))
            continue;
        a[x->parent].vchars += x->vchars;
        a[x->parent].vlink += x->vlink;
        a[x->parent].flags |= x->flags & DC_N_MEDIA;
        if (anchors) {
            if (x->tag == GUMBO_TAG_A && x->vlink && !(a[x->parent].flags & DC_N_INLINK))
                anchors[i]++;
            anchors[x->parent] += anchors[i];
        }
    }
}

static int class_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Identity of an element's kind for repetition, from its tag and class
 * string c: sig[0] by the first class name, sig[1] by the whole string
 * (both the whole string when whole). Templates name the kind first and
 * then add words of each item's own (shops: "product type-product
 * post-6829 instock first"), which set every item apart by the whole
 * string. */
static void signatures(GumboTag tag, const char *c, int whole, uint32_t sig[2])
{
    uint32_t first = 2166136261u ^ tag, all = first;
    if (c) {
        for (const char *p = c; *p; p++)
            all = (all ^ (unsigned char)*p) * 16777619u;
        while (class_space(*c))
            c++;
        for (; *c && !class_space(*c); c++)
            first = (first ^ (unsigned char)*c) * 16777619u;
    }
    sig[1] = all ? all : 1;
    sig[0] = whole ? sig[1] : first ? first : 1;
}

typedef struct group {
    uint32_t sig, count, chars, link, anchors, media;
} group;

/* An element with visible text whose parent is shown too. */
static int item_candidate(const dc_node *a, const dc_node *x)
{
    return (x->flags & DC_N_ELEMENT) && x->vchars && !(x->flags & (DC_N_SKIP | DC_N_NEGZONE)) &&
           !(a[x->parent].flags & (DC_N_SKIP | DC_N_NEGZONE));
}

/* Adds item c (node x) of parent p to its group of table t and, when
 * that makes the group the largest run of alike items so far, records p
 * in *best (c in *best_at, the items' text in *mass). */
static void add_item(const dc_node *p, int32_t pi, const dc_node *x, int32_t c, uint32_t sig,
                     uint32_t anchors, group *t, size_t cap, uint32_t *used, size_t *nused,
                     int32_t *best, int32_t *best_at, float *mass)
{
    size_t k = (size_t)(sig * 2654435761u) & (cap - 1);
    while (t[k].sig && t[k].sig != sig)
        k = (k + 1) & (cap - 1);
    group *g = &t[k];
    if (!g->sig)
        used[(*nused)++] = (uint32_t)k;
    g->sig = sig;
    g->count++;
    g->chars += x->vchars;
    g->link += x->vlink;
    g->anchors += anchors;
    g->media += (x->flags & DC_N_MEDIA) != 0;
    /* items of links only must be long (headlines), else it is a menu,
     * unless most show a picture (product and teaser cards: menus do
     * not); inside hinted chrome, their links must be long too (LINKMIN) */
    int links_only = (float)g->link >= 0.8f * (float)g->chars;
    uint32_t least = links_only && 4 * g->media < 3 * g->count ? LISTMIN : 20;
    if (links_only && (p->flags & DC_N_HINTED) && g->link < LINKMIN * g->anchors)
        return;
    if (g->count >= 4 && g->chars >= least * g->count && 2 * g->chars >= p->vchars &&
        ((float)g->chars > *mass || ((float)g->chars == *mass && c < *best_at))) {
        *mass = (float)g->chars;
        *best = pi;
        *best_at = c;
    }
}

/* The largest run of alike siblings (same tag and first class name, 4 or
 * more, holding most of their parent's text): product grids, result
 * lists, category pages. Found twice in one walk: list[0] by the first
 * class name, list[1] by the whole class string (inside a part hinted as
 * boilerplate, where the first name is the box kind that every widget
 * shares, both by the whole string). Each is the items' parent or -1;
 * mass[] gets the items' text.
 * Parents are taken one at a time, their children grouped in small
 * tables: the walk stays sequential, which matters on big pages. The
 * threshold is tested after each item, as the items come, and of equal
 * masses the one reached first in document order wins. */
static void find_listings(const dc_doc *d, const uint32_t *anchors, int32_t list[2],
                          float mass[2])
{
    const dc_node *a = d->n;
    size_t cap = 0, nused[2];
    group *t[2] = {NULL, NULL};
    uint32_t *used[2] = {NULL, NULL};
    int32_t best_at[2] = {INT32_MAX, INT32_MAX};
    list[0] = list[1] = -1;
    mass[0] = mass[1] = 0;
    if (!anchors)
        return;
    /* a form that holds a small part of the page is one to fill in: its
     * repeated parts are fields (a form around the whole page is a
     * framework's wrapper) */
    int32_t form_end = -1;
    uint32_t page = a[d->body].vchars;
    for (int32_t pi = 0; pi < (int32_t)d->count; pi++) {
        const dc_node *p = &a[pi];
        if (p->tag == GUMBO_TAG_FORM && pi > form_end && 2 * p->vchars < page)
            form_end = p->end;
        if (p->end <= pi || !p->vchars || (p->flags & (DC_N_SKIP | DC_N_NEGZONE)) ||
            pi <= form_end)
            continue;
        /* the site's navigation and asides list its sections, not the
         * page's items */
        if (p->tag == GUMBO_TAG_NAV || p->tag == GUMBO_TAG_ASIDE) {
            pi = p->end;
            continue;
        }
        size_t kids = 0;
        for (int32_t c = pi + 1; c <= p->end; c = a[c].end + 1)
            kids += item_candidate(a, &a[c]);
        if (kids < 4)
            continue; /* no group can reach four items */
        if (2 * kids > cap) {
            size_t nc = cap ? cap : 64;
            while (nc < 2 * kids)
                nc *= 2;
            int ok = 1;
            for (int w = 0; w < 2; w++) {
                group *nt = realloc(t[w], nc * sizeof *nt);
                uint32_t *nu = realloc(used[w], nc * sizeof *nu);
                if (nt)
                    t[w] = nt;
                if (nu)
                    used[w] = nu;
                if (!nt || !nu)
                    ok = 0;
                else
                    memset(t[w], 0, nc * sizeof *nt);
            }
            if (!ok) {
                list[0] = list[1] = -1;
                mass[0] = mass[1] = 0;
                break;
            }
            cap = nc;
        }
        nused[0] = nused[1] = 0;
        for (int32_t c = pi + 1; c <= p->end; c = a[c].end + 1) {
            const dc_node *x = &a[c];
            /* paragraphs are a story's parts, however many */
            if (!item_candidate(a, x) || x->tag == GUMBO_TAG_P)
                continue;
            uint32_t sig[2];
            signatures((GumboTag)x->tag, dc_attr(x->g, "class"), (p->flags & DC_N_HINTED) != 0,
                       sig);
            for (int w = 0; w < 2; w++)
                add_item(p, pi, x, c, sig[w], anchors[c], t[w], cap, used[w], &nused[w],
                         &list[w], &best_at[w], &mass[w]);
        }
        for (int w = 0; w < 2; w++)
            for (size_t u = 0; u < nused[w]; u++)
                memset(&t[w][used[w][u]], 0, sizeof *t[w]);
    }
    for (int w = 0; w < 2; w++) {
        free(t[w]);
        free(used[w]);
    }
}

/* i or an ancestor below <body> carries a boilerplate hint and holds a
 * small part of the page's text (a wrapper with an odd name holds most;
 * reader comments are left aside: on discussions they are the content). */
static int in_hinted(const dc_doc *d, int32_t i)
{
    float page = (float)d->n[d->body].vchars;
    for (; i > d->body; i = d->n[i].parent)
        if ((d->n[i].flags & (DC_N_NEG | DC_N_COMMENT)) == DC_N_NEG &&
            (float)d->n[i].vchars < 0.3f * page)
            return 1;
    return 0;
}

/* A category page's intro and its grid of items often sit side by side,
 * the intro the best prose and the items, outside its region, too few
 * against it to make a listing. When the items outweigh the region's plain
 * text ITEMK times, the two lie apart (neither holds the other: items that
 * hold the prose are a layout's rows) and their nearest common ancestor
 * adds little else (under JOINMORE of the items' text: no sidebar, no
 * second section), that ancestor is the region. Returns it, or -1. Prose
 * in a part the page calls chrome does not pull items into it. */
static int32_t join_items(const dc_node *a, int32_t best, int32_t list, float mass)
{
    if (list < 0 || best < 0 || (a[best].flags & DC_N_HINTED))
        return -1;
    if ((list >= best && list <= a[best].end) || (best >= list && best <= a[list].end))
        return -1;
    if (mass <= ITEMK * (float)(a[best].vchars - a[best].vlink))
        return -1;
    int32_t j = a[best].parent;
    while (j >= 0 && !(list > j && list <= a[j].end))
        j = a[j].parent;
    if (j < 0 || (float)a[j].vchars - (float)a[best].vchars - (float)a[list].vchars > JOINMORE * mass)
        return -1;
    return j;
}

/* An article's lead (standfirst, teaser, chapo) often sits in its header,
 * beside the body's container rather than in it. The lead is named as
 * such, and little text stands between it and the region: the headline,
 * a byline, a date, a caption (under LEADGAP characters). It must read as
 * text (LEADMIN characters, under a third link text) and stay short
 * (LEADMAX, and under the region's own text). The nearest element so
 * named that holds text decides: a lead further up belongs to something
 * else. The names are hints.c's lead words. */
#define LEADGAP 200
#define LEADMIN 30
#define LEADMAX 1500

/* Whether i or an ancestor apart from the region (before best) is hinted
 * as reader comments or as furniture beside the content (a sidebar's
 * teaser is no lead). */
static int lead_aside(const dc_node *a, int32_t i, int32_t best)
{
    for (; i >= 0 && a[i].end < best; i = a[i].parent)
        if ((a[i].flags & DC_N_NEG) && ((a[i].flags & DC_N_COMMENT) || dc_hint_side(a[i].g)))
            return 1;
    return 0;
}

/* The region widened to take in the lead before it: their nearest common
 * ancestor, with everything in it but the two (and the path to them) set
 * aside (DC_N_BESIDE). Returns best when no lead qualifies. */
static int32_t take_lead(dc_doc *d, int32_t best)
{
    dc_node *a = d->n;
    const dc_node *r = &a[best];
    float own = (float)(r->vchars - r->vlink);
    float between = 0;
    int32_t lead = -1;
    for (int32_t i = best - 1; i > d->body; i--) {
        const dc_node *x = &a[i];
        if (x->end >= best)
            continue; /* an ancestor of the region */
        if ((x->flags & DC_N_TEXT) && !(x->flags & (DC_N_SKIP | DC_N_NEGZONE | DC_N_INLINK)))
            between += (float)x->chars;
        if (!(x->flags & DC_N_ELEMENT))
            continue;
        float text = (float)(x->vchars - x->vlink);
        if (between - text > LEADGAP)
            break;
        /* in a zone (a header hinted as chrome), its text is not counted
         * visible: take it whole */
        int zoned = (x->flags & DC_N_NEGZONE) != 0;
        float c = zoned ? (float)x->chars : (float)x->vchars;
        float l = zoned ? (float)x->link_chars : (float)x->vlink;
        /* an empty wrapper is passed over whatever its name (the names
         * are read last: that costs most) */
        if (c <= 0 || x->tag == GUMBO_TAG_H1 || (x->flags & DC_N_SKIP) || !dc_hint_lead(x->g))
            continue;
        if (c - l >= LEADMIN && 3 * l < c && c <= LEADMAX && c - l < own && !lead_aside(a, i, best))
            lead = i;
        if (lead >= 0 || c > 0)
            break; /* the nearest lead with text is the one */
    }
    if (lead < 0)
        return best;
    /* a zone it sits in is left (boilerplate inside it stays out) */
    for (int32_t j = lead; j <= a[lead].end; j++) {
        if (j != lead && (a[j].flags & DC_N_NEG)) {
            j = a[j].end;
            continue;
        }
        a[j].flags &= ~(uint32_t)DC_N_NEGZONE;
    }
    int32_t c = a[lead].parent;
    while (c >= 0 && !(best > c && best <= a[c].end))
        c = a[c].parent;
    if (c < 0)
        return best;
    for (int32_t i = c + 1; i <= a[c].end; i++) {
        dc_node *x = &a[i];
        if (i == lead || i == best) {
            i = x->end;
        } else if (!(lead > i && lead <= x->end) && !(best > i && best <= x->end)) {
            x->flags |= DC_N_BESIDE;
            i = x->end;
        }
    }
    return c;
}

/* Whether a JSON-LD block types an offer ("@type": "Offer"): a Product
 * whose offers sit under a key spelt otherwise ("Offers") is for sale
 * all the same. */
static int typed_offer(const dc_doc *d)
{
    for (size_t i = 0; i < d->count; i++) {
        const dc_node *x = &d->n[i];
        if (x->tag != GUMBO_TAG_SCRIPT || !(x->flags & DC_N_ELEMENT) ||
            !x->g->v.element.children.length)
            continue;
        const char *ty = dc_attr(x->g, "type");
        const GumboNode *c = x->g->v.element.children.data[0];
        if (ty && strcasecmp(ty, "application/ld+json") == 0 && c->type == GUMBO_NODE_TEXT &&
            strstr(c->v.text.text, "\"Offer\""))
            return 1;
    }
    return 0;
}

/* Prose per node: the positive weights of the text blocks in its subtree,
 * outside skipped parts and zones. NULL when out of memory. */
static float *prose_mass(const dc_doc *d)
{
    const dc_node *a = d->n;
    float *m = calloc(d->count, sizeof *m);
    if (!m)
        return NULL;
    for (size_t i = d->count; i-- > 1;) {
        const dc_node *x = &a[i];
        if (x->flags & (DC_N_SKIP | DC_N_NEGZONE))
            continue;
        if ((x->flags & DC_N_TEXTBLOCK) && x->weight > 0)
            m[i] += x->weight;
        m[x->parent] += m[i];
    }
    return m;
}

/* The prose that the parent of x adds in children not hinted as
 * boilerplate. Each child is looked at once per level: linear. */
static float prose_beside(const dc_node *a, int32_t x, const float *m)
{
    int32_t p = a[x].parent;
    float add = 0;
    for (int32_t c = p + 1; c <= a[p].end; c = a[c].end + 1)
        if (c != x && !(a[c].flags & DC_N_HINTED))
            add += m[c];
    return add;
}

/* The chosen region is one of ALIKE or more sibling sections of the same
 * named kind (tag and whole class string), not boilerplate, whose prose
 * together outweighs its own (the entries of a best-of article, a
 * guide's parts): their parent is the region. */
#define ALIKE 3
static int32_t alike_sections(const dc_node *a, int32_t best)
{
    const dc_node *x = &a[best];
    const char *cls = (x->flags & DC_N_ELEMENT) ? dc_attr(x->g, "class") : NULL;
    if (!cls || !*cls || (x->flags & DC_N_TABLEISH))
        return best; /* unnamed blocks and cells are alike by layout only */
    float other = 0;
    unsigned n = alike_siblings(a, best, cls, DC_N_SKIP | DC_N_NEGZONE, UINT_MAX, UINT_MAX, &other);
    return n >= ALIKE && other >= (float)(x->vchars - x->vlink) ? x->parent : best;
}

/* On a discussion thread, the region is one post of two or more alike
 * (same tag and whole class string, up to POSTUP levels above it, none
 * boilerplate): the replies, however short, are content too, so the
 * posts' parent is the region. */
#define POSTUP 8
static int32_t thread_posts(const dc_node *a, int32_t best, int32_t top)
{
    int32_t u = best;
    for (int k = 0; k < POSTUP && u > top && a[u].parent > top; k++, u = a[u].parent) {
        const char *cls = (a[u].flags & DC_N_ELEMENT) ? dc_attr(a[u].g, "class") : NULL;
        if (!cls || !*cls || (a[u].flags & DC_N_TABLEISH))
            continue;
        if (alike_siblings(a, u, cls, DC_N_SKIP | DC_N_NEGZONE, 2, UINT_MAX, NULL) >= 2)
            return a[u].parent;
    }
    return best;
}

int32_t dc_choose(dc_doc *d)
{
    if (!d->count)
        return -1;
    if (d->product == 2 && typed_offer(d))
        d->product |= 4;
    int32_t best = pick(d, 0);
    float prose = best >= 0 ? d->n[best].score : 0;
    if (best < 0)
        best = pick(d, 1);

    /* A page whose repeated items outweigh its prose is a listing: the
     * items are the content, links and all. */
    uint32_t *anchors = calloc(d->count, sizeof *anchors);
    visible_totals(d, anchors);
    /* Prose in a small part the page calls chrome (a footer's blurb, a
     * newsletter box) weighs against a listing only by its size. */
    if (best >= 0 && prose < LISTPROSE && in_hinted(d, best))
        prose = (float)(d->n[best].vchars - d->n[best].vlink) / LISTK;
    /* Prose in chrome (a footer's newsletter blurb) outside the page's
     * marked main region, when that region shows text of its own (a
     * product's name, price and bullet points): the region is the
     * content. */
    if (best >= 0 && !(d->n[best].flags & DC_N_INARTICLE) && in_hinted(d, best)) {
        int32_t m = -1;
        for (size_t i = 0; i < d->count; i++) {
            const dc_node *x = &d->n[i];
            if ((x->tag == GUMBO_TAG_MAIN || x->tag == GUMBO_TAG_ARTICLE) &&
                !(x->flags & (DC_N_SKIP | DC_N_NEGZONE)) && x->vchars >= MAINMIN &&
                (m < 0 || x->vchars > d->n[m].vchars))
                m = (int32_t)i;
        }
        if (m >= 0) {
            best = m;
            prose = (float)(d->n[m].vchars - d->n[m].vlink) / LISTK;
        }
    }
    /* Items that share the whole class string are surer to be alike: only
     * they are joined to a region of prose (the first name alone also
     * groups teaser boxes after a story, and a page's sections). */
    float masses[2];
    int32_t lists[2];
    find_listings(d, anchors, lists, masses);
    float mass = masses[0], amass = masses[1];
    int32_t list = lists[0], alike = lists[1];
    free(anchors);
    if (list < 0)
        mass = 0;
    if (alike < 0)
        amass = 0;
    d->listing = 0;
    /* Prose below items that are mostly links (a category's closing
     * blurb, written for search engines, under its grid of products or
     * teasers) weighs LISTBELOW as much against them. Items without links
     * above a text are a table or the story's own parts. */
    float against = prose;
    if (list >= 0 && best > d->n[list].end && 2 * d->n[list].vlink >= d->n[list].vchars)
        against *= LISTBELOW;
    if (list >= 0 && mass > LISTK * against && prose < LISTPROSE) {
        d->listing = 1;
        /* further sections and the intro come with the items when the
         * page marks its main region (<main>, <article>) and that adds
         * more than a heading and an item count */
        for (int32_t i = d->n[list].parent; i > d->body && (d->n[i].flags & DC_N_INARTICLE);
             i = d->n[i].parent)
            if (d->n[i].tag == GUMBO_TAG_MAIN || d->n[i].tag == GUMBO_TAG_ARTICLE) {
                if ((float)(d->n[i].vchars - d->n[list].vchars) >= WMORE * mass)
                    list = i;
                break;
            }
        return list;
    }
    if (best < 0)
        return -1; /* no prose and no items */

    /* Pages that are not articles (products, services, listings) keep most
     * of their content outside the longest prose run: widen the region
     * while what it gains is mostly plain text, not links. */
    dc_node *a = d->n;
    int32_t top = d->body > 0 ? d->body : 0;
    if (best < top)
        best = top; /* <html> or the document: nothing outside <body> counts */
    float page = (float)(a[top].vchars - a[top].vlink);
    /* A product page (schema.org Product with an Offer) spreads its own
     * text over boxes that sit apart (the buy box's bullets, the
     * description, the specifications, a few links to the brand or the
     * category among them): it widens as the recall bias does. */
    int wide = d->bias == DC_BIAS_BALANCED && d->product == (2 | 4) ? DC_BIAS_RECALL : d->bias;
    /* A landing page (a service's, a company's) stacks sections in its
     * <main>: a hero, features, testimonials, a call to contact, each its
     * own prose among cards that are links. Inside the page's <main>, on a
     * page not marked as a story (og:type, schema.org Article kinds), the
     * region widens whenever the parent adds prose of its own outside
     * hinted boxes (STACKMORE of the region's, STACKMIN at least), however
     * many links or how much of the page the region holds: clean drops
     * the link blocks it takes in. Old news pages mark nothing, but have
     * no <main> either. */
    int32_t main_el = -1;
    float *pm = NULL;
    if (wide == DC_BIAS_BALANCED) {
        for (int32_t i = best; i > top; i = a[i].parent)
            if (a[i].tag == GUMBO_TAG_MAIN)
                main_el = i;
        if (main_el >= 0 && !d->story)
            pm = prose_mass(d);
    }
    while (best != top && a[best].parent >= 0) {
        const dc_node *x = &a[best], *p = &a[x->parent];
        if (pm && x->parent >= main_el) {
            float beside = prose_beside(a, best, pm);
            if (beside >= STACKMIN && beside >= STACKMORE * pm[best]) {
                best = x->parent;
                continue;
            }
        }
        float own = (float)(x->vchars - x->vlink);
        if (own >= by_bias(wide, WOWN, WOWN_PRECISION, WOWN_RECALL) * page)
            break;
        float add = (float)(p->vchars - x->vchars);
        float addl = (float)(p->vlink - x->vlink);
        float wld = by_bias(wide, WLD, WLD_PRECISION, WLD_RECALL);
        if (add > 0 && addl / add >= wld) {
            /* a box of links beside the region (a "link tips" box), and
             * the story's next parts up to LOOKUP levels further up: an
             * ancestor that adds at least the region's own text, mostly
             * not links, takes the region in */
            int32_t up = -1, u = p->parent;
            for (int k = 0; k < LOOKUP && u >= top; k++, u = a[u].parent) {
                float ua = (float)(a[u].vchars - x->vchars);
                float ul = (float)(a[u].vlink - x->vlink);
                if (ua > 0 && ua - ul >= own && ul / ua < wld) {
                    up = u;
                    break;
                }
                if (u == top)
                    break;
            }
            if (up < 0)
                break;
            best = up;
            continue;
        }
        best = x->parent;
    }
    free(pm);
    /* one section of several alike: all of them */
    if (best > top && a[best].parent >= top)
        best = alike_sections(a, best);
    if (d->forum == DC_FORUM_THREAD)
        best = thread_posts(a, best, top);
    /* Items beside a short region (a category's intro) join it. */
    int32_t joined = join_items(a, best, alike, amass);
    if (joined > top) {
        best = joined;
        a[alike].flags |= DC_N_ITEMS;
    }
    /* Repeated items inside the region, or making it up, that outweigh
     * its prose are part of the content (a category page with an intro, a
     * grid of cards with a line of text each), links and all. A region
     * that is the items' parent itself is a listing whose cards hold a
     * line of prose here and there: the short cards after the last such
     * line are items, not the region's tail. Not so on a page marked as a
     * story (its sections are alike) nor on a product page (its boxes
     * are, and shelves of other products among them are not content). */
    if (alike >= 0 && alike >= best && alike <= a[best].end && amass > ITEMK * prose) {
        a[alike].flags |= DC_N_ITEMS;
        if (alike == best && d->product != (2 | 4) && !d->story)
            d->listing = 1;
    }
    return take_lead(d, best);
}

/* Whether i lies in a part of root set aside beside the content. */
static int beside(const dc_node *a, int32_t i, int32_t root)
{
    for (; i > root; i = a[i].parent)
        if (a[i].flags & DC_N_BESIDE)
            return 1;
    return 0;
}

int32_t dc_comments_zone(const dc_doc *d, int32_t root)
{
    const dc_node *a = d->n;
    int32_t best = -1;
    for (size_t i = 1; i < d->count; i++) {
        const dc_node *x = &a[i];
        if ((x->flags & DC_N_SKIP) || (int32_t)i == root)
            continue;
        int zone_root = (x->flags & DC_N_NEGZONE) && !(a[x->parent].flags & DC_N_NEGZONE);
        if (!zone_root || !(x->flags & DC_N_COMMENT) || (best >= 0 && x->chars <= a[best].chars))
            continue;
        /* zones are disjoint: the walks up to root stay short */
        if (root >= 0 && (int32_t)i > root && (int32_t)i <= a[root].end &&
            !beside(a, (int32_t)i, root))
            continue;
        best = (int32_t)i;
    }
    return best;
}
