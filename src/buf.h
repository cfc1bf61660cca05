/* Growable byte buffer, always NUL-terminated once anything is appended. */
#ifndef DC_BUF_H
#define DC_BUF_H

#include <stddef.h>

typedef struct dc_buf {
    char *ptr;
    size_t size;  /* bytes used, excluding the NUL */
    size_t asize; /* bytes allocated */
    int oom;      /* set once an allocation failed; later appends are no-ops */
} dc_buf;

#define DC_BUF_INIT {NULL, 0, 0, 0}

/* Makes room for at least extra more bytes plus the NUL; 0 on success. */
int dc_buf_grow(dc_buf *b, size_t extra);
void dc_buf_put(dc_buf *b, const char *s, size_t n);
void dc_buf_puts(dc_buf *b, const char *s);
void dc_buf_putc(dc_buf *b, char c);
/* Hands the bytes over to the caller (never NULL unless oom) and resets b. */
char *dc_buf_detach(dc_buf *b);
void dc_buf_free(dc_buf *b);

#endif
