/* The JSON objects that --lines accepts: {"html": "...", "url": "...",
 * "id": any}. Other members are ignored. */
#ifndef DECLUTTER_CLI_JSONL_H
#define DECLUTTER_CLI_JSONL_H

#include <stddef.h>

typedef struct line_obj {
    char *html;        /* decoded "html" string (UTF-8), or NULL */
    size_t html_len;
    char *url;         /* decoded "url" string, or NULL */
    char *id;          /* the "id" value as JSON text, or NULL */
} line_obj;

/* Parses the object in p[0..n). Returns 0, or -1 with *err naming the
 * problem (static text). o is filled in either case; free it with
 * line_obj_free(). */
int jsonl_parse(const char *p, size_t n, line_obj *o, const char **err);
void line_obj_free(line_obj *o);

#endif
