/*
 * declutter: extract the main content of a web page.
 *
 * Usage:
 *     declutter_options opts;
 *     declutter_options_init(&opts);
 *     declutter_result *r = NULL;
 *     declutter_status st = declutter_extract(html, len, &opts, &r);
 *     if (st == DECLUTTER_OK) fputs(declutter_result_text(r), stdout);
 *     else fprintf(stderr, "%s\n", declutter_result_error(r));
 *     declutter_result_free(r);
 *
 * The library keeps no global state and needs no initialisation: any
 * number of threads may call declutter_extract() at once. A result is
 * only read by the functions taking a const pointer, so several threads
 * may share one; it must not be freed while another thread uses it.
 * All strings are UTF-8 and NUL-terminated. Build with
 * `pkg-config --cflags --libs declutter`; see declutter(3).
 */
#ifndef DECLUTTER_H
#define DECLUTTER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DECLUTTER_VERSION "0.1.0"
#define DECLUTTER_ABI_VERSION 1

/* Outcome of an extraction. */
typedef enum declutter_status {
    DECLUTTER_OK = 0,        /* main content found */
    DECLUTTER_NO_CONTENT,    /* page parsed, but no main content in it */
    DECLUTTER_BAD_INPUT,     /* input could not be read as a web page */
    DECLUTTER_TOO_LARGE,     /* input exceeds options.max_bytes */
    DECLUTTER_NO_MEMORY,     /* allocation failed */
    DECLUTTER_BAD_OPTION,    /* an option value is invalid */
    DECLUTTER_LIMIT          /* input nested deeper than options.max_depth, with
                                options.depth_error set */
} declutter_status;

/* Output formats for declutter_render(). */
typedef enum declutter_format {
    DECLUTTER_FORMAT_TEXT = 0, /* article text, paragraphs split by a blank line */
    DECLUTTER_FORMAT_JSON,     /* one JSON object with metadata and text */
    DECLUTTER_FORMAT_MARKDOWN, /* CommonMark with GitHub pipe tables: headings, lists,
                                  emphasis, code spans and fenced code blocks */
    DECLUTTER_FORMAT_HTML      /* a whole HTML document holding the cleaned article in
                                  <article>, with semantic tags only */
} declutter_format;

/* Bits for declutter_options.flags; 0 (the default) keeps none. They
 * shape what declutter_render() writes; the JSON "text" and
 * declutter_result_text() only follow DECLUTTER_NO_TABLES,
 * DECLUTTER_PRECISION and DECLUTTER_RECALL. */
#define DECLUTTER_KEEP_LINKS (1u << 0)    /* text and markdown: [text](url); html: <a href>;
                                             addresses resolved against the page's URL */
#define DECLUTTER_KEEP_IMAGES (1u << 1)   /* text and markdown: ![alt](src "caption");
                                             html: <img src alt>, <figure>, <figcaption> */
#define DECLUTTER_NO_TABLES (1u << 2)     /* leave out data tables inside the content
                                             (layout tables still give their text) */
#define DECLUTTER_WITH_METADATA (1u << 3) /* text and markdown start with title, author,
                                             date and URL; html shows them atop the article */
#define DECLUTTER_COMMENTS (1u << 4)      /* also extract the reader comments section:
                                             declutter_result_comments(); text and markdown
                                             end with it under a "Comments" heading, JSON
                                             gets a "comments" member */
#define DECLUTTER_PRECISION (1u << 5)     /* favour precision: leave out doubtful blocks
                                             (short lines around the prose, side boxes
                                             inside the article, what widening adds) */
#define DECLUTTER_RECALL (1u << 6)        /* favour recall: keep doubtful blocks (link
                                             lists and short lines inside the content,
                                             boxes whose names say boilerplate);
                                             with DECLUTTER_PRECISION neither applies */

/*
 * Options for one extraction. Always start from declutter_options_init()
 * and then change fields: new fields get safe defaults that way.
 * Strings are borrowed for the duration of the call only.
 */
typedef struct declutter_options {
    int abi_version;         /* set by declutter_options_init() */
    unsigned flags;          /* DECLUTTER_KEEP_LINKS... bits, or 0 */
    const char *encoding;    /* charset name forcing the decoding, or NULL to detect */
    const char *encoding_hint; /* weak charset hint (e.g. HTTP Content-Type), or NULL */
    const char *url;         /* page address, used when the page has no canonical, or NULL */
    size_t max_bytes;        /* refuse larger input; 0 = no limit (default 64 MiB) */
    unsigned max_depth;      /* elements nested deeper than this (default 512, at most
                                4096, 0 = default) are flattened: their tags are dropped
                                and their content joins the enclosing element. Real
                                pages nest under 100; the limit keeps the parser's time
                                and stack bounded on machine-made nesting. */
    int depth_error;         /* nonzero: such input fails with DECLUTTER_LIMIT instead */
} declutter_options;

/* Opaque result of one extraction; free with declutter_result_free(). */
typedef struct declutter_result declutter_result;

/* Fills *opts (caller's storage, not NULL) with the defaults: no forced
 * or hinted encoding, no URL, max_bytes 64 MiB. Allocates nothing. */
void declutter_options_init(declutter_options *opts);

/*
 * Extracts the main content of the page in html[0..len) (any charset).
 * On return *out holds a new result, also when the status is not
 * DECLUTTER_OK (its error message says why), except on DECLUTTER_NO_MEMORY
 * where *out may be NULL. The caller owns *out and frees it with
 * declutter_result_free(). opts may be NULL for the defaults. Neither the
 * input nor opts is kept after the call; html need not be NUL-terminated.
 */
declutter_status declutter_extract(const char *html, size_t len,
                                   const declutter_options *opts,
                                   declutter_result **out);

/* Frees a result and everything borrowed from it. NULL is allowed. */
void declutter_result_free(declutter_result *r);

/* Status of the extraction that made r (not NULL). */
declutter_status declutter_result_status(const declutter_result *r);

/* Human-readable reason for a failed status, or "" on success.
 * Borrowed from r: valid until declutter_result_free(r). */
const char *declutter_result_error(const declutter_result *r);

/*
 * The main content as plain text (the text format), "" when none;
 * non-empty text ends with a newline.
 * Borrowed from r: valid until declutter_result_free(r).
 */
const char *declutter_result_text(const declutter_result *r);

/*
 * The reader comments section as plain text (the text format), "" when
 * the page has none or DECLUTTER_COMMENTS was not set. On discussion pages
 * the posts are the main content and this stays "".
 * Borrowed from r: valid until declutter_result_free(r).
 */
const char *declutter_result_comments(const declutter_result *r);

/* Metadata fields, each borrowed from r, or NULL when the page has none. */
typedef enum declutter_field {
    DECLUTTER_FIELD_TITLE = 0,
    DECLUTTER_FIELD_AUTHOR,
    DECLUTTER_FIELD_DATE,        /* ISO 8601 date, YYYY-MM-DD */
    DECLUTTER_FIELD_SITE_NAME,
    DECLUTTER_FIELD_LANG,
    DECLUTTER_FIELD_URL,         /* canonical URL, else options.url */
    DECLUTTER_FIELD_DESCRIPTION,
    DECLUTTER_FIELD_ENCODING,    /* charset the page was decoded from */
    DECLUTTER_FIELD_COUNT_
} declutter_field;

/* One metadata field of r, or NULL when the page has none or field is out
 * of range. Borrowed from r: valid until declutter_result_free(r). */
const char *declutter_result_field(const declutter_result *r,
                                   declutter_field field);

/*
 * Renders r in the given format into a new NUL-terminated buffer that the
 * caller frees with declutter_free(); *buf is NULL on failure. *len (if
 * len is not NULL) receives its length. r stays unchanged and owned by the
 * caller. Returns DECLUTTER_OK, DECLUTTER_NO_MEMORY or DECLUTTER_BAD_OPTION.
 */
declutter_status declutter_render(const declutter_result *r,
                                  declutter_format format,
                                  char **buf, size_t *len);

/* Frees a buffer returned by declutter_render(); use it rather than free()
 * so the memory returns to the allocator the library used. NULL is allowed. */
void declutter_free(void *p);

/* A short English description of a status; static storage. */
const char *declutter_strerror(declutter_status st);

/* The library's version string, DECLUTTER_VERSION when it was built (a
 * program may run with a newer shared library than its header); static. */
const char *declutter_version(void);

#ifdef __cplusplus
}
#endif

#endif
