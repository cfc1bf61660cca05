/* Growable byte buffer, always NUL-terminated once anything is appended. */
#ifndef DC_BUF_H
#define DC_BUF_H

#include <stddef.h>
#include <string.h>

typedef struct dc_buf {
    char *ptr;
    size_t size;  /* bytes used, excluding the NUL */
    size_t asize; /* bytes allocated */
    int oom;      /* set once an allocation failed; later appends are no-ops */
} dc_buf;

#define DC_BUF_INIT {NULL, 0, 0, 0}

/* Makes room for at least extra more bytes plus the NUL; 0 on success. */
int dc_buf_grow(dc_buf *b, size_t extra);

/* Whether b has room for extra more bytes plus the NUL, the grown case
 * left to dc_buf_grow (renderers append a word at a time: the common case
 * costs no call). */
static inline int dc_buf_room(dc_buf *b, size_t extra)
{
    return (!b->oom && b->size + extra + 1 <= b->asize) || dc_buf_grow(b, extra) == 0;
}

/* Appends n bytes of s (s may be NULL when n is 0); after an allocation
 * failed, appends nothing. */
static inline void dc_buf_put(dc_buf *b, const char *s, size_t n)
{
    if (!dc_buf_room(b, n))
        return;
    if (n)
        memcpy(b->ptr + b->size, s, n);
    b->size += n;
    b->ptr[b->size] = '\0';
}

static inline void dc_buf_puts(dc_buf *b, const char *s) { dc_buf_put(b, s, strlen(s)); }

static inline void dc_buf_putc(dc_buf *b, char c)
{
    if (!dc_buf_room(b, 1))
        return;
    b->ptr[b->size++] = c;
    b->ptr[b->size] = '\0';
}
/* Writes code point cp (a Unicode scalar value: not a surrogate, at most
 * U+10FFFF) to o as UTF-8; returns its length, 1 to 4 bytes. */
size_t dc_utf8_encode(unsigned long cp, char o[4]);

/* Hands the bytes over to the caller (never NULL unless oom) and resets b. */
char *dc_buf_detach(dc_buf *b);
void dc_buf_free(dc_buf *b);

#endif
