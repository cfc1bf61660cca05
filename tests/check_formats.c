/* Tests for the Markdown and HTML renderers (src/render_md.c,
 * src/render_html.c), the flags of the text renderer and URL resolution
 * (src/url.c). */
#include <ctype.h>
#include <stdio.h>

#include "declutter.h"
#include "testutil.h"
#include "url.h"

enum { MD, HTML, TEXT };

/* Renders the <body> of html (measured only, nothing chosen or cleaned). */
static char *render(int fmt, const char *html, unsigned flags, const char *base)
{
    GumboOutput *g = gumbo_parse(html);
    dc_doc d;
    ck_assert_int_eq(dc_measure(g->document, 0, &d), 0);
    ck_assert_int_gt(d.body, 0);
    dc_buf b = DC_BUF_INIT;
    if (fmt == MD)
        dc_render_markdown(&d, d.body, flags, base, &b);
    else if (fmt == TEXT)
        dc_render_text_flags(&d, d.body, flags, base, &b);
    else
        dc_render_html(&d, d.body, flags, base, NULL, &b);
    dc_doc_free(&d);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return dc_buf_detach(&b);
}

#define EXPECT_FMT(fmt, flags, base, html, want)                             \
    do {                                                                     \
        char *got_ = render(fmt, html, flags, base);                         \
        ck_assert_str_eq(got_, want);                                        \
        free(got_);                                                          \
    } while (0)

#define MDX(html, want) EXPECT_FMT(MD, 0, NULL, html, want)
#define MDF(flags, html, want) EXPECT_FMT(MD, flags, "https://ex.example/a/b.html", html, want)

/* The article part of an HTML rendering: between <article>\n and </article>. */
static char *article(const char *html, unsigned flags)
{
    char *all = render(HTML, html, flags, "https://ex.example/a/b.html");
    const char *s = strstr(all, "<article>\n");
    const char *e = strstr(all, "</article>");
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_nonnull(e);
    s += strlen("<article>\n");
    char *r = strndup(s, (size_t)(e - s));
    free(all);
    return r;
}

#define HTMLX(flags, html, want)                                             \
    do {                                                                     \
        char *got_ = article(html, flags);                                   \
        ck_assert_str_eq(got_, want);                                        \
        free(got_);                                                          \
    } while (0)

/* ---- A small checker: tags balance and come from the allowed set. ---- */

static const char *const allowed[] = {
    "html", "head", "meta", "title", "link", "body", "article", "p", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code",
    "em", "strong", "b", "i", "br", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "th", "td", "a", "img", "figure", "figcaption", NULL};

static int is_void(const char *t)
{
    return !strcmp(t, "br") || !strcmp(t, "img") || !strcmp(t, "meta") || !strcmp(t, "link");
}

/* NULL when s is well formed, else what is wrong (static text). */
static const char *html_problem(const char *s)
{
    static char why[200];
    char stack[400][16];
    int n = 0;
    for (const char *p = s; (p = strchr(p, '<')) != NULL;) {
        p++;
        if (*p == '!') {
            p = strchr(p, '>');
            if (!p)
                return "unterminated declaration";
            continue;
        }
        int closing = *p == '/';
        if (closing)
            p++;
        char name[16];
        size_t k = 0;
        while (isalnum((unsigned char)*p) && k < sizeof name - 1)
            name[k++] = (char)*p++;
        name[k] = '\0';
        int ok = 0;
        for (int i = 0; allowed[i]; i++)
            ok |= !strcmp(allowed[i], name);
        if (!ok) {
            snprintf(why, sizeof why, "tag <%s> not allowed", name);
            return why;
        }
        const char *q = p;
        while (*q && *q != '>' && *q != '<')
            q++;
        if (*q != '>')
            return "unterminated tag";
        /* An attribute value may hold no raw < or >. */
        if (memchr(p, '"', (size_t)(q - p))) {
            int quotes = 0;
            for (const char *r = p; r < q; r++)
                quotes += *r == '"';
            if (quotes % 2)
                return "unbalanced quotes";
        }
        if (closing) {
            if (!n || strcmp(stack[n - 1], name)) {
                snprintf(why, sizeof why, "</%s> closes <%s>", name, n ? stack[n - 1] : "");
                return why;
            }
            n--;
        } else if (!is_void(name)) {
            if (n == 400)
                return "too deep";
            strcpy(stack[n++], name);
        }
        p = q + 1;
    }
    if (n) {
        snprintf(why, sizeof why, "<%s> left open", stack[n - 1]);
        return why;
    }
    for (const char *p = s; *p; p++)
        if (*p == '&' && !strncmp(p, "&amp;", 5) + !strncmp(p, "&lt;", 4) +
                                 !strncmp(p, "&gt;", 4) + !strncmp(p, "&quot;", 6) == 0)
            return "bare &";
    return NULL;
}

/* ---- URL resolution ---- */

START_TEST(url_rfc3986_examples)
{
    /* RFC 3986, section 5.4: normal and abnormal examples. */
    static const char *const cases[][2] = {
        {"g:h", "g:h"}, {"g", "http://a/b/c/g"}, {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"}, {"/g", "http://a/g"}, {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"}, {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"}, {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"}, {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"}, {"g;x?y#s", "http://a/b/c/g;x?y#s"},
        {"", "http://a/b/c/d;p?q"}, {".", "http://a/b/c/"}, {"./", "http://a/b/c/"},
        {"..", "http://a/b/"}, {"../", "http://a/b/"}, {"../g", "http://a/b/g"},
        {"../..", "http://a/"}, {"../../", "http://a/"}, {"../../g", "http://a/g"},
        {"../../../g", "http://a/g"}, {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"}, {"/../g", "http://a/g"}, {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"}, {"g..", "http://a/b/c/g.."}, {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"}, {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"}, {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"}, {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"}, {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"}, {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dc_buf b = DC_BUF_INIT;
        dc_url_resolve("http://a/b/c/d;p?q", cases[i][0], &b);
        char *got = dc_buf_detach(&b);
        ck_assert_msg(!strcmp(got, cases[i][1]), "%s -> %s, want %s", cases[i][0], got,
                      cases[i][1]);
        free(got);
    }
}
END_TEST

static char *resolve(const char *base, const char *ref)
{
    dc_buf b = DC_BUF_INIT;
    dc_url_resolve(base, ref, &b);
    return dc_buf_detach(&b);
}

#define RESOLVES(base, ref, want)                                            \
    do {                                                                     \
        char *got_ = resolve(base, ref);                                     \
        ck_assert_str_eq(got_, want);                                        \
        free(got_);                                                          \
    } while (0)

START_TEST(url_edges)
{
    RESOLVES(NULL, "/x/y", "/x/y");
    RESOLVES("example.com/page", "x", "x"); /* base without scheme: kept as is */
    RESOLVES("https://h.example", "x", "https://h.example/x");
    RESOLVES("https://h.example", "?q", "https://h.example?q");
    RESOLVES("https://h.example/a/", "  \n /b\tc  ", "https://h.example/bc");
    RESOLVES("https://h.example/a/b#frag", "", "https://h.example/a/b");
    RESOLVES("https://h.example/a/b", "//cdn.example/i.png", "https://cdn.example/i.png");
    RESOLVES("https://h.example/a/b", "HTTPS://Other.example/", "HTTPS://Other.example/");
    RESOLVES("file:///tmp/x.html", "y.html", "file:///tmp/y.html");
    RESOLVES("mailto:a@b.example", "x", "mailto:x");
}
END_TEST

START_TEST(link_targets)
{
    static const char *const skipped[] = {
        "<a href=''>x</a>", "<a href='   '>x</a>", "<a>x</a>", "<a href='#'>x</a>",
        "<a href=' JavaScript:void(0)'>x</a>", "<a href='vbscript:x'>x</a>",
        "<a href='data:text/html,x'>x</a>"};
    for (size_t i = 0; i < sizeof skipped / sizeof *skipped; i++) {
        char *got = render(MD, skipped[i], DECLUTTER_KEEP_LINKS, "https://h.example/");
        ck_assert_msg(!strcmp(got, "x\n"), "%s gave %s", skipped[i], got);
        free(got);
    }
    MDF(DECLUTTER_KEEP_LINKS, "<a href='#sec'>x</a>", "[x](https://ex.example/a/b.html#sec)\n");
    MDF(DECLUTTER_KEEP_LINKS, "<a href='mailto:me@h.example'>mail</a>", "[mail](mailto:me@h.example)\n");
    MDF(DECLUTTER_KEEP_LINKS, "<a href='/q?a=1&amp;amp;b=2&amp;c'>q</a>wow!<a href='/r'>r</a>",
        "[q](https://ex.example/q?a=1\\&amp;b=2&c)wow\\![r](https://ex.example/r)\n");
    MDX("<p><code>a</code><code>b</code> <kbd>c</kbd></p>", "`a`b `c`\n");
}
END_TEST

/* ---- Markdown ---- */

START_TEST(md_headings_paragraphs)
{
    MDX("<h1>One</h1><p>Text <b>bold</b> and <i>it</i>.</p><h3>Three</h3><h6>Six</h6>",
        "# One\n\nText **bold** and *it*.\n\n### Three\n\n###### Six\n");
    MDX("<h2>  </h2><p>   </p><p>Only</p>", "Only\n");
    MDX("<h2>A <b>bold</b> <i>head</i><br>line</h2>", "## A bold *head* line\n");
    MDX("<h2>C #</h2><h2>##</h2>", "## C \\#\n\n## \\##\n");
    MDX("<div>a<div>b</div>c</div>", "a\n\nb\n\nc\n");
    MDX("<p>Mit&shy;tel&shy;al<b>ter</b> &shy;war</p>", "Mittelal**ter** war\n"); /* soft hyphens */
    /* styled neighbours without a space are two words, as in text */
    MDX("<p><span class=brand>Osprey</span><span class=name>Atmos</span></p>", "Osprey Atmos\n");
    /* a footnote mark after a word is set apart, as in text */
    MDX("<p>performance<sup>1</sup> in m<sup>2</sup></p>", "performance 1 in m2\n");
}
END_TEST

START_TEST(md_emphasis)
{
    MDX("<p>x<b> spaced </b>y</p>", "x **spaced** y\n");
    MDX("<p>x<b></b>y<i> </i>z</p>", "xy z\n");
    MDX("<p><b>a <i>b</i></b></p>", "**a *b***\n");
    MDX("<p><b>nested <strong>twice</strong></b></p>", "**nested twice**\n");
    MDX("<p>Intra<b>word</b>s</p>", "Intra**word**s\n");
    /* Edges a * run cannot open or close at: left plain. */
    MDX("<p><b>33%</b>of</p>", "33%of\n");
    MDX("<p>end<b>.</b></p>", "end.\n");
    MDX("<p><b>Note:</b> text</p>", "**Note:** text\n");
    MDX("<p><i>a (b</i><i>)</i> c</p>", "*a (b*) c\n");
    MDX("<p><i>this\xE2\x80\xAF</i>x <b>(<i>*</i>)</b></p>", "this\xE2\x80\xAFx **(\\*)**\n");
    /* Emphasis cut by blocks closes and reopens around them. */
    MDX("<b><p>one</p><p>two</p></b>", "**one**\n\n**two**\n");
    MDX("<p><b>a<br>b</b></p>", "**a\\\nb**\n");
    MDX("<dl><dt>Term</dt><dd>Meaning</dd></dl>", "**Term**\n\nMeaning\n");
}
END_TEST

START_TEST(md_escaping)
{
    MDX("<p># not a heading</p><p>- not a list</p><p>+</p><p>1. nor this</p>"
        "<p>2) nor this</p><p>&gt; nor a quote</p><p>===</p>",
        "\\# not a heading\n\n\\- not a list\n\n\\+\n\n1\\. nor this\n\n2\\) nor this\n\n"
        "\\> nor a quote\n\n\\===\n");
    MDX("<p>*stars* _under_ snake_case `tick` [a](b) back\\slash |pipe| ~x~</p>",
        "\\*stars\\* \\_under\\_ snake_case \\`tick\\` \\[a\\](b) back\\\\slash \\|pipe\\| "
        "\\~x\\~\n");
    MDX("<p>&lt;div&gt; a &lt; b &amp;copy; R&amp;D</p>", "\\<div> a \\< b \\&copy; R&D\n");
    MDX("<p>In 1999. 3.14 -5 #tag</p>", "In 1999. 3.14 -5 #tag\n");
    MDX("<p><span>1</span>. split</p>", "1\\. split\n");
    MDX("<p><b>1</b>. split</p>", "**1**\\. split\n");
    MDX("<p>a<br>- b<br># c</p>", "a\\\n\\- b\\\n\\# c\n");
}
END_TEST

START_TEST(md_lists)
{
    MDX("<p>x</p><ul><li>one</li><li>two<ul><li>two.a</li><li>two.b</li></ul></li>"
        "<li>three</li></ul><p>y</p>",
        "x\n\n- one\n- two\n    - two.a\n    - two.b\n- three\n\ny\n");
    MDX("<ol start='3'><li>c</li><li></li><li>d<ol><li>inner</li></ol></li></ol>",
        "3. c\n4. d\n    1. inner\n");
    MDX("<ul><li><p>para one</p><p>para two</p></li><li><p>next</p></li></ul>",
        "- para one\n\n    para two\n\n- next\n");
    MDX("<ul><li><ul><li>deep</li></ul></li></ul>", "-   - deep\n");
    MDX("<ul><li><pre>code\n  here</pre></li></ul>", "-   ```\n    code\n      here\n    ```\n");
    MDX("<ul><li>a<blockquote>q</blockquote></li></ul>", "- a\n\n    > q\n");
    MDX("<li>orphan</li>", "orphan\n");
}
END_TEST

START_TEST(md_code)
{
    MDX("<p>Run <code>ls -l</code> now</p>", "Run `ls -l` now\n");
    MDX("<p><code>a`b</code> and <code>`x</code></p>", "``a`b`` and `` `x ``\n");
    MDX("<p><code>  </code>x <code><b>*raw*</b> [k]</code></p>", "x `*raw* [k]`\n");
    MDX("<pre><code class='language-python'>def f():\n    return 1\n\n</code></pre>",
        "```python\ndef f():\n    return 1\n```\n");
    MDX("<pre class='lang-c++'>x</pre>", "```c++\nx\n```\n");
    MDX("<pre>a\n```\nb\n\n\nc</pre>", "````\na\n```\nb\n\n\nc\n````\n");
    MDX("<pre>line<br>next</pre>", "```\nline\nnext\n```\n");
    MDX("<blockquote><pre>q\n\nr</pre></blockquote>", "> ```\n> q\n>\n> r\n> ```\n");
    MDX("<pre>   </pre><p>after</p>", "after\n");
}
END_TEST

START_TEST(md_quotes_breaks)
{
    MDX("<p>before</p><blockquote><p>one</p><p>two</p></blockquote><p>after</p>",
        "before\n\n> one\n>\n> two\n\nafter\n");
    MDX("<blockquote>a<blockquote>b</blockquote>c</blockquote>", "> a\n>\n> > b\n>\n> c\n");
    MDX("<blockquote></blockquote><p>x</p>", "x\n");
    MDX("<p>a<br>b<br><br>c<br></p><p><br>d</p>", "a\\\nb\n\nc\n\nd\n");
    MDX("<blockquote><ul><li>i</li></ul></blockquote>", "> - i\n");
}
END_TEST

START_TEST(md_tables)
{
    MDX("<table><tr><th>a</th><th>b|c</th></tr><tr><td>1</td><td><b>2</b></td></tr>"
        "<tr><td>only</td></tr></table>",
        "| a | b\\|c |\n| --- | --- |\n| 1 | **2** |\n| only |  |\n");
    MDX("<p>x</p><table><caption>Cap</caption><tr><td>1</td><td colspan=2>2</td></tr>"
        "<tr><td>a<br>b</td><td><code>x|y</code></td><td><p>p</p></td></tr></table><p>y</p>",
        "x\n\nCap\n\n| 1 | 2 | |\n| --- | --- | --- |\n| a b | `x\\|y` | p |\n\ny\n");
    /* Layout: a cell holding several paragraphs, or a single row. */
    MDX("<table><tr><td><p>one</p><p>two</p></td><td>side</td></tr>"
        "<tr><td>x</td><td>y</td></tr></table>",
        "one\n\ntwo\n\nside\n\nx\n\ny\n");
    MDX("<table><tr><td>a</td><td>b</td></tr></table>", "a\n\nb\n");
    MDF(DECLUTTER_NO_TABLES,
        "<p>x</p><table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table><p>y</p>",
        "x\n\ny\n");
    MDF(DECLUTTER_NO_TABLES, "<table><tr><td><p>kept</p><p>layout</p></td></tr></table>",
        "kept\n\nlayout\n");
    MDX("<ul><li>t<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>"
        "</li></ul>",
        "- t\n\n    | 1 | 2 |\n    | --- | --- |\n    | 3 | 4 |\n");
}
END_TEST

START_TEST(md_links_images)
{
    const char *doc = "<p>See <a href='../c/d.html?x=1'>the <b>docs</b></a> and "
                       "<a href='javascript:go()'>this</a>.</p>";
    MDF(0, doc, "See the **docs** and this.\n");
    MDF(DECLUTTER_KEEP_LINKS, doc,
        "See [the **docs**](https://ex.example/c/d.html?x=1) and this.\n");
    MDF(DECLUTTER_KEEP_LINKS, "<a href='/a b(c)'>x [1]</a>",
        "[x \\[1\\]](<https://ex.example/a%20b(c)>)\n");
    MDF(DECLUTTER_KEEP_LINKS, "<a href='/x'><h3>Title</h3><p>Summary</p></a>",
        "### [Title](https://ex.example/x)\n\n[Summary](https://ex.example/x)\n");
    MDF(DECLUTTER_KEEP_LINKS, "<a href='/x'> </a><a href='/y'><img src='i.png'></a>", "");
    const char *fig = "<figure><img src='i.png' alt='A [cat]'><figcaption>The \"cat\", "
                      "<i>asleep</i></figcaption></figure><p>text</p>";
    MDF(0, fig, "text\n");
    MDF(DECLUTTER_KEEP_IMAGES, fig,
        "![A \\[cat\\]](https://ex.example/a/i.png \"The \\\"cat\\\", asleep\")\n\ntext\n");
    MDF(DECLUTTER_KEEP_IMAGES, "<figure><img src='i.png'><figcaption>Cap</figcaption></figure>",
        "![Cap](https://ex.example/a/i.png)\n");
    MDF(DECLUTTER_KEEP_IMAGES,
        "<p><img src='data:image/gif;base64,R0l' data-src='/real.jpg' alt='r'>"
        "<img src='/pixel.gif' width='1' height='1'><img srcset='s.jpg 1x, l.jpg 2x'>"
        "<img alt='no source'></p>",
        "![r](https://ex.example/real.jpg)![](https://ex.example/a/s.jpg)\n");
    MDF(DECLUTTER_KEEP_IMAGES | DECLUTTER_KEEP_LINKS, "<a href='/big.jpg'><img src='t.jpg' alt='t'></a>",
        "[![t](https://ex.example/a/t.jpg)](https://ex.example/big.jpg)\n");
    EXPECT_FMT(MD, DECLUTTER_KEEP_LINKS, NULL, "<a href='rel/x'>r</a>", "[r](rel/x)\n");
}
END_TEST

START_TEST(md_from_page)
{
    page p;
    page_run(&p, "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
                 "<article><h1>Headline</h1>" PROSE("Anna") "<h2>Part two</h2>"
                 "<ul><li>first point</li><li>second point</li></ul>" PROSE("Boris")
                 "</article><footer>(c) Site</footer></body></html>");
    ck_assert_int_ge(p.root, 0);
    dc_buf b = DC_BUF_INIT;
    dc_render_markdown(&p.d, p.root, 0, NULL, &b);
    char *md = dc_buf_detach(&b);
    ck_assert_ptr_nonnull(strstr(md, "## Part two\n\n- first point\n- second point\n\nBoris"));
    ck_assert_ptr_null(strstr(md, "Home"));
    ck_assert_ptr_null(strstr(md, "(c) Site"));
    ck_assert_int_eq(md[strlen(md) - 1], '\n');
    free(md);
    page_free(&p);
}
END_TEST

/* ---- Header ---- */

START_TEST(metadata_header)
{
    dc_render_meta m = {"A *Title* #", "Ann Author", "2024-05-06", "https://h.example/x y", "en"};
    dc_buf b = DC_BUF_INIT;
    dc_render_header(&m, 0, &b);
    char *t = dc_buf_detach(&b);
    ck_assert_str_eq(t, "Title: A *Title* #\nAuthor: Ann Author\nDate: 2024-05-06\n"
                        "URL: https://h.example/x y\n\n");
    free(t);
    dc_render_header(&m, 1, &b);
    t = dc_buf_detach(&b);
    ck_assert_str_eq(t, "# A \\*Title\\* \\#\n\nAuthor: Ann Author\\\nDate: 2024-05-06\\\n"
                        "URL: <https://h.example/x%20y>\n\n");
    free(t);
    dc_render_meta some = {NULL, NULL, "2024-05-06", NULL, NULL};
    dc_render_header(&some, 1, &b);
    t = dc_buf_detach(&b);
    ck_assert_str_eq(t, "Date: 2024-05-06\n\n");
    free(t);
    dc_render_meta none = {NULL, NULL, NULL, NULL, NULL};
    dc_render_header(&none, 0, &b);
    dc_render_header(&none, 1, &b);
    t = dc_buf_detach(&b);
    ck_assert_str_eq(t, "");
    free(t);
}
END_TEST

/* ---- Text flags ---- */

START_TEST(text_flags)
{
    const char *doc = "<p>See <a href='/d'>docs</a>.</p><figure><img src='i.png' alt='pic'>"
                       "<figcaption>Cap</figcaption></figure>"
                       "<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>";
    EXPECT_FMT(TEXT, 0, "https://h.example/", doc, "See docs.\n\n1\t2\n3\t4\n");
    EXPECT_FMT(TEXT, DECLUTTER_KEEP_LINKS | DECLUTTER_KEEP_IMAGES | DECLUTTER_NO_TABLES,
               "https://h.example/", doc,
               "See [docs](https://h.example/d).\n\n![pic](https://h.example/i.png \"Cap\")\n");
    EXPECT_FMT(TEXT, DECLUTTER_KEEP_LINKS, NULL, "<p><a href='/x'>a</a><p><a href='/y'>b<p>c</a>",
               "[a](/x)\n\n[b](/y)\n\n[c](/y)\n");
}
END_TEST

/* ---- HTML ---- */

START_TEST(html_document)
{
    dc_render_meta m = {"T <&> \"q\"", "Ann", "2024-05-06", "https://h.example/?a=1&b=2",
                        "en-GB\"><script>"};
    GumboOutput *g = gumbo_parse("<p>Body</p>");
    dc_doc d;
    ck_assert_int_eq(dc_measure(g->document, 0, &d), 0);
    dc_buf b = DC_BUF_INIT;
    dc_render_html(&d, d.body, DECLUTTER_WITH_METADATA, NULL, &m, &b);
    char *h = dc_buf_detach(&b);
    ck_assert_str_eq(h, "<!DOCTYPE html>\n<html lang=\"en-GBscript\">\n<head>\n"
                        "<meta charset=\"utf-8\">\n<title>T &lt;&amp;&gt; &quot;q&quot;</title>\n"
                        "<meta name=\"author\" content=\"Ann\">\n"
                        "<meta name=\"date\" content=\"2024-05-06\">\n"
                        "<link rel=\"canonical\" href=\"https://h.example/?a=1&amp;b=2\">\n"
                        "</head>\n<body>\n<article>\n"
                        "<h1>T &lt;&amp;&gt; &quot;q&quot;</h1>\n"
                        "<p>Author: Ann<br>\nDate: 2024-05-06<br>\n"
                        "URL: <a href=\"https://h.example/?a=1&amp;b=2\">"
                        "https://h.example/?a=1&amp;b=2</a></p>\n"
                        "<p>Body</p>\n</article>\n</body>\n</html>\n");
    ck_assert_ptr_null(html_problem(h));
    free(h);
    dc_render_html(&d, -1, 0, NULL, NULL, &b);
    h = dc_buf_detach(&b);
    ck_assert_str_eq(h, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n</head>\n"
                        "<body>\n<article>\n</article>\n</body>\n</html>\n");
    free(h);
    dc_doc_free(&d);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
}
END_TEST

START_TEST(html_structure)
{
    HTMLX(0, "<div class='x' onclick='y'><h2 id='h'>Head</h2><p style='s'>A <span>b</span> "
             "<b>c</b><em></em></p></div>",
          "<h2>Head</h2>\n<p>A b <b>c</b></p>\n");
    HTMLX(0, "<div>loose<div>blocks</div>and text<br>here<br><br>with <i>br</i><br></div>",
          "<p>loose</p>\n<p>blocks</p>\n<p>and text<br>\nhere<br>\n<br>\nwith <i>br</i></p>\n");
    HTMLX(0, "<ul><li>a</li><li></li><li>b<ol><li>c</li></ol></li></ul>",
          "<ul>\n<li>a</li>\n<li>\n<p>b</p>\n<ol>\n<li>c</li>\n</ol>\n</li>\n</ul>\n");
    HTMLX(0, "<ul><li><div>one</div><div>two</div></li></ul>",
          "<ul>\n<li>\n<p>one</p>\n<p>two</p>\n</li>\n</ul>\n");
    HTMLX(0, "<blockquote>q <b>x</b></blockquote><pre>  a &lt;\n\n b\n\n</pre>",
          "<blockquote>\n<p>q <b>x</b></p>\n</blockquote>\n<pre>  a &lt;\n\n b</pre>\n");
    HTMLX(0, "<h3>by X<div>Sunday</div></h3>", "<h3>by X Sunday</h3>\n");
    HTMLX(0, "<h4><p><em>In</em> head</p></h4>", "<h4><em>In</em> head</h4>\n");
    HTMLX(0, "<ul>loose<li>i</li></ul>", "<ul>\n<li>loose</li>\n<li>i</li>\n</ul>\n");
    HTMLX(0, "<li>orphan</li><dt>t</dt>", "<p>orphan</p>\n<p>t</p>\n");
    HTMLX(0, "<p>1 &lt; 2 &amp; \"q\"</p>", "<p>1 &lt; 2 &amp; &quot;q&quot;</p>\n");
}
END_TEST

START_TEST(html_tables)
{
    HTMLX(0, "<table><caption>C</caption><thead><tr><th colspan=2 x=1>h</th></tr></thead>"
             "<tr><td>1</td><td></td></tr></table>",
          "<table>\n<caption>C</caption>\n<thead>\n<tr>\n<th colspan=\"2\">h</th>\n</tr>\n"
          "</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n");
    HTMLX(0, "<table><tr><td><p>a</p><p>b</p></td><td>c</td></tr></table>",
          "<p>a</p>\n<p>b</p>\n<p>c</p>\n");
    HTMLX(DECLUTTER_NO_TABLES, "<p>x</p><table><tr><td>1</td><td>2</td></tr><tr><td>3</td>"
                               "<td>4</td></tr></table>",
          "<p>x</p>\n");
    /* Quirks-mode pages put tables in paragraphs: the paragraph closes around it. */
    char *got = article("<p>intro<table><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td>"
                        "</tr></table>outro</p>", 0);
    ck_assert_str_eq(got, "<p>intro</p>\n<table>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n"
                          "<tr>\n<td>3</td>\n<td>4</td>\n</tr>\n</tbody>\n</table>\n"
                          "<p>outro</p>\n");
    free(got);
}
END_TEST

START_TEST(html_links_images)
{
    const char *doc = "<p><a href='/x?a=1&amp;b=\"2\"' title='t'>link</a> "
                       "<a href='javascript:x'>js</a></p><figure><a href='big.jpg'>"
                       "<img src='i.png' alt='A \"b\"' class='c'></a><figcaption>Cap "
                       "<b>bold</b></figcaption></figure>";
    HTMLX(0, doc, "<p>link js</p>\n");
    HTMLX(DECLUTTER_KEEP_LINKS | DECLUTTER_KEEP_IMAGES, doc,
          "<p><a href=\"https://ex.example/x?a=1&amp;b=&quot;2&quot;\">link</a> js</p>\n"
          "<figure><a href=\"https://ex.example/a/big.jpg\"><img "
          "src=\"https://ex.example/a/i.png\" alt=\"A &quot;b&quot;\"></a>"
          "<figcaption>Cap bold</figcaption>\n</figure>\n");
    HTMLX(DECLUTTER_KEEP_LINKS, "<a href='/x'><h3>T</h3><div>s</div></a>",
          "<h3><a href=\"https://ex.example/x\">T</a></h3>\n"
          "<p><a href=\"https://ex.example/x\">s</a></p>\n");
}
END_TEST

/* Every rendering of awkward markup stays well formed. */
START_TEST(html_well_formed)
{
    static const char *const pages[] = {
        "<b><p>x</p><ul><li>y<i>z<div>w</div></i></li></ul></b>",
        "<a href='/'><table><tr><td>1<p>2</td><td>3</td></tr><tr><td>4</td><td>5</td></tr>"
        "</table></a>",
        "<pre><b>x<div>y</div></b>\n<a href='/q'>z</a></pre>",
        "<p>a<h2>b<table><tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td></tr></table>"
        "g</h2>h",
        "<dl><dt><p>t</p></dt><dd><p>a</p><p>b</p></dd>text</dl>",
        "<figure><figure><img src=a.png><figcaption>x</figcaption></figure>y</figure>",
        "<blockquote><blockquote>a</blockquote>b<ul>c<li>d</ul></blockquote>",
        "<table><tr><th><h3>x</h3></th><td><pre>y</pre></td></tr><tr><td>1</td><td>2</td>"
        "</tr></table>",
    };
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        for (unsigned f = 0; f < 16; f++) {
            char *h = render(HTML, pages[i], f, "https://h.example/");
            const char *why = html_problem(h);
            ck_assert_msg(why == NULL, "page %zu flags %u: %s\n%s", i, f, why, h);
            free(h);
        }
    }
}
END_TEST

/* Deep nesting: bounded work, bounded stack, output well formed. */
START_TEST(deep_nesting)
{
    dc_buf in = DC_BUF_INIT;
    for (int i = 0; i < 3000; i++)
        dc_buf_puts(&in, i % 3 == 0 ? "<blockquote>" : i % 3 == 1 ? "<ul><li>" : "<b><i>x ");
    dc_buf_puts(&in, "end");
    char *html = dc_buf_detach(&in);
    for (int fmt = MD; fmt <= TEXT; fmt++) {
        char *out = render(fmt, html, DECLUTTER_KEEP_LINKS, NULL);
        ck_assert_ptr_nonnull(strstr(out, "end"));
        if (fmt == HTML)
            ck_assert_ptr_null(html_problem(out));
        else
            ck_assert_uint_lt(strlen(out), 2000000);
        free(out);
    }
    free(html);
}
END_TEST

static Suite *formats_suite(void)
{
    Suite *s = suite_create("formats");
    TCase *tc = tcase_create("url");
    tcase_add_test(tc, url_rfc3986_examples);
    tcase_add_test(tc, url_edges);
    tcase_add_test(tc, link_targets);
    suite_add_tcase(s, tc);
    tc = tcase_create("markdown");
    tcase_add_test(tc, md_headings_paragraphs);
    tcase_add_test(tc, md_emphasis);
    tcase_add_test(tc, md_escaping);
    tcase_add_test(tc, md_lists);
    tcase_add_test(tc, md_code);
    tcase_add_test(tc, md_quotes_breaks);
    tcase_add_test(tc, md_tables);
    tcase_add_test(tc, md_links_images);
    tcase_add_test(tc, md_from_page);
    tcase_add_test(tc, metadata_header);
    tcase_add_test(tc, text_flags);
    suite_add_tcase(s, tc);
    tc = tcase_create("html");
    tcase_add_test(tc, html_document);
    tcase_add_test(tc, html_structure);
    tcase_add_test(tc, html_tables);
    tcase_add_test(tc, html_links_images);
    tcase_add_test(tc, html_well_formed);
    tcase_add_test(tc, deep_nesting);
    tcase_set_timeout(tc, 30);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(formats_suite)
