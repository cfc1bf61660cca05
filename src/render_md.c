/* render_md: the cleaned content as Markdown (CommonMark plus GitHub
 * pipe tables), the metadata header, and helpers the other renderers
 * share (tables, images).
 *
 * The writer streams: openers (heading marks, list markers, emphasis,
 * link brackets, code fences) are owed until the first text inside them
 * arrives, so empty elements leave nothing behind and spaces stay outside
 * emphasis. Emphasis and links cut by a block break are closed before it
 * and reopened after, because Markdown inlines cannot span blocks. */
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "choose.h"
#include "declutter.h"
#include "nfc.h"
#include "url.h"

/* Containers nest at most this deep; deeper ones join their parent, so
 * the per-line prefix stays short on machine-made nesting. */
#define MAX_STACK 48
#define MAX_CAPTION 300

/* ---- Shared helpers ---- */

static int is_space(const unsigned char *p)
{
    return *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
           (p[0] == 0xC2 && p[1] == 0xA0);
}

/* Appends s with runs of whitespace folded to one space, none leading;
 * *sp carries an owed space from one call to the next. Stops once out
 * holds max bytes (at a character boundary). */
static void put_folded(dc_buf *out, const char *s, size_t max, int *sp)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p && out->size < max) {
        if (is_space(p)) {
            *sp = 1;
            p += (*p == 0xC2) ? 2 : 1;
            continue;
        }
        if (p[0] == 0xC2 && p[1] == 0xAD) { /* soft hyphen */
            p += 2;
            continue;
        }
        if (*sp && out->size)
            dc_buf_putc(out, ' ');
        *sp = 0;
        const unsigned char *b = p++;
        while ((*p & 0xC0) == 0x80)
            p++;
        dc_buf_put(out, (const char *)b, (size_t)(p - b));
    }
}

static int colspan(const dc_node *x)
{
    const char *v = dc_attr(x->g, "colspan");
    int n = v ? atoi(v) : 1;
    return n < 1 ? 1 : n > 100 ? 100 : n;
}

int dc_table_layout(const dc_doc *d, int32_t t, int *cols)
{
    const dc_node *a = d->n;
    int layout = 0, widest = 0, cells = 0, rows = 0;
    int32_t row = -1;
    for (int32_t i = t + 1; i <= a[t].end; i++) {
        const dc_node *x = &a[i];
        if (!(x->flags & DC_N_ELEMENT))
            continue;
        if (dc_hidden(x)) {
            i = x->end;
            continue;
        }
        switch ((GumboTag)x->tag) {
        case GUMBO_TAG_TABLE:
            layout = 1;
            i = x->end; /* its rows are its own */
            break;
        case GUMBO_TAG_TR:
            if (cells > widest)
                widest = cells;
            cells = 0;
            row = i;
            rows++;
            break;
        case GUMBO_TAG_TD: case GUMBO_TAG_TH:
            if (x->parent == row)
                cells += colspan(x);
            /* A cell holding several paragraphs is page layout. */
            if (x->blocks >= 2)
                layout = 1;
            break;
        default:
            break;
        }
    }
    if (cells > widest)
        widest = cells;
    if (cols)
        *cols = widest;
    return layout || rows < 2 || widest < 2;
}

/* The <figcaption> child of the figure at f, or -1: the first or last
 * element child, as HTML places it. */
static int32_t figcaption_of(const dc_doc *d, int32_t f)
{
    const dc_node *a = d->n;
    int32_t c = f + 1;
    for (int k = 0; k < 4 && c <= a[f].end; k++, c = a[c].end + 1) {
        if (a[c].tag == GUMBO_TAG_FIGCAPTION && (a[c].flags & DC_N_ELEMENT))
            return c;
        if (a[c].flags & DC_N_ELEMENT)
            break;
    }
    int32_t last = a[f].end;
    for (int k = 0; k < 4 && last > f; k++) {
        int32_t x = last;
        while (a[x].parent != f)
            x = a[x].parent;
        if (a[x].tag == GUMBO_TAG_FIGCAPTION && (a[x].flags & DC_N_ELEMENT))
            return x;
        if (a[x].flags & DC_N_ELEMENT)
            break;
        last = x - 1;
    }
    return -1;
}

void dc_figure_caption(const dc_doc *d, int32_t f, dc_buf *out)
{
    const dc_node *a = d->n;
    int32_t c = figcaption_of(d, f);
    if (c < 0)
        return;
    size_t start = out->size;
    int sp = 0;
    for (int32_t j = c + 1; j <= a[c].end && out->size - start < MAX_CAPTION; j++) {
        const dc_node *x = &a[j];
        GumboTag t = (GumboTag)x->tag;
        if ((x->flags & DC_N_ELEMENT) && (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE))
            j = x->end;
        else if (x->flags & DC_N_TEXT)
            put_folded(out, x->text, start + MAX_CAPTION, &sp);
    }
}

int dc_image_parts(const dc_doc *d, int32_t i, const char *base_url, dc_buf *src, dc_buf *alt,
                   dc_buf *caption)
{
    const dc_node *a = d->n;
    if (!dc_image_source(a[i].g, base_url, src))
        return 0;
    const char *v = dc_attr(a[i].g, "alt");
    int sp = 0;
    if (v)
        put_folded(alt, v, MAX_CAPTION, &sp);
    sp = 0;
    /* Figures wrap their image in a link or <picture> at most a few levels down. */
    int32_t f = a[i].parent;
    for (int k = 0; k < 4 && f >= 0 && a[f].tag != GUMBO_TAG_FIGURE; k++)
        f = a[f].parent;
    if (f >= 0 && a[f].tag == GUMBO_TAG_FIGURE)
        dc_figure_caption(d, f, caption);
    if (!alt->size && caption->size) {
        dc_buf_put(alt, caption->ptr, caption->size);
        caption->size = 0;
    } else if (caption->size == alt->size && caption->size &&
               memcmp(caption->ptr, alt->ptr, alt->size) == 0) {
        caption->size = 0;
    }
    if (caption->ptr)
        caption->ptr[caption->size] = '\0';
    return 1;
}

/* ---- Metadata header ---- */

static void md_words(dc_buf *out, const char *s, size_t n, int heading);
static void md_autolink(dc_buf *out, const char *url, size_t n);

void dc_render_header(const dc_render_meta *m, int markdown, dc_buf *out)
{
    if (!m)
        return;
    static const char *const keys[] = {"Author", "Date", "URL"};
    const char *vals[] = {m->author, m->date, m->url};
    dc_buf v = DC_BUF_INIT;
    size_t start = out->size;
    int sp = 0;
    if (m->title)
        put_folded(&v, m->title, (size_t)-1, &sp);
    if (v.size) {
        if (markdown) {
            dc_buf_puts(out, "# ");
            md_words(out, v.ptr, v.size, 1);
            dc_buf_puts(out, "\n\n");
        } else {
            dc_buf_puts(out, "Title: ");
            dc_buf_put(out, v.ptr, v.size);
            dc_buf_putc(out, '\n');
        }
    }
    size_t block = out->size;
    for (int k = 0; k < 3; k++) {
        if (!vals[k] || !*vals[k])
            continue;
        v.size = 0;
        sp = 0;
        put_folded(&v, vals[k], (size_t)-1, &sp);
        if (!v.size)
            continue;
        if (markdown && out->size > block)
            dc_buf_puts(out, "\\\n");
        dc_buf_puts(out, keys[k]);
        dc_buf_puts(out, ": ");
        if (markdown && k == 2) {
            md_autolink(out, v.ptr, v.size);
        } else if (markdown) {
            md_words(out, v.ptr, v.size, 0);
        } else {
            dc_buf_put(out, v.ptr, v.size);
            dc_buf_putc(out, '\n');
        }
    }
    if (markdown && out->size > block)
        dc_buf_puts(out, "\n\n");
    else if (!markdown && out->size > start)
        dc_buf_putc(out, '\n');
    if (v.oom)
        out->oom = 1;
    dc_buf_free(&v);
}

/* ---- Markdown ---- */

enum kind { K_QUOTE, K_LIST, K_ITEM, K_HEAD, K_STRONG, K_EM, K_CODE, K_LINK, K_PRE,
            K_TABLE, K_ROW, K_CELL, K_CAPTION };

typedef struct entry {
    int32_t node;
    unsigned char kind;
    unsigned char on;     /* opener written */
    unsigned char fresh;  /* container not yet on a written line */
    unsigned char pad;    /* code span padded with spaces */
    int num;              /* list: next number (ordered) or -1; item: indent; heading: level;
                             code/pre: fence length; table: columns; row: cells written */
    int count;            /* list: markers written; table: rows written */
    int loose;            /* list: a blank line was written inside one of its items */
    size_t str, len;      /* link target or fence language in the pool */
} entry;

enum { BR_NONE, BR_LINE, BR_HARD, BR_PARA };

typedef struct md {
    const dc_doc *d;
    dc_buf *out;
    unsigned flags;
    const char *base;
    int32_t root;
    entry st[MAX_STACK];
    int n;
    dc_buf pool;
    int pending;    /* BR_* owed before the next content */
    int space;      /* a space is owed */
    int bol;        /* the line's prefix is not written yet */
    int line;       /* the current line (or cell) has content */
    int line_start; /* the next word opens a line: escape block markers */
    int digits;     /* the line so far is digits only: a "." or ")" next
                       would make it a list item */
    int item_fresh; /* a list item opened and has no content yet */
    int cell, head, code, pre;
    int pre_nl;     /* newlines owed inside a fenced block */
    int head_at;    /* stack index of the open heading, or -1 */
    size_t start;
} md;

static int mark_kind(int k) { return k == K_STRONG || k == K_EM || k == K_CODE || k == K_LINK; }

static int container(int k) { return k == K_QUOTE || k == K_ITEM; }

static entry *top(md *m) { return m->n ? &m->st[m->n - 1] : NULL; }

static int has(const md *m, int kind)
{
    for (int i = m->n - 1; i >= 0; i--)
        if (m->st[i].kind == kind)
            return 1;
    return 0;
}

static entry *push(md *m, int32_t node, int kind)
{
    if (m->n == MAX_STACK)
        return NULL;
    entry *e = &m->st[m->n++];
    memset(e, 0, sizeof *e);
    e->node = node;
    e->kind = (unsigned char)kind;
    e->fresh = 1;
    e->str = m->pool.size;
    return e;
}

/* Pops the top entry when it belongs to node; returns it (still readable) or NULL. */
static entry *pop(md *m, int32_t node)
{
    entry *e = top(m);
    if (!e || e->node != node)
        return NULL;
    m->n--;
    m->pool.size = e->str;
    if (m->pool.ptr)
        m->pool.ptr[m->pool.size] = '\0';
    return e;
}

static void put(md *m, const char *s, size_t n) { dc_buf_put(m->out, s, n); }

static void puts_(md *m, const char *s) { dc_buf_puts(m->out, s); }

static void repeat(dc_buf *out, char c, int n)
{
    for (int i = 0; i < n; i++)
        dc_buf_putc(out, c);
}

static int alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
}

/* 1 when s[i] is '&' opening what reads as an entity (&name; &#12;). */
static int entity_at(const unsigned char *p, size_t i, size_t n)
{
    size_t j = i + 1;
    while (j < n && p[j] < 0x80 && (alnum(p[j]) || p[j] == '#'))
        j++;
    return p[i] == '&' && j > i + 1 && j < n && p[j] == ';';
}

/* Writes one word (no whitespace inside) of prose, escaping what Markdown
 * would read as markup: everywhere, and at the start of a line also what
 * would open a block. */
static void md_inline(dc_buf *out, const char *s, size_t n, int line_start)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    if (line_start && n) {
        unsigned char c = p[0];
        size_t k = 0;
        while (k < n && p[k] == c)
            k++;
        if (c == '#' || c == '>' || ((c == '-' || c == '+' || c == '=') && k == n)) {
            dc_buf_putc(out, '\\');
        } else if (c >= '0' && c <= '9') {
            size_t j = 0;
            while (j < n && p[j] >= '0' && p[j] <= '9')
                j++;
            if (j + 1 == n && j <= 9 && (p[j] == '.' || p[j] == ')')) {
                dc_buf_put(out, s, j);
                dc_buf_putc(out, '\\');
                i = j;
            }
        }
    }
    size_t run = i;
    for (; i < n; i++) {
        unsigned char c = p[i];
        int esc = 0;
        switch (c) {
        case '\\': case '`': case '*': case '[': case ']': case '|': case '~':
            esc = 1;
            break;
        case '_':
            esc = !(i > 0 && alnum(p[i - 1]) && i + 1 < n && alnum(p[i + 1]));
            break;
        case '<':
            esc = i + 1 == n || ((p[i + 1] | 0x20) >= 'a' && (p[i + 1] | 0x20) <= 'z') ||
                  p[i + 1] == '/' || p[i + 1] == '!' || p[i + 1] == '?';
            break;
        case '&':
            esc = entity_at(p, i, n);
            break;
        default:
            break;
        }
        if (esc) {
            dc_buf_put(out, s + run, i - run);
            dc_buf_putc(out, '\\');
            run = i;
        }
    }
    dc_buf_put(out, s + run, n - run);
}

/* Folded text s[0..n) (single spaces) word by word; in a heading a word
 * of only # would read as its closing sequence. */
static void md_words(dc_buf *out, const char *s, size_t n, int heading)
{
    size_t i = 0;
    while (i < n) {
        size_t k = i;
        while (k < n && s[k] != ' ')
            k++;
        size_t h = i;
        while (h < k && s[h] == '#')
            h++;
        if (heading && h == k && k > i)
            dc_buf_putc(out, '\\');
        md_inline(out, s + i, k - i, 0);
        if (k < n)
            dc_buf_putc(out, ' ');
        i = k + 1;
    }
}

static void put_pct(dc_buf *out, unsigned char c)
{
    char hex[4];
    snprintf(hex, sizeof hex, "%%%02X", c);
    dc_buf_put(out, hex, 3);
}

/* <url> when url is absolute, else escaped text. */
static void md_autolink(dc_buf *out, const char *url, size_t n)
{
    size_t k = 0;
    while (k < n && (alnum((unsigned char)url[k]) || url[k] == '+' || url[k] == '-' ||
                     url[k] == '.') && (unsigned char)url[k] < 0x80)
        k++;
    if (k < 2 || k >= n || url[k] != ':') {
        md_words(out, url, n, 0);
        return;
    }
    dc_buf_putc(out, '<');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= 0x20 || c == '<' || c == '>')
            put_pct(out, c);
        else
            dc_buf_putc(out, (char)c);
    }
    dc_buf_putc(out, '>');
}

/* A link or image destination: in <...> when it holds characters the
 * plain form cannot. */
static void md_dest(dc_buf *out, const char *url, size_t n)
{
    int angle = 0;
    for (size_t i = 0; i < n; i++)
        if (url[i] == ' ' || url[i] == '(' || url[i] == ')' || url[i] == '<' || url[i] == '>' ||
            (unsigned char)url[i] < 0x20)
            angle = 1;
    if (angle)
        dc_buf_putc(out, '<');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c == ' ' || c == '<' || c == '>' || c < 0x20) {
            put_pct(out, c);
        } else {
            /* Destinations take backslash escapes and entities too. */
            if (c == '\\' || entity_at((const unsigned char *)url, i, n))
                dc_buf_putc(out, '\\');
            dc_buf_putc(out, (char)c);
        }
    }
    if (angle)
        dc_buf_putc(out, '>');
}

/* The line prefix of the open containers: "> " for quotes, the marker or
 * the indent for list items. A blank line gets only the containers that
 * go on past it, without trailing spaces. pad: widen an owed marker to
 * the item's indent (a code fence right after the marker needs it). */
static void prefix(md *m, int blank, int pad)
{
    size_t mark = m->out->size;
    for (int i = 0; i < m->n; i++) {
        entry *e = &m->st[i];
        if (!container(e->kind) || (blank && e->fresh))
            continue;
        if (e->kind == K_QUOTE) {
            puts_(m, "> ");
        } else if (e->on || blank) {
            repeat(m->out, ' ', e->num);
        } else {
            /* The item's list is the entry below it, if it is one. */
            entry *l = (i > 0 && m->st[i - 1].kind == K_LIST) ? &m->st[i - 1] : NULL;
            char mk[16];
            int w;
            if (l && l->num >= 0)
                w = snprintf(mk, sizeof mk, "%d. ", l->num < 999999999 ? l->num++ : l->num);
            else
                w = snprintf(mk, sizeof mk, "- ");
            if (l)
                l->count++;
            put(m, mk, (size_t)w);
            e->num = w > 4 ? w : 4;
            /* The next line's indent must reach this item's text: widen
             * the marker when more markers or a fence follow it. */
            int stacked = pad;
            for (int j = i + 1; j < m->n && !stacked; j++)
                stacked = m->st[j].kind == K_ITEM && !m->st[j].on;
            if (stacked)
                repeat(m->out, ' ', e->num - w);
            e->on = 1;
        }
    }
    if (blank) {
        while (m->out->size > mark && m->out->ptr[m->out->size - 1] == ' ')
            m->out->size--;
        if (m->out->ptr)
            m->out->ptr[m->out->size] = '\0';
    } else {
        for (int i = 0; i < m->n; i++)
            m->st[i].fresh = 0;
    }
}

static void put_closer(md *m, entry *e)
{
    switch (e->kind) {
    case K_STRONG: puts_(m, "**"); break;
    case K_EM: puts_(m, "*"); break;
    case K_CODE:
        if (e->pad)
            puts_(m, " ");
        repeat(m->out, '`', e->num);
        break;
    case K_LINK:
        puts_(m, "](");
        md_dest(m->out, m->pool.ptr + e->str, e->len);
        puts_(m, ")");
        break;
    default:
        break;
    }
    e->on = 0;
}

static void close_marks(md *m)
{
    for (int i = m->n - 1; i >= 0; i--)
        if (mark_kind(m->st[i].kind) && m->st[i].on)
            put_closer(m, &m->st[i]);
}

/* Stack index of the innermost container when it is a list item, or -1. */
static int innermost_item(const md *m)
{
    for (int i = m->n - 1; i >= 0; i--)
        if (container(m->st[i].kind))
            return m->st[i].kind == K_ITEM ? i : -1;
    return -1;
}

/* Ends the current line as owed and starts the next one with its prefix. */
static void newline(md *m, int pad)
{
    /* Inlines may span a hard break, not a block. */
    if (m->pending != BR_HARD)
        close_marks(m);
    if (m->out->size > m->start) {
        if (m->pending == BR_HARD)
            puts_(m, "\\");
        puts_(m, "\n");
        if (m->pending == BR_PARA) {
            prefix(m, 1, 0);
            puts_(m, "\n");
            int it = innermost_item(m);
            if (it > 0 && !m->st[it].fresh && m->st[it - 1].kind == K_LIST)
                m->st[it - 1].loose = 1;
        }
    }
    prefix(m, 0, pad);
    m->pending = BR_NONE;
    m->space = m->line = m->bol = m->item_fresh = m->digits = 0;
    m->line_start = 1;
}

/* Everything owed before content: the line break and prefix or a space,
 * the heading mark, and the openers of emphasis, links and code. */
static void begin(md *m)
{
    if (m->pending || m->bol)
        newline(m, 0);
    else if (m->space && m->line)
        puts_(m, " ");
    m->space = 0;
    if (m->head_at >= 0 && !m->st[m->head_at].on) {
        repeat(m->out, '#', m->st[m->head_at].num);
        puts_(m, " ");
        m->st[m->head_at].on = 1;
        m->line_start = 0;
    }
    for (int i = 0; i < m->n; i++) {
        entry *e = &m->st[i];
        if (!mark_kind(e->kind) || e->on)
            continue;
        switch (e->kind) {
        case K_STRONG: puts_(m, "**"); break;
        case K_EM: puts_(m, "*"); break;
        case K_LINK:
            /* "![" would start an image. */
            if (m->line && m->out->size > m->start && m->out->ptr[m->out->size - 1] == '!' &&
                (m->out->size < 2 || m->out->ptr[m->out->size - 2] != '\\')) {
                m->out->size--;
                puts_(m, "\\!");
            }
            puts_(m, "[");
            break;
        case K_CODE:
            repeat(m->out, '`', e->num);
            if (e->pad)
                puts_(m, " ");
            break;
        default: break;
        }
        e->on = 1;
    }
}

static int table_top(md *m)
{
    entry *e = top(m);
    return e && (e->kind == K_TABLE || e->kind == K_ROW);
}

static void brk(md *m, int level)
{
    if (m->pre) {
        if (m->st[m->pre - 1].on && !m->pre_nl)
            m->pre_nl = 1;
        return;
    }
    if (m->cell || m->head || m->code) {
        m->space = 1;
        return;
    }
    if (table_top(m) || m->item_fresh)
        return;
    /* A hard break before a new line of structure would show as "\\". */
    if (level > m->pending || (level == BR_LINE && m->pending == BR_HARD))
        m->pending = level;
}

static void word(md *m, const char *s, size_t n)
{
    int spaced = m->space && m->line;
    begin(m);
    if (spaced)
        m->digits = 0;
    if (m->code) {
        m->digits = 0;
        size_t run = 0;
        for (size_t i = 0; i < n; i++)
            if (s[i] == '|' && m->cell) {
                put(m, s + run, i - run);
                puts_(m, "\\");
                run = i;
            }
        put(m, s + run, n - run);
    } else if (m->head && n && s[0] == '#' && strspn(s, "#") >= n) {
        /* A word of only # would read as the heading's closing sequence. */
        puts_(m, "\\");
        put(m, s, n);
    } else {
        int ls = m->line_start && !m->cell && !m->head;
        if (m->digits && m->line && !m->space && (s[0] == '.' || s[0] == ')'))
            puts_(m, "\\");
        md_inline(m->out, s, n, ls);
        m->digits = ls && n <= 9 && strspn(s, "0123456789") >= n;
    }
    m->line = 1;
    m->line_start = 0;
}

static void text(md *m, const char *s)
{
    if (table_top(m))
        return;
    /* letters and their accents typed apart are composed (nfc.h) */
    dc_buf nfc = DC_BUF_INIT;
    size_t len = strlen(s);
    if (dc_nfc_candidate(s, len)) {
        dc_buf_put_nfc(&nfc, s, len);
        if (nfc.ptr && !nfc.oom)
            s = nfc.ptr;
    }
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        if (is_space(p)) {
            if (m->line || m->out->size > m->start)
                m->space = 1;
            p += (*p == 0xC2) ? 2 : 1;
            continue;
        }
        const unsigned char *b = p;
        while (*p && !is_space(p)) {
            if (p[0] == 0xC2 && p[1] == 0xAD) { /* a soft hyphen: invisible mid-line */
                if (p > b)
                    word(m, (const char *)b, (size_t)(p - b));
                b = p += 2;
                continue;
            }
            p++;
        }
        if (p > b)
            word(m, (const char *)b, (size_t)(p - b));
    }
    dc_buf_free(&nfc);
}

static void pre_text(md *m, const char *s)
{
    entry *e = &m->st[m->pre - 1];
    for (const char *p = s; *p;) {
        if (*p == '\r') {
            p++;
            continue;
        }
        if (*p == '\n') {
            if (e->on)
                m->pre_nl++;
            p++;
            continue;
        }
        if (!e->on) {
            newline(m, 1);
            repeat(m->out, '`', e->num);
            put(m, m->pool.ptr + e->str, e->len);
            e->on = 1;
            m->pre_nl = 1;
        }
        for (; m->pre_nl > 0; m->pre_nl--) {
            puts_(m, "\n");
            prefix(m, m->pre_nl > 1, 0);
        }
        size_t n = strcspn(p, "\r\n");
        put(m, p, n);
        p += n;
    }
}

/* Backtick runs decide the fence: one longer than any run inside. */
static void scan_code(const dc_doc *d, int32_t i, int *fence, int *pad, int min)
{
    const dc_node *a = d->n;
    int longest = 0, first = 0, last = 0;
    for (int32_t j = i + 1; j <= a[i].end; j++) {
        const dc_node *x = &a[j];
        if (dc_hidden(x)) {
            j = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXT))
            continue;
        const char *s = x->text;
        for (const char *p = s; *p; p++) {
            if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
                continue;
            if (!first)
                first = *p == '`' ? 2 : 1;
            last = *p == '`';
            int r = 0;
            while (p[r] == '`')
                r++;
            if (r > longest)
                longest = r;
            if (r)
                p += r - 1;
        }
    }
    *fence = longest + 1 > min ? longest + 1 : min;
    *pad = first == 2 || last;
}

/* The language of a code block from class="language-x" or "lang-x" on
 * the <pre> or an element in it, into the pool. */
static void code_language(md *m, int32_t i)
{
    const dc_node *a = m->d->n;
    for (int32_t j = i; j <= a[i].end; j++) {
        if (!(a[j].flags & DC_N_ELEMENT))
            continue;
        const char *c = dc_attr(a[j].g, "class");
        if (!c)
            continue;
        for (const char *p = c; *p;) {
            p += strspn(p, " \t\n\r\f");
            size_t n = strcspn(p, " \t\n\r\f");
            size_t skip = n > 9 && strncmp(p, "language-", 9) == 0 ? 9
                        : n > 5 && strncmp(p, "lang-", 5) == 0 ? 5 : 0;
            if (skip) {
                for (size_t k = skip; k < n && k < skip + 32; k++) {
                    char ch = p[k];
                    if (alnum((unsigned char)ch) && (unsigned char)ch < 0x80)
                        dc_buf_putc(&m->pool, ch);
                    else if (ch == '_' || ch == '+' || ch == '#' || ch == '.' || ch == '-')
                        dc_buf_putc(&m->pool, ch);
                }
                return;
            }
            p += n;
        }
    }
}

static void image(md *m, int32_t i)
{
    dc_buf src = DC_BUF_INIT, alt = DC_BUF_INIT, cap = DC_BUF_INIT;
    if (dc_image_parts(m->d, i, m->base, &src, &alt, &cap)) {
        begin(m);
        puts_(m, "![");
        md_words(m->out, alt.ptr ? alt.ptr : "", alt.size, 0);
        puts_(m, "](");
        md_dest(m->out, src.ptr ? src.ptr : "", src.size);
        if (cap.size) {
            puts_(m, " \"");
            for (size_t k = 0; k < cap.size; k++) {
                if (cap.ptr[k] == '"' || cap.ptr[k] == '\\' ||
                    entity_at((const unsigned char *)cap.ptr, k, cap.size))
                    puts_(m, "\\");
                put(m, cap.ptr + k, 1);
            }
            puts_(m, "\"");
        }
        puts_(m, ")");
        m->line = 1;
        m->line_start = m->digits = 0;
    }
    if (src.oom || alt.oom || cap.oom)
        m->out->oom = 1;
    dc_buf_free(&src);
    dc_buf_free(&alt);
    dc_buf_free(&cap);
}

/* ---- Emphasis that parses ----
 * A * run opens emphasis only when the character after it is not
 * punctuation unless the one before is whitespace or punctuation, and
 * closes it under the mirrored rule. Emphasis whose edges would break
 * these rules is left out (its text stays), so no stray asterisks show. */

/* C_ZS: whitespace the writer keeps (not folded), as U+202F */
enum { C_WS, C_PUNCT, C_OTHER, C_AMBIG, C_ZS };

/* Whitespace, punctuation or other (letters, digits...) as CommonMark
 * sees code point c; C_AMBIG where its versions disagree (symbols). */
static int cp_class(unsigned long c)
{
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 ||
        c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F || c == 0x3000)
        return C_WS;
    if (c < 0x80)
        return alnum((unsigned char)c) ? C_OTHER : c < 0x20 ? C_WS : C_PUNCT;
    if (c <= 0xBF)
        return (c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB ||
                c == 0xBF) ? C_PUNCT : C_AMBIG;
    if (c == 0xD7 || c == 0xF7)
        return C_AMBIG;
    if (c < 0x2000)
        return C_OTHER;
    if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x2043) ||
        (c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) ||
        (c >= 0x3014 && c <= 0x301F))
        return C_PUNCT;
    if (c < 0x2C00 || (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE10 && c <= 0xFE6F) ||
        (c >= 0xFF00 && c <= 0xFF65))
        return C_AMBIG;
    return C_OTHER;
}

static unsigned long decode_at(const unsigned char *p)
{
    if (p[0] < 0x80)
        return p[0];
    int n = p[0] >= 0xF0 ? 3 : p[0] >= 0xE0 ? 2 : 1;
    unsigned long c = p[0] & (0x3F >> n);
    for (int k = 1; k <= n && (p[k] & 0xC0) == 0x80; k++)
        c = (c << 6) | (p[k] & 0x3F);
    return c;
}

static int first_class(const char *s)
{
    return *s ? cp_class(decode_at((const unsigned char *)s)) : C_WS;
}

/* A link the writer keeps: its text is bracketed. */
static int kept_link(md *m, const dc_node *x, dc_buf *tmp)
{
    if (!(m->flags & DECLUTTER_KEEP_LINKS) || x->tag != GUMBO_TAG_A || (x->flags & DC_N_PRE))
        return 0;
    tmp->size = 0;
    return dc_link_target(x->g, m->base, tmp);
}

static int kept_image(md *m, const dc_node *x, dc_buf *tmp)
{
    if (!(m->flags & DECLUTTER_KEEP_IMAGES) || x->tag != GUMBO_TAG_IMG)
        return 0;
    tmp->size = 0;
    return dc_image_source(x->g, m->base, tmp);
}

static int code_tag(GumboTag t)
{
    return t == GUMBO_TAG_CODE || t == GUMBO_TAG_KBD || t == GUMBO_TAG_SAMP || t == GUMBO_TAG_TT;
}

/* The edges of element x's content as written: the class of its first
 * and last character (or of the bracket or backtick that a link, image
 * or code span writes there), -1 when it has none, and whether folded
 * whitespace or a line break separates them from the delimiters (lead,
 * trail), which then sit next to whitespace. */
static void edges(md *m, int32_t x, int *first, int *last, int *lead, int *trail, dc_buf *tmp)
{
    const dc_node *a = m->d->n;
    *first = *last = -1;
    *lead = *trail = 0;
    for (int32_t j = x + 1; j <= a[x].end; j++) {
        const dc_node *y = &a[j];
        if (dc_hidden(y)) {
            j = y->end;
            continue;
        }
        int atom = -1;
        if (y->flags & DC_N_ELEMENT) {
            GumboTag t = (GumboTag)y->tag;
            if ((y->flags & DC_N_BLOCK) || t == GUMBO_TAG_BR) {
                *lead |= *first < 0;
                *trail = 1;
            } else if (code_tag(t) || kept_link(m, y, tmp)) {
                atom = C_PUNCT;
                j = y->end;
            } else if (kept_image(m, y, tmp)) {
                atom = C_PUNCT;
            }
        } else if (y->flags & DC_N_TEXT) {
            for (const unsigned char *p = (const unsigned char *)y->text; *p;) {
                int folded = is_space(p);
                int k = cp_class(decode_at(p));
                p++;
                while ((*p & 0xC0) == 0x80)
                    p++;
                if (folded) {
                    *lead |= *first < 0;
                    *trail = 1;
                    continue;
                }
                if (*first < 0)
                    *first = k == C_WS ? C_ZS : k;
                *last = k == C_WS ? C_ZS : k;
                *trail = 0;
            }
        }
        if (atom >= 0) {
            if (*first < 0)
                *first = atom;
            *last = atom;
            *trail = 0;
        }
    }
}

/* The class of what gets written right after element x. */
static int after(md *m, int32_t x, dc_buf *tmp)
{
    const dc_node *a = m->d->n;
    int32_t anc = a[x].parent;
    int32_t j = a[x].end + 1;
    for (int steps = 0; steps < 64; steps++) {
        for (; anc >= 0 && j > a[anc].end; anc = a[anc].parent) {
            if (anc == m->root || (a[anc].flags & DC_N_BLOCK))
                return C_WS;
            if (kept_link(m, &a[anc], tmp) || code_tag((GumboTag)a[anc].tag))
                return C_PUNCT;
        }
        if (anc < 0 || (size_t)j >= m->d->count)
            return C_WS;
        const dc_node *y = &a[j];
        if (dc_hidden(y)) {
            j = y->end + 1;
            continue;
        }
        if (y->flags & DC_N_ELEMENT) {
            GumboTag t = (GumboTag)y->tag;
            if ((y->flags & DC_N_BLOCK) || t == GUMBO_TAG_BR)
                return C_WS;
            if (code_tag(t) || kept_link(m, y, tmp) || kept_image(m, y, tmp))
                return C_PUNCT;
            anc = j++;
            continue;
        }
        if ((y->flags & DC_N_TEXT) && *y->text)
            return first_class(y->text);
        j++;
    }
    return C_AMBIG;
}

/* The last byte written on the current line, or 0. */
static char last_byte(const md *m)
{
    if (m->pending || m->bol || !m->line || m->space || m->out->size <= m->start)
        return 0;
    return m->out->ptr[m->out->size - 1];
}

/* The class of what gets written right before an opener owed now. */
static int before(md *m)
{
    if (m->pending || m->bol || !m->line || m->space)
        return C_WS;
    for (int i = 0; i < m->n; i++)
        if (m->st[i].kind == K_LINK && !m->st[i].on)
            return C_PUNCT;
    const char *o = m->out->ptr;
    size_t k = m->out->size;
    while (k > m->start && (o[k - 1] & 0xC0) == 0x80)
        k--;
    return k > m->start ? cp_class(decode_at((const unsigned char *)o + k - 1)) : C_WS;
}

static int emphasis_fits(md *m, int32_t x)
{
    /* Right after a closing * the opener would join its run. */
    if (last_byte(m) == '*')
        return 0;
    dc_buf tmp = DC_BUF_INIT;
    int first, last, lead, trail;
    edges(m, x, &first, &last, &lead, &trail, &tmp);
    if (first < 0) {
        dc_buf_free(&tmp);
        return 1; /* nothing to emphasise: no delimiter gets written */
    }
    int prev = lead ? C_WS : before(m);
    int outer = 0;
    for (int i = 0; i < m->n; i++)
        outer |= (m->st[i].kind == K_STRONG || m->st[i].kind == K_EM) && m->st[i].on;
    int ok;
    if (first == C_ZS || last == C_ZS)
        ok = 0;
    else if (outer)
        /* An opener that could also close would end the open emphasis. */
        ok = prev == C_WS || (prev == C_PUNCT && first == C_OTHER);
    else
        ok = first == C_OTHER || prev == C_WS || (first == C_PUNCT && prev == C_PUNCT);
    if (ok && last != C_OTHER) {
        int next = trail ? C_WS : after(m, x, &tmp);
        ok = next == C_WS || (last == C_PUNCT && next == C_PUNCT);
    }
    dc_buf_free(&tmp);
    return ok;
}

static int list_start(const dc_node *x)
{
    const char *v = dc_attr(x->g, "start");
    long n = v ? strtol(v, NULL, 10) : 1;
    return n < 0 ? 0 : n > 999999999 ? 999999999 : (int)n;
}

/* Returns 1 when the subtree of x is to be skipped. */
static int open_el(md *m, int32_t i)
{
    const dc_node *x = &m->d->n[i];
    GumboTag t = (GumboTag)x->tag;
    int plain = m->cell || m->head || m->code || m->pre;
    entry *e;
    switch (t) {
    case GUMBO_TAG_BR:
        if (m->pre) {
            if (m->st[m->pre - 1].on)
                m->pre_nl++;
        } else if (m->cell || m->head || m->code) {
            m->space = 1;
        } else if (m->pending == BR_NONE && m->line) {
            m->pending = BR_HARD;
        } else if (m->pending == BR_HARD) {
            m->pending = BR_PARA;
        }
        return 0;
    case GUMBO_TAG_IMG:
        if ((m->flags & DECLUTTER_KEEP_IMAGES) && !m->pre && !m->code && !table_top(m))
            image(m, i);
        return 0;
    case GUMBO_TAG_SUP:
        if (!m->pre && !m->space && m->pending == BR_NONE &&
            dc_footnote_mark(m->d, x, m->out->ptr, m->out->size))
            m->space = 1;
        return 0;
    case GUMBO_TAG_A:
        if ((m->flags & DECLUTTER_KEEP_LINKS) && !m->pre && !m->code && !has(m, K_LINK) &&
            (e = push(m, i, K_LINK)) != NULL) {
            if (!dc_link_target(x->g, m->base, &m->pool))
                pop(m, i);
            else
                e->len = m->pool.size - e->str;
        }
        return 0;
    case GUMBO_TAG_B: case GUMBO_TAG_STRONG:
        if (!m->pre && !m->code && !m->head && !has(m, K_STRONG) && emphasis_fits(m, i))
            push(m, i, K_STRONG);
        return 0;
    case GUMBO_TAG_I: case GUMBO_TAG_EM:
        if (!m->pre && !m->code && !has(m, K_EM) && emphasis_fits(m, i))
            push(m, i, K_EM);
        return 0;
    case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TT:
        /* Backticks right after a code span would join its fence. */
        if (!m->pre && !m->code && last_byte(m) != '`' && (e = push(m, i, K_CODE)) != NULL) {
            int pad;
            scan_code(m->d, i, &e->num, &pad, 1);
            e->pad = (unsigned char)pad;
            m->code++;
        }
        return 0;
    case GUMBO_TAG_PRE:
        if (!x->chars)
            return 1;
        if (plain || !(e = push(m, i, K_PRE)))
            break;
        brk(m, BR_PARA);
        int pad;
        scan_code(m->d, i, &e->num, &pad, 3);
        code_language(m, i);
        e->len = m->pool.size - e->str;
        m->pre = m->n;
        return 0;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
        if (plain)
            break;
        brk(m, BR_PARA);
        if ((e = push(m, i, K_HEAD)) != NULL) {
            e->num = (int)(t - GUMBO_TAG_H1) + 1;
            m->head_at = m->n - 1;
            m->head++;
        }
        return 0;
    case GUMBO_TAG_BLOCKQUOTE:
        brk(m, BR_PARA);
        if (!plain)
            push(m, i, K_QUOTE);
        return 0;
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_MENU: case GUMBO_TAG_DIR:
        /* A list nested in an item may follow the item's text line. */
        brk(m, innermost_item(m) >= 0 ? BR_LINE : BR_PARA);
        if (!plain && (e = push(m, i, K_LIST)) != NULL)
            e->num = t == GUMBO_TAG_OL ? list_start(x) : -1;
        return 0;
    case GUMBO_TAG_LI:
        /* Items outside a list are plain blocks, as in the HTML output. */
        if (plain || i == m->root || x->parent < 0 ||
            !(m->d->n[x->parent].flags & DC_N_LIST) || m->d->n[x->parent].tag == GUMBO_TAG_DL ||
            !(e = push(m, i, K_ITEM))) {
            brk(m, BR_PARA);
            return 0;
        }
        if (m->n >= 2 && m->st[m->n - 2].kind == K_LIST && m->st[m->n - 2].count > 0)
            m->pending = m->st[m->n - 2].loose ? BR_PARA : BR_LINE;
        else if (m->pending != BR_PARA)
            m->pending = BR_LINE;
        m->item_fresh = 1;
        return 0;
    case GUMBO_TAG_DT:
        brk(m, BR_PARA);
        if (!plain && !has(m, K_STRONG) && emphasis_fits(m, i))
            push(m, i, K_STRONG);
        return 0;
    case GUMBO_TAG_TABLE: {
        int cols = 0;
        int data = !plain && m->n + 4 <= MAX_STACK && !dc_table_layout(m->d, i, &cols);
        if (data && (m->flags & DECLUTTER_NO_TABLES) && i != m->root)
            return 1;
        brk(m, BR_PARA);
        if (data) {
            e = push(m, i, K_TABLE);
            e->num = cols;
        }
        return 0;
    }
    case GUMBO_TAG_CAPTION:
        if (top(m) && top(m)->kind == K_TABLE) {
            m->pending = BR_PARA;
            push(m, i, K_CAPTION);
            return 0;
        }
        break;
    case GUMBO_TAG_TR:
        if (top(m) && top(m)->kind == K_TABLE) {
            if (m->pending != BR_PARA)
                m->pending = BR_LINE;
            newline(m, 0);
            puts_(m, "|");
            push(m, i, K_ROW);
            return 0;
        }
        break;
    case GUMBO_TAG_TD: case GUMBO_TAG_TH:
        if (top(m) && top(m)->kind == K_ROW) {
            puts_(m, " ");
            push(m, i, K_CELL);
            m->cell++;
            m->space = m->line = 0;
            return 0;
        }
        break;
    default:
        break;
    }
    if (x->flags & DC_N_BLOCK)
        brk(m, BR_PARA);
    return 0;
}

static void close_el(md *m, int32_t i)
{
    const dc_node *x = &m->d->n[i];
    entry *e = top(m);
    if (!e || e->node != i) {
        if (x->flags & DC_N_BLOCK)
            brk(m, BR_PARA);
        return;
    }
    switch (e->kind) {
    case K_STRONG: case K_EM: case K_LINK:
        if (e->on)
            put_closer(m, e);
        pop(m, i);
        if (x->tag == GUMBO_TAG_DT)
            brk(m, BR_PARA);
        return;
    case K_CODE:
        if (e->on)
            put_closer(m, e);
        pop(m, i);
        m->code--;
        return;
    case K_PRE:
        if (e->on) {
            puts_(m, "\n");
            prefix(m, 0, 0);
            repeat(m->out, '`', e->num);
            m->line = 1;
        }
        m->pre_nl = 0;
        m->pre = 0;
        pop(m, i);
        brk(m, BR_PARA);
        return;
    case K_HEAD:
        pop(m, i);
        m->head--;
        m->head_at = -1;
        brk(m, BR_PARA);
        return;
    case K_ITEM:
        pop(m, i);
        m->item_fresh = 0;
        return;
    case K_CELL: {
        close_marks(m);
        int span = colspan(x);
        pop(m, i);
        m->cell--;
        puts_(m, " |");
        for (int k = 1; k < span; k++)
            puts_(m, " |");
        top(m)->num += span;
        m->space = 0;
        return;
    }
    case K_ROW: {
        int cells = e->num;
        pop(m, i);
        entry *t = top(m);
        for (; cells < t->num; cells++)
            puts_(m, "  |");
        if (t->count++ == 0) {
            puts_(m, "\n");
            prefix(m, 0, 0);
            puts_(m, "|");
            for (int k = 0; k < t->num; k++)
                puts_(m, " --- |");
        }
        m->line = 1;
        m->space = 0;
        m->pending = BR_LINE;
        return;
    }
    case K_CAPTION:
        close_marks(m);
        pop(m, i);
        m->pending = BR_PARA;
        return;
    default: /* quotes, lists, tables */
        pop(m, i);
        brk(m, BR_PARA);
        return;
    }
}

static int walk_open(void *ctx, int32_t i) { return open_el(ctx, i); }

static void walk_close(void *ctx, int32_t i)
{
    md *m = ctx;
    close_el(m, i);
    const dc_node *x = &m->d->n[i];
    if (!(x->flags & DC_N_BLOCK) && dc_styled_neighbours(m->d, x))
        m->space = 1;
}

static void walk_text(void *ctx, int32_t i)
{
    md *m = ctx;
    const char *t = m->d->n[i].text;
    if (m->pre)
        pre_text(m, t);
    else
        text(m, t);
}

static const dc_walk_ops md_ops = {walk_open, walk_close, walk_text};

void dc_render_markdown(const dc_doc *d, int32_t root, unsigned flags, const char *base_url,
                        dc_buf *out)
{
    if (root < 0)
        return;
    md m;
    memset(&m, 0, sizeof m);
    m.d = d;
    m.out = out;
    m.flags = flags;
    m.base = base_url;
    m.root = root;
    m.bol = 1;
    m.head_at = -1;
    m.start = out->size;
    dc_walk(d, root, &md_ops, &m);
    close_marks(&m);
    while (out->size > m.start && (out->ptr[out->size - 1] == ' ' || out->ptr[out->size - 1] == '\n'))
        out->size--;
    if (out->ptr)
        out->ptr[out->size] = '\0';
    if (out->size > m.start)
        dc_buf_putc(out, '\n');
    if (m.pool.oom)
        out->oom = 1;
    dc_buf_free(&m.pool);
}
