/* teaser: the article from structured data when the page shows only its
 * start. */
#ifndef DC_TEASER_H
#define DC_TEASER_H

#include <gumbo.h>
#include <stdint.h>

#include "buf.h"
#include "measure.h"

/*
 * When body (JSON-LD articleBody, may be NULL) is over 1,000 bytes of
 * text (white space aside) and more than twice the text shown (the
 * rendered region, NULL when nothing was found), the page showed a
 * teaser: builds a page of the shown text's lines followed by the lines
 * of body it did not show (a body with block markup is taken alone, as it
 * is), bounded by the prefilter at max_depth, parses, measures, chooses
 * (with bias) and cleans it, and replaces *pre, *g and *doc with it
 * (freeing the old ones), *root and the rendered *text (no_tables as for
 * dc_render_text_flags). A body over 1 MiB or 5,000 lines, or whose
 * markup nests past max_depth, is not used. Returns 1 when replaced, 0
 * when not (everything left as it was), -1 on out of memory (the old
 * tree is then kept).
 */
int dc_teaser_page(const char *body, const dc_buf *shown, unsigned max_depth, int bias,
                   unsigned no_tables, dc_buf *pre, GumboOutput **g, dc_doc *doc, int32_t *root,
                   dc_buf *text);

#endif
