#include "buf.h"

#include <stdlib.h>
#include <string.h>

int dc_buf_grow(dc_buf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->size + extra + 1 <= b->asize)
        return 0;
    size_t want = b->asize ? b->asize : 64;
    while (want < b->size + extra + 1) {
        if (want > ((size_t)-1) / 2) {
            b->oom = 1;
            return -1;
        }
        want *= 2;
    }
    char *p = realloc(b->ptr, want);
    if (!p) {
        b->oom = 1;
        return -1;
    }
    b->ptr = p;
    b->asize = want;
    return 0;
}

char *dc_buf_detach(dc_buf *b)
{
    char *p = b->ptr;
    if (!p && !b->oom)
        p = calloc(1, 1);
    if (b->oom) {
        free(p);
        p = NULL;
    }
    b->ptr = NULL;
    b->size = b->asize = 0;
    b->oom = 0;
    return p;
}

void dc_buf_free(dc_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->size = b->asize = 0;
    b->oom = 0;
}

size_t dc_utf8_encode(unsigned long cp, char o[4])
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}
