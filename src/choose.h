/* choose: find the subtree that holds the main content. */
#ifndef DC_CHOOSE_H
#define DC_CHOOSE_H

#include "measure.h"

enum {
    DC_N_NEGZONE = 1u << 16, /* inside boilerplate that holds little of the prose */
    DC_N_ITEMS = 1u << 17,   /* holds repeated items that are content: keep their links */
    DC_N_HINTED = 1u << 18,  /* inside an element hinted as boilerplate, below <body> */
    DC_N_MEDIA = 1u << 19,   /* holds an image outside skipped parts and zones */
    DC_N_BESIDE = 1u << 20   /* beside the content in a region widened to its lead */
};

/* Left out of the output: never content, boilerplate, or dropped by clean. */
static inline int dc_hidden(const dc_node *x)
{
    return (x->flags & (DC_N_SKIP | DC_N_NEGZONE | DC_N_DROP | DC_N_BESIDE)) != 0;
}

/* Weighs every text block and returns the index of the element whose
 * subtree best separates prose from boilerplate, or -1 when the page has
 * no prose at all. Sets DC_N_NEGZONE and the weight/score fields. */
int32_t dc_choose(dc_doc *d);

/* Weight of a text block from its own statistics: positive for prose,
 * negative for link lists and other clutter; short plain text counts a
 * little for (short_text) or against. */
float dc_block_weight(const dc_node *x, int short_text);

/* The largest reader-comments zone outside root (a comment-vocabulary
 * subtree that choose kept out of the content), or -1. */
int32_t dc_comments_zone(const dc_doc *d, int32_t root);

#endif
