/* Tests for src/render.c: the text format rules and JSON strings. */
#include "testutil.h"

#include "nfc.h"

static char *render_body(const char *html)
{
    GumboOutput *g = gumbo_parse(html);
    dc_doc d;
    ck_assert_int_eq(dc_measure(g->document, 0, &d), 0);
    ck_assert_int_gt(d.body, 0);
    dc_buf b = DC_BUF_INIT;
    dc_render_text(&d, d.body, &b);
    dc_doc_free(&d);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return dc_buf_detach(&b);
}

#define EXPECT(html, want)                                                   \
    do {                                                                     \
        char *got_ = render_body(html);                                      \
        ck_assert_str_eq(got_, want);                                        \
        free(got_);                                                          \
    } while (0)

START_TEST(paragraphs_and_whitespace)
{
    EXPECT("<p>  One\n\t two  </p><p>Three <b>four</b>, <i>five</i>.</p>",
           "One two\n\nThree four, five.\n");
    EXPECT("<div>a<div>b</div>c</div>", "a\n\nb\n\nc\n");
    EXPECT("<p>no&nbsp;break&nbsp; space</p>", "no break space\n");
    EXPECT("<p>   </p>", "");
    /* soft hyphens only mark where a line may break: words come out whole */
    EXPECT("<p>Mit&shy;tel&shy;al<b>&shy;ter</b> war&shy; es</p>", "Mittelalter war es\n");
    EXPECT("<p>a</p><p>&shy;</p><p>b</p>", "a\n\nb\n");
    EXPECT("<p>foo <span>&shy;</span> bar</p>", "foo bar\n");
    /* styled neighbours without a space are two words (a brand and a
     * name, tags as chips); plain inline markup and split letters stay
     * joined */
    EXPECT("<p><span class=brand>Osprey</span><span class=name>Atmos 65</span></p>",
           "Osprey Atmos 65\n");
    EXPECT("<p><a class=tag href=/a>Strategy</a><a class=tag href=/b>Roguelike</a></p>",
           "Strategy Roguelike\n");
    EXPECT("<p><b>bold</b><i>face</i> and <span class=a>Le</span><span class=b>arn</span></p>",
           "boldface and Learn\n");
    EXPECT("<p><span><span>David Pierce</span></span><span class=stamp>Mar 7</span></p>",
           "David Pierce Mar 7\n");
    /* a footnote mark after a word is a word of its own; an exponent
     * after a unit or a number stays with it */
    EXPECT("<p>higher performance<sup>1</sup> and a claim<sup>[12]</sup>, rates<sup>*</sup>.</p>",
           "higher performance 1 and a claim [12], rates *.\n");
    EXPECT("<p>20 m<sup>2</sup>, 10<sup>6</sup> and E = mc<sup>2</sup>, 4<sup>th</sup></p>",
           "20 m2, 106 and E = mc2, 4th\n");
}
END_TEST

START_TEST(headings_lists_tables)
{
    EXPECT("<h2>Title</h2><p>Body.</p>", "Title\n\nBody.\n");
    EXPECT("<p>x</p><ul><li>one</li><li>two<ul><li>two.a</li></ul></li></ul><p>y</p>",
           "x\n\none\ntwo\ntwo.a\n\ny\n");
    EXPECT("<dl><dt>term</dt><dd>meaning</dd></dl>", "term\nmeaning\n");
    EXPECT("<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td><p>2</p></td></tr></table>",
           "a\tb\n1\t2\n");
    EXPECT("<table><tr><td>nav</td><td><p>First para.</p><p>Second.</p></td></tr></table>",
           "nav\n\nFirst para.\n\nSecond.\n");
    EXPECT("<table><thead><tr><th>a</th></tr></thead><tbody><tr><td>1</td></tr></tbody></table>",
           "a\n1\n");
    EXPECT("<li><p>para in item</p><p>second</p></li>", "para in item\nsecond\n");
}
END_TEST

START_TEST(breaks_and_pre)
{
    EXPECT("<p>line one<br>line two</p>", "line one\nline two\n");
    EXPECT("<p>a<br><br>b</p>", "a\n\nb\n");
    EXPECT("<p>code:</p><pre>\nint x;\n  y = 1;\n\n</pre><p>after</p>",
           "code:\n\nint x;\n  y = 1;\n\nafter\n");
}
END_TEST

START_TEST(skipped_content)
{
    EXPECT("<p>a<script>var x = 1;</script>b</p><style>p{}</style>"
           "<div hidden>secret</div><div style='display: none'>gone</div>"
           "<figure><img alt=photo><figcaption>Caption</figcaption></figure>",
           "ab\n");
}
END_TEST

START_TEST(json_strings)
{
    dc_buf b = DC_BUF_INIT;
    dc_json_string(&b, "q\"b\\n\nt\tc\x01 é/");
    dc_buf_putc(&b, ' ');
    dc_json_string(&b, NULL);
    ck_assert_str_eq(b.ptr, "\"q\\\"b\\\\n\\nt\\tc\\u0001 é/\" null");
    dc_buf_free(&b);
}
END_TEST

/* Letters and their accents typed apart come out composed (NFC): in
 * words, across inline markup, Hangul jamo and kana marks; a mark with no
 * composite and stray bytes stay as they are. */
static void nfc_is(const char *in, const char *want)
{
    char *got = dc_nfc_dup(in, strlen(in));
    ck_assert_ptr_nonnull(got);
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(nfc_composition)
{
    EXPECT("<p>gepru\xCC\x88" "ft Cafe\xCC\x81</p>", "gepr\xC3\xBC" "ft Caf\xC3\xA9\n");
    EXPECT("<p><b>e</b>\xCC\x81t\xC3\xA9</p>", "\xC3\xA9t\xC3\xA9\n");
    EXPECT("<p>plain \xC3\xA9 text</p>", "plain \xC3\xA9 text\n");
    /* e + dot below + circumflex: two steps */
    nfc_is("Vie\xCC\xA3\xCC\x82t", "Vi\xE1\xBB\x87t");
    /* Hangul L V T jamo: one syllable */
    nfc_is("\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", "\xED\x95\x9C");
    /* kana and its voicing mark */
    nfc_is("\xE3\x81\x8B\xE3\x82\x99", "\xE3\x81\x8C");
    /* no composite: x + acute; a mark first; broken UTF-8 around a mark */
    nfc_is("x\xCC\x81", "x\xCC\x81");
    nfc_is("\xCC\x81" "a", "\xCC\x81" "a");
    nfc_is("\xFF" "e\xCC\x81\xCC", "\xFF\xC3\xA9\xCC");
    /* characters NFC replaces wherever they stand: the ohm sign, a Bengali
     * letter that is a composition exclusion */
    nfc_is("5 \xE2\x84\xA6", "5 \xCE\xA9");
    nfc_is("\xE0\xA7\x9C" "e", "\xE0\xA6\xA1\xE0\xA6\xBC" "e");
    /* whole text through the buffer: a mark at the start joins what is in it */
    dc_buf b = DC_BUF_INIT;
    dc_buf_put_nfc(&b, "Caf", 3);
    dc_buf_put_nfc(&b, "e", 1);
    dc_buf_put_nfc(&b, "\xCC\x81!", 3);
    ck_assert_str_eq(b.ptr, "Caf\xC3\xA9!");
    dc_buf_free(&b);
}
END_TEST

static Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, paragraphs_and_whitespace);
    tcase_add_test(tc, nfc_composition);
    tcase_add_test(tc, headings_lists_tables);
    tcase_add_test(tc, breaks_and_pre);
    tcase_add_test(tc, skipped_content);
    tcase_add_test(tc, json_strings);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(render_suite)
