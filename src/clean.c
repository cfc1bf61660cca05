#include "clean.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "choose.h"

/* Lower case of the two-byte code point cp for the Latin, Greek and
 * Cyrillic capitals (the scripts whose words the vocabularies hold). */
static unsigned fold_cp(unsigned cp)
{
    if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) || (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) ||
        (cp >= 0x410 && cp <= 0x42F))
        return cp + 0x20;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 0x50;
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp | 1;
    if (((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) && (cp & 1))
        return cp + 1;
    return cp;
}

void dc_norm_append(dc_buf *out, const char *s, size_t n)
{
    if (dc_buf_grow(out, n))
        return;
    char *o = out->ptr + out->size;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0xC2 && c <= 0xDF && i + 1 < n && ((unsigned char)s[i + 1] & 0xC0) == 0x80) {
            unsigned cp = fold_cp(((c & 0x1Fu) << 6) | ((unsigned char)s[i + 1] & 0x3Fu));
            i++;
            if (cp == 0xA0 || cp == 0xAD)
                continue; /* no-break space, soft hyphen */
            *o++ = (char)(0xC0 | (cp >> 6));
            *o++ = (char)(0x80 | (cp & 0x3F));
        } else if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            *o++ = (char)c;
        } else if (c >= 'A' && c <= 'Z') {
            *o++ = (char)(c + 32);
        }
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

/* A link or box drawn as a button ("Shop now", "Apply now", "Learn
 * more"): a control, not text, even among items whose links are kept.
 * Its class names it a button ("btn", "button--secondary",
 * "card__button"); a heading is not one, whatever its class. */
#define BUTTONTEXT 30
static int button_like(const dc_node *x)
{
    if (!(x->flags & DC_N_ELEMENT) || !x->chars || x->chars > BUTTONTEXT ||
        (x->flags & DC_N_HEADING))
        return 0;
    const char *c = dc_attr(x->g, "class");
    if (!c)
        return 0;
    for (const char *p = c; *p;) {
        while (*p && !isalpha((unsigned char)*p))
            p++;
        const char *b = p;
        while (isalpha((unsigned char)*p))
            p++;
        size_t n = (size_t)(p - b);
        if ((n == 3 && strncasecmp(b, "btn", 3) == 0) || (n == 6 && strncasecmp(b, "button", 6) == 0))
            return 1;
    }
    return 0;
}

/* A data table: 4 text blocks or more, not mostly links, or mostly links
 * but each row holding plain text beside them (the amounts beside linked
 * ingredients); the first 50 rows tell. */
static int data_table(const dc_doc *d, int32_t t)
{
    const dc_node *a = d->n;
    if (a[t].tag != GUMBO_TAG_TABLE || a[t].blocks < 4)
        return 0;
    if (2 * a[t].link_chars < a[t].chars)
        return 1;
    if (4 * a[t].link_chars >= 3 * a[t].chars)
        return 0;
    unsigned rows = 0, with_plain = 0;
    for (int32_t r = t + 1; r <= a[t].end && rows < 50; r++) {
        if (a[r].tag != GUMBO_TAG_TR || !(a[r].flags & DC_N_ELEMENT))
            continue;
        rows++;
        int p = 0;
        for (int32_t c = r + 1; c <= a[r].end && !p; c = a[c].end + 1)
            p = (a[c].flags & DC_N_ELEMENT) && a[c].chars >= 2 && !a[c].link_chars;
        with_plain += (unsigned)p;
        r = a[r].end;
    }
    return rows >= 2 && 4 * with_plain >= 3 * rows;
}

/* A cell of a data table that links to its subject (an ingredient, a
 * product): the cell beside one of plain text in its row (an amount, a
 * label). */
static int data_cell(const dc_doc *d, const dc_node *x)
{
    if ((x->tag != GUMBO_TAG_TD && x->tag != GUMBO_TAG_TH) || x->parent < 0)
        return 0;
    const dc_node *a = d->n;
    int32_t row = x->parent, plain = 0, steps = 0;
    for (int32_t c = row + 1; c <= a[row].end && steps < 8 && !plain; c = a[c].end + 1, steps++)
        plain = &a[c] != x && (a[c].flags & DC_N_ELEMENT) && a[c].chars >= 2 && !a[c].link_chars;
    if (!plain)
        return 0;
    int32_t t = row;
    for (int k = 0; k < 3 && t >= 0 && a[t].tag != GUMBO_TAG_TABLE; k++)
        t = a[t].parent;
    return t >= 0 && data_table(d, t);
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
    int mixed; /* the node's own text beside blocks of its own (a title over a list) */
} span;

/* Normalised text of each leaf text block still shown, in order, and the
 * own text that a block holding blocks shows before the first of them (a
 * box's title over its list; only tail titles use it). */
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
        if (!(x->flags & DC_N_TEXTBLOCK))
            continue;
        int mixed = x->blocks > 1;
        size_t off = txt->size;
        for (int32_t j = i + 1; j <= x->end; j++) {
            if (dc_hidden(&a[j])) {
                j = a[j].end;
                continue;
            }
            if (mixed && (a[j].flags & DC_N_BLOCK))
                break; /* a title is what comes before the blocks */
            if ((a[j].flags & DC_N_TEXT) && !(a[j].flags & DC_N_WHITESPACE)) {
                const char *t = a[j].text;
                dc_norm_append(txt, t, strlen(t));
            }
        }
        if (mixed && txt->size == off)
            continue;
        if (n == cap) {
            span *ns = realloc(s, 2 * cap * sizeof *s);
            if (!ns) {
                free(s);
                return -1;
            }
            s = ns;
            cap *= 2;
        }
        s[n++] = (span){i, off, txt->size - off, mixed};
        if (!mixed)
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
uint64_t dc_norm_hash(const char *p, size_t n)
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

/* Titles of the sections that sites append to an article: related
 * reading, recommendations, the author's box, reader comments and share
 * prompts, as the major languages word them. Written in lower case; they
 * are compared with a block's normalised text (see tail_title). */
static const char *const tail_titles[] = {
    /* English */
    "related", "related articles", "related posts", "related stories", "related content",
    "related news", "related links", "related reading", "related topics", "related products",
    "similar products", "you may also like", "you might also like", "you may also enjoy",
    "you might also enjoy", "you may also be interested in", "you might be interested in",
    "you may be interested in", "customers also bought", "customers also viewed",
    "frequently bought together", "similar items", "related items", "explore related items",
    "recently viewed", "recently viewed items", "recently viewed products", "more stories", "more on this topic", "more on this story",
    "more news", "more articles", "recommended for you", "recommended articles",
    "recommended reading", "read next", "read also", "also read", "about the author",
    "about the authors", "share this", "share this article", "share this post",
    "share this story", "popular posts", "most popular", "most read", "don't miss",
    "leave a reply", "leave a comment", "comments", "join the conversation", "contact us",
    "get in touch", "from the blog", "from our blog", "latest posts", "recent posts",
    "latest articles", "latest news", "latest blog posts",
    /* German */
    "das könnte sie auch interessieren", "das könnte dich auch interessieren",
    "das interessiert sie vielleicht auch", "auch interessant", "mehr zum thema",
    "weitere artikel", "weitere beiträge", "weitere nachrichten", "ähnliche artikel",
    "ähnliche beiträge", "verwandte artikel", "verwandte themen", "lesen sie auch", "lies auch",
    "empfehlungen", "über den autor", "über die autorin", "zum autor", "zur autorin",
    "kommentare", "schreibe einen kommentar", "hinterlasse einen kommentar",
    "diesen artikel teilen", "beitrag teilen", "artikel teilen", "beliebte beiträge",
    "meistgelesen", "meistgelesene artikel", "neueste beiträge", "ähnliche produkte",
    "zuletzt angesehen", "kunden kauften auch", "kontaktieren sie uns",
    /* French */
    "à lire aussi", "lire aussi", "sur le même sujet", "articles similaires", "articles liés",
    "vous aimerez aussi", "vous aimerez peut-être aussi", "à découvrir aussi",
    "dans la même rubrique", "les plus lus", "laisser un commentaire", "commentaires",
    "produits similaires", "contactez-nous",
    "à propos de l'auteur",
    /* Spanish and Portuguese */
    "te puede interesar", "también te puede interesar", "noticias relacionadas",
    "artículos relacionados", "lee también", "lea también", "más noticias", "comentarios",
    "productos relacionados", "productos similares", "contáctanos", "contáctenos",
    "deja un comentario", "lo más leído", "sobre el autor", "veja também", "leia também",
    "notícias relacionadas", "artigos relacionados", "você também pode gostar", "mais lidas",
    "comentários", "deixe um comentário", "sobre o autor",
    /* Italian and Dutch */
    "potrebbe interessarti", "ti potrebbe interessare", "leggi anche", "articoli correlati",
    "notizie correlate", "più letti", "commenti", "lascia un commento", "lees ook",
    "gerelateerde artikelen", "reacties",
    /* Polish, Hungarian, Russian */
    "czytaj także", "czytaj też", "zobacz także", "zobacz też", "powiązane artykuły",
    "komentarze", "kapcsolódó cikkek", "ezek is érdekelhetnek", "hozzászólások",
    "további cikkek", "legolvasottabb", "читайте также", "похожие статьи", "комментарии",
};

/* Whether tail title e names reader comments. */
static int comment_title(const char *e)
{
    return strstr(e, "comment") || strstr(e, "komment") || strstr(e, "coment") ||
           strstr(e, "reacties") || strstr(e, "hozzászólások") || strstr(e, "комментарии");
}

/* Whether the normalised text p[0..len) is one of the tail titles: the
 * entries are lower case already, so only their spaces and ASCII
 * punctuation are skipped. */
static int tail_title(const char *p, size_t len)
{
    /* a count before or after it: "3 Kommentare", "Comments (12)" */
    size_t lead = 0, full = len;
    while (lead < len && p[lead] >= '0' && p[lead] <= '9')
        lead++;
    if (lead < len) {
        p += lead;
        len -= lead;
        while (len && p[len - 1] >= '0' && p[len - 1] <= '9')
            len--;
    }
    int counted = len + lead < full || lead;
    for (size_t t = 0; t < sizeof tail_titles / sizeof *tail_titles; t++) {
        const char *e = tail_titles[t];
        size_t k = 0;
        for (; *e; e++) {
            unsigned char c = (unsigned char)*e;
            if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
                continue;
            if (k >= len || p[k] != *e)
                break;
            k++;
        }
        if (!*e && k == len)
            return counted && comment_title(tail_titles[t]) ? 2 : 1;
    }
    return 0;
}

/* A tail section may outweigh the article when the article before it has
 * TAILX letters and digits and every block from the title on is under
 * TAILBLOCK: a long list of teasers ("Also in the news") under a short
 * story. */
#define TAILX 800
#define TAILBLOCK 300

static int removed_between(const dc_doc *d, int32_t from, int32_t to);

/* A tail title s[k] set in a box inside the story: the next block is
 * prose beside the box (the story goes on after it) and what the box
 * held after its title was removed (its teasers). Returns the box, the
 * title itself or the wrapper that holds nothing before it, or -1. */
static int32_t box_in_story(const dc_doc *d, int32_t root, const span *s, size_t k)
{
    const dc_node *a = d->n;
    int32_t title = s[k].node, next = s[k + 1].node, box = title;
    while (box != root && a[box].parent >= 0 && a[box].parent != a[next].parent)
        box = a[box].parent;
    if (box == root || a[box].parent != a[next].parent || next <= a[box].end)
        return -1;
    if (k > 0 && s[k - 1].node >= box)
        return -1; /* text of the box before its title */
    if (dc_block_weight(&a[next], 0) <= 0 ||
        !removed_between(d, a[title].end, box == title ? next : a[box].end + 1))
        return -1;
    return box;
}

/* The region ends where a section with a tail title begins ("Related
 * articles", "About the author", "Comments"), when what follows is under
 * half of the region's text, or only teasers after a story of some
 * length: that section and all after it go. */
static void cut_tail_sections(dc_doc *d, int32_t root, const dc_buf *txt, const span *s, size_t n)
{
    dc_node *a = d->n;
    size_t total = 0, before = 0, last_long = 0; /* 1 + the last long block */
    for (size_t k = 0; k < n; k++)
        if (!dc_hidden(&a[s[k].node])) {
            total += s[k].len;
            if (s[k].len >= TAILBLOCK)
                last_long = k + 1;
        }
    for (size_t k = 0; k < n; k++) {
        const dc_node *x = &a[s[k].node];
        if (dc_hidden(x))
            continue;
        /* a comment count ("3 Kommentare") ends the story even where the
         * comments outweigh it */
        const char *t = txt->ptr + s[k].off;
        size_t tl = s[k].len;
        int small = 2 * (total - before) < total || (before >= TAILX && last_long <= k + 1);
        int count = tl && ((t[0] >= '0' && t[0] <= '9') || (t[tl - 1] >= '0' && t[tl - 1] <= '9'));
        int tt;
        if (before > 0 && tl <= 48 && (small || count) &&
            ((x->flags & DC_N_HEADING) || 2 * x->own_link < x->own_chars) &&
            (tt = tail_title(t, tl)) && (small || tt == 2)) {
            /* a box set inside the story ("Read also" and a teaser
             * removed), with the story going on beside the title: the
             * title alone goes */
            int32_t box = k + 1 < n ? box_in_story(d, root, s, k) : -1;
            if (box >= 0) {
                a[box].flags |= DC_N_DROP;
                continue;
            }
            for (int32_t j = s[k].node; j <= a[root].end; j = a[j].end + 1)
                a[j].flags |= DC_N_DROP;
            return;
        }
        before += s[k].len;
    }
}

/* Whether a repeat of a block first seen under parent a, now under b,
 * is the author's: among its original's siblings (a refrain, a test
 * text), or in a sibling wrapper that holds other text (the next section
 * of the story). A wrapper copied whole (the same text for another
 * screen size) and repeats elsewhere are the template's. */
static int authors_repeat(const dc_node *n, int32_t a, int32_t b)
{
    return a == b || (a >= 0 && b >= 0 && n[a].parent == n[b].parent && n[a].chars != n[b].chars);
}

/* Drops repeats of a block seen earlier, and a lead whose text the next
 * prose block starts with (a standfirst repeated by the body). */
static int dedupe(dc_doc *d, const dc_buf *txt, const span *s, size_t n, const char *title)
{
    dc_buf tnorm = DC_BUF_INIT;
    if (title)
        dc_norm_append(&tnorm, title, strlen(title));

    size_t slots = 16;
    while (slots < 2 * n)
        slots *= 2;
    uint64_t *seen = calloc(slots, sizeof *seen);
    int32_t *where = malloc(slots * sizeof *where);
    if (!seen || !where || tnorm.oom) {
        free(seen);
        free(where);
        dc_buf_free(&tnorm);
        return -1;
    }
    for (size_t k = 0; k < n && txt->ptr; k++) {
        const char *p = txt->ptr + s[k].off;
        size_t len = s[k].len;
        dc_node *x = &d->n[s[k].node];
        if (!len || s[k].mixed)
            continue;
        if ((x->flags & DC_N_HEADING) && tnorm.size == len && memcmp(tnorm.ptr, p, len) == 0) {
            x->flags |= DC_N_DROP;
            continue;
        }
        int32_t first;
        if (len >= 20 && seen_before(seen, where, slots - 1, dc_norm_hash(p, len), x->parent, &first) &&
            !(len >= SIBREP && authors_repeat(d->n, first, x->parent))) {
            x->flags |= DC_N_DROP;
            continue;
        }
        if (len >= 40) {
            for (size_t m = k + 1; m < n && m <= k + 3; m++) {
                const char *q = txt->ptr + s[m].off;
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

/* A closing line of an article ("Thanks for reading!", "I hope you
 * like it."): a sentence of CLOSEWORDS words or more, without links,
 * ending in a full stop, an exclamation or question mark or an ellipsis
 * (closing quotes and brackets aside), or in an emoji. */
#define CLOSEWORDS 4
static size_t fold_block(const dc_doc *d, int32_t b, char *out, size_t cap);
static int closing_line(const dc_doc *d, int32_t b)
{
    const dc_node *x = &d->n[b];
    if ((x->flags & DC_N_HEADING) || x->own_link || !x->own_chars)
        return 0;
    char buf[512];
    size_t n = fold_block(d, b, buf, sizeof buf);
    if (n + 4 >= sizeof buf)
        return 0;
    size_t words = 1;
    for (size_t k = 0; k < n; k++)
        words += buf[k] == ' ';
    if (words < CLOSEWORDS)
        return 0;
    const unsigned char *e = (const unsigned char *)buf;
    /* a smiley typed out (folded to lower case): ":)", ";-)", "=)", "<3", ":d" */
    if (n >= 3 && e[n - 3] == ' ' &&
        (((e[n - 2] == ':' || e[n - 2] == ';' || e[n - 2] == '=') &&
          (e[n - 1] == ')' || e[n - 1] == 'd' || e[n - 1] == 'p')) ||
         (e[n - 2] == '<' && e[n - 1] == '3') || (e[n - 2] == '(' && e[n - 1] == ':')))
        return 1;
    if (n >= 4 && e[n - 4] == ' ' && (e[n - 3] == ':' || e[n - 3] == ';') && e[n - 2] == '-' &&
        e[n - 1] == ')')
        return 1;
    for (;;) {
        if (n && (e[n - 1] == '"' || e[n - 1] == '\'' || e[n - 1] == ')'))
            n--;
        else if (n >= 2 && e[n - 2] == 0xC2 && (e[n - 1] == 0xAB || e[n - 1] == 0xBB))
            n -= 2; /* « » */
        else if (n >= 3 && e[n - 3] == 0xE2 && e[n - 2] == 0x80 &&
                 (e[n - 1] >= 0x98 && e[n - 1] <= 0x9E))
            n -= 3; /* ‘ ’ “ ” „ */
        else
            break;
    }
    if (!n)
        return 0;
    if (e[n - 1] == '.' || e[n - 1] == '!' || e[n - 1] == '?')
        return 1;
    if (n >= 3 && e[n - 3] == 0xE2 && e[n - 2] == 0x80 && e[n - 1] == 0xA6)
        return 1; /* … */
    /* an emoji */
    size_t k = n - 1;
    while (k && (e[k] & 0xC0) == 0x80)
        k--;
    return e[k] == 0xF0 && n - k == 4 && e[k + 1] == 0x9F;
}

/* A signature: a line of at most SIGWORDS words without links, a colon
 * or a digit, not ending in a full stop or an ellipsis ("x Anna",
 * "Cheers, Tom"). */
#define SIGWORDS 3
static int signature(const dc_doc *d, int32_t b)
{
    const dc_node *x = &d->n[b];
    if ((x->flags & DC_N_HEADING) || x->own_link || !x->own_chars || x->chars > 40)
        return 0;
    char buf[64];
    size_t n = fold_block(d, b, buf, sizeof buf);
    size_t words = 1;
    for (size_t k = 0; k < n; k++) {
        if (buf[k] == ':' || (buf[k] >= '0' && buf[k] <= '9'))
            return 0;
        words += buf[k] == ' ';
    }
    /* not a status line ("Loading...", "Loading…") */
    return n > 0 && words <= SIGWORDS && buf[n - 1] != '.' &&
           !(n >= 3 && (unsigned char)buf[n - 3] == 0xE2 && (unsigned char)buf[n - 1] == 0xA6);
}

/* Whether text block b is the last text of root, with nothing removed
 * after it. */
static int last_text(const dc_doc *d, int32_t b, int32_t root)
{
    const dc_node *a = d->n;
    for (int32_t i = a[b].end + 1; i <= a[root].end; i++) {
        if (a[i].flags & DC_N_SKIP) {
            i = a[i].end;
            continue;
        }
        if ((a[i].flags & DC_N_TEXT) && !(a[i].flags & DC_N_WHITESPACE))
            return 0;
    }
    return !removed_between(d, a[b].end, a[root].end + 1);
}

/* Short blocks after the last prose block are the region's tail: "more
 * on this topic", ratings, sign-offs; the closing sentences beside it
 * stay. (Short blocks before the first one are kept: on product and
 * service pages they are content.) */
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
    /* the article's closing lines stay: sentences without links right
     * after the last prose block, its siblings */
    int closing = 1, kept = 0;
    for (int32_t i = a[last].end + 1; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x)) {
            if (x->chars)
                closing = 0;
            i = x->end;
            continue;
        }
        if (x->flags & DC_N_ITEMS) {
            closing = 0;
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXTBLOCK) || x->blocks > 1 || structured(d, i, root))
            continue;
        int was = closing && kept;
        closing = closing && x->parent == a[last].parent && closing_line(d, i);
        kept += closing;
        /* a signature after the closing lines ("x Anna"): the page's last
         * text, nothing removed after it */
        if (!closing && was && x->parent == a[last].parent &&
            signature(d, i) && last_text(d, i, root))
            break;
        if (!closing)
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

static int class_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* An element's kind among its siblings: tag and first class name. */
static uint32_t kind(const dc_node *x)
{
    uint32_t h = 2166136261u ^ x->tag;
    const char *c = dc_attr(x->g, "class");
    if (c)
        while (class_space(*c))
            c++;
    for (; c && *c && !class_space(*c); c++)
        h = (h ^ (unsigned char)*c) * 16777619u;
    return h;
}

/* A product card: a picture and a link to another product with a line or
 * two of text that holds a figure (a price, a rating), under CARDMAX
 * letters and digits. figure[] tells, per node below the region's root,
 * whether its visible text holds a digit. */
#define CARDMAX 250
static int card(const dc_node *x, const unsigned char *figure)
{
    return (x->flags & DC_N_ELEMENT) && !dc_hidden(x) && (x->flags & DC_N_MEDIA) && x->vlink &&
           x->vchars && x->vchars <= CARDMAX && *figure;
}

/* On a product page, CARDRUN or more alike product cards side by side
 * are a shelf of other products ("You may also like", "Recently
 * viewed", accessories): they go, and drop_orphan_headings takes their
 * title. 0, or -1 out of memory. */
#define CARDRUN 3
static int drop_shelves(dc_doc *d, int32_t root)
{
    dc_node *a = d->n;
    unsigned char *figure = calloc((size_t)(a[root].end - root + 1), 1);
    if (!figure)
        return -1;
    for (int32_t i = a[root].end; i > root; i--) {
        const dc_node *x = &a[i];
        if (x->flags & DC_N_SKIP)
            continue;
        if ((x->flags & DC_N_TEXT) && !(x->flags & DC_N_WHITESPACE) && !figure[i - root])
            figure[i - root] = strpbrk(x->text, "0123456789") != NULL;
        if (figure[i - root])
            figure[x->parent - root] = 1;
    }
    for (int32_t i = root; i <= a[root].end; i++) {
        const dc_node *p = &a[i];
        if (dc_hidden(p)) {
            i = p->end;
            continue;
        }
        if (!(p->flags & DC_N_ELEMENT) || p->end <= i)
            continue;
        /* runs of alike cards among p's children */
        int32_t first = -1;
        uint32_t sig = 0, count = 0;
        for (int32_t c = i + 1;; c = a[c].end + 1) {
            int in = c <= p->end && card(&a[c], &figure[c - root]);
            uint32_t k = in ? kind(&a[c]) : 0;
            if (first >= 0 && (!in || k != sig)) {
                if (count >= CARDRUN)
                    for (int32_t j = first; j < c; j = a[j].end + 1)
                        a[j].flags |= DC_N_DROP;
                first = -1;
            }
            if (c > p->end)
                break;
            if (in && first < 0) {
                first = c;
                sig = k;
                count = 0;
            }
            count += in;
        }
    }
    free(figure);
    return 0;
}

/* Stock lines: the short notes that site software and editors put around
 * an article in every language (a comment prompt, a rating widget, the
 * post's update line, a reading time, an advertising notice; picture
 * credits stay, as readers may want them). Each entry is matched, lower case, against the
 * start of a short block's text: STOCK_WHOLE when it is the whole block
 * (punctuation aside), STOCK_LEAD when the block begins with it, STOCK_LABEL
 * when it is a label (a colon follows, maybe after a number: "Lesezeit:",
 * "Join Date:"), STOCK_TAG when it tags the notice that follows
 * ("Anzeige: ...", "*Werbung. Dieser Beitrag ..."; a sentence that begins
 * with the word is no notice). */
enum { STOCK_WHOLE, STOCK_LEAD, STOCK_LABEL, STOCK_TAG };
typedef struct stock {
    unsigned char kind;
    const char *s;
} stock;
static const stock stock_lines[] = {
    /* comment prompts and login stubs */
    {STOCK_WHOLE, "add a comment"}, {STOCK_WHOLE, "post a comment"},
    {STOCK_WHOLE, "write a comment"}, {STOCK_LEAD, "leave a comment"}, {STOCK_LEAD, "leave a reply"},
    {STOCK_LEAD, "you must be logged in"}, {STOCK_LEAD, "you must log in"},
    {STOCK_LEAD, "you need to be logged in"}, {STOCK_LEAD, "you must be signed in"},
    {STOCK_WHOLE, "kommentieren"}, {STOCK_WHOLE, "jetzt kommentieren"},
    {STOCK_WHOLE, "kommentar verfassen"}, {STOCK_WHOLE, "kommentar schreiben"},
    {STOCK_LEAD, "hinterlasse jetzt einen kommentar"}, {STOCK_LEAD, "hinterlasse einen kommentar"},
    {STOCK_LEAD, "schreibe einen kommentar"}, {STOCK_LEAD, "sie müssen sich einloggen"},
    {STOCK_LEAD, "sie müssen angemeldet sein"}, {STOCK_LEAD, "sie müssen eingeloggt sein"},
    {STOCK_LEAD, "du musst angemeldet sein"}, {STOCK_LEAD, "du musst dich anmelden"},
    {STOCK_LEAD, "laisser un commentaire"}, {STOCK_WHOLE, "ajouter un commentaire"},
    {STOCK_LEAD, "vous devez être connecté"}, {STOCK_LEAD, "deja un comentario"},
    {STOCK_LEAD, "dejar un comentario"}, {STOCK_LEAD, "debes iniciar sesión"},
    {STOCK_LEAD, "lascia un commento"}, {STOCK_LEAD, "devi essere connesso"},
    {STOCK_LEAD, "dodaj komentarz"}, {STOCK_LEAD, "musisz być zalogowany"},
    {STOCK_LEAD, "laat een reactie achter"}, {STOCK_LEAD, "plaats een reactie"},
    {STOCK_LEAD, "deixe um comentário"}, {STOCK_LEAD, "deixe uma resposta"},
    /* rating widgets */
    {STOCK_WHOLE, "rate this"}, {STOCK_WHOLE, "rate this article"}, {STOCK_WHOLE, "rate this post"},
    {STOCK_LEAD, "was this article helpful"}, {STOCK_LEAD, "was this page helpful"},
    {STOCK_LEAD, "was this helpful"}, {STOCK_LEAD, "no ratings yet"}, {STOCK_LEAD, "no votes yet"},
    {STOCK_WHOLE, "bewerten"}, {STOCK_WHOLE, "artikel bewerten"}, {STOCK_WHOLE, "beitrag bewerten"},
    {STOCK_LEAD, "war der artikel nützlich"}, {STOCK_LEAD, "war der artikel hilfreich"},
    {STOCK_LEAD, "war dieser artikel hilfreich"}, {STOCK_LEAD, "war dieser beitrag hilfreich"},
    {STOCK_LEAD, "war diese seite hilfreich"}, {STOCK_LEAD, "noch keine bewertungen"},
    {STOCK_LEAD, "cet article vous a-t-il été utile"}, {STOCK_LEAD, "¿te ha resultado útil"},
    {STOCK_LEAD, "czy ten artykuł był pomocny"}, {STOCK_LEAD, "oceń artykuł"},
    /* the post's publication line */
    {STOCK_LEAD, "this entry was posted"}, {STOCK_LEAD, "this entry was filed"},
    {STOCK_LEAD, "this post was posted"}, {STOCK_LEAD, "dieser eintrag wurde"},
    {STOCK_LEAD, "dieser beitrag wurde"}, {STOCK_LEAD, "dieser artikel wurde"},
    {STOCK_LEAD, "der beitrag wurde am"}, {STOCK_LEAD, "der artikel wurde am"},
    {STOCK_LEAD, "erstellt am"}, {STOCK_LEAD, "aktualisiert am"}, {STOCK_LEAD, "zuletzt aktualisiert"},
    {STOCK_LABEL, "aktualisiert"}, {STOCK_LEAD, "mis à jour le"}, {STOCK_LEAD, "actualizado el"},
    {STOCK_LEAD, "aggiornato il"}, {STOCK_LABEL, "aktualizacja"}, {STOCK_LEAD, "bijgewerkt op"},
    {STOCK_LEAD, "atualizado em"},
    /* the reviewer's credit beside the byline */
    {STOCK_LEAD, "medically reviewed by"},
    {STOCK_LEAD, "fact checked by"}, {STOCK_LEAD, "fact-checked by"},
    {STOCK_LEAD, "medizinisch geprüft von"}, {STOCK_LEAD, "fachlich geprüft von"},
    /* reading time (and "5 min read", see read_time) */
    {STOCK_LABEL, "reading time"}, {STOCK_LABEL, "read time"}, {STOCK_LABEL, "lesezeit"},
    {STOCK_LABEL, "temps de lecture"}, {STOCK_LABEL, "tiempo de lectura"},
    {STOCK_LABEL, "tempo di lettura"}, {STOCK_LABEL, "czas czytania"}, {STOCK_LABEL, "leestijd"},
    {STOCK_LABEL, "tempo de leitura"},
    /* forum software's bars around a post: a quote's expand link, a
     * post's link and share menu, a quote's label (and "7 likes", see
     * likes_line) */
    {STOCK_WHOLE, "click to expand"}, {STOCK_WHOLE, "click to shrink"},
    {STOCK_WHOLE, "link to comment"}, {STOCK_WHOLE, "share on other sites"},
    {STOCK_WHOLE, "quote"},
    /* the poster's panel: "Join Date: Mar 2016" (and "Posts: 701", see
     * likes_line) */
    {STOCK_LABEL, "join date"},
    /* the controls of a list or a shop, written out as text: a teaser's
     * link on, a list's sorting and paging, a product card's buttons */
    {STOCK_WHOLE, "read more"}, {STOCK_WHOLE, "continue reading"}, {STOCK_WHOLE, "load more"},
    {STOCK_WHOLE, "show more"}, {STOCK_WHOLE, "see more"}, {STOCK_WHOLE, "view more"},
    {STOCK_WHOLE, "view all"}, {STOCK_WHOLE, "see all"}, {STOCK_WHOLE, "sort by"},
    {STOCK_WHOLE, "filter"}, {STOCK_WHOLE, "filters"}, {STOCK_WHOLE, "filter by"},
    {STOCK_WHOLE, "clear all"}, {STOCK_WHOLE, "quick view"}, {STOCK_WHOLE, "quick shop"},
    {STOCK_WHOLE, "add to cart"}, {STOCK_WHOLE, "add to bag"}, {STOCK_WHOLE, "add to basket"},
    {STOCK_WHOLE, "add to wishlist"}, {STOCK_WHOLE, "add to compare"}, {STOCK_WHOLE, "compare"},
    {STOCK_WHOLE, "sold out"},
    {STOCK_WHOLE, "weiterlesen"}, {STOCK_WHOLE, "mehr lesen"}, {STOCK_WHOLE, "mehr anzeigen"},
    {STOCK_WHOLE, "alle anzeigen"}, {STOCK_WHOLE, "sortieren nach"},
    {STOCK_WHOLE, "in den warenkorb"}, {STOCK_WHOLE, "lire la suite"}, {STOCK_WHOLE, "voir plus"},
    {STOCK_WHOLE, "ajouter au panier"}, {STOCK_WHOLE, "leer más"}, {STOCK_WHOLE, "ver más"},
    {STOCK_WHOLE, "añadir al carrito"}, {STOCK_WHOLE, "leggi di più"},
    {STOCK_WHOLE, "aggiungi al carrello"}, {STOCK_WHOLE, "czytaj więcej"},
    {STOCK_WHOLE, "lees meer"},
    /* advertising and affiliate notices */
    {STOCK_TAG, "anzeige"}, {STOCK_TAG, "werbung"}, {STOCK_TAG, "advertisement"},
    {STOCK_TAG, "sponsored"}, {STOCK_TAG, "publicité"}, {STOCK_TAG, "publicidad"},
    {STOCK_TAG, "pubblicità"}, {STOCK_TAG, "reklama"}, {STOCK_TAG, "advertentie"},
    {STOCK_LEAD, "advertising disclosure"}, {STOCK_LEAD, "this post contains affiliate"},
    {STOCK_LEAD, "this post may contain affiliate"}, {STOCK_LEAD, "this article contains affiliate"},
    {STOCK_LEAD, "dieser beitrag enthält"}, {STOCK_LEAD, "dieser artikel enthält"},
};

/* Stock lines are short: at most STOCKMAX characters (non-space). */
#define STOCKMAX 200

/* A letter or digit (any non-ASCII byte counts as part of a word). */
static int word_byte(unsigned char c)
{
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* The text of block b, lower case, with runs of white space (and
 * no-break spaces) as one space and none at the ends, in out[cap]. */
static size_t fold_block(const dc_doc *d, int32_t b, char *out, size_t cap)
{
    const dc_node *a = d->n;
    size_t n = 0;
    int space = 1;
    for (int32_t j = b + 1; j <= a[b].end && n + 3 < cap; j++) {
        if (dc_hidden(&a[j])) {
            j = a[j].end;
            continue;
        }
        if (!(a[j].flags & DC_N_TEXT))
            continue;
        for (const unsigned char *t = (const unsigned char *)a[j].text; *t && n + 3 < cap; t++) {
            unsigned c = *t;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
                (c == 0xC2 && t[1] == 0xA0)) {
                if (c == 0xC2)
                    t++;
                if (!space)
                    out[n++] = ' ';
                space = 1;
                continue;
            }
            space = 0;
            if (c >= 0xC2 && c <= 0xDF && (t[1] & 0xC0) == 0x80) {
                unsigned cp = fold_cp(((c & 0x1Fu) << 6) | (t[1] & 0x3Fu));
                out[n++] = (char)(0xC0 | (cp >> 6));
                out[n++] = (char)(0x80 | (cp & 0x3F));
                t++;
            } else {
                out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            }
        }
    }
    while (n && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
    return n;
}

/* "5 min read", "11 minut czytania", "3 Minuten Lesezeit": a number, a
 * word for minutes and one for reading. */
static int read_time(const char *s)
{
    static const char *const reading[] = {"read", "lesezeit", "lesedauer", "czytania",
                                          "de lecture", "de lectura", "di lettura",
                                          "leestijd", "de leitura", "läsning", "läsetid"};
    for (const char *p = s; *p; p++) {
        if (!(*p >= '0' && *p <= '9') || (p[1] >= '0' && p[1] <= '9'))
            continue;
        const char *q = p + 1;
        if (*q == ' ')
            q++;
        if (strncmp(q, "min", 3) != 0)
            continue;
        while (*q >= 'a' && *q <= 'z')
            q++;
        if (*q == '.')
            q++;
        if (*q++ != ' ')
            continue;
        for (size_t i = 0; i < sizeof reading / sizeof *reading; i++) {
            size_t k = strlen(reading[i]);
            const char *r = q + k;
            if (strncmp(q, reading[i], k) != 0 || word_byte((unsigned char)*r))
                continue;
            /* the end of the line, or a separator: not "20 minutes
             * read Wings 16" */
            while (*r == ' ')
                r++;
            if (!((unsigned char)*r < 0x80 && word_byte((unsigned char)*r)))
                return 1;
        }
    }
    return 0;
}

/* "1 like", "7 likes": a post's reaction count, the whole block; and
 * the poster's "posts: 701". */
static int likes_line(const char *s)
{
    const char *p = s;
    if (strncmp(p, "posts: ", 7) == 0) {
        for (p += 7; (*p >= '0' && *p <= '9') || *p == ',' || *p == '.'; p++)
            ;
        return p > s + 7 && *p == '\0';
    }
    while ((*p >= '0' && *p <= '9') || (p > s && (*p == ',' || *p == '.')))
        p++;
    if (p == s || *p++ != ' ' || strncmp(p, "like", 4) != 0)
        return 0;
    p += 4;
    if (*p == 's')
        p++;
    return *p == '\0';
}

/* Whether the folded text s is a stock line. */
static int stock_line(const char *s)
{
    while (*s == ' ' || *s == '(' || *s == '[' || *s == '*' || *s == '-' || *s == '|')
        s++;
    for (size_t i = 0; i < sizeof stock_lines / sizeof *stock_lines; i++) {
        const stock *e = &stock_lines[i];
        size_t k = 0; /* how far s begins with the entry */
        while (e->s[k] && s[k] == e->s[k])
            k++;
        if (e->s[k] || word_byte((unsigned char)s[k]))
            continue;
        const char *r = s + k;
        if (e->kind == STOCK_LEAD)
            return 1;
        if (e->kind == STOCK_TAG) {
            while (*r == ' ')
                r++;
            if (!*r)
                return 1; /* the label alone, its advert removed */
            if (strchr(":,.;|)]*-/", *r)) {
                while (*r && !word_byte((unsigned char)*r))
                    r++;
                if (*r)
                    return 1;
            }
        } else if (e->kind == STOCK_WHOLE) {
            while (*r && !word_byte((unsigned char)*r))
                r++;
            if (!*r)
                return 1;
        } else {
            while (*r == ' ' || *r == '.' || (*r >= '0' && *r <= '9'))
                r++;
            if (*r == ':')
                return 1;
        }
    }
    return read_time(s) || likes_line(s);
}

/* Drops the short blocks of root that are stock lines. */
static void drop_stock_lines(dc_doc *d, int32_t root)
{
    dc_node *a = d->n;
    char buf[4 * STOCKMAX + 64];
    for (int32_t i = root; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (dc_hidden(x)) {
            i = x->end;
            continue;
        }
        if (!(x->flags & DC_N_TEXTBLOCK) || x->blocks > 1)
            continue;
        /* a table's cells are data ("Werbung: S. 94") */
        if (x->chars <= STOCKMAX && !(x->flags & DC_N_TABLEISH) &&
            !(a[x->parent].flags & DC_N_TABLEISH)) {
            fold_block(d, i, buf, sizeof buf);
            if (stock_line(buf))
                x->flags |= DC_N_DROP;
        }
        i = x->end;
    }
}

/* Whether a text field invites a reader's own words: a name, address,
 * message (not a choice among the page's options). */
static int entry_field(const dc_node *x)
{
    if (x->tag == GUMBO_TAG_TEXTAREA || x->tag == GUMBO_TAG_SELECT)
        return 1;
    if (x->tag != GUMBO_TAG_INPUT)
        return 0;
    const char *type = dc_attr(x->g, "type");
    static const char *const entry[] = {"text", "email", "tel", "password", "url", "checkbox"};
    if (!type)
        return 1;
    for (size_t k = 0; k < sizeof entry / sizeof *entry; k++)
        if (strcasecmp(type, entry[k]) == 0)
            return 1;
    return 0;
}

/* A form to fill in: two or more fields for a reader's own words, and
 * only short text, labels and notes (a contact, sign-up or comment form).
 * A form of choices (a calculator, a shop's order form with its options)
 * and one with prose of its own are the page's content. */
#define FORMFIELDS 2
#define FORMTEXT 100
static int fill_in_form(const dc_doc *d, int32_t i, int32_t root)
{
    const dc_node *a = d->n;
    if (a[i].tag != GUMBO_TAG_FORM || i == root || 2 * a[i].chars >= a[root].chars ||
        (d->product & 2))
        return 0;
    int fields = 0;
    for (int32_t j = i + 1; j <= a[i].end; j++) {
        if ((a[j].flags & DC_N_TEXTBLOCK) && a[j].own_chars > FORMTEXT && !(a[j].flags & DC_N_SKIP))
            return 0;
        fields += entry_field(&a[j]);
    }
    return fields >= FORMFIELDS;
}

/* PHP's diagnostics printed into the page by a failing server script:
 * "<b>Warning</b>:  foo(): ... in <b>/path/x.php</b> on line <b>299</b>"
 * (html_errors on), or the same in one plain text. Never the author's.
 * The level's name opens the run; " on line " and its number close it
 * within a few siblings. */
static const char *const php_levels[] = {"Warning", "Notice", "Deprecated", "Fatal error",
                                         "Parse error", "Strict Standards",
                                         "Catchable fatal error", "Recoverable fatal error"};
#define PHPRUN 8

/* The length of the level's name that t opens with ("Warning" ...), 0 if
 * none; leading white space is skipped and counted. */
static size_t php_level(const char *t)
{
    size_t sp = strspn(t, " \t\n\r");
    for (size_t i = 0; i < sizeof php_levels / sizeof *php_levels; i++) {
        size_t k = strlen(php_levels[i]);
        if (strncmp(t + sp, php_levels[i], k) == 0)
            return sp + k;
    }
    return 0;
}

/* The text of node j: a text node's, or that of an element whose only
 * child is a text node ("<b>299</b>"); NULL otherwise. */
static const char *plain_text(const dc_node *a, int32_t j)
{
    if (a[j].flags & DC_N_TEXT)
        return a[j].text;
    if ((a[j].flags & DC_N_ELEMENT) && a[j].end == j + 1 && (a[j + 1].flags & DC_N_TEXT))
        return a[j + 1].text;
    return NULL;
}

/* Drops PHP's diagnostics from root: from the level's name (a text that
 * opens with it, or an element holding only it, then a text opening with
 * ':') over at most PHPRUN siblings to the line number after " on line ",
 * with " in " (the script's path) between. */
static void drop_php_errors(dc_doc *d, int32_t root)
{
    dc_node *a = d->n;
    for (int32_t i = root + 1; i <= a[root].end; i++) {
        const char *t = plain_text(a, i);
        size_t k;
        if (!t || (a[i].flags & DC_N_PRE) || !(k = php_level(t)))
            continue;
        const char *rest = t + k;
        if (!(a[i].flags & DC_N_TEXT)) {
            int32_t j = a[i].end + 1;
            if (rest[strspn(rest, " ")] || j > a[root].end || a[j].parent != a[i].parent ||
                !(a[j].flags & DC_N_TEXT))
                continue;
            rest = a[j].text;
        }
        if (*rest != ':')
            continue;
        int32_t last = -1, s = i;
        int has_in = 0;
        for (int n = 0; n < PHPRUN && s <= a[root].end && a[s].parent == a[i].parent;
             n++, s = a[s].end + 1) {
            const char *u = plain_text(a, s);
            if (!u)
                break;
            const char *p = strstr(u, " on line");
            has_in |= strstr(u, " in ") != NULL && (!p || strstr(u, " in ") < p);
            if (!p)
                continue;
            p += 8;
            p += strspn(p, " ");
            if (*p >= '0' && *p <= '9') {
                /* in one text: nothing but the number may follow */
                p += strspn(p, "0123456789");
                if (!p[strspn(p, " \t\n\r")])
                    last = s;
            } else if (!*p && a[s].end + 1 <= a[root].end && a[a[s].end + 1].parent == a[i].parent) {
                const char *v = plain_text(a, a[s].end + 1);
                if (v && *v >= '0' && *v <= '9' && !v[strspn(v, "0123456789")])
                    last = a[s].end + 1;
            }
            break;
        }
        if (last < 0 || !has_in)
            continue;
        for (int32_t j = i; j <= last; j = a[j].end + 1)
            a[j].flags |= DC_N_DROP;
        i = a[last].end;
    }
}

/* Whether list l is a table of contents: two links or more, all to
 * anchors in the page ("#section-2"). */
static int toc_list(const dc_node *a, int32_t l)
{
    unsigned n = 0;
    for (int32_t j = l + 1; j <= a[l].end; j++) {
        if (a[j].tag != GUMBO_TAG_A || !(a[j].flags & DC_N_ELEMENT))
            continue;
        const char *h = dc_attr(a[j].g, "href");
        if (!h || h[0] != '#')
            return 0;
        n++;
    }
    return n >= 2;
}

/* The title of a table of contents ("Table of contents", "In this
 * article", "Inhalt"): a short line without links, not a heading (a
 * section's heading may sit over its own menu of anchors), right before
 * the box that holds only the list; the list's links go anyway. */
#define TOCTITLE 40
static void drop_toc_titles(dc_doc *d, int32_t root)
{
    dc_node *a = d->n;
    for (int32_t i = root + 1; i <= a[root].end; i++) {
        if (a[i].tag != GUMBO_TAG_UL && a[i].tag != GUMBO_TAG_OL)
            continue;
        if (!toc_list(a, i)) {
            i = a[i].end; /* its sublists are parts of it */
            continue;
        }
        int32_t box = i;
        while (a[box].parent > root && a[a[box].parent].chars == a[i].chars)
            box = a[box].parent;
        int32_t prev = -1, p = a[box].parent;
        for (int32_t c = p + 1; c < box; c = a[c].end + 1)
            if (a[c].chars)
                prev = c;
        if (prev >= 0 && a[prev].chars <= TOCTITLE && !a[prev].link_chars && !dc_hidden(&a[prev]) &&
            !(a[prev].flags & DC_N_HEADING))
            a[prev].flags |= DC_N_DROP;
        i = a[i].end;
    }
}

int dc_clean(dc_doc *d, int32_t root, const GumboNode *title_h1, const char *title)
{
    dc_node *a = d->n;
    int32_t items_end = -1; /* last node of the repeated items being walked */
    drop_php_errors(d, root);
    for (int32_t i = root; i <= a[root].end; i++) {
        dc_node *x = &a[i];
        if (x->flags & (DC_N_SKIP | DC_N_NEGZONE)) {
            i = x->end;
            continue;
        }
        if ((x->flags & DC_N_ITEMS) && x->end > items_end)
            items_end = x->end;
        int links_kept = d->listing || i <= items_end || d->bias > 0;
        if (x->g == title_h1 || fill_in_form(d, i, root) || button_like(x) ||
            (!links_kept && ((link_list(x) && !data_table(d, i)) ||
                             (link_block(x) && !data_cell(d, x)))) ||
            ((x->flags & DC_N_TEXTBLOCK) && x->blocks == 1 && machine_text(d, i))) {
            x->flags |= DC_N_DROP;
            i = x->end;
        }
    }
    if (d->product == (2 | 4) && !d->listing && d->bias <= 0 && drop_shelves(d, root))
        return -1;
    dc_buf txt = DC_BUF_INIT;
    span *s = NULL;
    size_t n = 0;
    if (collect(d, root, &txt, &s, &n)) {
        dc_buf_free(&txt);
        return -1;
    }
    int rc = dedupe(d, &txt, s, n, title);
    if (!rc && !d->forum && !d->listing && d->bias <= 0 && txt.ptr)
        cut_tail_sections(d, root, &txt, s, n);
    free(s);
    dc_buf_free(&txt);
    if (rc)
        return -1;
    if (!d->listing && d->forum != DC_FORUM_THREAD && d->bias <= 0)
        trim_tail(d, root);
    drop_orphan_headings(d, root);
    if (d->bias <= 0) {
        drop_stock_lines(d, root);
        drop_toc_titles(d, root);
    }
    return 0;
}
