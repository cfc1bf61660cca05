#include "render.h"

#include <string.h>

#include "choose.h"
#include "declutter.h"
#include "nfc.h"
#include "url.h"

typedef struct writer {
    dc_buf *out;
    int pending;   /* separator owed before the next text: 0, 1 = newline, 2 = blank line */
    int space;     /* a space is owed */
    int tab;       /* a cell separator is owed */
    int line;      /* the current line has text */
    int in_item;   /* depth of li/dt/dd: blocks there only break the line */
    int in_cell;   /* depth of td/th: blocks there only add a space */
    int row_cells; /* cells with text in the current row */
    const dc_doc *d;
    unsigned flags;
    const char *base;
    int32_t link;  /* the kept link being written, or -1 */
    int link_open; /* its "[" is written */
    dc_buf url;    /* its target */
} writer;

/* A link cut by a block break is closed before it and reopened after. */
static void link_close(writer *w)
{
    if (w->link >= 0 && w->link_open) {
        dc_buf_puts(w->out, "](");
        dc_buf_put(w->out, w->url.ptr, w->url.size);
        dc_buf_putc(w->out, ')');
        w->link_open = 0;
    }
}

static void flush(writer *w)
{
    if (w->pending || w->tab)
        link_close(w);
    if (w->out->size) {
        if (w->pending >= 2)
            dc_buf_put(w->out, "\n\n", 2);
        else if (w->pending == 1)
            dc_buf_putc(w->out, '\n');
        else if (w->tab)
            dc_buf_putc(w->out, '\t');
        else if (w->space && w->line)
            dc_buf_putc(w->out, ' ');
    }
    if (w->pending)
        w->line = 0;
    w->pending = w->space = w->tab = 0;
    if (w->link >= 0 && !w->link_open) {
        dc_buf_putc(w->out, '[');
        w->link_open = 1;
    }
}

static void brk(writer *w, int level)
{
    if (w->in_cell) {
        w->space = 1;
        return;
    }
    if (w->in_item && level > 1)
        level = 1;
    if (level > w->pending)
        w->pending = level;
}

/* Folds whitespace (including no-break space) to single spaces. */
static void text(writer *w, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
            (p[0] == 0xC2 && p[1] == 0xA0)) {
            if (w->line || w->out->size)
                w->space = 1;
            p += (*p == 0xC2) ? 2 : 1;
            continue;
        }
        const unsigned char *b = p;
        int wrote = 0;
        for (;;) {
            while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r' && *p != '\f' &&
                   *p != 0xC2)
                p++;
            if (*p == 0xC2 && p[1] != 0xA0 && p[1] != 0xAD) {
                p++; /* another character of the word */
                continue;
            }
            /* the word ends here, or a soft hyphen (invisible mid-line) */
            if (p > b) {
                if (!wrote)
                    flush(w);
                wrote = 1;
                dc_buf_put_nfc(w->out, (const char *)b, (size_t)(p - b));
            }
            if (!(p[0] == 0xC2 && p[1] == 0xAD))
                break;
            b = p += 2;
        }
        if (!wrote)
            continue; /* soft hyphens only */
        w->line = 1;
        if (w->in_cell)
            w->row_cells++;
    }
}

static void pre_text(writer *w, const char *s)
{
    if (!*s)
        return;
    flush(w);
    for (const char *p = s; *p; p++)
        if (*p != '\r')
            dc_buf_putc(w->out, *p);
    w->line = 1;
}

static void trim_trailing(writer *w)
{
    dc_buf *o = w->out;
    while (o->size && (o->ptr[o->size - 1] == ' ' || o->ptr[o->size - 1] == '\n' ||
                       o->ptr[o->size - 1] == '\t'))
        o->size--;
    if (o->ptr)
        o->ptr[o->size] = '\0';
}

/* A cell holding several paragraphs is page layout, not data: its blocks
 * keep their breaks instead of being joined into one row. */
static int layout_cell(const dc_node *x)
{
    return x->blocks >= 2;
}

/* ![alt](src "caption"), written as one word. */
static void image(writer *w, int32_t i)
{
    dc_buf src = DC_BUF_INIT, alt = DC_BUF_INIT, cap = DC_BUF_INIT;
    if (dc_image_parts(w->d, i, w->base, &src, &alt, &cap)) {
        flush(w);
        dc_buf_puts(w->out, "![");
        dc_buf_put(w->out, alt.ptr, alt.size);
        dc_buf_puts(w->out, "](");
        dc_buf_put(w->out, src.ptr, src.size);
        if (cap.size) {
            dc_buf_puts(w->out, " \"");
            dc_buf_put(w->out, cap.ptr, cap.size);
            dc_buf_putc(w->out, '"');
        }
        dc_buf_putc(w->out, ')');
        w->line = 1;
        if (w->in_cell)
            w->row_cells++;
    }
    if (src.oom || alt.oom || cap.oom)
        w->out->oom = 1;
    dc_buf_free(&src);
    dc_buf_free(&alt);
    dc_buf_free(&cap);
}

int dc_footnote_mark(const dc_doc *d, const dc_node *x, const char *before, size_t n)
{
    if (x->tag != GUMBO_TAG_SUP || !x->chars || x->chars > 4 || n < 3)
        return 0;
    for (size_t k = n - 3; k < n; k++) {
        unsigned char c = (unsigned char)before[k];
        if (c < 0x80 && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
            return 0;
    }
    for (int32_t j = (int32_t)(x - d->n) + 1; j <= x->end; j++) {
        if (!(d->n[j].flags & DC_N_TEXT))
            continue;
        for (const unsigned char *p = (const unsigned char *)d->n[j].text; *p; p++) {
            if ((*p >= '0' && *p <= '9') || *p == '[' || *p == ']' || *p == '*' || *p == ' ')
                continue;
            if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA0 || p[2] == 0xA1)) {
                p += 2; /* † ‡ */
                continue;
            }
            return 0;
        }
    }
    return 1;
}

static void open_el(writer *w, const dc_node *x)
{
    GumboTag t = (GumboTag)x->tag;
    switch (t) {
    case GUMBO_TAG_A:
        if ((w->flags & DECLUTTER_KEEP_LINKS) && w->link < 0 && !(x->flags & DC_N_PRE)) {
            w->url.size = 0;
            if (dc_link_target(x->g, w->base, &w->url))
                w->link = (int32_t)(x - w->d->n);
            if (w->url.oom)
                w->out->oom = 1;
        }
        return;
    case GUMBO_TAG_IMG:
        if ((w->flags & DECLUTTER_KEEP_IMAGES) && !(x->flags & DC_N_PRE))
            image(w, (int32_t)(x - w->d->n));
        return;
    case GUMBO_TAG_SUP:
        if (!w->space && !w->pending && dc_footnote_mark(w->d, x, w->out->ptr, w->out->size))
            w->space = 1;
        return;
    case GUMBO_TAG_BR:
        if (w->in_cell)
            w->space = 1;
        else
            w->pending = w->pending < 2 ? w->pending + 1 : 2;
        return;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
        brk(w, 1);
        w->in_item++;
        return;
    case GUMBO_TAG_TR:
        brk(w, 1);
        w->row_cells = 0;
        return;
    case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT: case GUMBO_TAG_CAPTION:
        brk(w, 1);
        return;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        if (layout_cell(x)) {
            brk(w, 2);
            return;
        }
        if (w->row_cells)
            w->tab = 1;
        w->in_cell++;
        return;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_TABLE:
        brk(w, 2);
        return;
    default:
        if (x->flags & DC_N_BLOCK)
            brk(w, 2);
    }
}

/* Pieces of two letters or fewer (a word split for an animation) stay
 * joined; a neighbour that is not shown owes nothing. */
int dc_styled_neighbours(const dc_doc *d, const dc_node *x)
{
    int32_t j = x->end + 1;
    if (x->chars < 3 || !(x->flags & DC_N_ELEMENT) || (size_t)j >= d->count ||
        d->n[j].parent != x->parent)
        return 0;
    const dc_node *y = &d->n[j];
    if (!(y->flags & DC_N_ELEMENT) || (y->flags & DC_N_BLOCK) || y->chars < 3 || dc_hidden(y))
        return 0;
    const char *cx = dc_attr(x->g, "class"), *cy = dc_attr(y->g, "class");
    return (cx && *cx) || (cy && *cy);
}

static void close_el(writer *w, const dc_node *x)
{
    GumboTag t = (GumboTag)x->tag;
    switch (t) {
    case GUMBO_TAG_A:
        if (w->link == (int32_t)(x - w->d->n)) {
            link_close(w);
            w->link = -1;
        }
        if (dc_styled_neighbours(w->d, x))
            w->space = 1;
        return;
    case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
        w->in_item--;
        brk(w, 1);
        return;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        if (layout_cell(x))
            brk(w, 2);
        else
            w->in_cell--;
        return;
    case GUMBO_TAG_TR: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_CAPTION:
        brk(w, 1);
        return;
    case GUMBO_TAG_PRE:
        trim_trailing(w);
        brk(w, 2);
        return;
    default:
        if (x->flags & DC_N_BLOCK)
            brk(w, 2);
        else if (dc_styled_neighbours(w->d, x))
            w->space = 1;
    }
}

void dc_walk(const dc_doc *d, int32_t root, const dc_walk_ops *ops, void *ctx)
{
    const dc_node *a = d->n;
    int32_t cur = -1;
    for (int32_t i = root; i <= a[root].end; i++) {
        const dc_node *x = &a[i];
        if (i != root && dc_hidden(x)) {
            i = x->end;
            continue;
        }
        for (; cur >= 0 && cur != x->parent; cur = a[cur].parent)
            if (a[cur].flags & DC_N_ELEMENT)
                ops->close(ctx, cur);
        cur = i;
        if (x->flags & DC_N_ELEMENT) {
            if (ops->open(ctx, i)) {
                i = x->end;
                cur = x->parent;
            }
        } else if (x->flags & DC_N_TEXT) {
            ops->text(ctx, i);
        }
    }
    for (; cur >= 0 && cur != a[root].parent; cur = a[cur].parent)
        if (a[cur].flags & DC_N_ELEMENT)
            ops->close(ctx, cur);
}

static int text_open(void *ctx, int32_t i)
{
    writer *w = ctx;
    const dc_node *x = &w->d->n[i];
    if ((w->flags & DECLUTTER_NO_TABLES) && x->tag == GUMBO_TAG_TABLE &&
        !dc_table_layout(w->d, i, NULL))
        return 1;
    open_el(w, x);
    return 0;
}

static void text_close(void *ctx, int32_t i)
{
    writer *w = ctx;
    close_el(w, &w->d->n[i]);
}

static void text_node(void *ctx, int32_t i)
{
    writer *w = ctx;
    const dc_node *x = &w->d->n[i];
    if (x->flags & DC_N_PRE)
        pre_text(w, x->text);
    else
        text(w, x->text);
}

static const dc_walk_ops text_ops = {text_open, text_close, text_node};

void dc_render_text(const dc_doc *d, int32_t root, dc_buf *out)
{
    dc_render_text_flags(d, root, 0, NULL, out);
}

void dc_render_text_flags(const dc_doc *d, int32_t root, unsigned flags, const char *base_url,
                          dc_buf *out)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.out = out;
    w.d = d;
    w.flags = flags;
    w.base = base_url;
    w.link = -1;
    size_t start = out->size;
    dc_walk(d, root, &text_ops, &w);
    trim_trailing(&w);
    if (out->size > start)
        dc_buf_putc(out, '\n');
    dc_buf_free(&w.url);
}

void dc_json_string(dc_buf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    if (!s) {
        dc_buf_puts(out, "null");
        return;
    }
    dc_buf_putc(out, '"');
    const char *run = s;
    for (const char *p = s;; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        dc_buf_put(out, run, (size_t)(p - run));
        if (!c)
            break;
        switch (c) {
        case '"': dc_buf_puts(out, "\\\""); break;
        case '\\': dc_buf_puts(out, "\\\\"); break;
        case '\n': dc_buf_puts(out, "\\n"); break;
        case '\t': dc_buf_puts(out, "\\t"); break;
        case '\r': dc_buf_puts(out, "\\r"); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            dc_buf_put(out, e, 6);
        }
        }
        run = p + 1;
    }
    dc_buf_putc(out, '"');
}
