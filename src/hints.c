#include "hints.h"

#include <ctype.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "measure.h"

/* Token vocabularies, sorted for bsearch. A token matches when it equals an
 * entry; the prefix lists catch compounds such as "sharebar". */
static const char *const neg_strong[] = {
    "aboutauthor", "ad", "adblock", "ads", "adsense", "adslot", "adunit", "advert",
    "advertisement", "advertising", "adverts", "authorbio", "authorbox", "authordescription",
    "authorinfo", "authorprofile", "banner", "bio", "breadcrumb", "breadcrumbs", "byline", "caption",
    "captions", "chat", "cmt", "cmts", "comment", "commentlist", "comments", "consent",
    "cookie", "cookies", "credit", "credits", "crumbs", "dialog", "disclaimer", "disqus", "donate",
    "entrymeta",
    "flyout", "footer", "footnote", "footnotes", "gdpr", "lightbox", "loader", "loading", "login",
    "masthead", "menu", "menubar", "modal", "mostpopular", "mostread", "nav", "navbar",
    "navigation", "navlist", "newsfeed", "newsletter", "outbrain", "overlay", "pager",
    "pagination", "paywall", "popular", "popup",
    "postmeta", "postmetadata", "postprofile", "postratings", "promo", "promoted", "promotion", "recommended", "related",
    "share", "sharing", "sidebar", "signature", "signin", "signup", "sitemap", "skip", "social",
    "spinner", "sponsor", "sponsored", "submenu", "subnav", "subscribe", "subscription",
    "taboola", "tagcloud", "tags", "testimonial", "testimonials", "ticker", "toolbar", "topnav",
    "trending", "userdetails", "userextras", "userinfo", "userstats", "usertitle", "widget",
    "widgets",
};
static const char *const neg_weak[] = {
    "aside", "author", "avatar", "breaking", "controls", "copyright", "cta", "follow", "header",
    "icon", "legal", "logo", "meta", "notice", "print", "rating", "settings",
    "tag", "tools", "topbar", "vote",
};
static const char *const pos[] = {
    "article", "articlebody", "blog", "body", "content", "entry", "main", "post",
    "postbody", "prose", "searchresult", "searchresults", "story", "storybody", "text",
};
static const char *const neg_prefix[] = {
    "advert", "breadcrumb", "byline", "comment", "consent", "cookie", "disqus",
    "footer", "navbar", "navigation", "newsletter", "outbrain", "popup", "related",
    "share", "sidebar", "social", "sponsor", "subscri", "taboola", "widget",
};

/* Boilerplate that sits beside or below the content and is never its
 * container: a box named a footer is one as <footer> is, and so is the
 * author's bio after a story (subsets of the strong words; see
 * dc_hint_side). */
static const char *const side[] = {
    "aboutauthor", "ad", "adblock", "ads", "adsense", "adslot", "adunit", "authorbio",
    "authorbox", "authordescription", "authorinfo", "authorprofile", "bio", "cookie", "cookies",
    "footer", "mostpopular", "mostread", "newsletter", "popular", "recommended", "trending",
};
static const char *const side_prefix[] = {
    "advert", "consent", "outbrain", "related", "sidebar", "sponsor", "subscri", "taboola",
};
/* Boxes laid over the page until closed: sign-in and sign-up forms and
 * image viewers (2), and dialogs, which may also show a product's
 * details (1). All are strong words but "popup", a prefix. */
static const char *const modal[] = {
    "lightbox", "login", "signin", "signup",
};
static const char *const dialog[] = {
    "dialog", "modal",
};

/* Words that name an article's lead or standfirst ("article-lead",
 * "introText", "chapo"). American "dek"s (and "deck"s) are left out:
 * Readability's and WCXB's truth leave them out, and no page of the
 * trafilatura set gained by them. */
static const char *const lead_words[] = {
    "abstract", "bajada", "chapo", "excerpt", "intro", "lead", "lede", "standfirst", "summary",
    "teaser",
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp((const char *)a, *(const char *const *)b);
}

static int in_list(const char *tok, const char *const *list, size_t n)
{
    return bsearch(tok, list, n, sizeof *list, cmp_str) != NULL;
}

#define N(a) (sizeof(a) / sizeof *(a))

/* Whether tok (len bytes) begins with an entry of list. */
static int prefixed(const char *tok, size_t len, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *p = list[i];
        size_t k;
        if (p[0] == tok[0] && len >= (k = strlen(p)) && strncmp(tok, p, k) == 0)
            return 1;
    }
    return 0;
}

static int sorted(const char *const *list, size_t n)
{
    for (size_t i = 1; i < n; i++)
        if (strcmp(list[i - 1], list[i]) >= 0)
            return 0;
    return 1;
}

static int maybe_word(unsigned char c);

/* What the vocabularies hold, by first letter: bit L of word_lengths is
 * set when some whole-word entry (every list above) has L letters, and
 * prefix_min is the shortest prefix entry (the prefix lists, "review" and
 * "comment"; 255 for none). A token that fits neither is in no
 * vocabulary, and most tokens ("col", "inner", "wrapper") are settled by
 * this look. dc_hints_vocab_sorted checks the tables against the lists. */
static const uint32_t word_lengths[26] = {
    0x22fec, 0xd58, 0xbf8, 0x440, 0x2a0, 0x340, 0x10, 0x40, 0x30, 0x0, 0x0, 0x1f0, 0x9b0,
    0x5c8,   0x180, 0x1fb0, 0x0, 0x8c0, 0x37f0, 0x19f8, 0xf00, 0x10, 0xc0, 0x0, 0x0, 0x0,
};
static const unsigned char prefix_min[26] = {
    6, 6, 6, 6, 255, 6, 255, 255, 255, 255, 255, 255, 255,
    6, 8, 5, 255, 6, 5, 7, 255, 255, 6, 255, 255, 255,
};

static int known_shape(const char *tok, size_t len)
{
    unsigned i = (unsigned char)tok[0] - 'a';
    if (i >= 26)
        return 0;
    return (len < 32 && (word_lengths[i] >> len & 1u)) || len >= prefix_min[i];
}

static int tables_cover(void)
{
    const char *const *lists[] = {neg_strong, neg_weak, pos, side, lead_words};
    size_t sizes[] = {N(neg_strong), N(neg_weak), N(pos), N(side), N(lead_words)};
    uint32_t lengths[26] = {0};
    unsigned char pmin[26];
    memset(pmin, 255, sizeof pmin);
    for (size_t l = 0; l < N(lists); l++)
        for (size_t k = 0; k < sizes[l]; k++) {
            size_t len = strlen(lists[l][k]);
            if (len >= 32 || lists[l][k][0] < 'a' || lists[l][k][0] > 'z')
                return 0;
            lengths[lists[l][k][0] - 'a'] |= 1u << len;
        }
    const char *const extra[] = {"review", "comment"};
    const char *const *plists[] = {neg_prefix, side_prefix, extra};
    size_t psizes[] = {N(neg_prefix), N(side_prefix), N(extra)};
    for (size_t l = 0; l < N(plists); l++)
        for (size_t k = 0; k < psizes[l]; k++) {
            size_t len = strlen(plists[l][k]);
            if (plists[l][k][0] < 'a' || plists[l][k][0] > 'z')
                return 0;
            unsigned char *m = &pmin[plists[l][k][0] - 'a'];
            if (len < *m)
                *m = (unsigned char)len;
        }
    return memcmp(lengths, word_lengths, sizeof lengths) == 0 &&
           memcmp(pmin, prefix_min, sizeof pmin) == 0;
}

static int firsts_known(const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!maybe_word((unsigned char)list[i][0]))
            return 0;
    return 1;
}

int dc_hints_vocab_sorted(void)
{
    return sorted(neg_strong, N(neg_strong)) && sorted(neg_weak, N(neg_weak)) &&
           sorted(pos, N(pos)) && sorted(neg_prefix, N(neg_prefix)) && sorted(side, N(side)) &&
           sorted(side_prefix, N(side_prefix)) && sorted(lead_words, N(lead_words)) &&
           sorted(modal, N(modal)) && sorted(dialog, N(dialog)) &&
           firsts_known(lead_words, N(lead_words)) &&
           firsts_known(neg_strong, N(neg_strong)) && firsts_known(neg_weak, N(neg_weak)) &&
           firsts_known(pos, N(pos)) && firsts_known(neg_prefix, N(neg_prefix)) &&
           firsts_known(side_prefix, N(side_prefix)) && tables_cover();
}

typedef struct tally {
    int strong, weak, pos, comment, review;
    int lead;      /* counted only when want_lead (dc_hint_lead) */
    int want_lead;
    int side;      /* counted only when want_side (dc_hint_side) */
    int modal;     /* likewise: 2 for each sign-in word, 1 a dialog's */
    int want_side;
} tally;

/* Words of the reader-comments family: such sections stay boilerplate
 * however much text they hold, unless the page is a discussion. */
static int comment_word(const char *tok)
{
    return strncmp(tok, "comment", 7) == 0 || strncmp(tok, "disqus", 6) == 0 ||
           strcmp(tok, "cmt") == 0 || strcmp(tok, "cmts") == 0 || strcmp(tok, "respond") == 0;
}

/* Letters that begin some vocabulary word: most tokens begin otherwise
 * and are settled without a search. */
static int maybe_word(unsigned char c)
{
    static const char firsts[] = "abcdefghilmnoprstuvw";
    return c && strchr(firsts, c) != NULL;
}

/* Words of the customer-reviews family ("reviews", "reviewList"): on a
 * product page such sections are what buyers wrote, not the product's own
 * text; elsewhere they may be the article itself (a film review). */
static int review_word(const char *tok)
{
    return strncmp(tok, "review", 6) == 0;
}

/* A word naming a box beside the content: a "widget" or a "menu" may be
 * the content itself, an ad, a sidebar or related reading may not. */
static int side_word(const char *tok, size_t len)
{
    return in_list(tok, side, N(side)) || prefixed(tok, len, side_prefix, N(side_prefix));
}

static void classify(const char *tok, size_t len, tally *t)
{
    if (!maybe_word((unsigned char)tok[0]) || len < 2 || !known_shape(tok, len))
        return;
    if (t->want_lead) { /* dc_hint_lead asks for nothing else */
        t->lead += in_list(tok, lead_words, N(lead_words));
        return;
    }
    t->review += review_word(tok);
    /* "commentary", "commentator": an opinion piece and its writer, not
     * what readers wrote */
    if (strncmp(tok, "commentar", 9) == 0 ? tok[9] == 'y' || strncmp(tok + 9, "ies", 3) == 0
                                           : strncmp(tok, "commentator", 11) == 0)
        return;
    if (in_list(tok, neg_strong, N(neg_strong)) || prefixed(tok, len, neg_prefix, N(neg_prefix))) {
        t->strong++;
        t->comment += comment_word(tok);
        if (t->want_side) {
            t->side += side_word(tok, len);
            t->modal += in_list(tok, modal, N(modal)) ? 2
                        : in_list(tok, dialog, N(dialog)) || strncmp(tok, "popup", 5) == 0;
        }
    }
    else if (in_list(tok, neg_weak, N(neg_weak)))
        t->weak++;
    else if (in_list(tok, pos, N(pos)))
        t->pos++;
}

/* Splits one class word w[0..n) into lower-case tokens at non-
 * alphanumerics and at a lower-to-upper case change, classifying each,
 * and each pair of neighbours joined too: the vocabularies spell
 * compounds as one word ("userInfo", "side-bar" and "news_letter" are
 * "userinfo", "sidebar" and "newsletter"). */
static void word_tokens(const char *w, size_t n, tally *t)
{
    char tok[32], pair[64];
    size_t k = 0, pk = 0; /* pk: length of the previous token in pair */
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)w[i] : 0;
        int alnum = c && (isalnum(c) || c >= 0x80);
        /* camelCase humps and letter/digit changes: "menuItem", "menu20" */
        int hump = alnum && k > 0 &&
                   ((isupper(c) && islower((unsigned char)w[i - 1])) ||
                    (!!isdigit(c) != !!isdigit((unsigned char)w[i - 1])));
        if (!alnum || hump) {
            if (k > 0 && k < sizeof tok) {
                tok[k] = '\0';
                classify(tok, k, t);
                if (pk && !isdigit((unsigned char)tok[0])) {
                    memcpy(pair + pk, tok, k + 1);
                    classify(pair, pk + k, t);
                }
                memcpy(pair, tok, k + 1);
                pk = isdigit((unsigned char)tok[0]) ? 0 : k;
            } else if (k > 0) {
                pk = 0;
            }
            k = 0;
        }
        if (alnum) {
            if (k < sizeof tok)
                tok[k] = (char)tolower(c);
            k++;
        }
    }
}

/* CSS Modules name classes "Block_element__hash" with a short hash of
 * letters and digits, mixed case: "ArticleBody_root__Xy3kZ". */
static int css_module_hash(const char *h, const char *e)
{
    size_t n = (size_t)(e - h);
    int upper = 0, lower = 0, digit = 0;
    if (n < 4 || n > 8)
        return 0;
    for (const char *p = h; p < e; p++) {
        unsigned char c = (unsigned char)*p;
        if (isupper(c))
            upper = 1;
        else if (islower(c))
            lower = 1;
        else if (isdigit(c))
            digit = 1;
        else if (c != '-' && c != '_')
            return 0;
    }
    return upper + lower + digit >= 2 && (upper || digit);
}

/* The next whitespace-separated word of a class string at *p: its start
 * (NULL at the end), its length in *n; *p moves past it. */
static const char *next_word(const char **p, size_t *n)
{
    const char *s = *p;
    while (*s && isspace((unsigned char)*s))
        s++;
    if (!*s)
        return NULL;
    const char *b = s;
    while (*s && !isspace((unsigned char)*s))
        s++;
    *p = s;
    *n = (size_t)(s - b);
    return b;
}

/* Whether w[0..n) is one of the count words of list, in any case. */
static int word_is(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strlen(list[k]) == n && strncasecmp(w, list[k], n) == 0)
            return 1;
    return 0;
}

/* A class word that names a layout with a sidebar, not the sidebar: the
 * wrapper that holds the content and the sidebar side by side
 * ("content-sidebar-wrap", "main--withSidebar", "fixed-sidebar-layout",
 * "has-sidebar"). Its words say nothing of what it holds. Letters and
 * digits only, in lower case, are compared. */
static int layout_word(const char *w, size_t n)
{
    static const char *const forms[] = {"contentsidebar", "hassidebar", "sidebarlayout",
                                        "withsidebar"};
    char buf[64];
    size_t k = 0;
    if (n < 10)
        return 0; /* most class words: shorter than any form */
    for (size_t i = 0; i < n && k + 1 < sizeof buf; i++)
        if (isalnum((unsigned char)w[i]))
            buf[k++] = (char)tolower((unsigned char)w[i]);
    buf[k] = '\0';
    if (k < 10)
        return 0;
    for (size_t f = 0; f < N(forms); f++)
        if (strstr(buf, forms[f]))
            return 1;
    return 0;
}

/* Classifies each whitespace-separated word of a class or id. In BEM
 * names ("article__info-date") the element part after the last "__" says
 * what the node is; the block part only says where it sits, which counts
 * when the element part says nothing known ("footer__inner"; an index
 * such as "__0" says nothing at all). */
static void tokens(const char *s, tally *t)
{
    const char *p = s, *b;
    size_t len;
    while ((b = next_word(&p, &len))) {
        const char *e = b + len;
        const char *last = NULL;
        for (const char *q = b; q + 1 < e; q++)
            if (q[0] == '_' && q[1] == '_')
                last = q;
        if (last && !css_module_hash(last + 2, e)) {
            tally el = {0};
            el.want_side = t->want_side;
            el.want_lead = t->want_lead;
            word_tokens(last + 2, (size_t)(e - last - 2), &el);
            int letters = 0;
            for (const char *q = last + 2; q < e; q++)
                letters |= isalpha((unsigned char)*q) != 0;
            if (el.strong || el.weak || el.pos || el.review || el.lead || !letters) {
                t->lead += el.lead;
                t->strong += el.strong;
                t->weak += el.weak;
                t->pos += el.pos;
                t->comment += el.comment;
                t->review += el.review;
                t->side += el.side;
                t->modal += el.modal;
                continue;
            }
            /* an element part of words none of the vocabularies knows
             * ("footer__inner"): the block says where it sits */
            e = last;
        } else if (last) {
            e = last; /* "Block_element__hash": the hash says nothing */
        }
        if (!layout_word(b, (size_t)(e - b)))
            word_tokens(b, (size_t)(e - b), t);
    }
}

/* Strong boilerplate words win; weak ones lose to article-body words.
 * A part is reader comments when the comment words are all its strong
 * words: a comment's share menu or footer ("elShareComment_menu",
 * "comment-footer") is chrome even where the comments are the content. */
static unsigned verdict(const tally *t)
{
    unsigned r = t->review ? DC_HINT_REVIEW : 0;
    if (t->strong || (t->weak && !t->pos))
        return r | DC_HINT_NEG | (t->comment && t->comment == t->strong ? DC_HINT_COMMENT : 0);
    return r | (t->pos && !t->weak ? DC_HINT_POS : DC_HINT_NONE);
}

static int hidden_class(const char *cls);

/* Adds the tally of class or id string s to t; *hidden gets whether a
 * class word hides the element (when hidden is not NULL). */
static void tokens_cached(const char *s, tally *t, int *hidden, dc_hint_cache *cache)
{
    uint32_t h = 2166136261u;
    size_t k = 0;
    tally own = {0};
    int hid;
    if (cache) {
        for (const char *p = s; *p; p++)
            h = (h ^ (unsigned char)*p) * 16777619u;
        k = h & (DC_HINT_CACHE_SLOTS - 1);
    }
    if (cache && cache->e[k].s && cache->e[k].hash == h && strcmp(cache->e[k].s, s) == 0) {
        own.strong = cache->e[k].strong;
        own.weak = cache->e[k].weak;
        own.pos = cache->e[k].pos;
        own.comment = cache->e[k].comment;
        own.review = cache->e[k].review;
        hid = cache->e[k].hidden;
    } else {
        tokens(s, &own);
        hid = hidden_class(s);
        if (cache && own.strong < 256 && own.weak < 256 && own.pos < 256 && own.comment < 256 &&
            own.review < 256) {
            cache->e[k].s = s;
            cache->e[k].hash = h;
            cache->e[k].strong = (uint8_t)own.strong;
            cache->e[k].weak = (uint8_t)own.weak;
            cache->e[k].pos = (uint8_t)own.pos;
            cache->e[k].comment = (uint8_t)own.comment;
            cache->e[k].review = (uint8_t)own.review;
            cache->e[k].hidden = (uint8_t)hid;
        }
    }
    if (hidden)
        *hidden = hid;
    t->strong += own.strong;
    t->weak += own.weak;
    t->pos += own.pos;
    t->comment += own.comment;
    t->review += own.review;
}

unsigned dc_hint_tokens(const char *s)
{
    tally t = {0};
    tokens(s, &t);
    return verdict(&t);
}

/* Whole class words that hide an element from readers. */
static int hidden_class(const char *cls)
{
    static const char *const words[] = {
        "hidden", "sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text",
        "invisible", "element-invisible", "screenreader-only",
    };
    const char *p = cls, *b;
    size_t n;
    while ((b = next_word(&p, &n))) {
        if (*b == '!') { /* Tailwind's "!hidden": the same, made important */
            b++;
            n--;
        }
        if (word_is(b, n, words, N(words)))
            return 1;
    }
    return 0;
}

/* style="display:none" or "visibility:hidden", spaces allowed. */
static int hidden_style(const char *st)
{
    char buf[256];
    size_t n = 0;
    for (const char *p = st; *p && n + 1 < sizeof buf; p++)
        if (!isspace((unsigned char)*p))
            buf[n++] = (char)tolower((unsigned char)*p);
    buf[n] = '\0';
    return strstr(buf, "display:none") || strstr(buf, "visibility:hidden");
}

static unsigned role_hint(const char *role)
{
    static const char *const skip[] = {"alertdialog", "dialog", "tooltip"};
    static const char *const neg[] = {"banner", "complementary", "contentinfo", "menu",
                                      "menubar", "navigation", "search", "alert"};
    for (size_t i = 0; i < N(skip); i++)
        if (strcasecmp(role, skip[i]) == 0)
            return DC_HINT_SKIP;
    for (size_t i = 0; i < N(neg); i++)
        if (strcasecmp(role, neg[i]) == 0)
            return DC_HINT_NEG;
    if (strcasecmp(role, "main") == 0 || strcasecmp(role, "article") == 0)
        return DC_HINT_POS;
    return DC_HINT_NONE;
}

/* The attributes the hints read, found in one pass (gumbo gives names in
 * lower case). */
typedef struct hattrs {
    const char *hidden, *aria_hidden, *style, *cls, *id, *role, *itemprop;
} hattrs;

static void hint_attrs(const GumboNode *el, hattrs *h)
{
    memset(h, 0, sizeof *h);
    const GumboVector *v = &el->v.element.attributes;
    for (unsigned i = 0; i < v->length; i++) {
        const GumboAttribute *at = v->data[i];
        const char *n = at->name, **slot = NULL;
        switch (n[0]) {
        case 'a': if (strcmp(n, "aria-hidden") == 0) slot = &h->aria_hidden; break;
        case 'c': if (strcmp(n, "class") == 0) slot = &h->cls; break;
        case 'h': if (strcmp(n, "hidden") == 0) slot = &h->hidden; break;
        case 'i':
            if (strcmp(n, "id") == 0) slot = &h->id;
            else if (strcmp(n, "itemprop") == 0) slot = &h->itemprop;
            break;
        case 'r': if (strcmp(n, "role") == 0) slot = &h->role; break;
        case 's': if (strcmp(n, "style") == 0) slot = &h->style; break;
        default: break;
        }
        if (slot && !*slot) /* the first of duplicates counts, as in dc_attr */
            *slot = at->value;
    }
}

unsigned dc_hint_element(const GumboNode *el, int relaxed)
{
    return dc_hint_element_cached(el, relaxed, NULL);
}

/* React's streaming renderer sends a late part of the page as
 * <div hidden id="S:3"> after the rest and moves it into place with a
 * script (measure.c does the same): it is shown, not hidden. */
static int streamed_segment(const char *id)
{
    if (!id || id[0] != 'S' || id[1] != ':' || !id[2])
        return 0;
    for (const char *p = id + 2; *p; p++)
        if (!isalnum((unsigned char)*p))
            return 0;
    return 1;
}

static int heading_tag(GumboTag t)
{
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

/* Whether an element child of el has a heading tag. */
static int holds_heading(const GumboNode *el)
{
    const GumboVector *c = &el->v.element.children;
    for (unsigned i = 0; i < c->length; i++) {
        const GumboNode *k = c->data[i];
        if (k->type == GUMBO_NODE_ELEMENT && heading_tag(k->v.element.tag))
            return 1;
    }
    return 0;
}

int dc_hint_toggle(const GumboNode *el)
{
    if (el->type != GUMBO_NODE_ELEMENT || el->v.element.tag != GUMBO_TAG_BUTTON)
        return 0;
    const GumboNode *p = el->parent;
    if (p && p->type == GUMBO_NODE_ELEMENT && heading_tag(p->v.element.tag))
        return 1;
    return holds_heading(el);
}

static int in_site_chrome(const GumboNode *el);

/* Whether k is, or holds two levels down, the disclosure button of the
 * element with this id (WAI-ARIA: aria-controls names it). */
static int controls(const GumboNode *k, const char *id, int depth)
{
    if (!id || k->type != GUMBO_NODE_ELEMENT)
        return 0;
    const char *c = dc_attr(k, "aria-controls");
    if (c && strcmp(c, id) == 0)
        return 1;
    const GumboVector *h = &k->v.element.children;
    for (unsigned j = 0; depth < 2 && j < h->length && j < 8; j++)
        if (controls(h->data[j], id, depth + 1))
            return 1;
    return 0;
}

/* The element sibling of el just before it (dir -1) or after it (1),
 * comments and whitespace passed over; NULL when there is none, text
 * comes first, or el is not where its index says. */
static const GumboNode *sibling_element(const GumboNode *el, int dir)
{
    const GumboNode *p = el->parent;
    if (!p || (p->type != GUMBO_NODE_ELEMENT && p->type != GUMBO_NODE_TEMPLATE))
        return NULL;
    const GumboVector *c = &p->v.element.children;
    size_t at = el->index_within_parent;
    if (at >= c->length || c->data[at] != el)
        return NULL;
    for (size_t i = at; dir < 0 ? i-- > 0 : ++i < c->length;) {
        const GumboNode *k = c->data[i];
        if (k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_COMMENT)
            continue;
        return k->type == GUMBO_NODE_ELEMENT ? k : NULL;
    }
    return NULL;
}

/* A collapsed accordion panel: the element right after a toggle that is
 * a heading (a button holding a heading, or a heading holding a button),
 * or after the button that discloses it (aria-controls), outside the
 * site's navigation. Its text (an FAQ's answer, a product's ingredients)
 * is shown when the reader opens it, as a tab panel's is. */
static int accordion_panel(const GumboNode *el)
{
    const GumboNode *k = sibling_element(el, -1);
    if (!k)
        return 0;
    if (dc_hint_toggle(k))
        return 1;
    if (controls(k, dc_attr(el, "id"), 0))
        return !in_site_chrome(el);
    if (!heading_tag(k->v.element.tag))
        return 0;
    const GumboVector *h = &k->v.element.children;
    for (unsigned j = 0; j < h->length; j++)
        if (dc_hint_toggle(h->data[j]))
            return 1;
    return 0;
}

/* Whether el toggles the element right after it: that one's
 * aria-labelledby names el's id, or el holds the button whose
 * aria-controls names its id (WAI-ARIA accordion and disclosure). */
static int toggles_next(const GumboNode *el, const char *id)
{
    const GumboNode *k = sibling_element(el, 1);
    if (!k)
        return 0;
    /* most boilerplate boxes are followed by one with neither attribute:
     * settled before el's buttons are looked for */
    const char *by = dc_attr(k, "aria-labelledby"), *kid = dc_attr(k, "id");
    return (id && by && strcmp(by, id) == 0) || (kid && controls(el, kid, 0));
}

/* Whether el is labelled by its toggle (WAI-ARIA: aria-labelledby) and
 * has no role or that of a region, or wraps such an element as its first
 * child (a collapse animation around it): an accordion's section. Other
 * labelled elements are dialogs, menus and groups of choices, and a
 * menu's panel in the site's navigation or masthead stays hidden too. */
static int labelled_section(const GumboNode *el, const char *role)
{
    const GumboNode *s = el;
    for (int depth = 0;; depth++) {
        if (dc_attr(s, "aria-labelledby")) {
            if (role && *role && strcasecmp(role, "region") != 0)
                return 0;
            break;
        }
        const GumboVector *c = &s->v.element.children;
        const GumboNode *first = NULL;
        for (unsigned i = 0; i < c->length && !first; i++) {
            const GumboNode *k = c->data[i];
            if (k->type == GUMBO_NODE_ELEMENT)
                first = k;
        }
        if (!first || depth == 1)
            return 0;
        s = first;
        role = dc_attr(s, "role");
    }
    return !in_site_chrome(el);
}

/* Whether el sits in the site's navigation or masthead (where a hidden
 * panel is a menu's). */
static int in_site_chrome(const GumboNode *el)
{
    int up = 0;
    for (const GumboNode *p = el->parent; p && p->type == GUMBO_NODE_ELEMENT && up < 64;
         p = p->parent, up++) {
        const char *r = dc_attr(p, "role");
        if (p->v.element.tag == GUMBO_TAG_NAV || p->v.element.tag == GUMBO_TAG_HEADER ||
            (r && strcasecmp(r, "navigation") == 0))
            return 1;
    }
    return 0;
}

/* Whether an id is a section's heading turned into an anchor: four or
 * more words, one of them a function word ("respond-to-review-comments",
 * "SQL-FOR-UPDATE-SHARE"). Its words are the author's, not the
 * template's; templates name parts in a word or three ("share-bar",
 * "back-to-top"). */
#define SLUGWORDS 4
static int heading_slug(const char *id)
{
    static const char *const function_words[] = {
        "a", "an", "and", "are", "as", "at", "by", "for", "from", "how", "in", "is", "of",
        "on", "or", "the", "to", "what", "when", "why", "with", "you", "your",
    };
    int words = 0;
    for (const char *p = id; *p; p++)
        words += *p != '-' && *p != '_' && (p == id || p[-1] == '-' || p[-1] == '_');
    if (words < SLUGWORDS)
        return 0; /* most ids: settled by one pass over their bytes */
    for (const char *p = id; *p;) {
        while (*p == '-' || *p == '_')
            p++;
        const char *b = p;
        while (*p && *p != '-' && *p != '_')
            p++;
        if (word_is(b, (size_t)(p - b), function_words, N(function_words)))
            return 1;
    }
    return 0;
}

/* Whether a class word names a tab's panel or an FAQ's answer without
 * an ARIA role ("tab-pane", "tabs__panel", "tabContent", "faq-answer",
 * "faq__content"). */
static int tab_panel_class(const char *cls)
{
    static const char *const parts[] = {"answer", "body", "content", "pane", "panel"};
    const char *p = cls, *b;
    size_t n;
    while ((b = next_word(&p, &n))) {
        if (n < 3 || !(strncasecmp(b, "faq", 3) == 0 || strncasecmp(b, "tab", 3) == 0))
            continue;
        const char *q = b + 3;
        if (q < p && (*q == 's' || *q == 'S'))
            q++;
        while (q < p && (*q == '-' || *q == '_'))
            q++;
        if (word_is(q, (size_t)(p - q), parts, N(parts)))
            return 1;
    }
    return 0;
}

unsigned dc_hint_element_cached(const GumboNode *el, int relaxed, dc_hint_cache *cache)
{
    const char *v;
    hattrs ha;
    hint_attrs(el, &ha);
    tally t = {0};
    /* A tab panel is hidden only until its tab is chosen, and so is an
     * accordion's section (labelled_section, accordion_panel): what they
     * hold (a description, specifications, code in another language, the
     * steps of a guide) is content the page shows one part at a time. */
    int panel = ha.role && strcasecmp(ha.role, "tabpanel") == 0;
    /* aria-hidden on the page's main landmark is not decoration but a
     * modal dialog (a consent banner) holding the reader's focus: the
     * page behind it is what the reader came for. */
    int landmark = el->v.element.tag == GUMBO_TAG_MAIN || el->v.element.tag == GUMBO_TAG_BODY ||
                   (ha.role && strcasecmp(ha.role, "main") == 0);
    int hid = (!relaxed && ha.hidden && !streamed_segment(ha.id)) ||
              (!landmark && (v = ha.aria_hidden) && strcasecmp(v, "true") == 0) ||
              (!relaxed && (v = ha.style) && hidden_style(v));
    const char *cls = ha.cls;
    if (cls) {
        /* tallied now, counted below unless the element is hidden or
         * settled by its tag, role or itemprop */
        int by_class = 0;
        tokens_cached(cls, &t, &by_class, cache);
        hid |= by_class;
    }
    /* hidden, unless a section shown on demand (looked for only then) */
    if (hid && !panel && !(ha.cls && tab_panel_class(ha.cls)) && !labelled_section(el, ha.role) &&
        !accordion_panel(el))
        return DC_HINT_SKIP;

    /* schema.org: the reviews of an item and its rating summary */
    if ((v = ha.itemprop) &&
        (strncasecmp(v, "review", 6) == 0 || strcasecmp(v, "aggregateRating") == 0))
        t.review++;
    unsigned rv = t.review ? DC_HINT_REVIEW : 0;
    switch (el->v.element.tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
        return rv | DC_HINT_NEG;
    case GUMBO_TAG_HEADER:
        return rv | DC_HINT_NEG;
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ARTICLE:
        return rv | DC_HINT_POS;
    default:
        break;
    }
    if ((v = ha.role)) {
        unsigned h = role_hint(v);
        if (h)
            return h == DC_HINT_SKIP ? h : rv | h;
    }
    if ((v = ha.itemprop)) {
        if (strcasecmp(v, "articleBody") == 0 || strcasecmp(v, "text") == 0)
            return rv | DC_HINT_POS;
        if (strncasecmp(v, "comment", 7) == 0)
            return DC_HINT_NEG | DC_HINT_COMMENT;
    }
    if (el->v.element.tag == GUMBO_TAG_UNKNOWN) {
        /* Custom elements name themselves: <cookie-banner>, <site-nav>. */
        char name[64];
        const GumboStringPiece *o = &el->v.element.original_tag;
        size_t n = 0;
        for (size_t i = 1; i < o->length && n + 1 < sizeof name; i++) {
            char c = o->data[i];
            if (!(isalnum((unsigned char)c) || c == '-' || c == '_' || c == ':'))
                break;
            name[n++] = c;
        }
        name[n] = '\0';
        if (strcasecmp(name, "dialog") == 0)
            return DC_HINT_SKIP;
        tokens(name, &t);
    }
    if ((v = ha.id) && !heading_slug(v)) {
        /* an id names one thing, often an anchor ("#brand-model-review"
         * for a section of an editorial review); a class names a kind */
        int review = t.review;
        tokens_cached(v, &t, NULL, cache);
        t.review = review;
    }
    /* A table's weak words describe the table ("sticky-header": its
     * heading row stays in view; "meta", "tools"), not a page part. */
    if (el->v.element.tag == GUMBO_TAG_TABLE)
        t.weak = 0;
    unsigned r = verdict(&t);
    /* the toggle of the accordion panel after it ("card-header" holding
     * an FAQ's question) is the panel's heading, whatever its name */
    if ((r & DC_HINT_NEG) && !(r & DC_HINT_COMMENT) && toggles_next(el, ha.id))
        r &= ~(unsigned)DC_HINT_NEG;
    return r;
}

int dc_hint_side(const GumboNode *el)
{
    GumboTag tag = el->v.element.tag;
    if (tag == GUMBO_TAG_ASIDE || tag == GUMBO_TAG_FOOTER || tag == GUMBO_TAG_NAV)
        return 1;
    hattrs ha;
    hint_attrs(el, &ha);
    if (ha.role && (strcasecmp(ha.role, "complementary") == 0 ||
                    strcasecmp(ha.role, "contentinfo") == 0 ||
                    strcasecmp(ha.role, "navigation") == 0))
        return 1;
    tally t = {0};
    t.want_side = 1;
    if (ha.cls)
        tokens(ha.cls, &t);
    if (ha.id)
        tokens(ha.id, &t);
    return t.side > 0;
}

/* Adds the words of el's class and id to t. */
static void name_tokens(const GumboNode *el, tally *t)
{
    const char *v;
    if ((v = dc_attr(el, "class")))
        tokens(v, t);
    if ((v = dc_attr(el, "id")))
        tokens(v, t);
}

int dc_hint_overlay(const GumboNode *el)
{
    tally t = {0};
    t.want_side = 1;
    name_tokens(el, &t);
    if (t.pos) /* "dialog-off-canvas-main-canvas": the page's wrapper */
        return 0;
    return t.modal >= 2 ? 2 : t.modal > 0;
}

int dc_hint_lead(const GumboNode *el)
{
    tally t = {0};
    t.want_lead = 1;
    name_tokens(el, &t);
    return t.lead > 0;
}
