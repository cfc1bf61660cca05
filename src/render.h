/* render: the cleaned content as text, and results as JSON. */
#ifndef DC_RENDER_H
#define DC_RENDER_H

#include "buf.h"
#include "measure.h"

/* Appends the text format of root's subtree, minus skipped, boilerplate
 * and dropped parts, to out: blocks split by a blank line, list items and
 * table rows on lines of their own, cells split by a tab, <pre> kept.
 * Ends with a newline unless empty. */
void dc_render_text(const dc_doc *d, int32_t root, dc_buf *out);

/* Appends s as a JSON string literal (with quotes), or null when s is NULL. */
void dc_json_string(dc_buf *out, const char *s);

#endif
