#include "choose.h"

/* A block reads like prose when it has enough non-link text; link-heavy
 * blocks are menus and teasers; short blocks count a little against. */
float dc_block_weight(const dc_node *x)
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
        return eff;
    return -0.2f * c;
}

int32_t dc_choose(dc_doc *d)
{
    dc_node *a = d->n;
    size_t n = d->count;
    if (!n)
        return -1;

    /* Prose mass per subtree, before any markup hint. */
    for (size_t i = 0; i < n; i++) {
        dc_node *x = &a[i];
        x->weight = (x->flags & DC_N_TEXTBLOCK) ? dc_block_weight(x) : 0;
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
    for (size_t i = 1; i < n; i++) {
        dc_node *x = &a[i];
        if (a[x->parent].flags & DC_N_NEGZONE)
            x->flags |= DC_N_NEGZONE;
        else if ((x->flags & DC_N_NEG) && x->score < 0.4f * total)
            x->flags |= DC_N_NEGZONE;
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
