/* Tests for src/prefilter.c: what the pass drops before gumbo parses, and
 * that the tree gumbo builds keeps what the later stages read. */
#include "prefilter.h"

#include <stdio.h>

#include "testutil.h"

/* The filtered copy of html, owned by the caller. */
static char *filtered(const char *html, dc_prefilter_info *info)
{
    dc_buf out = DC_BUF_INIT;
    dc_prefilter_info spare;
    ck_assert_int_eq(dc_prefilter(html, strlen(html), 0, &out, info ? info : &spare), 0);
    return dc_buf_detach(&out);
}

static void expect(const char *html, const char *want)
{
    char *got = filtered(html, NULL);
    ck_assert_str_eq(got, want);
    free(got);
}

/* The first element of <body> after filtering and parsing. */
static const GumboNode *first_in_body(GumboOutput *g)
{
    const GumboNode *body = g->root->v.element.children.data[1];
    ck_assert_uint_ge(body->v.element.children.length, 1);
    return body->v.element.children.data[0];
}

START_TEST(script_style_comments)
{
    expect("<p>a<script>var x = '<p>';</script>b</p>", "<p>a<script></script>b</p>");
    expect("<style>p { color: red }</style><p>x", "<style></style><p>x");
    expect("a<!-- note -->b", "ab");
    /* JSON-LD stays whole, white space and all */
    expect("<script type=\"application/ld+json\">{ \"a\":  1 }</script>",
           "<script type=\"application/ld+json\">{ \"a\":  1 }</script>");
}
END_TEST

START_TEST(unclosed_title)
{
    /* a title never closed ends at the first markup, not at the end of
     * the page; a closed one keeps markup-like text as text */
    expect("<title>News - Site\n<p>Body text", "<title>News - Site\n</title><p>Body text");
    expect("<title>a <b> c</title><p>x", "<title>a <b> c</title><p>x");
    expect("<title>only a title", "<title>only a title");
    /* and the page's text is extracted */
    char *f = filtered("<html><head><title>Broken head\n<body><article>" PROSE("Anna")
                       PROSE("Ben") "</article></body></html>", NULL);
    page p;
    page_run(&p, f);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    page_free(&p);
    free(f);
}
END_TEST

START_TEST(attributes_nobody_reads)
{
    expect("<div data-state='{\"a\":1}' class=\"a b\" onclick=\"f()\" id=x>t</div>",
           "<div class=\"a b\" id=x>t</div>");
    expect("<img src=a.png srcset=\"a.png 1x, b.png 2x\" data-track=1 alt=\"A\">",
           "<img src=a.png srcset=\"a.png 1x, b.png 2x\" alt=\"A\">");
    expect("<svg viewBox=\"0 0 8 8\"><path d=\"M0 0L8 8\" fill=red /></svg>",
           "<svg><path /></svg>");
    /* nothing dropped: the tag is copied as it is */
    expect("<a  HREF='/x'   rel=nofollow>y</a>", "<a  HREF='/x'   rel=nofollow>y</a>");
    /* style only when it hides */
    expect("<p style=\"color: red\" class=c>x</p>", "<p class=c>x</p>");
    expect("<p style=\"DISPLAY: None\" title=t>x</p>", "<p style=\"DISPLAY: None\">x</p>");
    /* an accordion section's label reference stays, other ARIA goes */
    expect("<div role=region aria-labelledby=t1 aria-label=x>y</div>",
           "<div role=region aria-labelledby=t1>y</div>");
    expect("<span role=button aria-controls=p aria-pressed=false>y</span>",
           "<span role=button aria-controls=p>y</span>");
    /* what gumbo's tree construction reads stays */
    expect("<table><input type=hidden name=n value=v></table>",
           "<table><input type=hidden name=n></table>");
    expect("<math><annotation-xml encoding=\"text/html\" definitionURL=u>",
           "<math><annotation-xml encoding=\"text/html\">");
}
END_TEST

START_TEST(rewritten_tags_parse_alike)
{
    /* an unquoted value before "/>" must not take the slash */
    char *f = filtered("<link data-rh=true rel=canonical href=https://e.test/docs />", NULL);
    GumboOutput *g = gumbo_parse(f);
    const GumboNode *head = g->root->v.element.children.data[0];
    const GumboNode *link = head->v.element.children.data[0];
    ck_assert_str_eq(dc_attr(link, "href"), "https://e.test/docs");
    ck_assert_str_eq(dc_attr(link, "rel"), "canonical");
    ck_assert_ptr_null(dc_attr(link, "data-rh"));
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(f);

    /* valueless and oddly spaced attributes */
    f = filtered("<div hidden data-a class = 'k'  >x</div>", NULL);
    g = gumbo_parse(f);
    const GumboNode *div = first_in_body(g);
    ck_assert_ptr_nonnull(dc_attr(div, "hidden"));
    ck_assert_str_eq(dc_attr(div, "class"), "k");
    ck_assert_ptr_null(dc_attr(div, "data-a"));
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(f);
}
END_TEST

START_TEST(attribute_cap)
{
    dc_buf html = DC_BUF_INIT;
    dc_buf_puts(&html, "<p");
    for (int i = 0; i < 100; i++) {
        char a[32];
        snprintf(a, sizeof a, " id=i%d", i);
        dc_buf_puts(&html, a);
    }
    dc_buf_puts(&html, ">x</p>");
    dc_prefilter_info info;
    char *f = filtered(html.ptr, &info);
    ck_assert_uint_eq(info.guarded, 1);
    ck_assert_ptr_nonnull(strstr(f, " id=i63>"));
    ck_assert_ptr_null(strstr(f, "id=i64"));
    free(f);
    free(html.ptr);
}
END_TEST

START_TEST(white_space)
{
    expect("<ul>\n    <li>a  b</li>\n    <li>c</li>\n</ul>", "<ul>\n<li>a b</li>\n<li>c</li>\n</ul>");
    expect("<p> \t\r\n x</p>", "<p> x</p>");
    /* preformatted text keeps its spaces, and the rest is collapsed again
     * once it is closed */
    expect("<pre>  a\n    b</pre>  <p>c   d", "<pre>  a\n    b</pre> <p>c d");
    expect("<pre><pre>  a</pre>  b</pre>  c", "<pre><pre>  a</pre>  b</pre> c");
    expect("<listing>  x</listing>", "<listing>  x</listing>");
    expect("<PRE class=c>  x</PRE>  y", "<PRE class=c>  x</PRE> y");
    /* raw text is never touched */
    expect("<textarea>  a\n  b</textarea>", "<textarea>  a\n  b</textarea>");
    expect("<title>  a  </title>", "<title>  a  </title>");
}
END_TEST

START_TEST(pre_text_survives)
{
    /* the extracted text of preformatted code keeps its indentation */
    const char *html = "<html><body><article>" PROSE("Ann")
                       "<pre>int main(void)\n{\n    return 0;\n}</pre>" PROSE("Bob")
                       "</article></body></html>";
    char *f = filtered(html, NULL);
    page p;
    page_run(&p, f);
    ck_assert_ptr_nonnull(strstr(p.text, "{\n    return 0;\n}"));
    page_free(&p);
    free(f);
}
END_TEST

/* Depth of gumbo's tree under g, walked without recursion. */
static size_t tree_depth(const GumboNode *root)
{
    size_t cap = 64, sp = 0, deepest = 0;
    struct at {
        const GumboNode *n;
        size_t d;
    } *st = malloc(cap * sizeof *st);
    ck_assert_ptr_nonnull(st);
    st[sp++] = (struct at){root, 0};
    while (sp) {
        struct at a = st[--sp];
        if (a.d > deepest)
            deepest = a.d;
        const GumboVector *v = a.n->type == GUMBO_NODE_DOCUMENT  ? &a.n->v.document.children
                               : a.n->type == GUMBO_NODE_ELEMENT ? &a.n->v.element.children
                                                                 : NULL;
        for (unsigned i = 0; v && i < v->length; i++) {
            if (sp == cap) {
                cap *= 2;
                st = realloc(st, cap * sizeof *st);
                ck_assert_ptr_nonnull(st);
            }
            st[sp++] = (struct at){v->data[i], a.d + 1};
        }
    }
    free(st);
    return deepest;
}

/* A '<' that opens no tag stays text: dropping the tag after it (here the
 * <p>s past the depth limit) must not join it to the next letters into a
 * tag of its own, one more level on every repeat (found by the fuzzer). */
START_TEST(stray_lt_stays_text)
{
    dc_buf in = DC_BUF_INIT;
    for (int i = 0; i < 300; i++)
        dc_buf_puts(&in, "<<p>x<b a1><\xEF\xBF\xBD" "b a2><b a3>");
    dc_buf out = DC_BUF_INIT;
    dc_prefilter_info info;
    ck_assert_int_eq(dc_prefilter(in.ptr, in.size, 8, &out, &info), 0);
    ck_assert_uint_gt(info.flattened, 0);
    GumboOutput *g = gumbo_parse_with_options(&kGumboDefaultOptions, out.ptr, out.size);
    ck_assert_uint_le(tree_depth(g->document), 8 + 80);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    dc_buf_free(&out);
    dc_buf_free(&in);
    /* the text reads the same */
    char *f = filtered("<p>a < b and c <3 d</p>", NULL);
    g = gumbo_parse(f);
    const GumboNode *p = first_in_body(g);
    ck_assert_str_eq(((const GumboNode *)p->v.element.children.data[0])->v.text.text,
                     "a < b and c <3 d");
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(f);
}
END_TEST

/* A numeric reference too big for 32 bits reads as U+FFFD, as one past
 * U+10FFFF does; gumbo's own reader would overflow and write a byte that
 * is not UTF-8. Smaller ones, leading zeros and other '&' stay. */
START_TEST(huge_char_refs)
{
    char *f = filtered("<p><a href='/q?c=&#x0000FFFFFFFFF;'>a</a></p><p>a &#6666666666; b &#65; &#00000000066; "
                       "&#x10FFFF; &#999999999; c & d &#; e</p>",
                       NULL);
    ck_assert_msg(strstr(f, "c=&#xFFFD;") != NULL, "%s", f);
    ck_assert_ptr_nonnull(strstr(f, "a &#65533; b &#65; &#00000000066; &#x10FFFF; &#999999999; "
                                    "c & d &#; e"));
    GumboOutput *g = gumbo_parse(f);
    const GumboNode *body = g->root->v.element.children.data[1];
    const GumboNode *p = body->v.element.children.data[1];
    ck_assert_str_eq(((const GumboNode *)p->v.element.children.data[0])->v.text.text,
                     "a \xEF\xBF\xBD b A B \xF4\x8F\xBF\xBF \xEF\xBF\xBD c & d &#; e");
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(f);
}
END_TEST

static Suite *prefilter_suite(void)
{
    Suite *s = suite_create("prefilter");
    TCase *tc = tcase_create("filter");
    tcase_add_test(tc, script_style_comments);
    tcase_add_test(tc, unclosed_title);
    tcase_add_test(tc, attributes_nobody_reads);
    tcase_add_test(tc, rewritten_tags_parse_alike);
    tcase_add_test(tc, attribute_cap);
    tcase_add_test(tc, white_space);
    tcase_add_test(tc, pre_text_survives);
    tcase_add_test(tc, stray_lt_stays_text);
    tcase_add_test(tc, huge_char_refs);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(prefilter_suite)
