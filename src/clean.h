/* clean: drop the clutter inside the chosen content. */
#ifndef DC_CLEAN_H
#define DC_CLEAN_H

#include <stdint.h>
#include "measure.h"

/* Marks DC_N_DROP on the parts of root's subtree that readers skip:
 * boilerplate zones, link lists, the headline (title_h1, or a heading
 * whose text equals title), repeated blocks and a lead paragraph that the
 * next paragraph repeats. title and title_h1 may be NULL.
 * 0 on success, -1 out of memory. */
int dc_clean(dc_doc *d, int32_t root, const GumboNode *title_h1, const char *title);

/* Appends the normalised form of s (ASCII letters and digits lower-cased,
 * other ASCII, no-break spaces and soft hyphens dropped, other non-ASCII
 * kept) to out; used to compare texts. */
struct dc_buf;
void dc_norm_append(struct dc_buf *out, const char *s, size_t n);

/* FNV-1a hash of p[0..n) (a normalised text, to find repeats). */
uint64_t dc_norm_hash(const char *p, size_t n);

#endif
