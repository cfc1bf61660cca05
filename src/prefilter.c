/* prefilter: drop script/style bodies and comments, and bound what gumbo
 * builds.
 *
 * The pass is a small HTML tokenizer (WHATWG states for tags, attributes,
 * comments, raw text and script data) driving a rough model of gumbo's
 * tree construction: a stack of open elements with the implied end tags,
 * scopes and table wrappers that matter for depth, and the list of active
 * formatting elements with its reconstruction and adoption agency. The
 * model errs towards counting too deep, never too shallow, so a start tag
 * it would push beyond the limit is dropped (with its end tag later) and
 * gumbo's tree stays about as deep as the limit. Real pages stay far below
 * it (the deepest page of the development sets nests 89 elements). */
#include "prefilter.h"

#include <gumbo.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Attributes gumbo keeps per tag: it checks each new one against all
 * earlier ones, so a tag with 10^5 attributes takes half a minute. */
#define MAX_ATTRS 64
/* Formatting elements after the last marker, and in the whole list: each
 * one may be cloned on every later text run. */
#define MAX_FMT 64
#define MAX_FMT_TOTAL 256
/* Repeated <html>/<body> tags merge their attributes into the first,
 * quadratically; later ones lose their attributes. */
#define MAX_ROOT_TAGS 4
/* Elements gumbo may clone (reconstruction, adoption agency), in units of
 * one element or 64 bytes of attributes, before the pass starts closing
 * formatting elements itself so that nothing is left to clone. Pages of
 * the development sets spend 192 at most. */
#define CLONE_BUDGET 4096
/* Names map to slots: one per known tag, shared ones for unknown names.
 * Slots count dropped start tags awaiting their end tags, and chain the
 * open elements of a name so that end tags find them without walking the
 * stack (a walk per end tag made the pass quadratic in the limit). */
#define NAME_SLOTS (GUMBO_TAG_LAST + 64)

enum { NS_HTML, NS_SVG, NS_MATH };

typedef struct elem {
    size_t name;       /* offset of the tag name in the input, 0 for implied */
    uint32_t hash;     /* hash of the lower-case name */
    uint32_t fid;      /* id of its formatting-list entry, 0 if none */
    int32_t prev;      /* next element down the stack in the same name slot, or -1 */
    int32_t special;   /* nearest special element at or below, or -1 */
    int32_t boundary;  /* nearest scope boundary at or below, or -1 */
    int32_t html;      /* nearest HTML element at or below, or -1 */
    uint16_t tag;      /* GumboTag */
    uint8_t ns;
    uint8_t name_len;  /* length of the name at name, capped */
} elem;

typedef struct afe {
    uint32_t id;       /* 0 for a marker */
    uint32_t attrs;    /* hash of the attributes, for the three-copies rule */
    uint32_t cost;
    uint16_t tag;
    uint8_t in_stack;
} afe;

typedef struct tagtok {
    size_t start, end;  /* '<' and one past '>' (len at end of input) */
    size_t name, name_len;
    size_t type_v, type_len;
    size_t attr_bytes;  /* of the attributes kept */
    unsigned nattr;     /* all attributes */
    unsigned nkeep;     /* attributes kept: spans ka[k]..kb[k] */
    uint32_t hash, attrs;
    GumboTag tag;
    int self_closing, eof, has_type, font_attr;
    int rewrite;        /* an attribute is dropped: the tag is written anew */
    /* not cleared between tags: only the first nkeep entries are set */
    size_t ka[MAX_ATTRS], kb[MAX_ATTRS];
} tagtok;

typedef struct pf {
    const char *s;
    size_t n;
    size_t keep;        /* input from here on is not yet written */
    size_t tok;         /* start of the token being handled */
    size_t raw_close;   /* the end tag that closes the last raw text element */
    int title_open;     /* no "</title" follows: a title seen was never closed */
    dc_buf *out;
    elem *st;
    size_t sp, scap;
    afe *af;
    size_t an, acap;
    size_t fmt_total;
    uint32_t next_id;
    unsigned limit;
    size_t budget;
    int closing;        /* clone budget spent */
    int stale;          /* formatting entries may be out of the stack */
    unsigned root_tags;
    uint32_t excess[NAME_SLOTS];
    int32_t top_of[NAME_SLOTS]; /* topmost open element per slot, or -1 */
    size_t pre;         /* <pre> and <listing> start tags not yet closed */
    int oom;
    dc_prefilter_info *info;
} pf;

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(unsigned char c)
{
    c |= 0x20;
    return c >= 'a' && c <= 'z';
}

static unsigned char lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int ci_eq(const char *a, const char *lit, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)a[i]) != (unsigned char)lit[i])
            return 0;
    return 1;
}

/* ---- output ---- */

static void flush(pf *p, size_t upto)
{
    if (upto > p->keep) {
        dc_buf_put(p->out, p->s + p->keep, upto - p->keep);
        p->keep = upto;
    }
}

static void emit(pf *p, const char *str, size_t n) { dc_buf_put(p->out, str, n); }

/* ---- tokenizer ---- */

static uint32_t name_hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ lower((unsigned char)s[i])) * 16777619u;
    return h;
}

/* Whether some stage reads an attribute: the extraction stages (class,
 * id, role, itemprop, hidden state, the ARIA references between an
 * accordion's buttons and sections, links, images, metadata, table
 * spans) or gumbo's tree construction (input type, annotation-xml
 * encoding, font attributes leaving foreign content). The rest (data-*
 * state, srcset variants, event handlers, SVG geometry, other ARIA
 * labels) is often a third of a page's bytes and only slows the parse.
 * v[0..vl) is the value. */
static int attr_read(const char *a, size_t n, const char *v, size_t vl)
{
    /* by length, so that most names are settled by one or two compares */
    static const char *const by_len[16][8] = {
        [2] = {"id"},
        [3] = {"alt", "rel", "src"},
        [4] = {"face", "href", "lang", "name", "role", "size", "type"},
        [5] = {"class", "color", "start", "style", "width"},
        [6] = {"height", "hidden", "srcset"},
        [7] = {"charset", "colspan", "content", "rowspan"},
        [8] = {"datetime", "encoding", "itemprop", "itemtype", "property", "data-src", "xml:lang"},
        [10] = {"http-equiv"},
        [11] = {"aria-hidden", "data-srcset"},
        [13] = {"aria-controls", "data-lazy-src", "data-original"},
        [15] = {"aria-labelledby"},
    };
    if (n >= sizeof by_len / sizeof *by_len)
        return 0;
    for (const char *const *k = by_len[n]; k < by_len[n] + 8 && *k; k++) {
        if (lower((unsigned char)a[0]) != (unsigned char)(*k)[0] || !ci_eq(a, *k, n))
            continue;
        if (n != 5 || !ci_eq(a, "style", 5))
            return 1;
        /* style matters only when it hides: "display:none", "visibility:hidden" */
        for (size_t j = 0; j + 4 <= vl; j++)
            if (ci_eq(v + j, "none", 4) || (j + 6 <= vl && ci_eq(v + j, "hidden", 6)))
                return 1;
        return 0;
    }
    return 0;
}

/* Reads a tag from s[i] ('<') following the tokenizer's tag, attribute
 * and self-closing states. */
static void read_tag(const char *s, size_t n, size_t i, int is_end, tagtok *t)
{
    memset(t, 0, offsetof(tagtok, ka));
    t->start = i;
    size_t j = i + (is_end ? 2 : 1);
    t->name = j;
    while (j < n && !is_ws((unsigned char)s[j]) && s[j] != '/' && s[j] != '>')
        j++;
    t->name_len = j - t->name;
    t->hash = name_hash(s + t->name, t->name_len);
    t->tag = gumbo_tagn_enum(s + t->name, (unsigned)(t->name_len > 64 ? 64 : t->name_len));
    if (t->name_len > 64)
        t->tag = GUMBO_TAG_UNKNOWN;
    uint32_t ah = 2166136261u;
    for (;;) {
        while (j < n && is_ws((unsigned char)s[j]))
            j++;
        if (j >= n)
            goto eof;
        if (s[j] == '>') {
            j++;
            break;
        }
        if (s[j] == '/') {
            j++;
            if (j < n && s[j] == '>') {
                t->self_closing = 1;
                j++;
                break;
            }
            continue;
        }
        size_t an = j++;
        while (j < n && !is_ws((unsigned char)s[j]) && s[j] != '/' && s[j] != '>' && s[j] != '=')
            j++;
        size_t an_len = j - an;
        while (j < n && is_ws((unsigned char)s[j]))
            j++;
        size_t vs = j, vl = 0;
        if (j < n && s[j] == '=') {
            j++;
            while (j < n && is_ws((unsigned char)s[j]))
                j++;
            if (j >= n)
                goto eof;
            if (s[j] == '"' || s[j] == '\'') {
                const char *e = memchr(s + j + 1, s[j], n - j - 1);
                if (!e)
                    goto eof;
                vs = j + 1;
                vl = (size_t)(e - (s + vs));
                j = (size_t)(e - s) + 1;
            } else {
                vs = j;
                while (j < n && !is_ws((unsigned char)s[j]) && s[j] != '>')
                    j++;
                vl = j - vs;
            }
        }
        if (++t->nattr > MAX_ATTRS) {
            t->rewrite = 1;
            continue;
        }
        if (!attr_read(s + an, an_len, s + vs, vl)) {
            t->rewrite = 1;
            continue;
        }
        t->ka[t->nkeep] = an;
        t->kb[t->nkeep++] = j;
        t->attr_bytes += j - an;
        for (size_t k = an; k < j; k++)
            ah = (ah ^ (unsigned char)s[k]) * 16777619u;
        if (an_len == 4 && ci_eq(s + an, "type", 4) && !t->has_type) {
            t->has_type = 1;
            t->type_v = vs;
            t->type_len = vl;
        }
        if ((an_len == 5 && ci_eq(s + an, "color", 5)) || (an_len == 4 && ci_eq(s + an, "face", 4)) ||
            (an_len == 4 && ci_eq(s + an, "size", 4)))
            t->font_attr = 1;
    }
    t->end = j;
    t->attrs = ah;
    return;
eof:
    t->eof = 1;
    t->end = n;
}

/* Where raw text (style, xmp, title, ...) ends: "</name" followed by
 * whitespace, '/' or '>', in any case. */
static size_t rawtext_end(const char *s, size_t n, size_t i, const char *name, size_t nl)
{
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt)
            return n;
        size_t k = (size_t)(lt - s);
        if (k + 2 + nl < n && s[k + 1] == '/' && ci_eq(s + k + 2, name, nl) &&
            (is_ws((unsigned char)s[k + 2 + nl]) || s[k + 2 + nl] == '/' || s[k + 2 + nl] == '>'))
            return k;
        i = k + 1;
    }
    return n;
}

/* Whether s[i..] is "script" followed by whitespace, '/' or '>'. */
static int script_word(const char *s, size_t n, size_t i)
{
    return i + 6 < n && ci_eq(s + i, "script", 6) &&
           (is_ws((unsigned char)s[i + 6]) || s[i + 6] == '/' || s[i + 6] == '>');
}

/* Where script data ends, following the script data, escaped and double
 * escaped states: "<!--" escapes, and inside it "<script" double-escapes
 * until "</script", so document.write("<script>..</script>") inside a
 * commented-out block does not end the script. */
static size_t script_end(const char *s, size_t n, size_t i)
{
    enum { DATA, ESC, ESC_DASH, ESC_DASH_DASH, DBL, DBL_DASH, DBL_DASH_DASH } st = DATA;
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        switch (st) {
        case DATA: {
            const char *lt = memchr(s + i, '<', n - i);
            if (!lt)
                return n;
            i = (size_t)(lt - s);
            if (i + 1 < n && s[i + 1] == '/' && script_word(s, n, i + 2))
                return i;
            if (i + 3 < n && s[i + 1] == '!' && s[i + 2] == '-' && s[i + 3] == '-') {
                st = ESC_DASH_DASH;
                i += 4;
                continue;
            }
            i++;
            continue;
        }
        case ESC:
        case ESC_DASH:
        case ESC_DASH_DASH:
            if (c == '-') {
                st = st == ESC ? ESC_DASH : ESC_DASH_DASH;
            } else if (c == '<') {
                if (i + 1 < n && s[i + 1] == '/' && script_word(s, n, i + 2))
                    return i;
                st = ESC;
                if (i + 1 < n && script_word(s, n, i + 1)) {
                    st = DBL;
                    i += 7;
                    continue;
                }
            } else if (c == '>' && st == ESC_DASH_DASH) {
                st = DATA;
            } else {
                st = ESC;
            }
            i++;
            continue;
        case DBL:
        case DBL_DASH:
        case DBL_DASH_DASH:
            if (c == '-') {
                st = st == DBL ? DBL_DASH : DBL_DASH_DASH;
            } else if (c == '<') {
                st = DBL;
                if (i + 1 < n && s[i + 1] == '/' && script_word(s, n, i + 2)) {
                    st = ESC;
                    i += 9;
                    continue;
                }
            } else if (c == '>' && st == DBL_DASH_DASH) {
                st = DATA;
            } else {
                st = DBL;
            }
            i++;
            continue;
        }
    }
    return n;
}

/* End of a comment that starts at s[i] ("<!--"): "-->" or "--!>", with
 * the abrupt "<!-->" and "<!--->". */
static size_t comment_end(const char *s, size_t n, size_t i)
{
    size_t j = i + 4;
    if (j < n && s[j] == '>')
        return j + 1;
    if (j + 1 < n && s[j] == '-' && s[j + 1] == '>')
        return j + 2;
    while (j < n) {
        const char *d = memchr(s + j, '-', n - j);
        if (!d)
            return n;
        size_t m = (size_t)(d - s);
        if (m + 2 < n && s[m + 1] == '-') {
            if (s[m + 2] == '>')
                return m + 3;
            if (s[m + 2] == '!' && m + 3 < n && s[m + 3] == '>')
                return m + 4;
        }
        j = m + 1;
    }
    return n;
}

static size_t after_gt(const char *s, size_t n, size_t i)
{
    const char *g = memchr(s + i, '>', n - i);
    return g ? (size_t)(g - s) + 1 : n;
}

/* ---- element classes (gumbo's, HTML namespace) ---- */

static int tag_in(GumboTag t, const GumboTag *set)
{
    for (; *set != GUMBO_TAG_LAST; set++)
        if (*set == t)
            return 1;
    return 0;
}

static const GumboTag k_void[] = {
    GUMBO_TAG_AREA, GUMBO_TAG_BASE, GUMBO_TAG_BASEFONT, GUMBO_TAG_BGSOUND, GUMBO_TAG_BR,
    GUMBO_TAG_COL, GUMBO_TAG_EMBED, GUMBO_TAG_HR, GUMBO_TAG_IMG, GUMBO_TAG_IMAGE,
    GUMBO_TAG_INPUT, GUMBO_TAG_KEYGEN, GUMBO_TAG_LINK, GUMBO_TAG_META, GUMBO_TAG_PARAM,
    GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK, GUMBO_TAG_WBR, GUMBO_TAG_FRAME, GUMBO_TAG_ISINDEX,
    GUMBO_TAG_HEAD, GUMBO_TAG_LAST};

static const GumboTag k_formatting[] = {
    GUMBO_TAG_A, GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_CODE, GUMBO_TAG_EM, GUMBO_TAG_FONT,
    GUMBO_TAG_I, GUMBO_TAG_NOBR, GUMBO_TAG_S, GUMBO_TAG_SMALL, GUMBO_TAG_STRIKE,
    GUMBO_TAG_STRONG, GUMBO_TAG_TT, GUMBO_TAG_U, GUMBO_TAG_LAST};

static const GumboTag k_marker[] = {
    GUMBO_TAG_APPLET, GUMBO_TAG_OBJECT, GUMBO_TAG_MARQUEE, GUMBO_TAG_TEMPLATE, GUMBO_TAG_TD,
    GUMBO_TAG_TH, GUMBO_TAG_CAPTION, GUMBO_TAG_LAST};

/* gumbo's "special" category, as a switch: it is asked for every element
 * an end tag walks past. */
static int is_special_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_APPLET: case GUMBO_TAG_AREA: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_ASIDE: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
    case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_CAPTION: case GUMBO_TAG_CENTER: case GUMBO_TAG_COL: case GUMBO_TAG_COLGROUP:
    case GUMBO_TAG_MENUITEM: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR:
    case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EMBED:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM: case GUMBO_TAG_FRAME: case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEAD: case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_IMG: case GUMBO_TAG_INPUT: case GUMBO_TAG_ISINDEX: case GUMBO_TAG_LI:
    case GUMBO_TAG_LINK: case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MARQUEE:
    case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NAV: case GUMBO_TAG_NOEMBED:
    case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT: case GUMBO_TAG_OL:
    case GUMBO_TAG_P: case GUMBO_TAG_PARAM: case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_SECTION: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_SOURCE: case GUMBO_TAG_STYLE: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TBODY: case GUMBO_TAG_TD: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TITLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_TRACK: case GUMBO_TAG_UL: case GUMBO_TAG_WBR:
    case GUMBO_TAG_XMP:
        return 1;
    default:
        return 0;
    }
}

/* Start tags that close an open <p> (the table case is left out: quirks
 * mode keeps the p open, and keeping it counts deeper, the safe side). */
static const GumboTag k_closes_p[] = {
    GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
    GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
    GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_MAIN, GUMBO_TAG_MENU, GUMBO_TAG_NAV,
    GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_UL,
    GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
    GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_FORM, GUMBO_TAG_PLAINTEXT, GUMBO_TAG_LI,
    GUMBO_TAG_DD, GUMBO_TAG_DT, GUMBO_TAG_HR, GUMBO_TAG_XMP, GUMBO_TAG_LAST};

/* Start tags that leave svg/math content. */
static const GumboTag k_breakout[] = {
    GUMBO_TAG_B, GUMBO_TAG_BIG, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_BODY, GUMBO_TAG_BR,
    GUMBO_TAG_CENTER, GUMBO_TAG_CODE, GUMBO_TAG_DD, GUMBO_TAG_DIV, GUMBO_TAG_DL, GUMBO_TAG_DT,
    GUMBO_TAG_EM, GUMBO_TAG_EMBED, GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4,
    GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_HEAD, GUMBO_TAG_HR, GUMBO_TAG_I, GUMBO_TAG_IMG,
    GUMBO_TAG_LI, GUMBO_TAG_LISTING, GUMBO_TAG_MENU, GUMBO_TAG_META, GUMBO_TAG_NOBR,
    GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_PRE, GUMBO_TAG_RUBY, GUMBO_TAG_S, GUMBO_TAG_SMALL,
    GUMBO_TAG_SPAN, GUMBO_TAG_STRONG, GUMBO_TAG_STRIKE, GUMBO_TAG_SUB, GUMBO_TAG_SUP,
    GUMBO_TAG_TABLE, GUMBO_TAG_TT, GUMBO_TAG_U, GUMBO_TAG_UL, GUMBO_TAG_VAR, GUMBO_TAG_LAST};

/* Start tags in body that do not reconstruct formatting elements. */
static const GumboTag k_no_reconstruct[] = {
    GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE, GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE,
    GUMBO_TAG_CENTER, GUMBO_TAG_DETAILS, GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
    GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE, GUMBO_TAG_FOOTER,
    GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_MAIN, GUMBO_TAG_MENU, GUMBO_TAG_NAV,
    GUMBO_TAG_OL, GUMBO_TAG_P, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_UL,
    GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
    GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_FORM, GUMBO_TAG_LI, GUMBO_TAG_DD,
    GUMBO_TAG_DT, GUMBO_TAG_PLAINTEXT, GUMBO_TAG_TABLE, GUMBO_TAG_HR, GUMBO_TAG_TEXTAREA,
    GUMBO_TAG_IFRAME, GUMBO_TAG_NOEMBED, GUMBO_TAG_TITLE, GUMBO_TAG_STYLE, GUMBO_TAG_SCRIPT,
    GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_COL, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
    GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH, GUMBO_TAG_HTML, GUMBO_TAG_BODY,
    GUMBO_TAG_HEAD, GUMBO_TAG_BASE, GUMBO_TAG_LINK, GUMBO_TAG_META, GUMBO_TAG_TEMPLATE,
    GUMBO_TAG_LAST};

static int is_html(const elem *e, GumboTag t) { return e->ns == NS_HTML && e->tag == t; }

/* svg foreignObject/desc/title and the MathML text elements hold HTML. */
static int is_integration(const elem *e)
{
    if (e->ns == NS_SVG)
        return e->tag == GUMBO_TAG_FOREIGNOBJECT || e->tag == GUMBO_TAG_DESC ||
               e->tag == GUMBO_TAG_TITLE;
    if (e->ns == NS_MATH)
        return e->tag == GUMBO_TAG_MI || e->tag == GUMBO_TAG_MO || e->tag == GUMBO_TAG_MN ||
               e->tag == GUMBO_TAG_MS || e->tag == GUMBO_TAG_MTEXT ||
               e->tag == GUMBO_TAG_ANNOTATION_XML;
    return 0;
}

static int is_special(const elem *e)
{
    return e->ns == NS_HTML ? is_special_tag((GumboTag)e->tag) : is_integration(e);
}

static int is_scope_boundary(const elem *e)
{
    if (e->ns != NS_HTML)
        return is_integration(e);
    switch (e->tag) {
    case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_TEMPLATE:
        return 1;
    default:
        return 0;
    }
}

enum scope { SC_DEFAULT, SC_BUTTON, SC_LIST, SC_TABLE, SC_SELECT };

static int blocks_scope(const elem *e, enum scope sc)
{
    switch (sc) {
    case SC_DEFAULT: return is_scope_boundary(e);
    case SC_BUTTON: return is_scope_boundary(e) || is_html(e, GUMBO_TAG_BUTTON);
    case SC_LIST:
        return is_scope_boundary(e) || is_html(e, GUMBO_TAG_OL) || is_html(e, GUMBO_TAG_UL);
    case SC_TABLE:
        return is_html(e, GUMBO_TAG_HTML) || is_html(e, GUMBO_TAG_TABLE) ||
               is_html(e, GUMBO_TAG_TEMPLATE);
    case SC_SELECT:
        return !(is_html(e, GUMBO_TAG_OPTGROUP) || is_html(e, GUMBO_TAG_OPTION));
    }
    return 1;
}

static int same_name(const elem *e, GumboTag tag, uint32_t hash)
{
    return tag == GUMBO_TAG_UNKNOWN ? e->tag == GUMBO_TAG_UNKNOWN && e->hash == hash
                                    : e->tag == tag;
}

static long top_html(const pf *p, GumboTag tag);

/* Index of the topmost HTML element named tag in the given scope, or -1:
 * no boundary of the scope may stand above it. */
static long in_scope(const pf *p, GumboTag tag, enum scope sc)
{
    if (sc == SC_SELECT) {
        for (size_t i = p->sp; i-- > 0;) {
            const elem *e = &p->st[i];
            if (is_html(e, tag))
                return (long)i;
            if (blocks_scope(e, sc))
                return -1;
        }
        return -1;
    }
    long i = top_html(p, tag);
    if (i < 0)
        return -1;
    long b = -1;
    if (sc == SC_TABLE) {
        long t = top_html(p, GUMBO_TAG_TABLE), m = top_html(p, GUMBO_TAG_TEMPLATE);
        b = t > m ? t : m;
    } else {
        b = p->st[p->sp - 1].boundary;
        long x = sc == SC_BUTTON ? top_html(p, GUMBO_TAG_BUTTON) : -1;
        if (x > b)
            b = x;
        if (sc == SC_LIST) {
            long o = top_html(p, GUMBO_TAG_OL), u = top_html(p, GUMBO_TAG_UL);
            b = o > b ? o : b;
            b = u > b ? u : b;
        }
    }
    return b > i ? -1 : i;
}

/* ---- active formatting elements ---- */

static long last_marker(const pf *p)
{
    for (size_t i = p->an; i-- > 0;)
        if (!p->af[i].id)
            return (long)i;
    return -1;
}

static long afe_find(const pf *p, uint32_t id)
{
    if (!id)
        return -1;
    for (size_t i = p->an; i-- > 0;)
        if (p->af[i].id == id)
            return (long)i;
    return -1;
}

static void afe_remove(pf *p, size_t i)
{
    if (p->af[i].id)
        p->fmt_total--;
    memmove(&p->af[i], &p->af[i + 1], (p->an - i - 1) * sizeof *p->af);
    p->an--;
}

static int afe_push(pf *p, afe a)
{
    if (p->an == p->acap) {
        size_t cap = p->acap ? 2 * p->acap : 64;
        afe *na = realloc(p->af, cap * sizeof *na);
        if (!na)
            return -1;
        p->af = na;
        p->acap = cap;
    }
    p->af[p->an++] = a;
    if (a.id)
        p->fmt_total++;
    return 0;
}

static void clear_to_marker(pf *p)
{
    while (p->an) {
        int marker = !p->af[p->an - 1].id;
        afe_remove(p, p->an - 1);
        if (marker)
            break;
    }
}

/* ---- stack ---- */

static unsigned slot_of(GumboTag tag, uint32_t hash)
{
    return tag != GUMBO_TAG_UNKNOWN ? (unsigned)tag : GUMBO_TAG_LAST + hash % 64;
}

/* Fills in the links of the element at i from the ones below it. */
static void link(pf *p, size_t i)
{
    elem *e = &p->st[i];
    unsigned sl = slot_of((GumboTag)e->tag, e->hash);
    e->prev = p->top_of[sl];
    p->top_of[sl] = (int32_t)i;
    e->special = is_special(e) ? (int32_t)i : i ? p->st[i - 1].special : -1;
    e->boundary = is_scope_boundary(e) ? (int32_t)i : i ? p->st[i - 1].boundary : -1;
    e->html = e->ns == NS_HTML ? (int32_t)i : i ? p->st[i - 1].html : -1;
}

/* Rebuilds every link after elements moved inside the stack. */
static void relink(pf *p)
{
    for (size_t k = 0; k < NAME_SLOTS; k++)
        p->top_of[k] = -1;
    for (size_t i = 0; i < p->sp; i++)
        link(p, i);
}

static int push(pf *p, elem e)
{
    if (p->sp == p->scap) {
        size_t cap = p->scap ? 2 * p->scap : 256;
        elem *ns = realloc(p->st, cap * sizeof *ns);
        if (!ns) {
            p->oom = 1;
            return -1;
        }
        p->st = ns;
        p->scap = cap;
    }
    p->st[p->sp] = e;
    link(p, p->sp++);
    return 0;
}

static void unlink_top(pf *p)
{
    const elem *e = &p->st[--p->sp];
    p->top_of[slot_of((GumboTag)e->tag, e->hash)] = e->prev;
}

/* Topmost open HTML element named tag, or -1. */
static long top_html(const pf *p, GumboTag tag)
{
    for (int32_t i = p->top_of[slot_of(tag, 0)]; i >= 0; i = p->st[i].prev)
        if (p->st[i].ns == NS_HTML && p->st[i].tag == tag)
            return i;
    return -1;
}

static elem implied(GumboTag t)
{
    const char *name = gumbo_normalized_tagname(t);
    elem e = {.hash = name_hash(name, strlen(name)), .tag = (uint16_t)t, .ns = NS_HTML};
    return e;
}

static void emit_end_tag(pf *p, const elem *e)
{
    flush(p, p->tok);
    emit(p, "</", 2);
    if (e->tag != GUMBO_TAG_UNKNOWN)
        dc_buf_puts(p->out, gumbo_normalized_tagname((GumboTag)e->tag));
    else
        emit(p, p->s + e->name, e->name_len);
    emit(p, ">", 1);
}

/* Pops the stack down to size to. Formatting elements popped stay in the
 * list for reconstruction; once the clone budget is spent, the popped
 * elements are closed explicitly in the output instead, which takes them
 * out of gumbo's list too. */
static void pop_to(pf *p, size_t to)
{
    int close = 0;
    if (p->closing)
        for (size_t i = to; i < p->sp && !close; i++)
            close = afe_find(p, p->st[i].fid) >= 0;
    if (close)
        p->info->guarded++;
    while (p->sp > to) {
        unlink_top(p);
        elem *e = &p->st[p->sp];
        if (close && p->sp > to)
            emit_end_tag(p, e);
        long a = afe_find(p, e->fid);
        if (a >= 0) {
            if (close) {
                afe_remove(p, (size_t)a);
            } else {
                p->af[a].in_stack = 0;
                p->stale = 1;
            }
        }
        if (e->ns == NS_HTML && tag_in((GumboTag)e->tag, k_marker))
            clear_to_marker(p);
    }
}

static void spend(pf *p, uint32_t cost)
{
    if (p->budget > cost) {
        p->budget -= cost;
    } else {
        p->budget = 0;
        p->closing = 1;
    }
}

/* Re-opens the formatting elements that were closed implicitly, as gumbo
 * will before inserting text or an inline element. */
static void reconstruct(pf *p)
{
    if (!p->stale)
        return;
    p->stale = 0;
    size_t i = p->an;
    while (i > 0 && p->af[i - 1].id && !p->af[i - 1].in_stack)
        i--;
    for (; i < p->an; i++) {
        afe *a = &p->af[i];
        elem e = implied((GumboTag)a->tag);
        e.fid = a->id;
        if (push(p, e))
            return;
        a->in_stack = 1;
        spend(p, a->cost);
    }
}

static long stack_index(const pf *p, uint32_t id)
{
    for (size_t i = p->sp; i-- > 0;)
        if (p->st[i].fid == id)
            return (long)i;
    return -1;
}

/* An end tag that matches no formatting entry: pops up to the element of
 * that name unless a special element comes first; 0 when nothing matched. */
static int any_other_end(pf *p, GumboTag tag, uint32_t hash)
{
    if (!p->sp)
        return 0;
    int32_t special = p->st[p->sp - 1].special;
    for (int32_t i = p->top_of[slot_of(tag, hash)]; i > special; i = p->st[i].prev)
        if (same_name(&p->st[i], tag, hash) && p->st[i].ns == NS_HTML) {
            pop_to(p, (size_t)i);
            return 1;
        }
    return 0;
}

/* The adoption agency for the end tag of a formatting element: 1 when it
 * ran, 0 when gumbo ignores the end tag, -1 when it must not reach gumbo
 * (it would clone once the budget is spent). */
static int adoption(pf *p, GumboTag tag)
{
    for (int outer = 0; outer < 8; outer++) {
        long m = last_marker(p), f = -1;
        for (long i = (long)p->an - 1; i > m; i--)
            if (p->af[i].tag == tag) {
                f = i;
                break;
            }
        if (f < 0)
            return outer > 0 || any_other_end(p, tag, 0);
        afe *fe = &p->af[f];
        long fi = fe->in_stack ? stack_index(p, fe->id) : -1;
        if (fi < 0) {
            afe_remove(p, (size_t)f);
            return 1;
        }
        if (p->st[p->sp - 1].boundary > fi)
            return outer > 0;
        size_t fb = 0;
        for (size_t i = (size_t)fi + 1; i < p->sp && !fb; i++)
            if (is_special(&p->st[i]))
                fb = i;
        if (!fb) {
            afe_remove(p, (size_t)f);
            p->st[fi].fid = 0;
            pop_to(p, (size_t)fi);
            return 1;
        }
        if (p->closing)
            return outer > 0 ? 1 : -1;
        spend(p, fe->cost);
        /* gumbo moves the furthest block up and puts a clone of the
         * formatting element inside it; the non-formatting elements in
         * between leave the stack. Writes never pass reads: fe's slot is
         * free before the clone takes one. */
        elem clone = p->st[fi];
        size_t w = (size_t)fi;
        for (size_t r = (size_t)fi + 1; r < p->sp; r++) {
            elem e = p->st[r];
            if (r < fb && afe_find(p, e.fid) < 0)
                continue;
            p->st[w++] = e;
            if (r == fb)
                p->st[w++] = clone;
        }
        p->sp = w;
        relink(p);
    }
    return 1;
}

/* ---- tokens ---- */

static void drop_span(pf *p, size_t from, size_t to)
{
    flush(p, from);
    if (to > p->keep)
        p->keep = to;
}

static uint32_t *excess(pf *p, const tagtok *t)
{
    return &p->excess[slot_of(t->tag, t->hash)];
}

static void note_excess(pf *p, const tagtok *t)
{
    uint32_t *x = excess(p, t);
    if (*x < UINT32_MAX)
        (*x)++;
}

static int in_foreign(const pf *p)
{
    return p->sp && p->st[p->sp - 1].ns != NS_HTML && !is_integration(&p->st[p->sp - 1]);
}

/* Nearest element below position top that sets a table insertion
 * mode, or -1 (also when a template comes first). */
static long table_ctx_below(const pf *p, size_t top)
{
    static const GumboTag modes[] = {GUMBO_TAG_TABLE, GUMBO_TAG_TBODY, GUMBO_TAG_THEAD,
                                     GUMBO_TAG_TFOOT, GUMBO_TAG_TR, GUMBO_TAG_TD, GUMBO_TAG_TH,
                                     GUMBO_TAG_CAPTION, GUMBO_TAG_COLGROUP, GUMBO_TAG_TEMPLATE};
    long best = -1;
    GumboTag best_tag = GUMBO_TAG_LAST;
    for (size_t k = 0; k < sizeof modes / sizeof modes[0]; k++)
        for (int32_t i = p->top_of[slot_of(modes[k], 0)]; i >= 0; i = p->st[i].prev)
            if ((size_t)i < top && is_html(&p->st[i], modes[k])) {
                if (i > best) {
                    best = i;
                    best_tag = modes[k];
                }
                break;
            }
    return best_tag == GUMBO_TAG_TEMPLATE ? -1 : best;
}

static long table_ctx(const pf *p) { return table_ctx_below(p, p->sp); }

static int is_section(GumboTag t)
{
    return t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT;
}

/* Stack size after the implied end tags of a table-part start tag, and
 * the wrappers (tbody, tr) gumbo adds; returns -1 when gumbo ignores the
 * tag (a table part outside any table). */
static long table_part(const pf *p, GumboTag t, GumboTag wrap[2], int *nwrap)
{
    long j = table_ctx(p);
    *nwrap = 0;
    if (j < 0)
        return t == GUMBO_TAG_TABLE ? (long)p->sp : -1;
    GumboTag c = (GumboTag)p->st[j].tag;
    if (t == GUMBO_TAG_TABLE) {
        if (c == GUMBO_TAG_TD || c == GUMBO_TAG_TH || c == GUMBO_TAG_CAPTION)
            return (long)p->sp;
        long tb = in_scope(p, GUMBO_TAG_TABLE, SC_TABLE);
        return tb < 0 ? (long)p->sp : tb;
    }
    /* everything above the nearest table-mode element goes first */
    long to = j + 1;
    if (c == GUMBO_TAG_TD || c == GUMBO_TAG_TH || c == GUMBO_TAG_CAPTION) {
        if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH || t == GUMBO_TAG_TR || is_section(t) ||
            t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_COLGROUP) {
            to = j;
            c = j > 0 && p->st[j - 1].ns == NS_HTML ? (GumboTag)p->st[j - 1].tag : GUMBO_TAG_HTML;
            j--;
        } else {
            return (long)p->sp;
        }
    }
    if (c == GUMBO_TAG_COLGROUP) {
        to = j;
        c = GUMBO_TAG_TABLE;
        j--;
    }
    if (t == GUMBO_TAG_TD || t == GUMBO_TAG_TH) {
        if (c == GUMBO_TAG_TR)
            return to;
        if (is_section(c)) {
            wrap[(*nwrap)++] = GUMBO_TAG_TR;
            return to;
        }
        wrap[(*nwrap)++] = GUMBO_TAG_TBODY;
        wrap[(*nwrap)++] = GUMBO_TAG_TR;
        return to;
    }
    if (t == GUMBO_TAG_TR) {
        if (c == GUMBO_TAG_TR)
            return to - 1;
        if (is_section(c))
            return to;
        wrap[(*nwrap)++] = GUMBO_TAG_TBODY;
        return to;
    }
    /* tbody, thead, tfoot, caption, colgroup: back to the table */
    while (to > 0 && !is_html(&p->st[to - 1], GUMBO_TAG_TABLE))
        to--;
    return to > 0 ? to : (long)p->sp;
}

/* KEEP: the tag goes to gumbo; DROP: it does not; PLAIN: it goes to
 * gumbo but does not start raw text (svg/math content, or a tag that
 * gumbo ignores in a select). */
enum { KEEP, DROP, PLAIN };

/* Index of the select whose insertion mode is active, or -1: gumbo keeps
 * nothing but options and optgroups open inside a select. */
static long select_mode(const pf *p)
{
    for (size_t i = p->sp; i-- > 0;) {
        const elem *e = &p->st[i];
        if (is_html(e, GUMBO_TAG_SELECT))
            return (long)i;
        if (!is_html(e, GUMBO_TAG_OPTION) && !is_html(e, GUMBO_TAG_OPTGROUP))
            return -1;
    }
    return -1;
}

static int is_table_part(GumboTag t)
{
    return t == GUMBO_TAG_CAPTION || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY ||
           t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TR ||
           t == GUMBO_TAG_TD || t == GUMBO_TAG_TH;
}

/* Models one start tag; says whether it goes to gumbo. */
static int start_tag(pf *p, const tagtok *t)
{
    GumboTag tag = t->tag;
    uint8_t ns = NS_HTML;
    int breakout = 0;

    if (in_foreign(p)) {
        if (!tag_in(tag, k_breakout) && !(tag == GUMBO_TAG_FONT && t->font_attr)) {
            if (t->self_closing)
                return PLAIN;
            if (p->sp >= p->limit) {
                p->info->flattened++;
                return DROP;
            }
            elem e = {.name = t->name, .hash = t->hash, .tag = (uint16_t)tag,
                      .ns = p->st[p->sp - 1].ns,
                      .name_len = (uint8_t)(t->name_len > 255 ? 255 : t->name_len)};
            if (tag == GUMBO_TAG_SVG)
                e.ns = NS_SVG;
            else if (tag == GUMBO_TAG_MATH)
                e.ns = NS_MATH;
            push(p, e);
            return PLAIN;
        }
        breakout = 1;
    }

    /* Decide before changing the model: a dropped tag never reaches
     * gumbo, so none of its implied end tags may happen here either. */
    int raw = tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE || tag == GUMBO_TAG_XMP ||
              tag == GUMBO_TAG_IFRAME || tag == GUMBO_TAG_NOEMBED || tag == GUMBO_TAG_NOFRAMES ||
              tag == GUMBO_TAG_TITLE || tag == GUMBO_TAG_TEXTAREA || tag == GUMBO_TAG_PLAINTEXT;
    if (tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH)
        ns = tag == GUMBO_TAG_SVG ? NS_SVG : NS_MATH;
    int pushes = ns != NS_HTML ? !t->self_closing
                               : !(raw || tag_in(tag, k_void) || tag == GUMBO_TAG_HTML ||
                                   tag == GUMBO_TAG_BODY);
    int fmt = ns == NS_HTML && tag_in(tag, k_formatting);
    int tpart = ns == NS_HTML && (is_table_part(tag) || tag == GUMBO_TAG_COLGROUP);
    GumboTag wrap[2];
    int nwrap = 0;
    if (pushes && tpart && table_part(p, tag, wrap, &nwrap) < 0)
        nwrap = 0;
    if (pushes && p->sp + (size_t)nwrap >= p->limit) {
        p->info->flattened++;
        return DROP;
    }
    if (fmt) {
        long m = last_marker(p);
        if (p->an - (size_t)(m + 1) >= MAX_FMT || p->fmt_total >= MAX_FMT_TOTAL) {
            p->info->guarded++;
            return DROP;
        }
    }

    if (breakout) {
        size_t to = p->sp;
        while (to > 0 && p->st[to - 1].ns != NS_HTML && !is_integration(&p->st[to - 1]))
            to--;
        pop_to(p, to);
    }
    long sel = select_mode(p);
    if (sel >= 0) {
        if (tag == GUMBO_TAG_INPUT || tag == GUMBO_TAG_KEYGEN || tag == GUMBO_TAG_TEXTAREA ||
            (is_table_part(tag) && table_ctx_below(p, (size_t)sel) >= 0))
            pop_to(p, (size_t)sel);
        else if (tag != GUMBO_TAG_OPTION && tag != GUMBO_TAG_OPTGROUP &&
                 tag != GUMBO_TAG_SELECT && tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_TEMPLATE)
            return PLAIN;
    }
    if (tag == GUMBO_TAG_HTML || tag == GUMBO_TAG_BODY)
        return KEEP;
    if (ns != NS_HTML && !pushes) {
        reconstruct(p);
        return KEEP;
    }

    /* table parts decide their own implied end tags and wrappers */
    long to = (long)p->sp;
    nwrap = 0;
    if (tpart) {
        to = table_part(p, tag, wrap, &nwrap);
        if (to < 0)
            return KEEP;
    }

    if (to < (long)p->sp)
        pop_to(p, (size_t)to);
    if (ns == NS_HTML) {
        long i;
        if (tag_in(tag, k_closes_p) && (i = in_scope(p, GUMBO_TAG_P, SC_BUTTON)) >= 0)
            pop_to(p, (size_t)i);
        switch (tag) {
        case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
            for (size_t k = p->sp; k-- > 0;) {
                const elem *e = &p->st[k];
                int hit = tag == GUMBO_TAG_LI ? is_html(e, GUMBO_TAG_LI)
                                              : is_html(e, GUMBO_TAG_DD) || is_html(e, GUMBO_TAG_DT);
                if (hit) {
                    pop_to(p, k);
                    break;
                }
                if (is_special(e) && !is_html(e, GUMBO_TAG_ADDRESS) && !is_html(e, GUMBO_TAG_DIV) &&
                    !is_html(e, GUMBO_TAG_P))
                    break;
            }
            break;
        case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
        case GUMBO_TAG_H5: case GUMBO_TAG_H6:
            if (p->sp) {
                GumboTag c = (GumboTag)p->st[p->sp - 1].tag;
                if (p->st[p->sp - 1].ns == NS_HTML && c >= GUMBO_TAG_H1 && c <= GUMBO_TAG_H6)
                    pop_to(p, p->sp - 1);
            }
            break;
        case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
            if (p->sp && is_html(&p->st[p->sp - 1], GUMBO_TAG_OPTION))
                pop_to(p, p->sp - 1);
            if (tag == GUMBO_TAG_OPTGROUP && p->sp && is_html(&p->st[p->sp - 1], GUMBO_TAG_OPTGROUP))
                pop_to(p, p->sp - 1);
            break;
        case GUMBO_TAG_RB: case GUMBO_TAG_RTC: case GUMBO_TAG_RT: case GUMBO_TAG_RP:
            while (p->sp) {
                const elem *e = &p->st[p->sp - 1];
                if (!(is_html(e, GUMBO_TAG_RB) || is_html(e, GUMBO_TAG_RT) ||
                      is_html(e, GUMBO_TAG_RP) ||
                      (is_html(e, GUMBO_TAG_RTC) && (tag == GUMBO_TAG_RB || tag == GUMBO_TAG_RTC))))
                    break;
                pop_to(p, p->sp - 1);
            }
            break;
        case GUMBO_TAG_BUTTON:
            if ((i = in_scope(p, GUMBO_TAG_BUTTON, SC_DEFAULT)) >= 0)
                pop_to(p, (size_t)i);
            break;
        case GUMBO_TAG_SELECT:
            if ((i = in_scope(p, GUMBO_TAG_SELECT, SC_SELECT)) >= 0) {
                pop_to(p, (size_t)i);
                return KEEP;
            }
            break;
        case GUMBO_TAG_A: case GUMBO_TAG_NOBR: {
            long m = last_marker(p);
            for (long k = (long)p->an - 1; k > m; k--)
                if (p->af[k].tag == tag) {
                    uint32_t id = p->af[k].id;
                    if (adoption(p, tag) < 0) {
                        p->info->guarded++;
                        return DROP;
                    }
                    long a = afe_find(p, id), s = stack_index(p, id);
                    if (a >= 0)
                        afe_remove(p, (size_t)a);
                    if (s >= 0) {
                        memmove(&p->st[s], &p->st[s + 1], (p->sp - (size_t)s - 1) * sizeof *p->st);
                        p->sp--;
                        relink(p);
                    }
                    break;
                }
            break;
        }
        default:
            break;
        }
        if (!tag_in(tag, k_no_reconstruct))
            reconstruct(p);
    } else {
        reconstruct(p);
    }

    if (!pushes)
        return KEEP;
    for (int w = 0; w < nwrap; w++)
        push(p, implied(wrap[w]));
    elem e = {.name = t->name, .hash = t->hash, .tag = (uint16_t)tag, .ns = ns,
              .name_len = (uint8_t)(t->name_len > 255 ? 255 : t->name_len)};
    if (fmt) {
        /* three identical entries at most after the last marker */
        long m = last_marker(p), first = -1;
        int same = 0;
        for (long k = (long)p->an - 1; k > m; k--)
            if (p->af[k].tag == tag && p->af[k].attrs == t->attrs) {
                same++;
                first = k;
            }
        if (same >= 3) {
            long s = stack_index(p, p->af[first].id);
            if (s >= 0)
                p->st[s].fid = 0;
            afe_remove(p, (size_t)first);
        }
        afe a = {++p->next_id, t->attrs, (uint32_t)(1 + t->attr_bytes / 64), (uint16_t)tag, 1};
        if (afe_push(p, a)) {
            p->oom = 1;
            return KEEP;
        }
        e.fid = a.id;
    } else if (ns == NS_HTML && tag_in(tag, k_marker)) {
        afe a = {0, 0, 0, (uint16_t)tag, 0};
        if (afe_push(p, a)) {
            p->oom = 1;
            return KEEP;
        }
    }
    push(p, e);
    return KEEP;
}

/* Models one end tag; says whether it goes to gumbo. */
static int end_tag(pf *p, const tagtok *t)
{
    GumboTag tag = t->tag;
    uint32_t *x = excess(p, t);
    if (*x) {
        (*x)--;
        return DROP;
    }
    long sel = select_mode(p);
    if (sel >= 0 && tag != GUMBO_TAG_OPTION && tag != GUMBO_TAG_OPTGROUP &&
        tag != GUMBO_TAG_SELECT && tag != GUMBO_TAG_TEMPLATE) {
        if (is_table_part(tag) && table_ctx_below(p, (size_t)sel) >= 0 &&
            in_scope(p, tag, SC_TABLE) >= 0)
            pop_to(p, (size_t)sel);
        else
            return DROP;
    }
    if (p->sp && p->st[p->sp - 1].ns != NS_HTML) {
        int32_t html = p->st[p->sp - 1].html;
        for (int32_t i = p->top_of[slot_of(tag, t->hash)]; i > html; i = p->st[i].prev)
            if (same_name(&p->st[i], tag, t->hash)) {
                pop_to(p, (size_t)i);
                return KEEP;
            }
    }
    /* End tags that match nothing are dropped: gumbo would ignore them
     * after walking its whole stack, which costs it seconds on a page
     * of stray end tags under deep nesting. */
    long i = -1;
    switch (tag) {
    case GUMBO_TAG_FORM:
        /* gumbo takes the form out of the stack and leaves what it holds */
        if ((i = in_scope(p, tag, SC_DEFAULT)) >= 0) {
            memmove(&p->st[i], &p->st[i + 1], (p->sp - (size_t)i - 1) * sizeof *p->st);
            p->sp--;
            relink(p);
        }
        return KEEP;
    case GUMBO_TAG_HTML: case GUMBO_TAG_BODY: case GUMBO_TAG_BR: case GUMBO_TAG_HEAD:
    case GUMBO_TAG_P: case GUMBO_TAG_TEMPLATE:
        if ((i = in_scope(p, tag, tag == GUMBO_TAG_P ? SC_BUTTON : SC_DEFAULT)) >= 0)
            pop_to(p, (size_t)i);
        return KEEP;
    case GUMBO_TAG_LI:
        i = in_scope(p, tag, SC_LIST);
        break;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        for (GumboTag h = GUMBO_TAG_H1; h <= GUMBO_TAG_H6; h++) {
            long k = top_html(p, h);
            i = k > i ? k : i;
        }
        if (p->sp && p->st[p->sp - 1].boundary > i)
            i = -1;
        break;
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_COLGROUP:
        i = in_scope(p, tag, SC_TABLE);
        break;
    case GUMBO_TAG_SELECT:
        i = in_scope(p, tag, SC_SELECT);
        break;
    default:
        if (tag_in(tag, k_formatting)) {
            int r = adoption(p, tag);
            if (r < 0)
                p->info->guarded++;
            return r > 0 ? KEEP : DROP;
        }
        if (is_special_tag(tag)) {
            i = in_scope(p, tag, SC_DEFAULT);
            break;
        }
        return any_other_end(p, tag, t->hash) ? KEEP : DROP;
    }
    if (i < 0)
        return DROP;
    pop_to(p, (size_t)i);
    return KEEP;
}

/* application/ld+json, as the meta stage reads it: leading whitespace,
 * any case, optionally followed by whitespace and parameters. */
static int is_ld_json(const char *s, const tagtok *t)
{
    if (!t->has_type)
        return 0;
    const char *v = s + t->type_v, *e = v + t->type_len;
    while (v < e && is_ws((unsigned char)*v))
        v++;
    size_t k = sizeof "application/ld+json" - 1;
    if ((size_t)(e - v) < k || !ci_eq(v, "application/ld+json", k))
        return 0;
    v += k;
    while (v < e && is_ws((unsigned char)*v))
        v++;
    return v == e || *v == ';';
}

/* Writes the tag anew when attributes are dropped: those nobody reads,
 * and those past the first MAX_ATTRS. */
static void tag_out(pf *p, const tagtok *t)
{
    if (!t->rewrite)
        return;
    if (t->nattr > MAX_ATTRS)
        p->info->guarded++;
    drop_span(p, t->start, t->end);
    emit(p, p->s + t->start, t->name + t->name_len - t->start);
    for (unsigned k = 0; k < t->nkeep; k++) {
        emit(p, " ", 1);
        emit(p, p->s + t->ka[k], t->kb[k] - t->ka[k]);
    }
    /* the space keeps "/" out of an unquoted value before it */
    if (t->self_closing)
        emit(p, " /", 2);
    emit(p, ">", 1);
}

/* Handles the tag at s[i] == '<' (start tag); returns where to go on. */
static size_t on_start_tag(pf *p, size_t i)
{
    const char *s = p->s;
    size_t n = p->n;
    tagtok t;
    read_tag(s, n, i, 0, &t);
    if (t.eof)
        return n;
    p->tok = i;
    int act = start_tag(p, &t);
    if (act == DROP) {
        note_excess(p, &t);
        drop_span(p, i, t.end);
        return t.end;
    }
    if ((t.tag == GUMBO_TAG_HTML || t.tag == GUMBO_TAG_BODY) && t.nattr &&
        ++p->root_tags > MAX_ROOT_TAGS) {
        p->info->guarded++;
        drop_span(p, i, t.end);
        dc_buf_puts(p->out, t.tag == GUMBO_TAG_HTML ? "<html>" : "<body>");
        return t.end;
    }
    tag_out(p, &t);
    if (t.tag == GUMBO_TAG_PRE || t.tag == GUMBO_TAG_LISTING)
        p->pre++;
    if (act == PLAIN)
        return t.end;
    size_t e;
    switch (t.tag) {
    case GUMBO_TAG_SCRIPT:
        e = script_end(s, n, t.end);
        if (!is_ld_json(s, &t))
            drop_span(p, t.end, e);
        break;
    case GUMBO_TAG_STYLE:
        e = rawtext_end(s, n, t.end, "style", 5);
        drop_span(p, t.end, e);
        break;
    case GUMBO_TAG_XMP: e = rawtext_end(s, n, t.end, "xmp", 3); break;
    case GUMBO_TAG_IFRAME: e = rawtext_end(s, n, t.end, "iframe", 6); break;
    case GUMBO_TAG_NOEMBED: e = rawtext_end(s, n, t.end, "noembed", 7); break;
    case GUMBO_TAG_NOFRAMES: e = rawtext_end(s, n, t.end, "noframes", 8); break;
    case GUMBO_TAG_TITLE:
        e = p->title_open ? n : rawtext_end(s, n, t.end, "title", 5);
        if (e == n) {
            p->title_open = 1; /* later titles need not look again */
            /* never closed: the whole page would be the title's text (as
             * in a browser); the title ends at the first '<' instead */
            const char *lt = memchr(s + t.end, '<', n - t.end);
            if (lt) {
                flush(p, (size_t)(lt - s));
                emit(p, "</title>", 8);
                return (size_t)(lt - s);
            }
        }
        break;
    case GUMBO_TAG_TEXTAREA: e = rawtext_end(s, n, t.end, "textarea", 8); break;
    case GUMBO_TAG_PLAINTEXT: return n;
    default: return t.end;
    }
    p->raw_close = e;
    return e;
}

static size_t on_end_tag(pf *p, size_t i)
{
    tagtok t;
    read_tag(p->s, p->n, i, 1, &t);
    if (t.eof)
        return p->n;
    p->tok = i;
    /* the tokenizer, not the tree, handles the end of raw text */
    if (i != p->raw_close && end_tag(p, &t) == DROP) {
        drop_span(p, i, t.end);
        return t.end;
    }
    if ((t.tag == GUMBO_TAG_PRE || t.tag == GUMBO_TAG_LISTING) && p->pre)
        p->pre--;
    tag_out(p, &t);
    return t.end;
}

/* Text s[i..k): runs of white space shrink to their first character
 * (indentation is a tenth of a page's bytes, and gumbo takes every
 * character as a token), except in preformatted text. White space stays
 * white space, so the tree keeps its shape and the rendered text, which
 * collapses runs anyway, is the same. */
static void collapse_ws(pf *p, size_t i, size_t k)
{
    const char *s = p->s;
    if (p->pre)
        return;
    while (i + 1 < k) {
        if (!is_ws((unsigned char)s[i])) {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < k && is_ws((unsigned char)s[j]))
            j++;
        if (j - i > 1)
            drop_span(p, i + 1, j);
        i = j;
    }
}

/* "<!": comment, doctype, CDATA (svg/math only) or bogus comment. */
static size_t on_markup(pf *p, size_t i)
{
    const char *s = p->s;
    size_t n = p->n, e;
    if (i + 3 < n && s[i + 2] == '-' && s[i + 3] == '-') {
        e = comment_end(s, n, i);
    } else if (i + 9 <= n && ci_eq(s + i + 2, "doctype", 7)) {
        return after_gt(s, n, i);
    } else if (i + 9 <= n && memcmp(s + i + 2, "[CDATA[", 7) == 0 && in_foreign(p)) {
        const char *c = s + i + 9;
        size_t left = n - i - 9;
        for (;;) {
            const char *b = memchr(c, ']', left);
            if (!b || (size_t)(b - s) + 3 > n)
                return n;
            if (b[1] == ']' && b[2] == '>')
                return (size_t)(b - s) + 3;
            left -= (size_t)(b + 1 - c);
            c = b + 1;
        }
    } else {
        e = after_gt(s, n, i + 2);
    }
    drop_span(p, i, e);
    return e;
}

/* Numeric character references too big for 32 bits ("&#6666666666;")
 * overflow gumbo's reader, which then writes a stray byte that is not
 * UTF-8. Past U+10FFFF a reference means U+FFFD anyway, so its digits
 * become those of U+FFFD; the text only shrinks, in place. */
static void cap_char_refs(dc_buf *b)
{
    char *s = b->ptr;
    size_t n = b->size, r = 0, w = 0;
    if (!s)
        return;
    for (;;) {
        char *amp = r < n ? memchr(s + r, '&', n - r) : NULL;
        size_t upto = amp ? (size_t)(amp - s) : n;
        if (w != r)
            memmove(s + w, s + r, upto - r);
        w += upto - r;
        r = upto;
        if (!amp)
            break;
        size_t q = r + 1;
        int hex = 0;
        if (q < n && s[q] == '#') {
            q++;
            if (q < n && (s[q] == 'x' || s[q] == 'X')) {
                hex = 1;
                q++;
            }
        }
        size_t d0 = q;
        if (q == r + 1) {
            s[w++] = s[r++];
            continue;
        }
        while (q < n && s[q] == '0')
            q++;
        size_t sig = q;
        while (q < n && ((s[q] >= '0' && s[q] <= '9') ||
                         (hex && ((s[q] | 0x20) >= 'a' && (s[q] | 0x20) <= 'f'))))
            q++;
        /* 2^31 has 10 decimal digits and 8 hex ones */
        if (q - sig < (hex ? 8u : 10u)) {
            memmove(s + w, s + r, q - r);
            w += q - r;
            r = q;
            continue;
        }
        memmove(s + w, s + r, d0 - r);
        w += d0 - r;
        const char *fffd = hex ? "FFFD" : "65533";
        memcpy(s + w, fffd, strlen(fffd));
        w += strlen(fffd);
        r = q;
    }
    b->size = w;
    if (b->asize > w)
        s[w] = '\0';
}

int dc_prefilter(const char *in, size_t len, unsigned max_depth, dc_buf *out,
                 dc_prefilter_info *info)
{
    pf p;
    memset(&p, 0, sizeof p);
    memset(info, 0, sizeof *info);
    p.raw_close = (size_t)-1;
    for (size_t k = 0; k < NAME_SLOTS; k++)
        p.top_of[k] = -1;
    p.s = in;
    p.n = len;
    p.out = out;
    p.info = info;
    p.limit = max_depth ? max_depth : DC_DEPTH_DEFAULT;
    /* html and body are always open and never on the model's stack */
    p.limit = p.limit > 2 ? p.limit - 2 : 1;
    p.budget = CLONE_BUDGET + len / 32;
    if (dc_buf_grow(out, len))
        return -1;

    size_t i = 0;
    while (i < len && !p.oom) {
        const char *lt = memchr(in + i, '<', len - i);
        size_t k = lt ? (size_t)(lt - in) : len;
        if (k > i && !in_foreign(&p))
            reconstruct(&p);
        collapse_ws(&p, i, k);
        if (k + 1 >= len)
            break;
        unsigned char c = (unsigned char)in[k + 1];
        if (is_alpha(c)) {
            i = on_start_tag(&p, k);
        } else if (c == '/') {
            if (k + 2 >= len)
                break;
            if (is_alpha((unsigned char)in[k + 2]))
                i = on_end_tag(&p, k);
            else if (in[k + 2] == '>')
                i = k + 3;
            else {
                i = after_gt(in, len, k + 2);
                drop_span(&p, k, i);
            }
        } else if (c == '!') {
            i = on_markup(&p, k);
        } else if (c == '?') {
            i = after_gt(in, len, k + 1);
            drop_span(&p, k, i);
        } else {
            if (!in_foreign(&p))
                reconstruct(&p);
            /* a '<' that opens no tag is text, written as a reference:
             * bare, it would open a tag with the letters after it once a
             * tag between them is dropped ("<<p>x" without its "<p>") */
            flush(&p, k);
            emit(&p, "&lt;", 4);
            p.keep = k + 1;
            i = k + 1;
        }
    }
    flush(&p, len);
    cap_char_refs(out);
    free(p.st);
    free(p.af);
    if (p.oom || out->oom) {
        out->oom = 1;
        return -1;
    }
    return 0;
}

/* ---- what the input is ---- */

static int starts(const char *s, size_t n, const char *magic, size_t m)
{
    return n >= m && memcmp(s, magic, m) == 0;
}

/* A JSON text: an object or array from its first to its last
 * non-whitespace byte, beginning the way JSON values begin. */
static int looks_json(const char *s, size_t n)
{
    size_t a = 0, b = n;
    while (a < n && is_ws((unsigned char)s[a]))
        a++;
    while (b > a && is_ws((unsigned char)s[b - 1]))
        b--;
    if (b - a < 2)
        return 0;
    char open = s[a], close = s[b - 1];
    if (!((open == '{' && close == '}') || (open == '[' && close == ']')))
        return 0;
    size_t k = a + 1;
    while (k < b && is_ws((unsigned char)s[k]))
        k++;
    char c = s[k];
    if (open == '{')
        return c == '"' || c == '}';
    return c == '{' || c == '[' || c == '"' || c == ']' || c == '-' || (c >= '0' && c <= '9') ||
           c == 't' || c == 'f' || c == 'n';
}

const char *dc_sniff_binary(const char *in, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } sig[] = {
        {"%PDF-", 5, "a PDF document"},
        {"\x89PNG\r\n\x1a\n", 8, "a PNG image"},
        {"GIF87a", 6, "a GIF image"},
        {"GIF89a", 6, "a GIF image"},
        {"\xff\xd8\xff", 3, "a JPEG image"},
        {"PK\x03\x04", 4, "a ZIP archive"},
        {"PK\x05\x06", 4, "a ZIP archive"},
        {"\x1f\x8b", 2, "gzip-compressed data"},
        {"BZh", 3, NULL}, /* needs the block magic too, see below */
        {"\xfd" "7zXZ\x00", 6, "xz-compressed data"},
        {"\x28\xb5\x2f\xfd", 4, "zstd-compressed data"},
        {"7z\xbc\xaf\x27\x1c", 6, "a 7-Zip archive"},
        {"Rar!\x1a\x07", 6, "a RAR archive"},
        {"\x7f" "ELF", 4, "an executable"},
        {"%!PS", 4, "a PostScript document"},
        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, "an Office document"},
        {"wOFF", 4, "a web font"},
        {"wOF2", 4, "a web font"},
        {"OggS", 4, "Ogg media"},
        {"ID3", 3, "an MP3 file"},
        {"\x1a\x45\xdf\xa3", 4, "WebM/Matroska media"},
    };
    for (size_t i = 0; i < sizeof sig / sizeof sig[0]; i++)
        if (starts(in, len, sig[i].magic, sig[i].len)) {
            if (sig[i].what)
                return sig[i].what;
            if (len >= 10 && in[3] >= '1' && in[3] <= '9' && memcmp(in + 4, "1AY&SY", 6) == 0)
                return "bzip2-compressed data";
        }
    if (len >= 12 && memcmp(in, "RIFF", 4) == 0 && memcmp(in + 8, "WEBP", 4) == 0)
        return "a WebP image";
    if (len >= 12 && memcmp(in + 4, "ftyp", 4) == 0)
        return "MP4/QuickTime media";

    /* UTF-16 and UTF-32 pages carry NULs by design: a BOM, or ASCII
     * with a NUL beside every byte, is text for the decoder to handle */
    if (starts(in, len, "\xff\xfe", 2) || starts(in, len, "\xfe\xff", 2) ||
        starts(in, len, "\x00\x00\xfe\xff", 4))
        return NULL;
    size_t n = len < 4096 ? len : 4096, ctl = 0, nul_even = 0, nul_odd = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0 && (i & 1))
            nul_odd++;
        else if (c == 0)
            nul_even++;
        /* ESC belongs to ISO-2022 charsets */
        else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b)
            ctl++;
    }
    size_t nul = nul_even + nul_odd;
    int utf16 = n >= 16 && (nul_even * 10 >= n * 4 || nul_odd * 10 >= n * 4) &&
                (nul_even < nul_odd / 8 || nul_odd < nul_even / 8);
    /* pages of the development sets have none; random bytes have 10% */
    if (!utf16 && nul + ctl >= 4 && (nul + ctl) * 50 > n)
        return "binary data";

    size_t a = starts(in, len, "\xef\xbb\xbf", 3) ? 3 : 0;
    if (looks_json(in + a, len - a))
        return "a JSON document";
    return NULL;
}
