/* Shared helpers for the Check suites: parse a snippet, run stages. */
#ifndef DC_TESTUTIL_H
#define DC_TESTUTIL_H

#include <check.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "choose.h"
#include "clean.h"
#include "measure.h"
#include "render.h"

typedef struct page {
    GumboOutput *g;
    dc_doc d;
    int32_t root;
    char *text;
} page;

/* Parses html, measures, chooses (with bias DC_BIAS_*), cleans and
 * renders it. */
static inline void page_run_bias(page *p, const char *html, int bias)
{
    memset(p, 0, sizeof *p);
    p->g = gumbo_parse(html);
    ck_assert_ptr_nonnull(p->g);
    ck_assert_int_eq(dc_measure(p->g->document, 0, &p->d), 0);
    p->d.bias = bias;
    p->root = dc_choose(&p->d);
    dc_buf b = DC_BUF_INIT;
    if (p->root >= 0) {
        ck_assert_int_eq(dc_clean(&p->d, p->root, NULL, NULL), 0);
        dc_render_text(&p->d, p->root, &b);
    }
    p->text = dc_buf_detach(&b);
}

static inline void page_run(page *p, const char *html)
{
    page_run_bias(p, html, DC_BIAS_BALANCED);
}

static inline void page_free(page *p)
{
    free(p->text);
    dc_doc_free(&p->d);
    gumbo_destroy_output(&kGumboDefaultOptions, p->g);
}

/* Index of the first element with this id attribute, or -1. */
static inline int32_t page_find(const page *p, const char *id)
{
    for (size_t i = 0; i < p->d.count; i++) {
        const char *v = dc_attr(p->d.n[i].g, "id");
        if (v && strcmp(v, id) == 0)
            return (int32_t)i;
    }
    return -1;
}

/* Runs one suite and turns failures into the exit status. */
#define DC_TEST_MAIN(make_suite)                                                       \
    int main(void)                                                                     \
    {                                                                                  \
        SRunner *sr = srunner_create(make_suite());                                    \
        srunner_run_all(sr, CK_NORMAL);                                                \
        int failed = srunner_ntests_failed(sr);                                        \
        srunner_free(sr);                                                              \
        return failed ? EXIT_FAILURE : EXIT_SUCCESS;                                   \
    }

/* A paragraph of prose long enough to count as content. */
#define PROSE(w) "<p>" w " walked along the river bank for an hour, talking about the " \
                 "weather, the harvest and the new bridge that the council had promised " \
                 "for years.</p>"

#endif
