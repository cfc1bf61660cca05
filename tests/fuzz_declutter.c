/* libFuzzer target: the whole library on arbitrary bytes.
 *
 * The first byte picks the options (bits 0-2 the forced encoding, 3 the
 * hint, 4 a small max_bytes, 5 a url, 6 a small max_depth, 7
 * depth_error); the rest is the page. Every result must have a valid
 * status, UTF-8 text and fields, and render to UTF-8 text and valid JSON.
 * The same bytes also go through the prefilter and gumbo directly, to
 * check the bounds the prefilter promises: tree depth near the limit and
 * a node count linear in the input. */
#include <gumbo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "declutter.h"
#include "prefilter.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(c)                                                                   \
    do {                                                                           \
        if (!(c)) {                                                                \
            fprintf(stderr, "check failed: %s (%s:%d)\n", #c, __FILE__, __LINE__); \
            abort();                                                               \
        }                                                                          \
    } while (0)

static const char *const encodings[8] = {
    NULL, "utf-8", "windows-1251", "shift_jis", "no-such-charset", "utf-16le", "iso-2022-jp",
    "gb18030",
};

/* Deepest node and node count, without recursion. */
static void tree_shape(const GumboNode *root, size_t *depth, size_t *count)
{
    size_t cap = 256, sp = 0;
    struct frame {
        const GumboNode *n;
        unsigned next;
    } *st = malloc(cap * sizeof *st);
    CHECK(st);
    *depth = 0;
    *count = 0;
    st[sp++] = (struct frame){root, 0};
    while (sp) {
        struct frame *f = &st[sp - 1];
        const GumboVector *v = NULL;
        if (f->n->type == GUMBO_NODE_ELEMENT || f->n->type == GUMBO_NODE_TEMPLATE)
            v = &f->n->v.element.children;
        else if (f->n->type == GUMBO_NODE_DOCUMENT)
            v = &f->n->v.document.children;
        if (!v || f->next >= v->length) {
            sp--;
            continue;
        }
        const GumboNode *c = v->data[f->next++];
        (*count)++;
        if (sp == cap) {
            cap *= 2;
            st = realloc(st, cap * sizeof *st);
            CHECK(st);
        }
        st[sp++] = (struct frame){c, 0};
        if (sp - 1 > *depth)
            *depth = sp - 1;
    }
    free(st);
}

static void check_prefilter(const char *page, size_t len, unsigned max_depth)
{
    dc_buf out = DC_BUF_INIT;
    dc_prefilter_info info;
    CHECK(dc_prefilter(page, len, max_depth, &out, &info) == 0);
    GumboOptions go = kGumboDefaultOptions;
    go.max_errors = 0;
    GumboOutput *g = gumbo_parse_with_options(&go, out.size ? out.ptr : "", out.size);
    CHECK(g);
    size_t depth, count;
    tree_shape(g->document, &depth, &count);
    /* formatting elements (64) and table wrappers may come on top */
    CHECK(depth <= max_depth + 80);
    CHECK(count <= 4 * len + 300000);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    dc_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    const char *page = (const char *)data + 1;
    size_t len = size - 1;

    declutter_options o;
    declutter_options_init(&o);
    o.encoding = encodings[sel & 7];
    if (sel & 8)
        o.encoding_hint = "euc-kr";
    if (sel & 16)
        o.max_bytes = 1000;
    if (sel & 32)
        o.url = "https://example.org/a?b=\"c\"&d=\xc3\xa9";
    if (sel & 64)
        o.max_depth = 24;
    o.depth_error = (sel & 128) != 0;

    declutter_result *r = NULL;
    declutter_status st = declutter_extract(page, len, &o, &r);
    CHECK(st >= DECLUTTER_OK && st <= DECLUTTER_LIMIT);
    CHECK(st == DECLUTTER_NO_MEMORY || r);
    if (r) {
        CHECK(declutter_result_status(r) == st);
        const char *text = declutter_result_text(r);
        CHECK(text && valid_utf8(text, strlen(text)));
        const char *err = declutter_result_error(r);
        CHECK(err && valid_utf8(err, strlen(err)));
        CHECK((st == DECLUTTER_OK) == (*text != '\0'));
        for (int f = 0; f < DECLUTTER_FIELD_COUNT_; f++) {
            const char *v = declutter_result_field(r, (declutter_field)f);
            CHECK(!v || valid_utf8(v, strlen(v)));
        }
        char *buf = NULL;
        size_t n = 0;
        CHECK(declutter_render(r, DECLUTTER_FORMAT_TEXT, &buf, &n) == DECLUTTER_OK);
        CHECK(buf && n == strlen(buf) && valid_utf8(buf, n));
        declutter_free(buf);
        CHECK(declutter_render(r, DECLUTTER_FORMAT_JSON, &buf, &n) == DECLUTTER_OK);
        CHECK(buf && n == strlen(buf) && valid_utf8(buf, n) && valid_json(buf, n));
        declutter_free(buf);
        declutter_result_free(r);
    }

    check_prefilter(page, len, o.max_depth ? o.max_depth : DC_DEPTH_DEFAULT);
    return 0;
}
