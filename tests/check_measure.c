/* Tests for src/measure.c: the flat table and its text statistics. */
#include <pthread.h>
#include <stdio.h>

#include "testutil.h"

START_TEST(text_stats)
{
    uint32_t c, p;
    dc_text_stats(" Hello,  world! ", 16, &c, &p);
    ck_assert_uint_eq(c, 12);
    ck_assert_uint_eq(p, 2);
    const char *ja = "日本語の文。次の文、";
    dc_text_stats(ja, strlen(ja), &c, &p);
    ck_assert_uint_eq(c, 10);
    ck_assert_uint_eq(p, 2);
    /* the danda of Devanagari and the Indic scripts, Arabic script's
     * comma and question mark, Ethiopic's full stop */
    const char *hi = "यह एक वाक्य है। दूसरा॥";
    dc_text_stats(hi, strlen(hi), &c, &p);
    ck_assert_uint_eq(p, 2);
    const char *ar = "هل هذا، سؤال؟";
    dc_text_stats(ar, strlen(ar), &c, &p);
    ck_assert_uint_eq(p, 2);
    /* Thai ends its clauses with a space; Khmer and Myanmar have marks */
    const char *th = "วันนี้อากาศดี เราไปเที่ยวกัน ";
    dc_text_stats(th, strlen(th), &c, &p);
    ck_assert_uint_eq(p, 2);
    const char *km = "ជំរាបសួរ។";
    dc_text_stats(km, strlen(km), &c, &p);
    ck_assert_uint_eq(p, 1);
    const char *am = "ሰላም።";
    dc_text_stats(am, strlen(am), &c, &p);
    ck_assert_uint_eq(c, 4);
    ck_assert_uint_eq(p, 1);
}
END_TEST

START_TEST(table_shape)
{
    GumboOutput *g = gumbo_parse("<div id=a><p id=p>Some <a href=x>linked</a> text</p>"
                                 "<script>ignored()</script><ul id=l><li>x</li></ul></div>");
    dc_doc d;
    ck_assert_int_eq(dc_measure(g->document, 0, &d), 0);
    page pg = {.g = g, .d = d};
    int32_t a = page_find(&pg, "a"), p = page_find(&pg, "p"), l = page_find(&pg, "l");
    ck_assert_int_ge(a, 0);
    /* pre-order: children follow their parent inside [i, end] */
    ck_assert_int_gt(p, a);
    ck_assert_int_le(d.n[a].end, (int32_t)d.count - 1);
    ck_assert_int_le(d.n[p].end, d.n[a].end);
    ck_assert_int_eq(d.n[p].parent, a);
    ck_assert_uint_eq(d.n[p].own_chars, 14);
    ck_assert_uint_eq(d.n[p].own_link, 6);
    ck_assert(d.n[p].flags & DC_N_TEXTBLOCK);
    ck_assert(d.n[l].flags & DC_N_LIST);
    ck_assert_uint_eq(d.n[a].chars, 15); /* script text not counted */
    ck_assert_uint_eq(d.n[a].link_chars, 6);
    dc_doc_free(&d);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
}
END_TEST

/* Text chars of html's <body>, measured as shown (relaxed 0) or as
 * scripts would reveal it (relaxed 1). */
static uint32_t body_chars(const char *html, int relaxed)
{
    GumboOutput *g = gumbo_parse(html);
    dc_doc d;
    ck_assert_int_eq(dc_measure(g->document, relaxed, &d), 0);
    uint32_t c = d.n[d.body].chars;
    dc_doc_free(&d);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return c;
}

START_TEST(hidden_and_relaxed)
{
    const char *html = "<body><div style='display:none'><p>Revealed by a script later on.</p>"
                       "</div><noscript>" PROSE("Anna") PROSE("Ben") "</noscript></body>";
    ck_assert_uint_eq(body_chars(html, 0), 0);
    ck_assert_uint_gt(body_chars(html, 1), 40);
}
END_TEST

/* A script-only page's <noscript> notice is not its content, even when
 * scripts are assumed to run; a longer <noscript> fallback is. */
START_TEST(noscript_notice_not_content)
{
    ck_assert_uint_eq(body_chars("<body><noscript>You need to enable JavaScript to run this "
                                 "app.</noscript><div id=root></div></body>", 1), 0);
    ck_assert_uint_gt(body_chars("<body><noscript>" PROSE("Anna") PROSE("Ben")
                                 "</noscript></body>", 1), 200);
}
END_TEST

/* Deep trees must not recurse: measuring 5000 levels runs on a thread
 * with a 64 KiB stack, which a recursive walk would overflow. */
typedef struct deep_job {
    const GumboNode *root;
    dc_doc d;
    int rc;
} deep_job;

static void *measure_job(void *p)
{
    deep_job *j = p;
    j->rc = dc_measure(j->root, 0, &j->d);
    return NULL;
}

/* React's streamed parts (<div hidden id="S:n"> at the end of <body>) are
 * read where their placeholder (<template id="B:n">) stands, once; a part
 * without a placeholder is shown where it is. */
START_TEST(streamed_segments_in_place)
{
    page p;
    page_run(&p, "<body><main><h1>Title</h1>" PROSE("Anna") "<template id=\"B:1f\"></template>"
                 PROSE("Cara") "<template id=\"B:1f\"></template></main>"
                 "<div hidden id=\"S:1f\">" PROSE("Ben") "</div>"
                 "<div hidden id=\"S:2\">" PROSE("Dora") "</div>"
                 "<div hidden id=\"other\">" PROSE("Hidden") "</div></body>");
    const char *anna = strstr(p.text, "Anna walked"), *ben = strstr(p.text, "Ben walked");
    const char *cara = strstr(p.text, "Cara walked");
    ck_assert(anna && ben && cara);
    ck_assert(anna < ben && ben < cara);
    ck_assert_ptr_null(strstr(ben + 1, "Ben walked")); /* placed once */
    ck_assert_ptr_nonnull(strstr(p.text, "Dora walked"));
    ck_assert_ptr_null(strstr(p.text, "Hidden walked"));
    page_free(&p);
}
END_TEST

/* An FAQ accordion: a question is a heading in a button (or a button in a
 * heading), its answer a hidden panel right after it. Both are content,
 * as a tab panel is; a menu's toggle and its hidden list are not. */
START_TEST(accordion_questions_and_answers)
{
    page p;
    page_run(&p, "<body><main><h1>Our service</h1>" PROSE("Anna") PROSE("Ben")
                 "<div><a role=button aria-controls=s1 id=t1>Step one</a></div>"
                 "<div id=s1 role=region aria-labelledby=t1 style='display:none'>"
                 "<p>Measure the roof and read last year's electricity bills.</p></div>"
                 "<div role=region style='display:none'><p>Sign up for our letter.</p></div>"
                 "<div><span role=button aria-controls=p9>All ingredients</span>"
                 "<div id=p9 style='display:none'><p>Jojoba seed oil, argan oil and vitamin E."
                 "</p></div></div><div><span role=button aria-controls=p8>More</span>"
                 "<div id=p7 hidden><p>Another panel's secret.</p></div></div>"
                 "<div><div class=head><button type=button aria-controls=p10>Delivery</button>"
                 "</div><div id=p10 hidden><p>Parcels leave the warehouse within two days.</p>"
                 "</div></div>"
                 PROSE("Cara") "<h2>Questions</h2>"
                 "<div><button type=button><h5>How much does it cost?</h5></button>"
                 "<div class=hidden><p>It depends on the size of the project and the team.</p>"
                 "</div></div>"
                 "<div><h3><button aria-expanded=false>Who uses it?</button></h3>"
                 "<div hidden><p>Shops, papers and public services of every size.</p></div></div>"
                 "<div><button>Menu</button><div hidden><p>Home, About, Contact.</p></div></div>"
                 "<button>Load more</button></main></body>");
    /* questions and answers; the WAI-ARIA accordion (a region labelled by
     * its toggle); the disclosure pattern (the button's aria-controls
     * names its panel) */
    static const char *const shown[] = {
        "How much does it cost?", "It depends on the size", "Who uses it?", "Shops, papers",
        "Measure the roof",       "Jojoba seed oil",        "Parcels leave",
    };
    /* a menu's panel, a control, an unlabelled region, another's panel */
    static const char *const hidden[] = {"Menu", "Home, About", "Load more", "Sign up for",
                                         "secret"};
    for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
        ck_assert_msg(strstr(p.text, shown[i]) != NULL, "hidden: %s", shown[i]);
    for (size_t i = 0; i < sizeof hidden / sizeof *hidden; i++)
        ck_assert_msg(strstr(p.text, hidden[i]) == NULL, "shown: %s", hidden[i]);
    page_free(&p);
}
END_TEST

START_TEST(deep_nesting)
{
    enum { DEPTH = 5000 };
    char *html = malloc(DEPTH * 5 + 64);
    size_t n = 0;
    for (int i = 0; i < DEPTH; i++)
        n += (size_t)sprintf(html + n, "<div>");
    n += (size_t)sprintf(html + n, "deep text");
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, html, n);
    deep_job j = {g->document, {0}, -1};
    pthread_attr_t at;
    pthread_t th;
    pthread_attr_init(&at);
    pthread_attr_setstacksize(&at, 64 * 1024);
    ck_assert_int_eq(pthread_create(&th, &at, measure_job, &j), 0);
    pthread_join(th, NULL);
    pthread_attr_destroy(&at);
    ck_assert_int_eq(j.rc, 0);
    ck_assert_uint_eq(j.d.total_chars, 8);
    ck_assert_uint_ge(j.d.count, DEPTH);
    dc_doc_free(&j.d);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(html);
}
END_TEST

static Suite *measure_suite(void)
{
    Suite *s = suite_create("measure");
    TCase *tc = tcase_create("table");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, text_stats);
    tcase_add_test(tc, table_shape);
    tcase_add_test(tc, hidden_and_relaxed);
    tcase_add_test(tc, noscript_notice_not_content);
    tcase_add_test(tc, accordion_questions_and_answers);
    tcase_add_test(tc, deep_nesting);
    tcase_add_test(tc, streamed_segments_in_place);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(measure_suite)
