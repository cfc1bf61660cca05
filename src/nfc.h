/* nfc: canonical composition of the text the renderers write, so that a
 * letter and its accent typed apart ("e" U+0065 and U+0301, as macOS and
 * some editors store them) come out as the one character readers and
 * search indexes expect ("é" U+00E9), as Unicode's NFC has it. */
#ifndef DC_NFC_H
#define DC_NFC_H

#include <stddef.h>

#include "buf.h"

/* Appends s[0..n) (UTF-8) to b, composing each character with the
 * combining character that follows it wherever Unicode defines the
 * composite, Hangul jamo included; the last character already in b is
 * composed with a mark that s starts with. Text with no such character
 * is copied as it is. Marks in a non-canonical order are left apart
 * rather than reordered. */
void dc_buf_put_nfc(dc_buf *b, const char *s, size_t n);

/* Composes s[0..n) in place, as dc_buf_put_nfc does; returns the new
 * length (never more than n) and ends the text there with a NUL when it
 * shrank. */
size_t dc_nfc_compose(char *s, size_t n);

/* Whether s[0..n) may hold a character that composes with the one before
 * it (when not, dc_buf_put_nfc copies it as it is). */
int dc_nfc_candidate(const char *s, size_t n);

#endif
