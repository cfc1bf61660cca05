/* decode: raw page bytes in any charset -> UTF-8. */
#ifndef DC_DECODE_H
#define DC_DECODE_H

#include <stddef.h>

typedef struct dc_decoded {
    char *data;         /* UTF-8, NUL-terminated, owned; free() it */
    size_t len;         /* bytes in data, excluding the NUL */
    char encoding[40];  /* canonical (WHATWG-style, lower case) name used, e.g. "windows-1251" */
} dc_decoded;

/*
 * Decodes in[0..len) to valid UTF-8 (invalid or unmappable sequences become
 * U+FFFD, NUL bytes become U+FFFD too).
 * forced: charset name that overrides everything (e.g. --encoding), or NULL.
 * hint:   charset from outside (e.g. HTTP Content-Type), used after the
 *         BOM and before the meta prescan, or NULL.
 * Order otherwise: BOM, <meta charset>/http-equiv prescan of the first
 * 1024 bytes (WHATWG); when nothing usable is declared, UTF-8 if the bytes
 * are valid UTF-8 without NUL (checked first: it is the common case and
 * certain), else uchardet, else windows-1252. Declared labels unknown to
 * the WHATWG table are ignored; a matching BOM is never part of data.
 * Returns 0 on success; -1 on failure (unknown forced charset, out of
 * memory) with a message in err.
 */
int dc_decode(const char *in, size_t len, const char *forced, const char *hint,
              dc_decoded *out, char *err, size_t errlen);

/* Canonical name of a charset label (WHATWG label table, lower case), or
 * NULL when the label is unknown. */
const char *dc_charset_canonical(const char *label, size_t len);

#endif
