/* Tests for src/teaser.c through the public API: a page that shows only
 * the start of its article while its JSON-LD articleBody holds it all. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "declutter.h"

#define SHOWN "The county council voted on Thursday to reopen the old ferry crossing " \
              "between Harwick and Lowmouth after a two-year study of the pier."
/* one paragraph of the body, n its number */
#define PARA(n) "Paragraph " n " of the story goes on about the ferry, the pier, the " \
                "fishermen of the harbour and the timetable for the summer season."

/* A page showing SHOWN and a paywall; its JSON-LD articleBody is body
 * (a JSON string's contents, already escaped). */
static char *page(const char *body, const char *extra)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_puts(&b, "<html><head><title>Ferry</title><script type=application/ld+json>"
                    "{\"@type\": \"NewsArticle\", \"headline\": \"Ferry\", \"articleBody\": \"");
    dc_buf_puts(&b, body);
    dc_buf_puts(&b, "\"}</script></head><body><article><h1>Ferry</h1><p>" SHOWN "</p>"
                    "<div class=paywall><p>Subscribe to read the whole story.</p></div>"
                    "</article>");
    dc_buf_puts(&b, extra ? extra : "");
    dc_buf_puts(&b, "</body></html>");
    ck_assert(!b.oom);
    return dc_buf_detach(&b);
}

static declutter_result *run(const char *html, unsigned flags)
{
    declutter_options o;
    declutter_options_init(&o);
    o.flags = flags;
    declutter_result *r = NULL;
    ck_assert_int_eq(declutter_extract(html, strlen(html), &o, &r), DECLUTTER_OK);
    return r;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

#define BODY12                                                                                \
    PARA("one") "\\n" PARA("two") "\\n" PARA("three") "\\n" PARA("four") "\\n" PARA("five")  \
        "\\n" PARA("six") "\\n" PARA("seven") "\\n" PARA("eight") "\\n" PARA("nine") "\\n"    \
        PARA("ten") "\\n" PARA("eleven") "\\n" PARA("twelve")

START_TEST(teaser_and_rest)
{
    /* the shown paragraph once (its articleBody line spaced and
     * hyphenated otherwise), then the rest */
    char *html = page("The county council  voted on Thurs\\u00adday to reopen the old ferry "
                      "crossing between Harwick and Lowmouth after a two-year study of the "
                      "pier.\\n" BODY12,
                      NULL);
    declutter_result *r = run(html, 0);
    const char *t = declutter_result_text(r);
    ck_assert_uint_eq(count(t, "voted on Thurs"), 1);
    ck_assert_uint_eq(count(t, "Paragraph twelve"), 1);
    ck_assert_ptr_null(strstr(t, "Subscribe"));
    declutter_result_free(r);
    free(html);
}
END_TEST

START_TEST(markup_body_alone)
{
    /* a body with block markup is taken alone: the shown paragraph, in it
     * too, comes out once */
    char *html = page("<p>" SHOWN "</p><p>" PARA("one") "</p><p>" PARA("two") "</p><p>" PARA(
                          "three") "</p><p>" PARA("four") "</p><p>" PARA("five") "</p><p>" PARA("six")
                          "</p><p>" PARA("seven") "</p><p>" PARA("eight") "</p><p>" PARA("nine") "</p>",
                      NULL);
    declutter_result *r = run(html, 0);
    const char *t = declutter_result_text(r);
    ck_assert_uint_eq(count(t, "voted on Thursday"), 1);
    ck_assert_uint_eq(count(t, "Paragraph nine"), 1);
    declutter_result_free(r);
    free(html);
}
END_TEST

START_TEST(less_than_is_text)
{
    /* "i<len" in plain text is not markup: every line is a paragraph */
    char *html = page("Loop while i<len and stop at the end of the pier.\\n" BODY12, NULL);
    declutter_result *r = run(html, 0);
    const char *t = declutter_result_text(r);
    ck_assert_ptr_nonnull(strstr(t, "while i<len and stop"));
    ck_assert_ptr_nonnull(strstr(t, "Paragraph one"));
    ck_assert_ptr_nonnull(strstr(t, "Paragraph twelve"));
    declutter_result_free(r);
    free(html);
}
END_TEST

START_TEST(comments_survive)
{
    /* the reader comments come from the page, before its tree is replaced */
    char *html = page(BODY12, "<div id=comments class=comments><div class=comment><p>The old "
                              "ferry was the only way home for the night shift at the "
                              "hospital, and we missed it every winter.</p></div></div>");
    declutter_result *r = run(html, DECLUTTER_COMMENTS);
    ck_assert_ptr_nonnull(strstr(declutter_result_text(r), "Paragraph twelve"));
    ck_assert_ptr_nonnull(strstr(declutter_result_comments(r), "night shift"));
    declutter_result_free(r);
    free(html);
}
END_TEST

START_TEST(not_used)
{
    /* a body not over twice the shown text, or of too many lines, leaves
     * the page as it is */
    char *html = page(SHOWN "\\n" PARA("one"), NULL);
    declutter_result *r = run(html, 0);
    ck_assert_ptr_null(strstr(declutter_result_text(r), "Paragraph one"));
    declutter_result_free(r);
    free(html);
    dc_buf b = DC_BUF_INIT;
    for (int i = 0; i < 6000; i++)
        dc_buf_puts(&b, "A short line of the list.\\n");
    html = page(b.ptr, NULL);
    r = run(html, 0);
    ck_assert_ptr_null(strstr(declutter_result_text(r), "A short line"));
    declutter_result_free(r);
    free(html);
    dc_buf_free(&b);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("teaser");
    TCase *tc = tcase_create("fallback");
    tcase_add_test(tc, teaser_and_rest);
    tcase_add_test(tc, markup_body_alone);
    tcase_add_test(tc, less_than_is_text);
    tcase_add_test(tc, comments_survive);
    tcase_add_test(tc, not_used);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
