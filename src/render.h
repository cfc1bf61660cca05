/* render: the cleaned content as text, Markdown or HTML, and results as JSON. */
#ifndef DC_RENDER_H
#define DC_RENDER_H

#include "buf.h"
#include "measure.h"

/* Appends the text format of root's subtree, minus skipped, boilerplate
 * and dropped parts, to out: blocks split by a blank line, list items and
 * table rows on lines of their own, cells split by a tab, <pre> kept.
 * Ends with a newline unless empty. */
void dc_render_text(const dc_doc *d, int32_t root, dc_buf *out);

/* dc_render_text() shaped by DECLUTTER_* flags (declutter.h): with
 * DECLUTTER_KEEP_LINKS links become [text](url), with
 * DECLUTTER_KEEP_IMAGES images ![alt](src "caption"), with
 * DECLUTTER_NO_TABLES data tables are left out; DECLUTTER_WITH_METADATA
 * is for the caller (see dc_render_header). Addresses are resolved
 * against base_url (may be NULL). flags 0 gives dc_render_text(). */
void dc_render_text_flags(const dc_doc *d, int32_t root, unsigned flags, const char *base_url,
                          dc_buf *out);

/* Whether inline element x and the element right after it, with no space
 * between, have three letters or more of text each and a class on either
 * ("<span class=brand>Osprey</span><span class=name>Atmos</span>", tags
 * as chips, a name and a date): the page's style sets them apart, so the
 * renderers owe a space there. */
int dc_styled_neighbours(const dc_doc *d, const dc_node *x);

/* Whether x is a footnote mark set in <sup> right after a word
 * ("performance<sup>1</sup>", "claim<sup>[3]</sup>", "rate<sup>*</sup>"),
 * where before[0..n) is the text written so far: digits, brackets, stars
 * or daggers, four characters at most, after three letters or more (so
 * "m<sup>2</sup>" and "10<sup>6</sup>" stay whole). The renderers set it
 * apart by a space: glued, it would spoil the word before it. */
int dc_footnote_mark(const dc_doc *d, const dc_node *x, const char *before, size_t n);

/* Appends root's subtree as Markdown (CommonMark with GitHub pipe
 * tables), honouring the same flags; ends with a newline unless empty. */
void dc_render_markdown(const dc_doc *d, int32_t root, unsigned flags, const char *base_url,
                        dc_buf *out);

/* What the page says about itself, for headers; any field may be NULL. */
typedef struct dc_render_meta {
    const char *title, *author, *date, *url, *lang;
} dc_render_meta;

/* Appends a whole HTML document: <head> with charset, title and, when
 * known, author, date and canonical link; <body><article> with root's
 * subtree (root < 0: empty) in semantic tags only. With
 * DECLUTTER_WITH_METADATA the article starts with the title and a line
 * of author, date and URL. m may be NULL. */
void dc_render_html(const dc_doc *d, int32_t root, unsigned flags, const char *base_url,
                    const dc_render_meta *m, dc_buf *out);

/* Appends the --with-metadata header for the text format (markdown 0):
 *     Title: T / Author: A / Date: D / URL: U, a line each, then a blank line
 * or for Markdown (markdown 1): "# T", a blank line, then "Author: A",
 * "Date: D", "URL: <U>" joined by hard line breaks, then a blank line.
 * Lines for unknown fields are left out; nothing when all are unknown. */
void dc_render_header(const dc_render_meta *m, int markdown, dc_buf *out);

/* For image node i (its source kept by dc_image_source): appends the
 * resolved source to src, the alt text (whitespace folded) to alt and,
 * for an image in a <figure>, its <figcaption> text to caption; alt falls
 * back to the caption, and a caption equal to alt is left out. Returns 0
 * (appending nothing) when the image has no usable source. */
int dc_image_parts(const dc_doc *d, int32_t i, const char *base_url, dc_buf *src, dc_buf *alt,
                   dc_buf *caption);

/* Appends the text of the <figcaption> of figure f (whitespace folded,
 * at most a few hundred bytes), also when clean left it out. */
void dc_figure_caption(const dc_doc *d, int32_t f, dc_buf *out);

/* Tables: 1 when table t (not hidden) is page layout rather than data:
 * a cell holding several text blocks, a nested table, a single row or a
 * single column. *cols (may be NULL) gets the widest row's cell count,
 * colspans included. Looks at t's own rows only. */
int dc_table_layout(const dc_doc *d, int32_t t, int *cols);

/* One pass over root's subtree in document order, for the renderers:
 * hidden nodes (skipped, boilerplate, dropped) are passed over; open()
 * sees each element and may return nonzero to pass over its subtree
 * (then close() is not called for it); close() sees each element after
 * its subtree; text() sees each text node. Elements close by walking up
 * parent links: no stack, no recursion. */
typedef struct dc_walk_ops {
    int (*open)(void *ctx, int32_t i);
    void (*close)(void *ctx, int32_t i);
    void (*text)(void *ctx, int32_t i);
} dc_walk_ops;

void dc_walk(const dc_doc *d, int32_t root, const dc_walk_ops *ops, void *ctx);

/* Appends s as a JSON string literal (with quotes), or null when s is NULL. */
void dc_json_string(dc_buf *out, const char *s);

#endif
