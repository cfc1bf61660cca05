/* hints: what markup conventions say about an element. */
#ifndef DC_HINTS_H
#define DC_HINTS_H

#include <gumbo.h>

enum {
    DC_HINT_NONE = 0,
    DC_HINT_NEG = 1,   /* boilerplate vocabulary: nav, share, comments, ads... */
    DC_HINT_POS = 2,   /* article-body vocabulary */
    DC_HINT_SKIP = 4,  /* never content: hidden, dialogs, skip links */
    DC_HINT_COMMENT = 8 /* with NEG: the reader-comments family */
};

/* Classifies an element by its tag, class, id, role, itemprop and
 * visibility attributes. Returns DC_HINT_* bits. relaxed: trust the
 * hidden attribute and inline display:none no more (scripts often reveal
 * such blocks on load, and streamed pages park their content there). */
unsigned dc_hint_element(const GumboNode *el, int relaxed);

/* Classifies one class/id string by its tokens (split at non-alphanumerics
 * and camelCase humps); DC_HINT_NEG, DC_HINT_POS or DC_HINT_NONE. */
unsigned dc_hint_tokens(const char *s);

/* 1 when the vocabularies are sorted, as their binary search needs. */
int dc_hints_vocab_sorted(void);

#endif
