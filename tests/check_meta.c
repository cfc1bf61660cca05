/* Tests for src/meta.c: every metadata source, its priority, and odd input. */
#include <check.h>
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "meta.h"

static GumboOutput *out;
static dc_meta m;

#define F(name) (m.field[DECLUTTER_FIELD_##name])

static void run_url(const char *html, const char *url)
{
    if (out)
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    dc_meta_free(&m);
    out = gumbo_parse(html);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(dc_meta_extract(out->document, url, &m), 0);
    ck_assert_ptr_null(F(ENCODING));
}

static void run(const char *html) { run_url(html, NULL); }

static void setup(void)
{
    out = NULL;
    memset(&m, 0, sizeof m);
}

static void teardown(void)
{
    dc_meta_free(&m);
    if (out)
        gumbo_destroy_output(&kGumboDefaultOptions, out);
    out = NULL;
}

/* Text of the element m.h1 points at (first text child), or NULL. */
static const char *h1_first_text(void)
{
    if (!m.h1 || m.h1->type != GUMBO_NODE_ELEMENT || !m.h1->v.element.children.length)
        return NULL;
    const GumboNode *t = m.h1->v.element.children.data[0];
    return t->type == GUMBO_NODE_TEXT ? t->v.text.text : NULL;
}

/* ------------------------------------------------------------ title */

START_TEST(credit_vocabulary_filter)
{
    ck_assert(dc_meta_vocab_ok());
}
END_TEST

START_TEST(title_priority)
{
    const char *ld = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"LD\"}</script>";
    char html[1024];

    snprintf(html, sizeof html,
             "<head><title>T</title><meta name=twitter:title content=TW>"
             "<meta property=og:title content=OG>%s</head><h1>H</h1>", ld);
    run(html);
    ck_assert_str_eq(F(TITLE), "OG");

    snprintf(html, sizeof html,
             "<head><title>T</title><meta name=twitter:title content=TW>%s</head><h1>H</h1>", ld);
    run(html);
    ck_assert_str_eq(F(TITLE), "LD");

    run("<head><title>T</title><meta name=twitter:title content=TW></head><h1>H</h1>");
    ck_assert_str_eq(F(TITLE), "TW");

    run("<head><title>T</title></head><body><h1> </h1><h1>First <em>real</em></h1><h1>Second</h1>");
    ck_assert_str_eq(F(TITLE), "First real");

    run("<head><title>Just the title</title></head><p>x");
    ck_assert_str_eq(F(TITLE), "Just the title");

    run("<meta property=og:title content='   '><meta name=og:title content='Named OG'>");
    ck_assert_str_eq(F(TITLE), "Named OG");
}
END_TEST

START_TEST(title_whitespace_and_absent)
{
    run("<title>\n  Hello \t world\xC2\xA0 </title>");
    ck_assert_str_eq(F(TITLE), "Hello world");

    run("<p>no title here</p>");
    ck_assert_ptr_null(F(TITLE));

    run("<body><svg><title>Icon</title></svg><p>x</p>");
    ck_assert_ptr_null(F(TITLE));

    run("<meta property=og:title content=\"A &amp; B\">");
    ck_assert_str_eq(F(TITLE), "A & B");
}
END_TEST

START_TEST(title_separators)
{
    static const struct {
        const char *html, *want;
    } cases[] = {
        {"<meta property=og:site_name content='Daily Planet'><title>Big News Today | daily planet</title>",
         "Big News Today"},
        {"<title>Big News Today - Planet</title>", "Big News Today"},
        {"<title>Big News Today \xE2\x80\x93 Planet</title>", "Big News Today"},
        {"<title>Big News Today \xE2\x80\x94 Planet</title>", "Big News Today"},
        {"<title>Big News Today :: Planet</title>", "Big News Today"},
        {"<title>Big News Today \xC2\xB7 Planet</title>", "Big News Today"},
        {"<title>Big News Today \xC2\xBB Planet</title>", "Big News Today"},
        /* split at the last separator only */
        {"<title>Part One - Part Two | Planet</title>", "Part One - Part Two"},
        /* the part after is longer: it is not a site name */
        {"<title>Short - a much longer part after the dash</title>",
         "Short - a much longer part after the dash"},
        /* shorter but more than five words */
        {"<title>A very long headline about many things - one two three four five six</title>",
         "A very long headline about many things - one two three four five six"},
        /* equal to the site name even when longer */
        {"<meta property=og:site_name content='The Extremely Long Site Name Here'>"
         "<title>Hi | The Extremely Long Site Name Here</title>", "Hi"},
        /* site name first */
        {"<meta property=og:site_name content=Planet><title>Planet | A headline that is long</title>",
         "A headline that is long"},
        /* hyphens without spaces are not separators */
        {"<title>COVID-19 vaccine-news</title>", "COVID-19 vaccine-news"},
        /* application-name also names the site */
        {"<meta name=application-name content='Long Site Name'>"
         "<title>Tiny | Long Site Name</title>", "Tiny"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        run(cases[i].html);
        ck_assert_msg(F(TITLE) && strcmp(F(TITLE), cases[i].want) == 0,
                      "case %zu: got '%s', want '%s'", i, F(TITLE) ? F(TITLE) : "(null)",
                      cases[i].want);
    }
}
END_TEST

/* ----------------------------------------------------------- author */

START_TEST(author_jsonld)
{
    run("<script type=application/ld+json>{\"@type\":\"Article\",\"author\":\"Ann Lee\"}</script>"
        "<meta name=author content=Meta>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");

    run("<script type=application/ld+json>{\"@type\":\"Article\",\"author\":{\"@type\":\"Person\",\"name\":\"Bo Ek\"}}</script>");
    ck_assert_str_eq(F(AUTHOR), "Bo Ek");

    run("<script type=application/ld+json>{\"@type\":\"Article\",\"author\":[{\"name\":\"A One\"},\"B Two\",{\"url\":\"x\"},{\"name\":\"C Three\"}]}</script>");
    ck_assert_str_eq(F(AUTHOR), "A One, B Two, C Three");

    /* WebPage author only when no Article has one */
    run("<script type=application/ld+json>[{\"@type\":\"WebPage\",\"author\":\"Page\"},{\"@type\":\"Article\",\"headline\":\"h\"}]</script>");
    ck_assert_str_eq(F(AUTHOR), "Page");

    /* authors given by @id, named by a node elsewhere in the graph (or in another script) */
    run("<script type=application/ld+json>{\"@graph\":[{\"@type\":\"Article\",\"author\":{\"@id\":\"https://s.example/#/schema/person/1\"}},"
        "{\"@type\":\"Organization\",\"@id\":\"https://s.example/#org\",\"name\":\"Site\"},"
        "{\"@type\":\"Person\",\"@id\":\"https://s.example/#/schema/person/1\",\"name\":\"Ann Lee\"}]}</script>"
        "<meta name=author content=Meta>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<script type=application/ld+json>{\"@type\":\"BlogPosting\",\"author\":[{\"@id\":\"#a\"},{\"@id\":\"#b\"},{\"@id\":\"#c\"}]}</script>"
        "<script type=application/ld+json>[{\"@id\":\"#b\",\"name\":\"Bo Ek\"},{\"@id\":\"#a\",\"name\":\"A One\"}]</script>");
    ck_assert_str_eq(F(AUTHOR), "A One, Bo Ek");
    run("<script type=application/ld+json>{\"@graph\":[{\"@type\":\"Article\",\"author\":\"https:\\/\\/s.example\\/author\\/ann\\/#author\"},"
        "{\"@type\":\"Person\",\"@id\":\"https://s.example/author/ann/#author\",\"name\":\"Ann Lee\"}]}</script>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    /* an unresolved id is no name; the next source speaks */
    run("<script type=application/ld+json>{\"@type\":\"Article\",\"author\":{\"@id\":\"#x\"}}</script><meta name=author content=Meta>");
    ck_assert_str_eq(F(AUTHOR), "Meta");
    /* a CMS account's default name is nobody's */
    run("<script type=application/ld+json>{\"@type\":\"Article\",\"author\":\"admin\"}</script><meta name=author content='Tobias Kuske'>");
    ck_assert_str_eq(F(AUTHOR), "Tobias Kuske");
}
END_TEST

START_TEST(author_meta_and_elements)
{
    run("<meta name=author content=' Meta  Person '><meta property=article:author content=Art>");
    ck_assert_str_eq(F(AUTHOR), "Meta Person");

    run("<meta property=article:author content='https://social.example/someone'>"
        "<meta property=og:article:author content='Og Writer'>");
    ck_assert_str_eq(F(AUTHOR), "Og Writer");

    run("<meta property=article:author content='Art Writer'><a rel=author>Link</a>");
    ck_assert_str_eq(F(AUTHOR), "Art Writer");

    run("<head><link rel=author href=/humans.txt></head><p>By <a rel='nofollow author' href=/u>Jane Roe</a>");
    ck_assert_str_eq(F(AUTHOR), "Jane Roe");

    run("<p class=byline><span rel=author>By: Max Mustermann</span>");
    ck_assert_str_eq(F(AUTHOR), "Max Mustermann");

    run("<div itemprop=author itemscope><img alt=x><span itemprop=name>Eve Ng</span>"
        "<span>Staff writer</span></div>");
    ck_assert_str_eq(F(AUTHOR), "Eve Ng");

    run("<span itemprop=author></span><span itemprop=author>Second Try</span>");
    ck_assert_str_eq(F(AUTHOR), "Second Try");

    run("<p>nobody</p>");
    ck_assert_ptr_null(F(AUTHOR));

    /* a byline that holds only a dateline names nobody: its month or
     * weekday is no name */
    run("<div class=byline>Sat, 20 Dec, 2025 - 06:36</div>");
    ck_assert_ptr_null(F(AUTHOR));
    run("<div class=publish-date-author>Dec. 19, 2025 &middot; 4 min</div>");
    ck_assert_ptr_null(F(AUTHOR));
    /* the name after a dateline is taken; a name that begins with a
     * month's name is a name */
    run("<div class=publish-date-author>Dec. 19, 2025 &middot; Niko Matsakis</div>");
    ck_assert_str_eq(F(AUTHOR), "Niko Matsakis");
    run("<div class=byline>March 5, 2024 | By Ann Lee</div>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<div class=byline>May Smith | Reporter</div>");
    ck_assert_str_eq(F(AUTHOR), "May Smith");
    /* the outlet's name after the writer's goes, unless that leaves a
     * job title or a mark hanging */
    run("<meta property=og:site_name content='USA TODAY'>"
        "<meta name=author content='Brian Truitt, USA TODAY'>");
    ck_assert_str_eq(F(AUTHOR), "Brian Truitt");
    run("<meta property=og:site_name content=CaseBasix>"
        "<meta name=author content='Mayank Gupta, CEO of CaseBasix'>");
    ck_assert_str_eq(F(AUTHOR), "Mayank Gupta, CEO of CaseBasix");
    run("<meta name=author content='Interview: Julia Lauter'>");
    ck_assert_str_eq(F(AUTHOR), "Julia Lauter");
    run("<meta property=og:site_name content='House Plant House'>"
        "<meta name=author content='Laura / House Plant House'>");
    ck_assert_str_eq(F(AUTHOR), "Laura / House Plant House");
}
END_TEST

START_TEST(author_too_long)
{
    dc_buf b = DC_BUF_INIT;
    dc_buf_puts(&b, "<meta name=author content='");
    for (int i = 0; i < 201; i++)
        dc_buf_putc(&b, 'x');
    dc_buf_puts(&b, "'><a rel=author>Short Name</a>");
    run(b.ptr);
    ck_assert_str_eq(F(AUTHOR), "Short Name");
    dc_buf_free(&b);

    dc_buf_puts(&b, "<meta name=author content='");
    for (int i = 0; i < 200; i++)
        dc_buf_puts(&b, "\xC3\xA9"); /* 200 characters, 400 bytes: fits */
    dc_buf_puts(&b, "'>");
    run(b.ptr);
    ck_assert_ptr_nonnull(F(AUTHOR));
    ck_assert_uint_eq(strlen(F(AUTHOR)), 400);
    dc_buf_free(&b);
}
END_TEST

/* ------------------------------------------------------------- date */

START_TEST(date_forms)
{
    static const struct {
        const char *in, *want;
    } ok[] = {
        {"2024-03-05", "2024-03-05"},
        {"2024-03-05T10:00:00Z", "2024-03-05"},
        {"2024-03-05T23:59:00-05:00", "2024-03-05"},
        {"  2024-03-05 10:00", "2024-03-05"},
        {"2024-3-5", "2024-03-05"},
        {"20240305", "2024-03-05"},
        {"20240305T101500", "2024-03-05"},
        {"2024/03/05", "2024-03-05"},
        {"2024.03.05", "2024-03-05"},
        {"March 5, 2024", "2024-03-05"},
        {"march 5 2024", "2024-03-05"},
        {"Mar 5, 2024", "2024-03-05"},
        {"Mar. 5, 2024, 10:00 AM", "2024-03-05"},
        {"5 March 2024", "2024-03-05"},
        {"5th March 2024", "2024-03-05"},
        {"March 5th, 2024", "2024-03-05"},
        {"Sept 30, 2023", "2023-09-30"},
        {"Tue, 05 Mar 2024 10:00:00 GMT", "2024-03-05"},
        {"Tuesday, December 31, 2024", "2024-12-31"},
        {"2024-02-29", "2024-02-29"},
        {"1990-01-01", "1990-01-01"},
        {"2100-12-31", "2100-12-31"},
        {"Samstag, 5. Oktober 2013", "2013-10-05"},
        {"5. M\xC3\xA4rz 2024", "2024-03-05"},
        {"5. M\xC3\x84RZ 2024", "2024-03-05"},
        {"15. Okt. 2024", "2024-10-15"},
        {"le 1er mai 2020", "2020-05-01"},
        {"3 janv. 2024", "2024-01-03"},
        {"7 f\xC3\xA9vr. 2024", "2024-02-07"},
        {"5 de mayo de 2024", "2024-05-05"},
        {"12 de setembro de 2021", "2021-09-12"},
        {"the 5th of March 2024", "2024-03-05"},
        {"23 maggio 2019", "2019-05-23"},
        {"5 mei 2024", "2024-05-05"},
        {"2024. m\xC3\xA1rcius 5.", "2024-03-05"},
        {"5 wrze\xC5\x9Bnia 2024", "2024-09-05"},
        {"19. helmikuuta 2019", "2019-02-19"},
        {"5 \xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0 2024", "2024-03-05"},
        {"in May 2024, on 5 June 2024", "2024-06-05"},
    };
    static const char *const bad[] = {
        "", "   ", "yesterday", "2024-13-01", "2024-00-10", "2024-01-32", "2023-02-29",
        "2024-04-31", "1989-12-31", "2101-01-01", "2024", "2024-03", "March 2024",
        "24-03-05", "2024-03-0512", "123456789", "05/03/2024", "May the force",
        "2024/03-05", "March 32, 2024", "0000-00-00",
        "iPhone 11 Pro 2019", "5 jui 2024", "Sie 5 2019", "5 ma 2024",
    };
    char d[11];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        memset(d, 0, sizeof d);
        ck_assert_msg(dc_meta_parse_date(ok[i].in, d) == 0, "rejected '%s'", ok[i].in);
        ck_assert_msg(strcmp(d, ok[i].want) == 0, "'%s' -> '%s'", ok[i].in, d);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(dc_meta_parse_date(bad[i], d) == -1, "accepted '%s'", bad[i]);
    ck_assert_int_eq(dc_meta_parse_date(NULL, d), -1);
}
END_TEST

START_TEST(date_meta_names)
{
    static const char *const names[] = {
        "article:published_time", "og:published_time", "datePublished", "date", "pubdate",
        "publishdate", "DC.date.issued", "dc.date", "sailthru.date", "parsely-pub-date",
        "DC.DATE", "PubDate"};
    char html[256];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(html, sizeof html, "<meta name='%s' content='2021-06-0%d'>", names[i], (int)(i % 9) + 1);
        run(html);
        char want[11];
        snprintf(want, sizeof want, "2021-06-0%d", (int)(i % 9) + 1);
        ck_assert_msg(F(DATE) && strcmp(F(DATE), want) == 0, "meta %s", names[i]);
    }
}
END_TEST

START_TEST(date_priority)
{
    /* priority by source, not by document order */
    run("<meta name=date content=2020-01-01><meta property=article:published_time content=2021-02-02>");
    ck_assert_str_eq(F(DATE), "2021-02-02");

    run("<meta name=parsely-pub-date content=2020-01-01><meta name=pubdate content='March 3, 2022'>");
    ck_assert_str_eq(F(DATE), "2022-03-03");

    /* JSON-LD first; dateCreated when datePublished is missing or unparseable */
    run("<meta property=article:published_time content=2021-02-02>"
        "<script type=application/ld+json>{\"@type\":\"BlogPosting\",\"datePublished\":\"2019-12-31T22:00:00+01:00\"}</script>");
    ck_assert_str_eq(F(DATE), "2019-12-31");
    run("<meta property=article:published_time content=2021-02-02>"
        "<script type=application/ld+json>{\"@type\":\"BlogPosting\",\"datePublished\":\"soon\",\"dateCreated\":\"2018-07-04\"}</script>");
    ck_assert_str_eq(F(DATE), "2018-07-04");
    run("<meta property=article:published_time content=2021-02-02>"
        "<script type=application/ld+json>{\"@type\":\"BlogPosting\",\"datePublished\":\"soon\"}</script>");
    ck_assert_str_eq(F(DATE), "2021-02-02");

    /* an unparseable meta is skipped for the next source */
    run("<meta property=article:published_time content='last week'><meta name=date content=2020-05-05>");
    ck_assert_str_eq(F(DATE), "2020-05-05");

    /* itemprop on elements other than meta */
    run("<span itemprop=datePublished content=2017-08-09>Aug 9</span><meta name=date content=2020-05-05>");
    ck_assert_str_eq(F(DATE), "2017-08-09");
}
END_TEST

START_TEST(date_from_url)
{
    /* a permalink's date, from the canonical URL or the page's */
    run_url("<meta property=article:published_time content=2019-10-23T01:00:00Z>",
            "https://blog.example/2019/10/22/a-post/");
    ck_assert_str_eq(F(DATE), "2019-10-22");
    run_url("<link rel=canonical href='https://n.example/news/2014-05-18-title.html'><p>x", NULL);
    ck_assert_str_eq(F(DATE), "2014-05-18");
    run_url("<p>x", "https://n.example/a/2014/05/18");
    ck_assert_str_eq(F(DATE), "2014-05-18");
    /* not the host, a query, an archive's month, an impossible day or a longer number */
    run_url("<p>x", "https://2014/05/18.example/p?d=/2014/05/18/");
    ck_assert_ptr_null(F(DATE));
    run_url("<p>x", "https://n.example/2014/05/");
    ck_assert_ptr_null(F(DATE));
    run_url("<p>x", "https://n.example/2014/02/30/x");
    ck_assert_ptr_null(F(DATE));
    run_url("<p>x", "https://n.example/2014/05/181/x");
    ck_assert_ptr_null(F(DATE));
}
END_TEST

START_TEST(date_time_elements)
{
    run("<p><time datetime=2022-01-01>a</time><time datetime=2022-02-02>b</time>");
    ck_assert_str_eq(F(DATE), "2022-01-01");

    run("<p><time datetime=2022-01-01>comment</time><time class='entry-published' datetime=2022-02-02>b</time>");
    ck_assert_str_eq(F(DATE), "2022-02-02");

    run("<p><time datetime=bogus>x</time><time datetime='2022-03-03T10:00'>y</time>");
    ck_assert_str_eq(F(DATE), "2022-03-03");

    run("<meta name=date content=2020-05-05><p><time datetime=2022-01-01>a</time>");
    ck_assert_str_eq(F(DATE), "2020-05-05");

    /* without datetime, the visible text is read */
    run("<p><time>March 1, 2020</time>");
    ck_assert_str_eq(F(DATE), "2020-03-01");
}
END_TEST

START_TEST(date_from_text)
{
    run("<div class=post-date>Posted on 5 March 2021 by Ann</div>");
    ck_assert_str_eq(F(DATE), "2021-03-05");
    run("<p>Some words</p><span>Updated 19.12.2025</span>");
    ck_assert_str_eq(F(DATE), "2025-12-19");
    run("<p>By Ann <span>2023-07-08 10:00</span></p>");
    ck_assert_str_eq(F(DATE), "2023-07-08");
    /* no full date: a year, an ambiguous slashed date, a long paragraph */
    run("<footer>Copyright 2020</footer><p>05/03/2024</p>"
        "<p>The meeting on March 5, 2024 was long, and it went on and on well past the hour that "
        "everyone had planned for it, so nobody was happy.</p>");
    ck_assert_ptr_null(F(DATE));

    /* month names of other languages in datelines */
    run("<div class=date-header><span>Freitag, 5. Juni 2015</span></div>");
    ck_assert_str_eq(F(DATE), "2015-06-05");
    run("<p>Par Ann</p><span>le 07 mai 2020</span>");
    ck_assert_str_eq(F(DATE), "2020-05-07");
    run("<p>2019\xE5\xB9\xB4" "10\xE6\x9C\x88" "1\xE6\x97\xA5</p>");
    ck_assert_str_eq(F(DATE), "2019-10-01");

    /* slashed dates: unambiguous ones always, others in the page's language's order */
    run("<p>updated: 10/31/2024</p>");
    ck_assert_str_eq(F(DATE), "2024-10-31");
    run("<p>posted on the 15/12/2025 at 19:00</p>");
    ck_assert_str_eq(F(DATE), "2025-12-15");
    run("<html lang=en-US><span class=time>3/4/2025</span>");
    ck_assert_str_eq(F(DATE), "2025-03-04");
    run("<html lang=en><p>3/4/2025</p>");
    ck_assert_str_eq(F(DATE), "2025-03-04");
    run("<html lang=en-GB><span class=time>02/10/2020</span>");
    ck_assert_str_eq(F(DATE), "2020-10-02");
    run("<html lang=es><p>3-5-2022 22:41</p>");
    ck_assert_str_eq(F(DATE), "2022-05-03");
    run("<html lang=de><p>v1/2/2024.3</p><p>12/1/20245</p>");
    ck_assert_ptr_null(F(DATE));

    /* two-digit years only in datelines, and after any full date there */
    run("<div class=date> Kultur, 2.11.22 </div>");
    ck_assert_str_eq(F(DATE), "2022-11-02");
    run("<p>23.09.22</p>");
    ck_assert_ptr_null(F(DATE));
    run("<div class=date>1.2.10.4</div><div class=date>v 10.12.22.5</div>");
    ck_assert_ptr_null(F(DATE));
    run("<div class=event-date>19.1.23, 10:00</div><div class=post-date>20.12.2022</div>");
    ck_assert_str_eq(F(DATE), "2022-12-20");
}
END_TEST

/* ------------------------------------------- site, lang, url, description */

START_TEST(site_name)
{
    run("<meta property=og:site_name content=OG><meta name=application-name content=App>"
        "<script type=application/ld+json>{\"@type\":\"Article\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Pub\",\"logo\":{\"url\":\"x\"}}}</script>");
    ck_assert_str_eq(F(SITE_NAME), "OG");

    run("<meta name=application-name content=App>"
        "<script type=application/ld+json>{\"@type\":\"Article\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Pub\",\"logo\":{\"url\":\"x\"}}}</script>");
    ck_assert_str_eq(F(SITE_NAME), "Pub");

    run("<meta name=application-name content=App>");
    ck_assert_str_eq(F(SITE_NAME), "App");

    run("<title>x</title>");
    ck_assert_ptr_null(F(SITE_NAME));
}
END_TEST

START_TEST(lang)
{
    run("<html lang=' en-US '><meta http-equiv=content-language content=de><meta property=og:locale content=fr_FR>");
    ck_assert_str_eq(F(LANG), "en-US");

    run("<html><meta http-equiv=Content-Language content='de, en'><meta property=og:locale content=fr_FR>");
    ck_assert_str_eq(F(LANG), "de");

    run("<html lang=''><meta property=og:locale content=pt_BR>");
    ck_assert_str_eq(F(LANG), "pt-BR");

    run("<p>x");
    ck_assert_ptr_null(F(LANG));
}
END_TEST

START_TEST(url)
{
    run_url("<link rel=canonical href='https://a.example/x'><meta property=og:url content='https://b.example/y'>",
            "https://c.example/z");
    ck_assert_str_eq(F(URL), "https://a.example/x");

    run_url("<link rel=Canonical href=''><meta property=og:url content='https://b.example/y'>",
            "https://c.example/z");
    ck_assert_str_eq(F(URL), "https://b.example/y");

    run_url("<p>x", "https://c.example/z");
    ck_assert_str_eq(F(URL), "https://c.example/z");

    run("<link rel=stylesheet href=/s.css>");
    ck_assert_ptr_null(F(URL));
}
END_TEST

START_TEST(description)
{
    run("<meta name=twitter:description content=TW><meta property=og:description content=OG>"
        "<meta name=description content='Plain\n description'>");
    ck_assert_str_eq(F(DESCRIPTION), "Plain description");

    run("<meta name=twitter:description content=TW><meta property=og:description content=OG>");
    ck_assert_str_eq(F(DESCRIPTION), "OG");

    run("<meta name=description><meta name=twitter:description content=TW>");
    ck_assert_str_eq(F(DESCRIPTION), "TW");

    run("<p>x");
    ck_assert_ptr_null(F(DESCRIPTION));
}
END_TEST

/* ---------------------------------------------------------- JSON-LD */

START_TEST(jsonld_graph_and_arrays)
{
    run("<script type=application/ld+json>{\"@context\":\"https://schema.org\",\"@graph\":["
        "{\"@type\":\"WebSite\",\"name\":\"Site\"},"
        "{\"@type\":\"WebPage\",\"name\":\"Page name\",\"datePublished\":\"2001-01-01\"},"
        "{\"@type\":[\"Thing\",\"NewsArticle\"],\"headline\":\"Graph headline\",\"articleBody\":\"Body text.\"}"
        "]}</script>");
    ck_assert_str_eq(F(TITLE), "Graph headline");
    ck_assert_str_eq(F(DATE), "2001-01-01"); /* the WebPage fills what the article lacks */
    ck_assert_str_eq(m.article_body, "Body text.");

    run("<script type='application/ld+json; charset=utf-8'>[{\"@type\":\"BreadcrumbList\"},"
        "{\"@type\":\"schema:BlogPosting\",\"headline\":\"Array headline\"}]</script>");
    ck_assert_str_eq(F(TITLE), "Array headline");

    run("<script type=APPLICATION/LD+JSON>{\"@type\":\"https://schema.org/Report\",\"headline\":\"Typed by URL\"}</script>");
    ck_assert_str_eq(F(TITLE), "Typed by URL");

    /* an Article in a later script beats an earlier WebPage */
    run("<script type=application/ld+json>{\"@type\":\"WebPage\",\"name\":\"Page\"}</script>"
        "<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"Story\"}</script>");
    ck_assert_str_eq(F(TITLE), "Story");

    run("<script type=application/ld+json>{\"@type\":\"WebPage\",\"mainEntity\":"
        "{\"@type\":\"Recipe\",\"name\":\"Pie\",\"author\":{\"name\":\"Cook\"}}}</script>");
    ck_assert_str_eq(F(TITLE), "Pie");
    ck_assert_str_eq(F(AUTHOR), "Cook");

    run("<script type=application/ld+json>{\"@type\":\"WebPage\",\"mainEntity\":"
        "[{\"@type\":\"Person\"},{\"@type\":\"TechArticle\",\"headline\":\"Manual\"}]}</script>");
    ck_assert_str_eq(F(TITLE), "Manual");

    /* other types and other script types are ignored */
    run("<script type=application/ld+json>{\"@type\":\"Product\",\"name\":\"Widget\"}</script>"
        "<script type=application/json>{\"@type\":\"Article\",\"headline\":\"No\"}</script>"
        "<script>{\"@type\":\"Article\",\"headline\":\"No\"}</script><title>Plain</title>");
    ck_assert_str_eq(F(TITLE), "Plain");
    ck_assert_ptr_null(m.article_body);
}
END_TEST

START_TEST(jsonld_escapes)
{
    run("<script type=application/ld+json>{\"@type\":\"Article\","
        "\"headline\":\"Caf\\u00e9 \\ud83d\\ude00 \\\"q\\\" a\\/b \\\\ tab\\tend\","
        "\"author\":\"O&#39;Brien &amp; Sons\","
        "\"articleBody\":\"It&#8217;s &quot;here&quot;.\\nLine two &lt;b&gt; &#x2014; &#146;\"}</script>");
    ck_assert_str_eq(F(TITLE), "Caf\xC3\xA9 \xF0\x9F\x98\x80 \"q\" a/b \\ tab end");
    ck_assert_str_eq(F(AUTHOR), "O'Brien & Sons");
    ck_assert_str_eq(m.article_body,
                     "It\xE2\x80\x99s \"here\".\nLine two <b> \xE2\x80\x94 \xE2\x80\x99");

    /* HTML 4's named references, letters and digits in their names */
    run("<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"1&frac12; Tage\","
        "\"author\":\"Redacci&oacute;n Diario\"}</script>");
    ck_assert_str_eq(F(TITLE), "1\xC2\xBD Tage");
    ck_assert_str_eq(F(AUTHOR), "Redacci\xC3\xB3n Diario");

    /* lone surrogates become U+FFFD; unknown entities stay */
    run("<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"a\\ud800b\\udc00c &bogus; &#xZZ; &\"}</script>");
    ck_assert_str_eq(F(TITLE), "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c &bogus; &#xZZ; &");

    run("<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"x\\by\\fz\\r\\uZZZZ &#xe9;&#0;&#99999999;\"}</script>");
    ck_assert_str_eq(F(TITLE), "x\by z uZZZZ \xC3\xA9\xEF\xBF\xBD&#99999999;");

    /* CDATA-wrapped scripts; an empty author array falls through to the meta */
    run("<script type=application/ld+json>//<![CDATA[\n{\"@type\":\"Article\",\"headline\":\"Wrapped\",\"author\":[]}\n//]]></script>"
        "<meta name=author content=Meta>");
    ck_assert_str_eq(F(TITLE), "Wrapped");
    ck_assert_str_eq(F(AUTHOR), "Meta");
    run("<script type=application/ld+json>/*<![CDATA[*/{\"@type\":\"Article\",\"headline\":\"Wrapped2\"}/*]]>*/</script>");
    ck_assert_str_eq(F(TITLE), "Wrapped2");

    /* "text" stands in for articleBody; raw newlines in strings are tolerated */
    run("<script type=application/ld+json>\n<!--\n{\"@type\":\"SocialMediaPosting\",\"text\":\"  one\ntwo  \",}\n-->\n</script>");
    ck_assert_str_eq(m.article_body, "one\ntwo");
}
END_TEST

START_TEST(jsonld_malformed)
{
    static const char *const bad[] = {
        "{\"@type\":\"Article\",\"headline\":\"x\"",
        "{\"@type\":\"Article\" \"headline\":\"x\"}",
        "{\"@type\":\"Article\",\"headline\":\"x}",
        "{\"@type\":\"Article\",headline:\"x\"}",
        "{\"@type\":\"Article\",\"headline\":tru}",
        "[\"Article\",]]]",
        "",
        "   ",
        "\"just a string\"",
        "42",
        "{\"a\":\\u0041}",
    };
    char html[512];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(html, sizeof html,
                 "<script type=application/ld+json>%s</script><title>Fallback</title>", bad[i]);
        run(html);
        ck_assert_msg(F(TITLE) && strcmp(F(TITLE), "Fallback") == 0, "case %zu", i);
    }
    /* a broken script does not stop a later good one */
    run("<script type=application/ld+json>{oops</script>"
        "<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"Good\",\"n\":[1,-2.5e3,true,false,null,{}],\"e\":[]}</script>");
    ck_assert_str_eq(F(TITLE), "Good");
}
END_TEST

START_TEST(jsonld_depth)
{
    dc_buf b = DC_BUF_INIT;
    /* 63 nested arrays plus the object: within the cap */
    dc_buf_puts(&b, "<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"Deep ok\",\"x\":");
    for (int i = 0; i < 63; i++)
        dc_buf_putc(&b, '[');
    for (int i = 0; i < 63; i++)
        dc_buf_putc(&b, ']');
    dc_buf_puts(&b, "}</script><title>Fallback</title>");
    run(b.ptr);
    ck_assert_str_eq(F(TITLE), "Deep ok");
    dc_buf_free(&b);

    dc_buf_puts(&b, "<script type=application/ld+json>{\"@type\":\"Article\",\"headline\":\"Too deep\",\"x\":");
    for (int i = 0; i < 100000; i++)
        dc_buf_putc(&b, '[');
    for (int i = 0; i < 100000; i++)
        dc_buf_putc(&b, ']');
    dc_buf_puts(&b, "}</script><title>Fallback</title>");
    run(b.ptr);
    ck_assert_str_eq(F(TITLE), "Fallback");
    dc_buf_free(&b);
}
END_TEST

/* --------------------------------------------------------------- h1 */

START_TEST(h1_selection)
{
    run("<meta property=og:title content='The Story'><h1>Site Logo</h1><h1>the  STORY</h1>");
    ck_assert_str_eq(h1_first_text(), "the  STORY");

    /* no exact match: containment either way */
    run("<meta property=og:title content='The Story: a subtitle'><h1>Menu</h1><h1>The Story</h1>");
    ck_assert_str_eq(h1_first_text(), "The Story");
    run("<meta property=og:title content='Story'><h1>Menu</h1><h1>Breaking: Story</h1>");
    ck_assert_str_eq(h1_first_text(), "Breaking: Story");

    /* an exact match wins over an earlier containment */
    run("<meta property=og:title content='Story'><h1>Story time</h1><h1>Story</h1>");
    ck_assert_str_eq(h1_first_text(), "Story");

    run("<meta property=og:title content='Story'><h1></h1><h1>Other</h1>");
    ck_assert_ptr_null(m.h1);

    /* title from the h1 itself */
    run("<title>Something | Site</title><h1>Headline here</h1>");
    ck_assert_str_eq(F(TITLE), "Headline here");
    ck_assert_str_eq(h1_first_text(), "Headline here");

    run("<p>no headings</p>");
    ck_assert_ptr_null(m.h1);
}
END_TEST

/* --------------------------------------------------------- helpers */

START_TEST(title_article_headline)
{
    /* an article's visible headline beats a meta title rewritten for search */
    const char *head = "<meta property=og:type content=article>"
                       "<meta property=og:title content='Nutritionists Explain the Biggest Diet Trends'>";
    char html[1024];
    snprintf(html, sizeof html, "%s<h1>The Biggest Diet and Nutrition Trends, According to Nutritionists</h1>", head);
    run(html);
    ck_assert_str_eq(F(TITLE), "The Biggest Diet and Nutrition Trends, According to Nutritionists");

    /* the same evidence from JSON-LD */
    run("<script type=application/ld+json>{\"@type\":\"BlogPosting\",\"headline\":\"Seven Tips to Rent a Car\"}</script>"
        "<h1>Seven Tips on How to Rent a Car</h1>");
    ck_assert_str_eq(F(TITLE), "Seven Tips on How to Rent a Car");

    /* not an article: the meta title stays */
    run("<meta property=og:title content='Nutritionists Explain the Biggest Diet Trends'>"
        "<h1>The Biggest Diet and Nutrition Trends, According to Nutritionists</h1>");
    ck_assert_str_eq(F(TITLE), "Nutritionists Explain the Biggest Diet Trends");

    /* an unrelated heading (a section label) is not the headline */
    snprintf(html, sizeof html, "%s<h1>Our Blog</h1>", head);
    run(html);
    ck_assert_str_eq(F(TITLE), "Nutritionists Explain the Biggest Diet Trends");

    /* a headline that only adds a kicker keeps the meta title */
    snprintf(html, sizeof html, "%s<h1>Food: Nutritionists Explain the Biggest Diet Trends</h1>", head);
    run(html);
    ck_assert_str_eq(F(TITLE), "Nutritionists Explain the Biggest Diet Trends");

    /* a logo <h1> first, then one that states the title: no change */
    snprintf(html, sizeof html, "%s<h1>Diet Trends Weekly</h1><h1>Nutritionists Explain the Biggest Diet Trends</h1>", head);
    run(html);
    ck_assert_str_eq(F(TITLE), "Nutritionists Explain the Biggest Diet Trends");

    /* the site's name in an <h1> is skipped */
    run("<meta property=og:type content=article><meta property=og:site_name content='Trend Desk'>"
        "<meta property=og:title content='Nutritionists Explain the Biggest Diet Trends'>"
        "<h1>Trend Desk</h1><h1>The Biggest Diet Trends of the Year</h1>");
    ck_assert_str_eq(F(TITLE), "The Biggest Diet Trends of the Year");
}
END_TEST

START_TEST(title_site_suffix)
{
    /* a headline ending in the site's name, written without its domain */
    run("<meta property=og:site_name content=Example.com><h1>Vehicle rental news and coverage | Example</h1>");
    ck_assert_str_eq(F(TITLE), "Vehicle rental news and coverage");

    /* a title that went through two templates names the site twice */
    run("<meta property=og:site_name content=Artsy>"
        "<meta property=og:title content='Best Exhibitions of the Year \xE2\x80\x93 Artsy - Artsy'>");
    ck_assert_str_eq(F(TITLE), "Best Exhibitions of the Year");

    /* a tail that is not the site's name stays on a headline */
    run("<meta property=og:site_name content=Example.com><h1>Gym workouts \xE2\x80\x94 strength training</h1>");
    ck_assert_str_eq(F(TITLE), "Gym workouts \xE2\x80\x94 strength training");
}
END_TEST

START_TEST(title_names_only_site)
{
    /* a title that is just the site's name gives way to the page's <h1> */
    run("<meta property=og:site_name content=Glossier><meta property=og:title content=Glossier>"
        "<link rel=canonical href=https://www.glossier.com/products/set><h1>Custom Skincare Set</h1>");
    ck_assert_str_eq(F(TITLE), "Custom Skincare Set");
    /* or the brand of its host */
    run_url("<meta property=og:title content=Strafprozess><h1>Rasende Polizisten</h1>",
            "https://www.strafprozess.ch/a/b");
    ck_assert_str_eq(F(TITLE), "Rasende Polizisten");
    run_url("<meta property=og:title content=EXAMPLE><h1>Story</h1>", "https://news.example.co.uk/2024/story");
    ck_assert_str_eq(F(TITLE), "Story");
    /* but not on the front page, where the site is the subject */
    run_url("<meta property=og:title content=Example><h1>Welcome</h1>", "https://www.example.com/");
    ck_assert_str_eq(F(TITLE), "Example");
    /* nor when the title says more than the name */
    run_url("<meta property=og:title content='Example Story'><h1>Welcome</h1>", "https://www.example.com/a");
    ck_assert_str_eq(F(TITLE), "Example Story");
    /* an <h1> that repeats the site's name is no better */
    run("<meta property=og:site_name content=Acme><meta property=og:title content=Acme><h1>Acme</h1>");
    ck_assert_str_eq(F(TITLE), "Acme");
}
END_TEST

START_TEST(title_heading_kicker)
{
    /* a kicker inside the heading is a label over the headline, not part of it */
    run("<meta property=og:title content='Rivers: Floods reach the old town'>"
        "<h1><span class=story-kicker>Rivers</span><span class=sr-only>: </span>"
        "<span class=story-title>Floods reach the old town</span></h1>");
    ck_assert_str_eq(F(TITLE), "Floods reach the old town");
    run("<h1> <span class='dachzeile'>Nach dem Sturm</span> Aufr\xC3\xA4umen im Hafen </h1>");
    ck_assert_str_eq(F(TITLE), "Aufr\xC3\xA4umen im Hafen");
    run("<h1><span class=post-title><small>Workout of the week</small><br>Ladder sets</span></h1>");
    ck_assert_str_eq(F(TITLE), "Ladder sets");
    /* other leading parts, a section number, and an all-kicker heading stay */
    run("<h1><span class=brand>Acme</span> Trail Shoe 2</h1>");
    ck_assert_str_eq(F(TITLE), "Acme Trail Shoe 2");
    run("<h1><span class=section-number>5. </span>Data Types</h1>");
    ck_assert_str_eq(F(TITLE), "5. Data Types");
    run("<h1><span class=kicker>Only a label</span></h1>");
    ck_assert_str_eq(F(TITLE), "Only a label");
}
END_TEST

START_TEST(title_logo_heading)
{
    /* a heading that is all a link to the front page is the site's logo */
    run("<title>Pickling Onions | Kitchen Notes</title>"
        "<h1><a href='/'>Kitchen Notes</a></h1><h1 class=entry-title>Pickling Onions</h1>");
    ck_assert_str_eq(F(TITLE), "Pickling Onions");
    ck_assert_str_eq(F(SITE_NAME), "Kitchen Notes");
    run("<title>Kitchen Notes &raquo; Pickling Onions</title>"
        "<h1><a href='https://kitchen.example.org/'>Kitchen Notes</a></h1>");
    ck_assert_str_eq(F(TITLE), "Pickling Onions");
    /* an archived copy of the link is as good */
    run("<title>Notes</title><h1><a href='https://archive.example/web/2008/http://kitchen.example.org/'>Kitchen</a></h1>"
        "<h1>Onions</h1>");
    ck_assert_str_eq(F(TITLE), "Onions");
    /* a link elsewhere, or one that holds only part of the heading, is not */
    run("<h1><a href='/recipes/onions'>Pickling Onions</a></h1>");
    ck_assert_str_eq(F(TITLE), "Pickling Onions");
    run("<h1><a href='/'>Home</a> of pickles</h1>");
    ck_assert_str_eq(F(TITLE), "Home of pickles");
}
END_TEST

START_TEST(title_heading_in_title)
{
    /* without meta titles, the heading the <title> names beats an earlier
     * menu or widget heading */
    run("<title>Tides of the North Sea - Coast Society</title><h1 class=toggle>Menu</h1>"
        "<h1>Tides of the North Sea</h1>");
    ck_assert_str_eq(F(TITLE), "Tides of the North Sea");
    /* when none is named there, the first heading still wins */
    run("<title>Coast Society</title><h1>Tides</h1><h1>Storms</h1>");
    ck_assert_str_eq(F(TITLE), "Tides");
}
END_TEST

/* A title that is the page's heading and, after a separator, more words
 * (a shop's keywords, the site's section) gives the heading, however
 * short it is beside them; a heading inside the title but not before a
 * separator does not. */
START_TEST(title_heading_before_separator)
{
    run("<meta property='og:title' content='Camping Tents: Large Tents for Family &amp; Car "
        "Camping'><h1>Camping Tents</h1>");
    ck_assert_str_eq(F(TITLE), "Camping Tents");
    run("<title>Promise - JavaScript | Web reference for developers</title><h1>Promise</h1>");
    ck_assert_str_eq(F(TITLE), "Promise");
    run("<meta property='og:title' content='Tents and tarps for family and car camping trips'>"
        "<h1>Tents</h1>");
    ck_assert_str_eq(F(TITLE), "Tents and tarps for family and car camping trips");
    /* soft hyphens are invisible: not in the title, nor in the way of
     * finding the heading in it */
    run("<title>City of Marion Building Department: Home Repair Assistance Program</title>"
        "<h1>Home Repair Assis&shy;tance Pro\xC2\xADgram</h1>");
    ck_assert_str_eq(F(TITLE), "Home Repair Assistance Program");
    run("<title>Genesenen&shy;nachweise</title>");
    ck_assert_str_eq(F(TITLE), "Genesenennachweise");
}
END_TEST

START_TEST(title_bullet_site)
{
    /* a bullet sets the site's name apart as the other separators do */
    run("<meta property=og:site_name content='Jane Roe'>"
        "<meta property=og:title content='Notes on git \xE2\x80\xA2 Jane Roe'>");
    ck_assert_str_eq(F(TITLE), "Notes on git");
    /* a title that is the whole site name, separators and all, is not cut
     * into a shorter "title": it gives way to the page's heading */
    run("<meta property=og:site_name content='Shop Name - Shoes'>"
        "<meta property=og:title content='Shop Name - Shoes'><h1>Red Boots</h1>");
    ck_assert_str_eq(F(TITLE), "Red Boots");
}
END_TEST

START_TEST(title_pipe_tail)
{
    /* what follows a pipe is a tagline or the site */
    run("<meta property=og:title content='Stripe Payments | Global Payment Processing Platform'>");
    ck_assert_str_eq(F(TITLE), "Stripe Payments");
    run("<meta property=og:title content='How to help babies sleep | Patient Education | Children\\'s Hospital'>");
    ck_assert_str_eq(F(TITLE), "How to help babies sleep");
    /* a single word before it is the brand, not the page */
    run("<meta property=og:title content='Todoist | A To-Do List to Organize Your Work'>");
    ck_assert_str_eq(F(TITLE), "Todoist | A To-Do List to Organize Your Work");
    /* a headline that shows the whole is kept whole */
    run("<meta property=og:title content='Trekking Backpack 40L | Light & Ready'><h1>Trekking Backpack 40L | Light &amp; Ready</h1>");
    ck_assert_str_eq(F(TITLE), "Trekking Backpack 40L | Light & Ready");
}
END_TEST

START_TEST(author_site_name_last)
{
    /* an author field that gives the site's name yields to a byline */
    run("<meta property=og:site_name content='Garden Weekly'><meta name=author content='GARDEN WEEKLY'>"
        "<p class=byline>By Mara Lind</p>");
    ck_assert_str_eq(F(AUTHOR), "Mara Lind");
    /* and stays when there is none */
    run("<meta property=og:site_name content='Garden Weekly'><meta name=author content='Garden Weekly'>");
    ck_assert_str_eq(F(AUTHOR), "Garden Weekly");
    /* or when the byline found is the site's name again, with more */
    run("<meta property=og:site_name content='Garden Weekly'><meta name=author content='Garden Weekly'>"
        "<span class=author>Garden Weekly Sponsored</span>");
    ck_assert_str_eq(F(AUTHOR), "Garden Weekly");
}
END_TEST

START_TEST(author_twitter_label)
{
    /* the "Written by" card label names the author in the paired data field */
    run("<meta name=twitter:label1 content='Written by'><meta name=twitter:data1 content='Tyler Brown'>"
        "<meta name=twitter:label2 content='Est. reading time'><meta name=twitter:data2 content='4 minutes'>");
    ck_assert_str_eq(F(AUTHOR), "Tyler Brown");

    run("<meta name=twitter:label2 content='Written by'><meta name=twitter:data1 content='4 minutes'>"
        "<meta name=twitter:data2 content='Ann Lee'>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");

    run("<meta name=twitter:label1 content='Est. reading time'><meta name=twitter:data1 content='4 minutes'>");
    ck_assert_ptr_null(F(AUTHOR));
}
END_TEST

START_TEST(author_byline_tail)
{
    /* a dateline run into the name is cut off */
    run("<div class=byline>By Dakota Hebert July 5, 2024</div>");
    ck_assert_str_eq(F(AUTHOR), "Dakota Hebert");
    run("<div class=post-author>Eric Lang Updated December 3, 2024</div>");
    ck_assert_str_eq(F(AUTHOR), "Eric Lang");
    run("<div class=byline>Reyan Perumal Published</div>");
    ck_assert_str_eq(F(AUTHOR), "Reyan Perumal");
    /* and a relative time */
    run("<div class=byline>Isabel Caro y Jos\xC3\xA9 Wilson Hace 13 horas Tiempo de lectura: 8 "
        "minutos</div>");
    ck_assert_str_eq(F(AUTHOR), "Isabel Caro y Jos\xC3\xA9 Wilson");
    run("<div class=author>Anna Huber vor 3 Stunden</div>");
    ck_assert_str_eq(F(AUTHOR), "Anna Huber");

    /* stray separators after the name */
    run("<span class=author>Tony Mast -</span>");
    ck_assert_str_eq(F(AUTHOR), "Tony Mast");
    run("<span class=author>Angela Bell, MD*</span>");
    ck_assert_str_eq(F(AUTHOR), "Angela Bell, MD");

    /* a byline box holding only the date is no name; the next one is */
    run("<div class=byline-date>Updated January 8, 2026</div><div class=byline>Meghan Neville</div>");
    ck_assert_str_eq(F(AUTHOR), "Meghan Neville");

    /* a month that starts the name is a first name */
    run("<div class=byline>By April Jones</div>");
    ck_assert_str_eq(F(AUTHOR), "April Jones");
}
END_TEST

START_TEST(author_credit_words)
{
    /* credits in several languages, also run into the name */
    run("<meta name=author content='Geschrieben vonElisa Marvena'>");
    ck_assert_str_eq(F(AUTHOR), "Elisa Marvena");
    run("<meta name=author content='von Heiko'>");
    ck_assert_str_eq(F(AUTHOR), "Heiko");
    run("<meta name=author content='Von Tobias Kuske'>");
    ck_assert_str_eq(F(AUTHOR), "Tobias Kuske");
    run("<meta name=author content='Author: Bo Ek'>");
    ck_assert_str_eq(F(AUTHOR), "Bo Ek");
    run("<meta name=author content='AuthorAndreas Kalt'>");
    ck_assert_str_eq(F(AUTHOR), "Andreas Kalt");
    run("<meta name=author content='View all posts by Daniel Lemire'>");
    ck_assert_str_eq(F(AUTHOR), "Daniel Lemire");
    run("<meta name=author content='publi\xC3\xA9 par Jean Dupont'>");
    ck_assert_str_eq(F(AUTHOR), "Jean Dupont");
    run("<meta name=author content='\"David Kim\"'>");
    ck_assert_str_eq(F(AUTHOR), "David Kim");
    /* surnames that look like credits stay */
    run("<meta name=author content='Von Miller'>");
    ck_assert_str_eq(F(AUTHOR), "Von Miller");
    run("<meta name=author content='By Di Maio'>");
    ck_assert_str_eq(F(AUTHOR), "Di Maio");
    run("<meta name=author content='BYRNE'>");
    ck_assert_str_eq(F(AUTHOR), "BYRNE");
    run("<meta name=author content='Redaktion'>");
    ck_assert_str_eq(F(AUTHOR), "Redaktion");
    /* in a byline "Von" credits even a single name */
    run("<span class=author>Von Robert</span>");
    ck_assert_str_eq(F(AUTHOR), "Robert");

    /* what names nobody falls through to the next source */
    run("<meta name=author content='https://example.com/u/ann'><span class=author>Ann Lee</span>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<meta name=author content='262588213843476'><span class=author>Ann Lee</span>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<span class=author>Written By</span><span class=byline>Polly Barks</span>");
    ck_assert_str_eq(F(AUTHOR), "Polly Barks");
    run("<span class=author>Posted</span>");
    ck_assert_ptr_null(F(AUTHOR));
}
END_TEST

START_TEST(author_byline_layout)
{
    /* a dateline, weekday or job title the layout runs into the name */
    run("<div class=byline>Von Isabella.DiBiase am Samstag</div>");
    ck_assert_str_eq(F(AUTHOR), "Isabella.DiBiase");
    run("<div class=byline>Von Tomas Spahn Fr</div>");
    ck_assert_str_eq(F(AUTHOR), "Tomas Spahn");
    run("<div class=byline>Keith Barry Senior Autos Reporter</div>");
    ck_assert_str_eq(F(AUTHOR), "Keith Barry");
    run("<div class=byline>Outer Armatonisdaristan \xC2\xBB Tue</div>");
    ck_assert_str_eq(F(AUTHOR), "Outer Armatonisdaristan");
    /* a role after a comma is part of how the author signs */
    run("<div class=byline>Mike Marshall, Shipping Expert</div>");
    ck_assert_str_eq(F(AUTHOR), "Mike Marshall, Shipping Expert");
    /* a capitalised "On" is part of a name */
    run("<div class=byline>Audiophile On</div>");
    ck_assert_str_eq(F(AUTHOR), "Audiophile On");
    /* meta tags are not cut so */
    run("<meta name=author content='Ann Senior Lee'>");
    ck_assert_str_eq(F(AUTHOR), "Ann Senior Lee");
}
END_TEST

START_TEST(author_visible_credit)
{
    /* a short text that begins with a credit makes its element a byline */
    run("<p>By <a href=/u/ann>Ann Lee</a></p>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<div><p>Written by</p><p>Edzel Tabing</p></div>");
    ck_assert_str_eq(F(AUTHOR), "Edzel Tabing");
    run("<p class=x>Von Max Muster am 5. Mai 2020</p>");
    ck_assert_str_eq(F(AUTHOR), "Max Muster");
    run("<p>by Jon Foster - 2025-09-13</p>");
    ck_assert_str_eq(F(AUTHOR), "Jon Foster");
    run("<p>Autoren Jelko Djuren und Jutta Klaukien</p>");
    ck_assert_str_eq(F(AUTHOR), "Jelko Djuren und Jutta Klaukien");
    /* the other sources come first */
    run("<meta name=author content='Meta Name'><p>By Ann Lee</p>");
    ck_assert_str_eq(F(AUTHOR), "Meta Name");
    /* menus, filters, prose, single words, labels and comments name nobody */
    run("<nav><a href=/c>By Category</a></nav><h2>Explore <span>By Gender &amp; Age</span></h2>"
        "<button>By Use Case</button><p>By using this site you agree</p><p>By Collection</p>"
        "<p>By \xE2\x9C\x94 Yes</p><p>By Star Trek: The Next</p>"
        "<div class=comments><p>By Ann Lee</p></div>");
    ck_assert_ptr_null(F(AUTHOR));
}
END_TEST

START_TEST(author_credit_precision)
{
    /* a capitalised foreign credit word on an English page names a thing */
    run("<html lang=en><p>Door Locks &amp; Hardware</p>");
    ck_assert_ptr_null(F(AUTHOR));
    run("<html lang=nl><p>Door Anna de Vries</p>");
    ck_assert_str_eq(F(AUTHOR), "Anna de Vries");
    /* a credit that a sentence runs into, directly or as an inline element */
    run("<p>Found in the harbour. <span>By Border Protection</span></p>");
    ck_assert_ptr_null(F(AUTHOR));
    run("<li>H\xC3\xB6rspiel nach Buchvorlage <span>von Tommy Krappweis</span></li>");
    ck_assert_ptr_null(F(AUTHOR));
    /* link text, a teaser card that is one link, a quoted post */
    run("<ul><li><a href=/regions>By States and Regions</a></li></ul>");
    ck_assert_ptr_null(F(AUTHOR));
    run("<a href=/blog/knee><div>By Mark Hammerberg</div></a>");
    ck_assert_ptr_null(F(AUTHOR));
    run("<blockquote><p>Posted by <a href=/x>Pam Wagner</a> on Sunday</p></blockquote>");
    ck_assert_ptr_null(F(AUTHOR));
    /* but an author card's link holds the byline */
    run("<a href=/author/meghan-neville><div>Written by <span>Meghan Neville</span></div></a>");
    ck_assert_str_eq(F(AUTHOR), "Meghan Neville");
    /* a menu's list is no byline around a label */
    run("<ul><li><a href=/about>About Us</a></li><li><a href=/autoren/>Autoren</a></li>"
        "<li><a href=/news>Newsletter</a></li></ul>");
    ck_assert_ptr_null(F(AUTHOR));
    /* text before the credit: a title's or a sentence's "by" */
    run("<p><a href=/design>Website Design</a> by New Media Campaigns</p>");
    ck_assert_ptr_null(F(AUTHOR));
    /* a label ends the name or is itself the credit's text */
    run("<p>Autor: Klaus Friedrich Tags: 1907, leipzig</p>");
    ck_assert_str_eq(F(AUTHOR), "Klaus Friedrich");
    run("<li><b>By Contact Form: </b> <a href=/contact>Click Here</a></li>");
    ck_assert_ptr_null(F(AUTHOR));
}
END_TEST

START_TEST(author_not_commenters)
{
    /* names among the comments or in the comment form are not the author's */
    run("<div id=comments><span class=comment-author>Art Edwards</span></div>"
        "<span class=byline>By Tim Anderson</span>");
    ck_assert_str_eq(F(AUTHOR), "Tim Anderson");
    run("<p class=comment-form-author><label for=author class=author>Name (required)</label></p>");
    ck_assert_ptr_null(F(AUTHOR));
    run("<span class=author>Jiobal says</span>");
    ck_assert_ptr_null(F(AUTHOR));
    /* a status flag, another word, or a forum's form is no comment section */
    run("<article class='post comments-open'><span class=author>Ann Lee</span></article>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<div class=commenting-on-qna><span class=author>Ann Lee</span></div>");
    ck_assert_str_eq(F(AUTHOR), "Ann Lee");
    run("<form><ol><li class=message><a rel=author>pelex</a></li></ol></form>");
    ck_assert_str_eq(F(AUTHOR), "pelex");
}
END_TEST

START_TEST(date_itemprop_text)
{
    /* an itemprop=datePublished that gives the date only as its text */
    run("<div itemscope itemtype=https://schema.org/Article><span itemprop=datePublished>October 17, 2018</span></div>"
        "<time datetime=2026-01-28>x</time>");
    ck_assert_str_eq(F(DATE), "2018-10-17");
    run("<span itemprop=datePublished>17.10.2018</span><time datetime=2026-01-28>x</time>");
    ck_assert_str_eq(F(DATE), "2018-10-17");
    /* an answer's or a comment's date is not the page's */
    run("<div itemscope itemtype=https://schema.org/Answer><span itemprop=datePublished>May 5, 2019</span></div>"
        "<time datetime=2014-02-04>x</time>");
    ck_assert_str_eq(F(DATE), "2014-02-04");
    run("<ul class=comments-list><li><span itemprop=datePublished>May 5, 2019</span></li></ul>"
        "<time datetime=2014-02-04>x</time>");
    ck_assert_str_eq(F(DATE), "2014-02-04");
    /* it ranks with the attribute forms, below article:published_time */
    run("<meta property=article:published_time content=2020-01-01><span itemprop=datePublished>May 5, 2019</span>");
    ck_assert_str_eq(F(DATE), "2020-01-01");
}
END_TEST

START_TEST(date_more_sources)
{
    /* Highwire Press citation metadata, year first */
    run("<meta name=citation_publication_date content='2023 Jan 7'>");
    ck_assert_str_eq(F(DATE), "2023-01-07");
    run("<meta name=dcterms.created content=2022-04-05>");
    ck_assert_str_eq(F(DATE), "2022-04-05");

    /* any other meta named for publishing */
    run("<meta name=published content='July 17, 2025'>");
    ck_assert_str_eq(F(DATE), "2025-07-17");
    run("<meta name=published-date content=2021-02-16><meta name=modified-date content=2024-07-30>");
    ck_assert_str_eq(F(DATE), "2021-02-16");
    /* the named ones rank above it */
    run("<meta name=publish-date content=2021-02-16><meta name=dc.date content=2020-01-01>");
    ck_assert_str_eq(F(DATE), "2020-01-01");

    /* the modification date when nothing says when it was published */
    run("<meta property=article:modified_time content=2023-06-12T10:39:42+00:00>");
    ck_assert_str_eq(F(DATE), "2023-06-12");
    run("<script type=application/ld+json>{\"@type\":\"Article\",\"dateModified\":\"2025-11-17\"}</script>");
    ck_assert_str_eq(F(DATE), "2025-11-17");
    run("<meta itemprop=dateModified content=2024-01-02>");
    ck_assert_str_eq(F(DATE), "2024-01-02");
    run("<meta property=article:modified_time content=2023-06-12><meta property=article:published_time content=2020-01-01>");
    ck_assert_str_eq(F(DATE), "2020-01-01");
    run("<meta property=og:updated_time content=2023-06-12><p><time datetime=2019-05-05>May 5</time>");
    ck_assert_str_eq(F(DATE), "2019-05-05");
}
END_TEST

START_TEST(clean_text)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"", ""}, {"   ", ""}, {"a", "a"}, {"  a  b  ", "a b"},
        {"\t\na\r\n\fb\v", "a b"}, {"x\xC2\xA0\xC2\xA0y", "x y"}, {"\xC3\xA9 \xC2", "\xC3\xA9 \xC2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *s = dc_meta_clean_text(cases[i].in, strlen(cases[i].in));
        ck_assert_str_eq(s, cases[i].want);
        free(s);
    }
    char *s = dc_meta_clean_text("a b c", 3);
    ck_assert_str_eq(s, "a b");
    free(s);
}
END_TEST

/* ------------------------------------------------------ odd trees */

START_TEST(odd_trees)
{
    run("");
    for (int i = 0; i < DECLUTTER_FIELD_COUNT_; i++)
        ck_assert_ptr_null(m.field[i]);
    ck_assert_ptr_null(m.article_body);
    ck_assert_ptr_null(m.h1);

    run("<meta><meta name=description><meta content=x><meta property=og:title content><link rel=canonical>"
        "<script type=application/ld+json></script><time></time><html lang>");
    ck_assert_ptr_null(F(TITLE));
    ck_assert_ptr_null(F(DESCRIPTION));
    ck_assert_ptr_null(F(URL));

    /* template content is inert */
    run("<template><h1>Hidden</h1><meta name=author content=Hidden></template><title>Shown</title>");
    ck_assert_str_eq(F(TITLE), "Shown");
    ck_assert_ptr_null(F(AUTHOR));
    run("<meta name=' Author ' content='Spaced Key'>");
    ck_assert_str_eq(F(AUTHOR), "Spaced Key");

    /* the <html> element as root works too */
    gumbo_destroy_output(&kGumboDefaultOptions, out);
    dc_meta_free(&m);
    out = gumbo_parse("<html lang=en><title>Root</title>");
    ck_assert_int_eq(dc_meta_extract(out->root, NULL, &m), 0);
    ck_assert_str_eq(F(TITLE), "Root");
    ck_assert_str_eq(F(LANG), "en");

    dc_meta_free(&m);
    ck_assert_int_eq(dc_meta_extract(NULL, "https://u.example/", &m), 0);
    ck_assert_str_eq(F(URL), "https://u.example/");
    dc_meta_free(&m);
    dc_meta_free(&m); /* twice is harmless */
    dc_meta_free(NULL);
}
END_TEST

START_TEST(huge_inputs)
{
    dc_buf b = DC_BUF_INIT;
    /* a 2 MB attribute */
    dc_buf_puts(&b, "<meta name=description content='");
    for (int i = 0; i < 200000; i++)
        dc_buf_puts(&b, "word word ");
    dc_buf_puts(&b, "'><title>T</title>");
    run(b.ptr);
    ck_assert_uint_eq(strlen(F(DESCRIPTION)), 200000 * 10 - 1);
    dc_buf_free(&b);

    /* 10^5 elements, many of them candidates */
    dc_buf_puts(&b, "<title>Many</title>");
    for (int i = 0; i < 100000; i++)
        dc_buf_puts(&b, i % 3 ? "<p>x <a rel=author></a>" : "<h1></h1><time datetime=x></time>");
    run(b.ptr);
    ck_assert_str_eq(F(TITLE), "Many");
    ck_assert_ptr_null(F(AUTHOR));
    dc_buf_free(&b);

    /* deep nesting (gumbo itself is quadratic here, hence only 3000): the
     * walk must not recurse */
    dc_buf_puts(&b, "<title>Deep</title>");
    for (int i = 0; i < 3000; i++)
        dc_buf_puts(&b, "<span>");
    dc_buf_puts(&b, "<h1>Deep</h1><meta name=author content=Bottom>");
    run(b.ptr);
    ck_assert_str_eq(F(AUTHOR), "Bottom");
    ck_assert_ptr_nonnull(m.h1);
    dc_buf_free(&b);

    /* an unterminated h1 swallowing the page is no headline */
    dc_buf_puts(&b, "<title>Real title</title><h1>");
    for (int i = 0; i < 2000; i++)
        dc_buf_puts(&b, "text ");
    run(b.ptr);
    ck_assert_str_eq(F(TITLE), "Real title");
    ck_assert_ptr_null(m.h1);
    dc_buf_free(&b);
}
END_TEST

static Suite *meta_suite(void)
{
    Suite *s = suite_create("meta");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, title_priority);
    tcase_add_test(tc, credit_vocabulary_filter);
    tcase_add_test(tc, title_whitespace_and_absent);
    tcase_add_test(tc, title_separators);
    tcase_add_test(tc, author_jsonld);
    tcase_add_test(tc, author_meta_and_elements);
    tcase_add_test(tc, author_too_long);
    tcase_add_test(tc, date_forms);
    tcase_add_test(tc, date_meta_names);
    tcase_add_test(tc, date_priority);
    tcase_add_test(tc, date_from_url);
    tcase_add_test(tc, date_time_elements);
    tcase_add_test(tc, date_from_text);
    tcase_add_test(tc, site_name);
    tcase_add_test(tc, lang);
    tcase_add_test(tc, url);
    tcase_add_test(tc, description);
    tcase_add_test(tc, jsonld_graph_and_arrays);
    tcase_add_test(tc, jsonld_escapes);
    tcase_add_test(tc, jsonld_malformed);
    tcase_add_test(tc, jsonld_depth);
    tcase_add_test(tc, h1_selection);
    tcase_add_test(tc, title_article_headline);
    tcase_add_test(tc, title_site_suffix);
    tcase_add_test(tc, title_names_only_site);
    tcase_add_test(tc, title_pipe_tail);
    tcase_add_test(tc, title_heading_kicker);
    tcase_add_test(tc, title_logo_heading);
    tcase_add_test(tc, title_heading_in_title);
    tcase_add_test(tc, title_heading_before_separator);
    tcase_add_test(tc, title_bullet_site);
    tcase_add_test(tc, author_twitter_label);
    tcase_add_test(tc, author_site_name_last);
    tcase_add_test(tc, author_byline_tail);
    tcase_add_test(tc, author_credit_words);
    tcase_add_test(tc, author_byline_layout);
    tcase_add_test(tc, author_visible_credit);
    tcase_add_test(tc, author_credit_precision);
    tcase_add_test(tc, author_not_commenters);
    tcase_add_test(tc, date_more_sources);
    tcase_add_test(tc, date_itemprop_text);
    tcase_add_test(tc, clean_text);
    tcase_add_test(tc, odd_trees);
    tcase_add_test(tc, huge_inputs);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(meta_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
