/* meta: page metadata (title, author, date, ...) from a gumbo tree. */
#ifndef DC_META_H
#define DC_META_H

#include <stddef.h>
#include <gumbo.h>
#include "declutter.h"   /* for declutter_field / DECLUTTER_FIELD_COUNT_ */

typedef struct dc_meta {
    char *field[DECLUTTER_FIELD_COUNT_]; /* malloc'd UTF-8 or NULL; ENCODING is left NULL (decode fills it) */
    char *article_body;  /* JSON-LD articleBody/text of the main Article, or NULL */
    const GumboNode *h1; /* the <h1> element whose text best matches match_title, or NULL (borrowed from the tree) */
    char *match_title;   /* malloc'd title as the meta tags give it, for finding the title in the content, when it differs from TITLE (the visible headline); else NULL */
} dc_meta;

/*
 * Fills m from the tree; url is options.url (may be NULL), used for URL
 * when the page has no canonical. root may be the document node or the
 * <html> element. Field values have whitespace folded and are never "";
 * DATE is YYYY-MM-DD. article_body keeps its line breaks (trimmed only).
 * Returns 0 ok, -1 out of memory (m is then left empty, all NULL).
 * Either way the caller may call dc_meta_free(m).
 */
int dc_meta_extract(const GumboNode *root, const char *url, dc_meta *m);

/* Frees every string in m and resets it to empty. */
void dc_meta_free(dc_meta *m);

/*
 * Collapses whitespace runs (HTML whitespace and U+00A0) to one space and
 * trims; returns a new malloc'd string ("" when nothing is left), NULL on
 * out of memory.
 */
char *dc_meta_clean_text(const char *s, size_t n);

/*
 * Parses a date in the forms pages use (ISO 8601, 20240305, 2024/03/05,
 * "March 5, 2024", "5 Mar 2024", RFC 2822 ...) into out as YYYY-MM-DD.
 * Returns 0 on success, -1 when s is not a plausible date (years
 * 1990..2100).
 */
int dc_meta_parse_date(const char *s, char out[11]);

/* 1 when every credit word's first byte is in the quick filter and every
 * one has two bytes or more, as credit_at assumes (tests). */
int dc_meta_vocab_ok(void);

#endif
