/* prefilter: one linear pass over the decoded page before gumbo sees it.
 *
 * It drops what the later stages never read (script and style bodies
 * except JSON-LD, comments, unread attributes, surplus white space) so
 * that gumbo parses less, and it keeps gumbo
 * away from its pathologies (recursion and quadratic time in nesting
 * depth, active-formatting reconstruction that clones elements without
 * bound, quadratic duplicate-attribute checks) by following the tree
 * construction closely enough to know how deep gumbo's tree will be. */
#ifndef DC_PREFILTER_H
#define DC_PREFILTER_H

#include <stddef.h>

#include "buf.h"

#define DC_DEPTH_DEFAULT 512u
#define DC_DEPTH_MAX 4096u

typedef struct dc_prefilter_info {
    size_t flattened; /* start tags dropped because they would nest deeper than the limit */
    size_t guarded;   /* other tags dropped, cut or closed to keep gumbo bounded */
} dc_prefilter_info;

/*
 * Writes the filtered copy of in[0..len) (UTF-8) to out: script and style
 * bodies emptied (application/ld+json scripts kept whole), comments
 * removed, attributes that no later stage reads dropped (the tag is then
 * written anew with the others, byte for byte, in order), runs of white
 * space outside <pre> and <listing> shrunk to their first character,
 * start tags that would nest deeper than max_depth elements
 * (0: DC_DEPTH_DEFAULT) dropped together with their end tags, so that
 * their content joins the enclosing element. End tags that close nothing
 * are dropped too (gumbo would ignore them), tags keep their first 64
 * attributes, and on machine-made input formatting elements beyond 64
 * open ones are dropped or closed early. A '<' that opens no tag is
 * written as "&lt;" (bare, it could join the letters after a dropped tag
 * into a tag of its own). Everything else is copied byte for byte: on
 * real pages gumbo builds the same tree from the copy, less comments,
 * script text, unread attributes and surplus white space.
 * Returns 0, or -1 when out of memory.
 */
int dc_prefilter(const char *in, size_t len, unsigned max_depth, dc_buf *out,
                 dc_prefilter_info *info);

/*
 * Names what in[0..len) (raw bytes) plainly is when it is not a web page,
 * e.g. "a PDF document", "binary data"; NULL when it may be HTML.
 */
const char *dc_sniff_binary(const char *in, size_t len);

#endif
