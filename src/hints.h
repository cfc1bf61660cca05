/* hints: what markup conventions say about an element. */
#ifndef DC_HINTS_H
#define DC_HINTS_H

#include <gumbo.h>
#include <stdint.h>

enum {
    DC_HINT_NONE = 0,
    DC_HINT_NEG = 1,   /* boilerplate vocabulary: nav, share, comments, ads... */
    DC_HINT_POS = 2,   /* article-body vocabulary */
    DC_HINT_SKIP = 4,  /* never content: hidden, dialogs, skip links */
    DC_HINT_COMMENT = 8, /* with NEG: the reader-comments family */
    DC_HINT_REVIEW = 16  /* customer reviews or ratings of an item (any verdict) */
};

/* What the tokens of one class or id string say; pages repeat the same
 * strings hundreds of times, so a caller walking a whole tree keeps the
 * latest verdicts per hash slot. Zero-initialise before first use. */
#define DC_HINT_CACHE_SLOTS 512
typedef struct dc_hint_cache {
    struct {
        const char *s; /* the string as seen (borrowed from the tree), or NULL */
        uint32_t hash;
        uint8_t strong, weak, pos, comment, review, hidden;
    } e[DC_HINT_CACHE_SLOTS];
} dc_hint_cache;

/* Classifies an element by its tag, class, id, role, itemprop and
 * visibility attributes. Returns DC_HINT_* bits. relaxed: trust the
 * hidden attribute and inline display:none no more (scripts often reveal
 * such blocks on load, and streamed pages park their content there).
 * cache may be NULL; the strings it holds must outlive it. */
unsigned dc_hint_element(const GumboNode *el, int relaxed);
unsigned dc_hint_element_cached(const GumboNode *el, int relaxed, dc_hint_cache *cache);

/* Classifies one class/id string by its tokens (split at non-alphanumerics
 * and camelCase humps); DC_HINT_NEG, DC_HINT_POS or DC_HINT_NONE. */
unsigned dc_hint_tokens(const char *s);

/* 1 when an element hinted as boilerplate is page furniture set beside
 * the content (an aside, footer or navigation landmark; ads, sidebars,
 * related or popular reading, sign-up and consent prompts), which no
 * page uses as its content's container. */
int dc_hint_side(const GumboNode *el);

/* 2 when el's class or id names a box laid over the page that is never
 * the content (a sign-in form, an image viewer), 1 a dialog or popup
 * (which may also show a product's details), else 0. */
int dc_hint_overlay(const GumboNode *el);

/* Whether el's class or id names an article's lead or standfirst
 * ("article-lead", "introText", "chapo"). */
int dc_hint_lead(const GumboNode *el);

/* Whether el is a <button> that toggles a section under a heading: it
 * holds a heading or sits in one (an accordion's question). */
int dc_hint_toggle(const GumboNode *el);

/* 1 when the vocabularies are sorted, as their binary search needs. */
int dc_hints_vocab_sorted(void);

#endif
