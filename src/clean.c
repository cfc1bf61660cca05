#include "clean.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "choose.h"

void dc_norm_append(dc_buf *out, const char *s, size_t n)
{
    if (dc_buf_grow(out, n))
        return;
    char *o = out->ptr + out->size;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            *o++ = (char)c;
        else if (c >= 'A' && c <= 'Z')
            *o++ = (char)(c + 32);
    }
    out->size = (size_t)(o - out->ptr);
    out->ptr[out->size] = '\0';
}

/* A text block of its own (no nested text blocks) that is mostly links. */
static int link_block(const dc_node *x)
{
    if (!(x->flags & DC_N_TEXTBLOCK) || x->blocks > 1 || !x->own_chars)
        return 0;
    float ld = (float)x->own_link / (float)x->own_chars;
    return ld >= 0.5f && x->own_chars < 300;
}

/* A list or table of links: menus, related articles, tag clouds. */
static int link_list(const dc_node *x)
{
    GumboTag t = (GumboTag)x->tag;
    if (t != GUMBO_TAG_UL && t != GUMBO_TAG_OL && t != GUMBO_TAG_DL && t != GUMBO_TAG_TABLE &&
        t != GUMBO_TAG_MENU)
        return 0;
    return x->chars && (float)x->link_chars / (float)x->chars > 0.5f;
}

typedef struct span {
    int32_t node;
    size_t off, len;
} span;

/* Normalised text of each leaf text block still shown, in order. */
static int collect(dc_doc *d, int32_t root, dc_buf *txt, span **out, size_t *count)
{
    dc_node *a = d->n;
    size_t cap = 64, n = 0;
    span *s = malloc(cap * sizeof *s);
    if (!s)
        return -1;
    for (int32_t i = root; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x)) {
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXTBLOCK) || x->blocks > 1)
            continue;
        size_t off = txt->size;
        for (int32_t j = i + 1; j <= x->end; j++) {
            if (dc_hidden(&a[j])) {
                j = a[j].end;
                continue;
            }
            if ((a[j].flags & DC_N_TEXT) && !(a[j].flags & DC_N_WHITESPACE)) {
                const char *t = a[j].text;
                dc_norm_append(txt, t, strlen(t));
            }
        }
        if (n == cap) {
            span *ns = realloc(s, 2 * cap * sizeof *s);
            if (!ns) {
                free(s);
                return -1;
            }
            s = ns;
            cap *= 2;
        }
        s[n++] = (span){i, off, txt->size - off};
        i = x->end;
    }
    if (txt->oom) {
        free(s);
        return -1;
    }
    *out = s;
    *count = n;
    return 0;
}

/* A repeat of a block among its original's siblings is kept when it is
 * at least SIBREP letters and digits long: a refrain, a quoted passage. */
#define SIBREP 100
static uint64_t hash(const char *p, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 1099511628211ULL;
    return h;
}

/* Inserts h into the open-addressing set t (mask+1 slots, 0 = empty),
 * with where[] the parent of the block that brought it; returns 1 when it
 * was there already, *first getting that parent. */
static int seen_before(uint64_t *t, int32_t *where, size_t mask, uint64_t h, int32_t parent,
                       int32_t *first)
{
    if (!h)
        h = 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        if (t[i] == h) {
            *first = where[i];
            return 1;
        }
        if (!t[i]) {
            t[i] = h;
            where[i] = parent;
            return 0;
        }
    }
}

/* Drops repeats of a block seen earlier, and a lead whose text the next
 * prose block starts with (a standfirst repeated by the body). */
static int dedupe(dc_doc *d, int32_t root, const char *title)
{
    dc_buf txt = DC_BUF_INIT;
    span *s = NULL;
    size_t n = 0;
    if (collect(d, root, &txt, &s, &n)) {
        dc_buf_free(&txt);
        return -1;
    }
    dc_buf tnorm = DC_BUF_INIT;
    if (title)
        dc_norm_append(&tnorm, title, strlen(title));

    size_t slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    uint64_t *seen = calloc(slots, sizeof *seen);
    int32_t *where = malloc(slots * sizeof *where);
    if (!seen || !where || tnorm.oom) {
        free(s);
        free(seen);
        free(where);
        dc_buf_free(&txt);
        dc_buf_free(&tnorm);
        return -1;
    }
    for (size_t k = 0; k < n && txt.ptr; k++) {
        const char *p = txt.ptr + s[k].off;
        size_t len = s[k].len;
        dc_node *x = &d->n[s[k].node];
        if (!len)
            continue;
        if ((x->flags & DC_N_HEADING) && tnorm.size == len && memcmp(tnorm.ptr, p, len) == 0) {
            x->flags |= DC_N_DROP;
            continue;
        }
        /* a repeat among its original's siblings is the author's
         * (a refrain, a test text); elsewhere it is the template's */
        int32_t first;
        if (len >= 20 && seen_before(seen, where, slots - 1, hash(p, len), x->parent, &first) &&
            !(len >= SIBREP && first == x->parent)) {
            x->flags |= DC_N_DROP;
            continue;
        }
        if (len >= 40) {
            for (size_t m = k + 1; m < n && m <= k + 3; m++) {
                const char *q = txt.ptr + s[m].off;
                size_t ql = s[m].len;
                if (ql <= len)
                    continue;
                size_t cp = 0;
                while (cp < len && p[cp] == q[cp])
                    cp++;
                if (cp * 5 >= len * 4) {
                    x->flags |= DC_N_DROP;
                    break;
                }
            }
        }
    }
    free(seen);
    free(where);
    free(s);
    dc_buf_free(&txt);
    dc_buf_free(&tnorm);
    return 0;
}

/* Inside a list, table or pre below root: structure that belongs together. */
static int structured(const dc_doc *d, int32_t i, int32_t root)
{
    for (; i != root && i >= 0; i = d->n[i].parent)
        if (d->n[i].flags & (DC_N_LIST | DC_N_TABLEISH | DC_N_PRE))
            return 1;
    return 0;
}

/* Short blocks after the last prose block are the region's tail: "more
 * on this topic", ratings, sign-offs. (Short blocks before the first one
 * are kept: on product and service pages they are content.) */
static void trim_tail(dc_doc *d, int32_t root)
{
    dc_node *a = d->n;
    int32_t last = -1;
    for (int32_t i = root; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x))
            i = x->end;
        else if ((x->flags & DC_N_TEXTBLOCK) && dc_block_weight(x, 0) > 0)
            last = i;
    }
    if (last < 0)
        return;
    /* Favouring precision, short lines between the prose blocks go too
     * (captions, credits, calls to action; headings stay: they title the
     * prose). */
    for (int32_t i = root; d->bias < 0 && i < last; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x)) {
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXTBLOCK) || x->blocks > 1 || (x->flags & DC_N_HEADING) ||
            x->end >= last || structured(d, i, root) || dc_block_weight(x, 0) > 0)
            continue;
        x->flags |= DC_N_DROP;
        i = x->end;
    }
    for (int32_t i = a[last].end + 1; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x)) {
            i = x->end;
            continue;
        }
        if (x->flags & DC_N_ITEMS) {
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXTBLOCK) || x->blocks > 1 || structured(d, i, root))
            continue;
        x->flags |= DC_N_DROP;
        i = x->end;
    }
}

/* Something with text was removed in (from, to): a box, a link list. */
static int removed_between(const dc_doc *d, int32_t from, int32_t to)
{
    for (int32_t i = from + 1; i < to; i++) {
        const dc_node *x = &d->n[i];
        if (x->flags & DC_N_SKIP) {
            i = x->end;
        } else if (x->flags & (DC_N_DROP | DC_N_NEGZONE)) {
            if (x->chars >= ((x->flags & DC_N_DROP) ? 1u : 50u))
                return 1;
            i = x->end;
        }
    }
    return 0;
}

/* A heading whose section was removed ("Related", "Comments") goes too:
 * one followed by a removed box before the next text block. */
static void drop_orphan_headings(dc_doc *d, int32_t root)
{
    dc_node *a = d->n;
    int32_t head = -1;
    for (int32_t i = root; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x)) {
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXTBLOCK))
            continue;
        if (head >= 0 && removed_between(d, a[head].end, i))
            a[head].flags |= DC_N_DROP;
        head = (x->flags & DC_N_HEADING) ? i : -1;
        i = x->end;
    }
}

/* Text that no reader was meant to see: an unrendered client-side
 * template ("{{ price }}") or a bare address printed as a block. */
static int machine_text(const dc_doc *d, int32_t b)
{
    const dc_node *a = d->n;
    int32_t fi = -1, li = -1;
    int pieces = 0;
    /* the flags find the text nodes; only the first and the last are read
     * (on big pages every touch of gumbo's nodes is a cache miss) */
    for (int32_t j = b + 1; j <= a[b].end; j++) {
        if (a[j].flags & DC_N_SKIP) {
            j = a[j].end;
            continue;
        }
        if (!(a[j].flags & DC_N_TEXT) || (a[j].flags & DC_N_WHITESPACE))
            continue;
        if (fi < 0)
            fi = j;
        li = j;
        pieces++;
    }
    if (fi < 0)
        return 0;
    const char *first = a[fi].text, *last = a[li].text;
    size_t last_len = strlen(last);
    while (isspace((unsigned char)*first))
        first++;
    while (last_len && isspace((unsigned char)last[last_len - 1]))
        last_len--;
    if (first[0] == '{' && (first[1] == '{' || first[1] == '%') && last_len &&
        last[last_len - 1] == '}')
        return 1;
    if (pieces == 1 && (strncmp(first, "http://", 7) == 0 || strncmp(first, "https://", 8) == 0)) {
        size_t n = last_len - (size_t)(first - last);
        return memchr(first, ' ', n) == NULL;
    }
    return 0;
}

int dc_clean(dc_doc *d, int32_t root, const GumboNode *title_h1, const char *title)
{
    dc_node *a = d->n;
    int32_t items_end = -1; /* last node of the repeated items being walked */
    for (int32_t i = root; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (x->flags & (DC_N_SKIP | DC_N_NEGZONE)) {
            i = x->end;
            continue;
        }
        if ((x->flags & DC_N_ITEMS) && x->end > items_end)
            items_end = x->end;
        int links_kept = d->listing || i <= items_end || d->bias > 0;
        if (x->g == title_h1 || (!links_kept && (link_list(x) || link_block(x))) ||
            ((x->flags & DC_N_TEXTBLOCK) && x->blocks == 1 && machine_text(d, i))) {
            x->flags |= DC_N_DROP;
            i = x->end;
        }
    }
    if (dedupe(d, root, title))
        return -1;
    if (!d->listing && d->bias <= 0)
        trim_tail(d, root);
    drop_orphan_headings(d, root);
    return 0;
}
