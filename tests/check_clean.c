/* Tests for src/clean.c: what is dropped inside the chosen content. */
#include <stdio.h>

#include "testutil.h"

#define P2 PROSE("Anna and Ben") PROSE("Cara and Dan")

static void expect_text(const char *html, const char *want)
{
    page p;
    page_run(&p, html);
    ck_assert_str_eq(p.text, want);
    page_free(&p);
}

static int has(const char *html, const char *needle)
{
    page p;
    page_run(&p, html);
    int r = strstr(p.text, needle) != NULL;
    page_free(&p);
    return r;
}

START_TEST(repeated_lead)
{
    /* a standfirst that the first body paragraph repeats and extends */
    const char *html =
        "<article><p>The council approved the new bridge on Monday after years of delay.</p>"
        "<p>The council approved the new bridge on Monday after years of delay, the mayor "
        "said in a statement.</p>" P2 "</article>";
    ck_assert(!has(html, "delay.\n"));
    ck_assert(has(html, "the mayor said"));
}
END_TEST

START_TEST(repeated_block)
{
    /* the template repeats a paragraph in another container: once only */
    const char *html = "<article><div>" PROSE("Anna") PROSE("Ben") "</div><section><div>"
                       PROSE("Cara") PROSE("Anna") "</div></section></article>";
    page p;
    page_run(&p, html);
    const char *first = strstr(p.text, "Anna walked");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_null(strstr(first + 1, "Anna walked"));
    page_free(&p);
    /* a wrapper copied whole for another screen size: once only */
    const char *copy = "<article><div class=\"desc wide\">" PROSE("Anna") PROSE("Ben")
                       "</div><div class=\"desc narrow\">" PROSE("Anna") PROSE("Ben")
                       "</div></article>";
    page_run(&p, copy);
    first = strstr(p.text, "Anna walked");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_null(strstr(first + 1, "Anna walked"));
    page_free(&p);
}
END_TEST

START_TEST(repeated_in_next_section)
{
    /* the author repeats a long paragraph in the story's next section,
     * a sibling wrapper with other text around it: both stay */
    const char *html = "<article><div>" PROSE("Anna") PROSE("Ben") "</div><h2>Later</h2><div>"
                       PROSE("Cara") PROSE("Anna") "</div></article>";
    page p;
    page_run(&p, html);
    const char *first = strstr(p.text, "Anna walked");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(strstr(first + 1, "Anna walked"));
    page_free(&p);
}
END_TEST

START_TEST(repeated_among_siblings)
{
    /* a refrain: the author repeats a long paragraph among its siblings */
    const char *html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Anna") "</article>";
    page p;
    page_run(&p, html);
    const char *first = strstr(p.text, "Anna walked");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_nonnull(strstr(first + 1, "Anna walked"));
    page_free(&p);
    /* short repeated lines among siblings still go ("Advertisement") */
    const char *ads = "<article>" PROSE("Anna") "<p>Story continues below the image</p>" PROSE("Ben")
                      "<p>Story continues below the image</p>" PROSE("Cara") "</article>";
    page_run(&p, ads);
    first = strstr(p.text, "Story continues");
    ck_assert_ptr_nonnull(first);
    ck_assert_ptr_null(strstr(first + 1, "Story continues"));
    page_free(&p);
}
END_TEST

START_TEST(tail_sections)
{
    /* teasers under a tail title go, in any of the vocabulary's languages
     * and cases, however prose-like they read */
    const char *html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
                       "<p><strong>Das könnte Sie auch interessieren:</strong></p>"
                       PROSE("Teaser one") "</article>";
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "interessieren"));
    ck_assert(!has(html, "Teaser one"));
    html = "<article>" PROSE("Anna") PROSE("Ben") "<h2>ÜBER DEN AUTOR</h2>" PROSE("Bio")
           "</article>";
    ck_assert(!has(html, "Bio walked"));
    /* a shop's shelves of other products */
    html = "<article>" PROSE("Anna") PROSE("Ben") "<h2>Similar items</h2>" PROSE("Shelf")
           "</article>";
    ck_assert(has(html, "Ben walked"));
    ck_assert(!has(html, "Shelf walked"));
    /* a service page's closing call to get in touch */
    html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara") "<h2>Contact us</h2>"
           PROSE("Call 555-0100: our team") "</article>";
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "555-0100"));
    html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara") "<h2>Latest news</h2>"
           PROSE("Teaser two") "</article>";
    ck_assert(!has(html, "Teaser two"));
    /* with a count before or after the words */
    html = "<article>" PROSE("Anna") PROSE("Ben") "<h3>3 Kommentare</h3>" PROSE("Leser")
           "</article>";
    ck_assert(has(html, "Ben walked"));
    ck_assert(!has(html, "Leser walked"));
    html = "<article>" PROSE("Anna") PROSE("Ben") "<h3>Comments (12)</h3>" PROSE("Reader")
           "</article>";
    ck_assert(!has(html, "Reader walked"));
    /* a comment count ends the story even where the comments outweigh
     * it; the bare word does not */
    html = "<article>" PROSE("Anna") "<h3>3 Kommentare</h3>" PROSE("Leser") PROSE("Lisa")
           PROSE("Lutz") "</article>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(!has(html, "Lutz walked"));
    html = "<article>" PROSE("Anna") "<h3>Kommentare</h3>" PROSE("Leser") PROSE("Lisa")
           PROSE("Lutz") "</article>";
    ck_assert(has(html, "Lutz walked"));
    /* not when the section would hold half of the text, nor for a title
     * that merely starts with the words */
    html = "<article>" PROSE("Anna") "<h2>Related</h2>" PROSE("Ben") PROSE("Cara") "</article>";
    ck_assert(has(html, "Cara walked"));
    /* a long run of teasers after a story of some length goes, however
     * much of the text it holds */
    char big[8192] = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara") PROSE("Dan")
                     PROSE("Eve") PROSE("Fay") PROSE("Gus") "<h3>Comments</h3><h3>More news</h3>";
    for (int i = 0; i < 12; i++)
        snprintf(big + strlen(big), sizeof big - strlen(big),
                 "<p>Teaser %d: the harbour festival returns with boats and music.</p>", i);
    strcat(big, "</article>");
    ck_assert(has(big, "Gus walked"));
    ck_assert(!has(big, "Teaser 3"));
    html = "<article>" PROSE("Anna") PROSE("Ben") "<h2>Related work on bridges</h2>"
           PROSE("Cara") "</article>";
    ck_assert(has(html, "Cara walked"));
    /* a tail title written as the text of a box that also holds the list
     * (a span, not a block of its own) */
    html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
           "<section><span class=headline>Mehr zum Thema</span><ul><li>"
           "<a href=/a>Grundwissen Kompost</a></li><li><a href=/b>Kompostbeschleuniger</a></li>"
           "</ul></section></article>";
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "Mehr zum Thema"));
    /* the same words after the blocks of the story's wrapper are no title
     * over them: the story stays */
    html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara") PROSE("Dan") PROSE("Eve")
           PROSE("Fay") "<div class=entry-content>"
#define SHORT(w) "<p>" w " walked home along the harbour wall after the meeting at the hall, " \
                 "where the council had talked for an hour about the ferry and the pier.</p>"
           SHORT("Gus") SHORT("Hal") SHORT("Ida") SHORT("Jon")
#undef SHORT
           "Share this:<ul class=share><li><a href=/a>Mail</a></li></ul></div></article>";
    ck_assert(has(html, "Jon walked home"));
}
END_TEST

START_TEST(link_lists_and_orphans)
{
    const char *html = "<article>" PROSE("Anna") "<h3>Related</h3><ul>"
                       "<li><a href=/a>First related story</a></li>"
                       "<li><a href=/b>Second related story</a></li>"
                       "<li><a href=/c>Third related story</a></li></ul>" PROSE("Ben")
                       "<p><a href=/more>Read more stories like this one</a></p>" PROSE("Cara")
                       "</article>";
    ck_assert(!has(html, "related story"));
    ck_assert(!has(html, "Related"));
    ck_assert(!has(html, "Read more"));
    ck_assert(has(html, "Cara walked"));
}
END_TEST

START_TEST(tail_and_machine_text)
{
    const char *html = "<article>" P2 "<p>{{ price.total }}</p>"
                       "<p>https://cdn.example.com/a.jpg</p>" PROSE("Eve")
                       "<div>Share this</div><div>Rate this article</div></article>";
    page p;
    page_run(&p, html);
    ck_assert_ptr_null(strstr(p.text, "{{"));
    ck_assert_ptr_null(strstr(p.text, "cdn.example"));
    ck_assert_ptr_null(strstr(p.text, "Rate this"));
    ck_assert_ptr_nonnull(strstr(p.text, "Eve walked"));
    page_free(&p);
    /* an address inside a sentence stays */
    ck_assert(has("<article>" P2 "<p>See https://example.com for the full report on it.</p>"
                  PROSE("Eve") "</article>",
                  "See https://example.com"));
}
END_TEST

START_TEST(inline_tail_box)
{
    /* "Read also" with its teaser box inside the story, the story going
     * on after it: the title and the box go, the story stays */
    const char *html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
                       "<p>Read also</p><div><ul><li><a href=/t>A teaser about another story</a></li>"
                       "<li><a href=/u>And one more teaser story</a></li></ul></div>"
                       PROSE("Dan") "</article>";
    ck_assert(!has(html, "Read also"));
    ck_assert(!has(html, "teaser"));
    ck_assert(has(html, "Dan walked"));
    /* the same box with the title inside it, between two paragraphs */
    html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
           "<div class=box><div><h3>Related</h3><ul><li><a href=/t>A teaser about another story</a>"
           "</li><li><a href=/u>And one more teaser story</a></li></ul></div></div>"
           PROSE("Dan") "</article>";
    ck_assert(!has(html, "Related"));
    ck_assert(!has(html, "teaser"));
    ck_assert(has(html, "Dan walked"));
    /* a titled box whose own text stays: the section starts there */
    html = "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara") PROSE("Dan")
           "<div class=box><h3>Comments</h3></div>" PROSE("Eve") "</article>";
    ck_assert(!has(html, "Eve walked"));
}
END_TEST

START_TEST(button_links)
{
    /* a link drawn as a button is a control, even in a card whose links
     * are kept; a link that merely has a class stays */
    static char html[8192];
    size_t n = (size_t)snprintf(html, sizeof html, "<body><main><h1>Sheets</h1><div class=grid>");
    for (int i = 0; i < 6; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<div class=card><a class=card__title href=/p%d>Linen sheet set %d"
                              "</a><p>Breathable flax, stonewashed</p><a class='button "
                              "button--secondary' href=/p%d>Shop Now</a></div>",
                              i, i, i);
    snprintf(html + n, sizeof html - n, "</div></main></body>");
    ck_assert(has(html, "Linen sheet set 3"));
    ck_assert(!has(html, "Shop Now"));
    ck_assert(!has("<article>" PROSE("Anna") "<p><a class=btn href=/apply>Apply now</a></p>"
                   PROSE("Ben") "</article>", "Apply now"));
    ck_assert(!has("<article>" PROSE("Anna") "<div class='hero__button large'>Get started</div>"
                   PROSE("Ben") "</article>", "Get started"));
    ck_assert(has("<article>" PROSE("Anna") "<h2 class=button-title>Getting there</h2>"
                  PROSE("Ben") "</article>", "Getting there"));
}
END_TEST

START_TEST(toc_title)
{
    /* a table of contents (links to anchors in the page) goes with its
     * title, however it is worded; a line before a list of links to
     * other pages stays */
    const char *html = "<article>" PROSE("Anna") "<div class=toc><p><b>In this article</b></p>"
                       "<nav><ul><li><a href=#a>First part</a></li><li><a href=#b>Second "
                       "part</a></li></ul></nav></div>" PROSE("Ben") PROSE("Cara") "</article>";
    ck_assert(!has(html, "In this article"));
    ck_assert(has(html, "Ben walked"));
    html = "<article>" PROSE("Anna") "<p>Our partners</p><ul><li><a href=/a>First partner</a></li>"
           "<li><a href=/b>Second partner</a></li></ul>" PROSE("Ben") PROSE("Cara") "</article>";
    ck_assert(has(html, "Our partners"));
}
END_TEST

START_TEST(closing_lines)
{
    /* the article's last short sentences stay; a link line, a short
     * label and all after them go */
    const char *html = "<article>" P2 "<p>Thank you all for reading this!</p>"
                       "<p>I hope you enjoy the new design \xE2\x80\xA6</p>"
                       "<p>Follow us <a href=/f>on Facebook</a> for more.</p>"
                       "<p>We will be back next week.</p></article>";
    ck_assert(has(html, "Thank you all for reading this!"));
    ck_assert(has(html, "enjoy the new design"));
    ck_assert(!has(html, "Follow us"));
    ck_assert(!has(html, "back next week"));
    /* not a sentence, or too short: a label, a name */
    ck_assert(!has("<article>" P2 "<p>More photos on the next page</p></article>", "More photos"));
    ck_assert(!has("<article>" P2 "<p>Bye now!</p></article>", "Bye now"));
    /* a closing line may end in a typed smiley; a signature after the
     * closing lines stays when it is the last text */
    html = "<article>" P2 "<p>Have a lovely Sunday, all of you &lt;3</p><p>x Franzi</p></article>";
    ck_assert(has(html, "lovely Sunday, all of you <3"));
    ck_assert(has(html, "x Franzi"));
    ck_assert(has("<article>" P2 "<p>What do you think of it? Tell me :)</p></article>", "Tell me :)"));
    /* not without a closing line before it, nor a status line, nor with
     * something removed after it */
    ck_assert(!has("<article>" P2 "<p>x Franzi</p></article>", "Franzi"));
    ck_assert(!has("<article>" P2 "<p>Thank you all for reading this!</p><p>Loading...</p></article>",
                   "Loading"));
    ck_assert(!has("<article>" P2 "<p>Thank you all for reading this!</p><p>Share this</p>"
                   "<ul><li><a href=/f>Facebook</a></li><li><a href=/t>Twitter</a></li></ul></article>",
                   "Share this"));
    /* not beside the last paragraph: a box of its own */
    ck_assert(!has("<article>" P2 "<div><p>Sign up for our newsletter today.</p></div></article>",
                   "Sign up"));
}
END_TEST

START_TEST(flyout_panel)
{
    /* a flyout panel (a feedback or report form that slides out over the
     * page) is chrome, however much prose its form holds */
    const char *html =
        "<article>" P2 "<div id=feedback-flyout><h2>Send feedback</h2>"
        "<p>Help us keep this a friendly and useful place by telling us about anything "
        "that breaks the rules of the site, and we will look into it as soon as we can.</p>"
        "</div></article>";
    ck_assert(has(html, "Cara and Dan"));
    ck_assert(!has(html, "Help us keep"));
}
END_TEST

START_TEST(data_table_links)
{
    /* an ingredient table whose names link to articles: the cells stay */
    const char *html = "<article>" P2 "<table>"
                       "<tr><td>500 g</td><td>Plain wheat flour, sifted</td></tr>"
                       "<tr><td>2 tins</td><td><a href=/m>Mandarin oranges, drained</a></td></tr>"
                       "<tr><td>1 pinch</td><td>Sea salt, finely ground</td></tr></table>" PROSE("Eve") "</article>";
    ck_assert(has(html, "Mandarin oranges, drained"));
    /* every name linked, so the table is mostly links: the amounts beside
     * them in each row still make it data */
    html = "<article>" P2 "<table>"
           "<tr><td>1 Pck.</td><td><a href=/p>Dr. Oetker Backfeste Puddingcreme</a></td></tr>"
           "<tr><td>100 ml</td><td><a href=/m>Frische Vollmilch</a></td></tr>"
           "<tr><td>200 g</td><td>Schlagsahne</td></tr></table>" PROSE("Eve") "</article>";
    ck_assert(has(html, "Backfeste Puddingcreme"));
    ck_assert(has(html, "Frische Vollmilch"));
    /* a table of links beside bullets is a link list still */
    const char *menu = "<article>" P2 "<table>"
                       "<tr><td>*</td><td><a href=/a>Another story about the river</a></td></tr>"
                       "<tr><td>*</td><td><a href=/b>More on the bridge and the council</a></td></tr>"
                       "<tr><td>*</td><td>Sponsored</td></tr></table>" PROSE("Eve") "</article>";
    ck_assert(!has(menu, "Another story"));
}
END_TEST

START_TEST(lists_inside_prose_stay)
{
    expect_text("<article>" PROSE("Anna") "<ul><li>flour</li><li>water</li></ul>" PROSE("Ben")
                "</article>",
                "Anna walked along the river bank for an hour, talking about the weather, the "
                "harvest and the new bridge that the council had promised for years.\n\n"
                "flour\nwater\n\n"
                "Ben walked along the river bank for an hour, talking about the weather, the "
                "harvest and the new bridge that the council had promised for years.\n");
}
END_TEST

/* The same page under the three biases: a credit line between the
 * paragraphs, a link list inside the article, a short line at the end. */
START_TEST(bias)
{
    const char *html =
        "<body><article>" PROSE("Anna") "<p>Photo: Jo Bloggs</p>" PROSE("Ben")
        "<ul><li><a href=/a>Another story about the river</a></li>"
        "<li><a href=/b>More on the bridge and the council</a></li></ul>" PROSE("Cleo")
        "<p>Share this</p></article></body>";
    page p;
    page_run_bias(&p, html, DC_BIAS_BALANCED);
    ck_assert_ptr_nonnull(strstr(p.text, "Photo: Jo Bloggs"));
    ck_assert_ptr_null(strstr(p.text, "Another story"));
    ck_assert_ptr_null(strstr(p.text, "Share this"));
    page_free(&p);

    page_run_bias(&p, html, DC_BIAS_PRECISION);
    ck_assert_ptr_null(strstr(p.text, "Photo: Jo Bloggs"));
    ck_assert_ptr_nonnull(strstr(p.text, "Ben walked"));
    ck_assert_ptr_nonnull(strstr(p.text, "Cleo walked"));
    ck_assert_ptr_null(strstr(p.text, "Share this"));
    page_free(&p);

    page_run_bias(&p, html, DC_BIAS_RECALL);
    ck_assert_ptr_nonnull(strstr(p.text, "Photo: Jo Bloggs"));
    ck_assert_ptr_nonnull(strstr(p.text, "Another story"));
    ck_assert_ptr_nonnull(strstr(p.text, "Share this"));
    page_free(&p);
}
END_TEST

#define CARD(name, line)                                                                  \
    "<div class=card><a href=/p/" name "><img src=/i/" name ".jpg alt=''></a><p><a href=/p/" \
    name ">" name "</a></p><p>" line "</p></div>"

START_TEST(product_shelf_dropped)
{
    /* on a page that sells a product, a row of other products' cards
     * (picture, link, a line with a price) is a shelf of recommendations:
     * it goes with its title; cards without a figure (people, places)
     * are not product cards and stay */
    const char *head = "<head><script type=application/ld+json>{\"@type\": \"Product\", "
                       "\"offers\": {\"@type\": \"Offer\", \"price\": 24}}</script></head>";
    char html[4096];
    snprintf(html, sizeof html,
             "%s<body><div>" PROSE("Anna") "<h2>Handpicked for you</h2><div class=shelf>"
             CARD("Jug", "Glazed by hand, 24 EUR") CARD("Bowl", "Glazed by hand, 18 EUR")
             CARD("Plate", "Glazed by hand, 21 EUR") CARD("Cup", "Glazed by hand, 12 EUR")
             "</div>" PROSE("Ben") "</div></body>", head);
    ck_assert(has(html, "Ben walked"));
    ck_assert(!has(html, "Glazed by hand"));
    ck_assert(!has(html, "Handpicked"));
    snprintf(html, sizeof html,
             "%s<body><div>" PROSE("Anna") "<h2>Our makers</h2><div class=shelf>"
             CARD("Ines", "Potter in Porto") CARD("Jon", "Potter in Leeds")
             CARD("Kai", "Potter in Kiel") CARD("Lea", "Potter in Lyon") "</div>" PROSE("Ben")
             "</div></body>",
             head);
    ck_assert(has(html, "Potter in Porto"));
}
END_TEST

/* Short notes that site software and editors put around a story, in
 * several languages, go; sentences and table cells that merely begin
 * with such words stay. */
START_TEST(stock_lines)
{
    const char *html =
        "<article>" PROSE("Anna")
        "<div>By Ann Lee · Feb 8, 2020 · 5 min read</div><div>11 minut czytania</div>"
        PROSE("Ben") "<p>Anzeige, enthält Affiliate Links</p>"
        "<p>*Werbung. Dieser Beitrag enthält Werbung für ein Shampoo.</p>"
        "<p>Werbung neuer Mitglieder ist das Thema des Abends.</p><p>Foto: Jo Bloggs</p>"
        "<p>Advertisement</p><div><p>Sponsored</p></div>"
        "<p>The shot clock after 20 minutes read Wings 16, Canucks 5.</p>"
        "<table><tr><td>32</td><td>Werbung: Sprache</td><td>S. 96</td></tr></table>"
        "<p>Read more about the river in the town's own guide to its walks.</p>"
        "<p>Read more</p><p>Sort by:</p><p>Lire la suite</p><p>Add to Cart</p>"
        PROSE("Cara") "<p>(Noch keine Bewertungen)</p><p>War der Artikel nützlich?</p>"
        "<p>Dieser Eintrag wurde veröffentlicht in Allgemein von Jo.</p>"
        "<p>Erstellt am Dienstag, 6. Mai 2014</p>"
        "<h3>Kommentar verfassen</h3>"
        "<p>Sie müssen sich einloggen, um einen Kommentar schreiben zu können.</p>"
        "<p>You must be logged in to post a comment.</p>"
        "<p>Medically reviewed by Dr. Jo Bloggs, MD</p><p>Fact-checked by Ann Lee</p>"
        "<p>Reviewed by the board in May, the plan was approved without changes.</p>"
        "</article>";
    page p;
    page_run(&p, html);
    static const char *const gone[] = {
        "Medically reviewed", "Fact-checked", "min read", "czytania", "Anzeige", "*Werbung", "Advertisement", "Sponsored",
        "Bewertungen", "nützlich", "Eintrag", "Erstellt", "verfassen", "einloggen", "logged in",
        "Read more\n", "Sort by", "Lire la suite", "Add to Cart",
    };
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        ck_assert_msg(strstr(p.text, gone[i]) == NULL, "kept: %s", gone[i]);
    ck_assert_ptr_nonnull(strstr(p.text, "Werbung neuer Mitglieder"));
    ck_assert_ptr_nonnull(strstr(p.text, "Foto: Jo Bloggs"));
    ck_assert_ptr_nonnull(strstr(p.text, "20 minutes read Wings"));
    ck_assert_ptr_nonnull(strstr(p.text, "Werbung: Sprache"));
    ck_assert_ptr_nonnull(strstr(p.text, "Cara walked"));
    ck_assert_ptr_nonnull(strstr(p.text, "Read more about the river"));
    ck_assert_ptr_nonnull(strstr(p.text, "Reviewed by the board"));
    page_free(&p);
    /* the recall bias keeps them */
    page_run_bias(&p, html, DC_BIAS_RECALL);
    ck_assert_ptr_nonnull(strstr(p.text, "War der Artikel"));
    page_free(&p);
}
END_TEST

/* The bars forum software puts around a post (a quote's expand link,
 * the post's link and share menu, its like count) go; a sentence about
 * likes stays. */
START_TEST(forum_stock_lines)
{
    const char *html =
        "<article><div class=post>" PROSE("Anna")
        "<blockquote><p>Ben said: it rains.</p><div><a href=#>Click to expand...</a></div>"
        "</blockquote><div>7 Likes</div></div><div class=post>" PROSE("Ben")
        "<p>12 people like this idea.</p>"
        "<div>Join Date: Mar 2016</div><div>Posts: 1,701</div><p>Posts: the blog's own.</p>"
        "<div>1 Like</div><div>Quote</div><h5><a href=#c2>Link to comment</a></h5>"
        "<h5>Share on other sites</h5></div><div class=post>" PROSE("Cara") "</div></article>";
    page p;
    page_run(&p, html);
    static const char *const gone[] = {"expand",  "Likes",   "1 Like",  "Quote",
                                       "Link to", "Share on", "Join Date", "1,701"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        ck_assert_msg(strstr(p.text, gone[i]) == NULL, "kept: %s", gone[i]);
    ck_assert_ptr_nonnull(strstr(p.text, "Ben said: it rains."));
    ck_assert_ptr_nonnull(strstr(p.text, "Posts: the blog's own."));
    ck_assert_ptr_nonnull(strstr(p.text, "12 people like this idea."));
    page_free(&p);
}
END_TEST

START_TEST(contact_form_dropped)
{
    /* a form for the reader's own words: its labels are the form's */
    const char *html =
        "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
        "<form><h3>Contact us</h3><label>First name</label><input name=a>"
        "<label>Email</label><input type=email name=b><label>Message</label>"
        "<textarea></textarea><input type=submit value=Send></form></article>";
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "First name"));
    ck_assert(!has(html, "Contact us"));
    /* a form of choices with prose of its own (a calculator) stays */
    const char *calc =
        "<article>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
        "<form><h3>Marital status</h3><p>If you and your spouse plan to retire at different "
        "times, run the detailed version of the calculator separately for each of you.</p>"
        "<label><input type=radio name=m>Single</label><label><input type=radio name=m>"
        "Married</label><input name=age><input name=income></form></article>";
    ck_assert(has(calc, "Marital status"));
    ck_assert(has(calc, "retire at different"));
}
END_TEST

/* PHP's diagnostics that a failing server script printed into the page
 * go, in its HTML form (level and path in <b>) and as plain text; a
 * sentence about a warning stays, and so does one in <pre>. */
START_TEST(php_errors)
{
    const char *html =
        "<article><br />\n<b>Warning</b>:  mysql_connect(): Access denied for user in "
        "<b>/www/htdocs/wp-content/plugins/tags.php</b> on line <b>299</b><br />\n"
        PROSE("Anna")
        "<div>Notice: Undefined index: id in /var/www/html/page.php on line 12</div>"
        PROSE("Ben")
        "<p>Warning: the river floods in spring, on line maps it is shown in blue.</p>"
        "<pre>Warning: Division by zero in /tmp/a.php on line 3</pre>"
        "<p><b>Deprecated</b>: Function ereg() is deprecated in <b>/srv/x.php</b> on line "
        "<b>7</b><br />" "Cara wrote the rest of this paragraph herself, long after.</p>"
        "</article>";
    page p;
    page_run(&p, html);
    static const char *const gone[] = {"mysql_connect", "tags.php", "299", "Undefined index",
                                       "ereg", "x.php"};
    for (size_t i = 0; i < sizeof gone / sizeof *gone; i++)
        ck_assert_msg(strstr(p.text, gone[i]) == NULL, "kept: %s", gone[i]);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    ck_assert_ptr_nonnull(strstr(p.text, "Warning: the river floods"));
    ck_assert_ptr_nonnull(strstr(p.text, "Division by zero"));
    ck_assert_ptr_nonnull(strstr(p.text, "Cara wrote the rest"));
    page_free(&p);
}
END_TEST

static Suite *clean_suite(void)
{
    Suite *s = suite_create("clean");
    TCase *tc = tcase_create("drops");
    tcase_add_test(tc, repeated_lead);
    tcase_add_test(tc, repeated_block);
    tcase_add_test(tc, repeated_in_next_section);
    tcase_add_test(tc, repeated_among_siblings);
    tcase_add_test(tc, tail_sections);
    tcase_add_test(tc, link_lists_and_orphans);
    tcase_add_test(tc, tail_and_machine_text);
    tcase_add_test(tc, inline_tail_box);
    tcase_add_test(tc, button_links);
    tcase_add_test(tc, toc_title);
    tcase_add_test(tc, closing_lines);
    tcase_add_test(tc, flyout_panel);
    tcase_add_test(tc, data_table_links);
    tcase_add_test(tc, lists_inside_prose_stay);
    tcase_add_test(tc, bias);
    tcase_add_test(tc, product_shelf_dropped);
    tcase_add_test(tc, stock_lines);
    tcase_add_test(tc, forum_stock_lines);
    tcase_add_test(tc, contact_form_dropped);
    tcase_add_test(tc, php_errors);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(clean_suite)
