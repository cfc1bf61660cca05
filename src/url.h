/* url: reference resolution (RFC 3986 section 5) and the addresses that
 * links and images of the content point to. */
#ifndef DC_URL_H
#define DC_URL_H

#include <gumbo.h>

#include "buf.h"

/* Appends to out the target of reference ref resolved against base
 * (RFC 3986, section 5.2, strict: a reference with a scheme is absolute).
 * Leading and trailing spaces and control characters of both are ignored
 * and tabs and newlines inside dropped, as browsers do with attribute
 * values. When base is NULL or has no scheme, ref is appended as it is. */
void dc_url_resolve(const char *base, const char *ref, dc_buf *out);

/* Appends the resolved href of link element g to out and returns 1, or
 * returns 0 (appending nothing) when it has no address worth keeping:
 * no or an empty href, or a javascript:, vbscript: or data: one. */
int dc_link_target(const GumboNode *g, const char *base, dc_buf *out);

/* The same for image element g: src, else a lazy-loading attribute
 * (data-src, data-original, data-lazy-src), else the first candidate of
 * srcset or data-srcset. data: sources and tracking pixels (width or
 * height of 0 or 1) give 0. */
int dc_image_source(const GumboNode *g, const char *base, dc_buf *out);

#endif
