/* measure: the parsed tree flattened into a table, with text statistics. */
#ifndef DC_MEASURE_H
#define DC_MEASURE_H

#include <gumbo.h>
#include <stddef.h>
#include <stdint.h>

enum {
    DC_N_ELEMENT = 1u << 0,  /* element (else text) */
    DC_N_BLOCK = 1u << 1,    /* block-level element */
    DC_N_SKIP = 1u << 2,     /* never content: script, hidden, nav... (inherited) */
    DC_N_INLINK = 1u << 3,   /* inside an <a href> (inherited) */
    DC_N_PRE = 1u << 4,      /* inside <pre> (inherited) */
    DC_N_NEG = 1u << 5,      /* class/id/role/tag says boilerplate (this node) */
    DC_N_POS = 1u << 6,      /* class/id/itemprop says article body (this node) */
    DC_N_HEADING = 1u << 7,  /* h1-h6 */
    DC_N_TEXTBLOCK = 1u << 8,/* block with text of its own */
    DC_N_DROP = 1u << 9,     /* dropped by clean (subtree) */
    DC_N_WHITESPACE = 1u << 10, /* text node of only whitespace */
    DC_N_LIST = 1u << 11,    /* ul, ol, dl, menu */
    DC_N_TABLEISH = 1u << 12,/* table, tr, td, th... */
    DC_N_TEXT = 1u << 13,    /* text node (neither element nor the document) */
    DC_N_INARTICLE = 1u << 14, /* inside <article> or <main> (inherited) */
    DC_N_COMMENT = 1u << 15, /* NEG from the reader-comments vocabulary */
    /* bits 16 and up belong to the later stages (choose.h) */
    DC_N_REVIEW = 1u << 24   /* class/id/itemprop says customer reviews (this node) */
};

typedef struct dc_node {
    const GumboNode *g;
    const char *text; /* text nodes: g's text, kept here so that later passes
                       * skip a dependent load (big pages miss the cache) */
    int32_t parent;  /* -1 for the root */
    int32_t end;     /* last index of the subtree (pre-order) */
    int32_t block;   /* nearest block ancestor (text: the block it belongs to) */
    uint32_t flags;
    uint16_t tag;    /* GumboTag, GUMBO_TAG_UNKNOWN for text */
    uint16_t own_punct; /* sentence punctuation of its own text (saturates) */
    /* text of its own (text blocks only): inline content not inside a nested block */
    uint32_t own_chars, own_link;
    /* whole subtree, SKIP parts excluded */
    uint32_t chars, link_chars;
    uint32_t blocks;     /* text blocks in the subtree */
    uint32_t vchars, vlink; /* chars and link chars outside boilerplate zones (choose) */
    float weight;        /* own text block weight (choose) */
    float score;         /* subtree sum of weights (choose) */
} dc_node;

/* Every pass streams the whole table: keep the node small. */
_Static_assert(sizeof(dc_node) <= 72, "dc_node grew");

/* Kinds of discussion page: a thread whose replies are posts, a Q&A page
 * whose answers are (the comments under them stay comments). */
enum { DC_FORUM_THREAD = 1, DC_FORUM_QA = 2 };

typedef struct dc_doc {
    dc_node *n;
    size_t count;
    int32_t body;        /* index of <body>, or 0 */
    uint32_t total_chars;
    int listing;         /* choose found a listing: links are content */
    int forum;           /* schema.org says discussion/Q&A (DC_FORUM_*): replies are content */
    int product;         /* schema.org marks a Product (2) and an Offer (4) */
    int story;           /* og:type or schema.org says the page is an article */
    int bias;            /* set by the caller before choose and clean: DC_BIAS_* */
} dc_doc;

/* What choose and clean do with doubtful blocks. */
enum { DC_BIAS_BALANCED = 0, DC_BIAS_PRECISION = -1, DC_BIAS_RECALL = 1 };

/* Flattens the tree under root into d (pre-order) and measures it.
 * relaxed: treat <noscript> content, hidden and display:none blocks as
 * visible, for pages that show their text only after scripts ran or only
 * to clients without scripts. 0 on success, -1 out of memory. */
int dc_measure(const GumboNode *root, int relaxed, dc_doc *d);
void dc_doc_free(dc_doc *d);

/* Counts non-space code points of s[0..n) and sentence punctuation. */
void dc_text_stats(const char *s, size_t n, uint32_t *chars, uint32_t *punct);

/* Attribute value or NULL. */
const char *dc_attr(const GumboNode *g, const char *name);

#endif
