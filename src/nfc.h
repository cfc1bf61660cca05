/* nfc: Unicode Normalization Form C for the text the renderers write, so
 * that a letter and its accent typed apart ("e" U+0065 and U+0301, as
 * macOS and some editors store them) come out as the one character
 * readers and search indexes expect ("é" U+00E9). */
#ifndef DC_NFC_H
#define DC_NFC_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..n) (UTF-8) to b in Normalization Form C: each character
 * composed with the combining character after it wherever Unicode defines
 * the composite (Hangul jamo included), and the characters NFC always
 * replaces replaced (U+2126 OHM SIGN by U+03A9, U+09DC by U+09A1 U+09BC).
 * The last character already in b is composed with a mark that s starts
 * with. Text without a candidate byte is copied as it is; bytes that are
 * not UTF-8 are kept. Each mark composes with the character right before
 * it, which gives NFC for any text whose accents come from the
 * decomposition of letters (NFD, NFC, or a mix); marks in an order no
 * such decomposition makes are left as they come, not reordered. */
void dc_buf_put_nfc(dc_buf *b, const char *s, size_t n);

/* s[0..n) in Normalization Form C, as dc_buf_put_nfc writes it, in a new
 * NUL-terminated string; NULL when out of memory. */
char *dc_nfc_dup(const char *s, size_t n);

/* Whether s[0..n) holds a byte that may begin a character NFC changes or
 * composes (when not, the text is in NFC already, as far as it goes). */
int dc_nfc_candidate(const char *s, size_t n);

#endif
