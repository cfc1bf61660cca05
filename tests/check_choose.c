/* Tests for src/choose.c: which region is the main content. */
#include <stdio.h>

#include "testutil.h"

#define P3 PROSE("Anna") PROSE("Ben") PROSE("Cara")

static int has(const char *html, const char *needle)
{
    page p;
    page_run(&p, html);
    int r = strstr(p.text, needle) != NULL;
    page_free(&p);
    return r;
}

START_TEST(article_over_chrome)
{
    const char *html =
        "<body><div id=top><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></div>"
        "<div id=main>" P3 "</div>"
        "<div class=sidebar><h3>Popular</h3><p>A teaser about something else entirely that "
        "runs long enough to be prose by length alone, but sits in a sidebar.</p></div>"
        "<div class=foot>Copyright 2024 <a href=/privacy>Privacy</a></div></body>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "Home"));
    ck_assert(!has(html, "teaser"));
    ck_assert(!has(html, "Copyright"));
}
END_TEST

START_TEST(split_body_joined)
{
    const char *html = "<body><div class=wrap><div class=part>" PROSE("Anna") PROSE("Ben")
                       "</div><div class=ad-slot>Advertisement</div><div class=part>"
                       PROSE("Cara") PROSE("Dan") "</div></div></body>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Dan walked"));
    ck_assert(!has(html, "Advertisement"));
    /* each part in a row of its own beside a box of links, a sidebar
     * between them: the links stop the region at its row, the next parts
     * a few levels up join it, the sidebar stays out */
    html = "<body><div class=wrap>"
           "<div class=intro><div class=row><div class=col>" PROSE("Anna") PROSE("Ben")
           PROSE("Cara") "</div><div class=tips><a href=/a>Cycling routes around the old "
           "town</a> <a href=/b>The city map for cyclists</a> <a href=/c>Where to rent a "
           "bike</a></div></div></div>"
           "<div class=stage><div class=grid><div class=cell>" PROSE("Dan") PROSE("Eve")
           PROSE("Fay") "</div></div></div>"
           "<div class=sidebar>" PROSE("Zed") PROSE("Yul") PROSE("Xia") "</div>"
           "<div class=outro><p>Finn and Gus rode home along the river in the evening, "
           "tired and happy after a long day out in the old town.</p></div></div></body>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Fay walked"));
    ck_assert(!has(html, "Zed walked"));
    ck_assert(has(html, "Finn and Gus rode home"));
}
END_TEST

START_TEST(comments_are_boilerplate)
{
    const char *html = "<body><article>" P3 "</article><section class=comments>"
                       PROSE("Commenter one") PROSE("Commenter two") PROSE("Commenter three")
                       PROSE("Commenter four") "</section></body>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(!has(html, "Commenter"));
}
END_TEST

START_TEST(forum_replies_are_content)
{
    const char *html =
        "<head><script type=application/ld+json>{\"@type\":\"DiscussionForumPosting\"}</script>"
        "</head><body><div class=thread><div class=comment>" PROSE("Asker") "</div>"
        "<div class=comment>" PROSE("Helper one") "</div><div class=comment>"
        PROSE("Helper two") "</div></div></body>";
    ck_assert(has(html, "Asker walked"));
    ck_assert(has(html, "Helper two walked"));
}
END_TEST

/* A thread's replies are posts even when the opening post outweighs them
 * (the hints would zone a "comments" box holding under 70% of the prose);
 * on a Q&A page the comments under a question or answer stay out. */
START_TEST(thread_replies_beside_long_post)
{
    const char *thread =
        "<head><script type=application/ld+json>{\"@type\":\"DiscussionForumPosting\"}</script>"
        "</head><body><div class=post>" PROSE("Asker") PROSE("Asker again") PROSE("Asker more")
        PROSE("Asker last") "</div><div class=comments><div class=comment>"
        PROSE("Helper one") "</div></div></body>";
    ck_assert(has(thread, "Asker last walked"));
    ck_assert(has(thread, "Helper one walked"));
    const char *qa =
        "<head><script type=application/ld+json>{\"@type\":\"QAPage\"}</script>"
        "</head><body><div class=question>" PROSE("Asker") PROSE("Asker again") "</div>"
        "<div class=answer>" PROSE("Expert") PROSE("Expert again") "</div>"
        "<div class=comments><div class=comment>" PROSE("Nitpicker") "</div></div></body>";
    ck_assert(has(qa, "Expert again walked"));
    ck_assert(!has(qa, "Nitpicker"));
    /* Q&A software that marks its posts as a thread too: a thread */
    const char *both =
        "<head><script type=application/ld+json>{\"@type\":\"QAPage\"}</script>"
        "</head><body><div itemscope itemtype=http://schema.org/DiscussionForumPosting>"
        "<div class=post>" PROSE("Asker") PROSE("Asker again") PROSE("Asker more")
        PROSE("Asker last") "</div><div class=comments><div class=comment>"
        PROSE("Helper one") "</div></div></div></body>";
    ck_assert(has(both, "Helper one walked"));
}
END_TEST

/* A thread's short replies, each in a post alike the long opening one
 * (same tag and class) below a bar of links, are content too. */
#define POST(n, body) "<article class=\"message post\"><div class=cell><header><a href=/p" n \
    ">#" n "</a></header><div class=content><div class=body><div class=wrap>" body \
    "</div></div></div></div></article>"
START_TEST(thread_short_replies)
{
    const char *html =
        "<head><script type=application/ld+json>{\"@type\":\"DiscussionForumPosting\"}</script>"
        "</head><body><nav><a href=/>Forums</a> <a href=/new>New posts</a></nav>"
        "<div class=block>" POST("1", PROSE("Asker") PROSE("Asker again"))
        POST("2", "<p>NIH sent mine on the 18th.</p>") POST("3", "<p>Congrats to you!</p>")
        "</div></body>";
    ck_assert(has(html, "Asker again walked"));
    ck_assert(has(html, "NIH sent mine"));
    ck_assert(has(html, "Congrats to you"));
    ck_assert(!has(html, "New posts"));
}
END_TEST

#define MENU "<li><a href=/a>Running shoes for women</a></li><li><a href=/b>Running shoes " \
             "for men</a></li><li><a href=/c>Hiking boots and trail gear</a></li>"
#define USP "<p><a href=/s>Free shipping on orders over $50</a></p><p><a href=/r>Thirty-day " \
            "returns</a></p><p><a href=/w>Two-year warranty on all footwear</a></p>"
/* A product's name, price and short bullet points in <main> are not prose
 * by length, the footer's newsletter blurb is: the marked main region is
 * the content all the same. */
START_TEST(main_region_over_footer_blurb)
{
    const char *html =
        "<body><nav><ul>" MENU MENU MENU MENU "</ul></nav><div class=usp>" USP USP USP USP USP USP
        "</div><main><h1>Trail Shoe X</h1>"
        "<p>$129.00</p><ul><li>Grippy outsole</li><li>Light mesh upper</li>"
        "<li>Cushioned midsole</li><li>Reflective heel tab</li><li>Recycled laces</li><li>Breathable tongue</li></ul>"
        "<p>In stock</p></main>"
        "<footer><div class=footer-newsletter><p>Join our list and be the first to hear about new "
        "arrivals, restocks and the stories behind the gear we make, sent once a month and never "
        "shared with anyone else.</p></div></footer></body>";
    ck_assert(has(html, "Grippy outsole"));
    ck_assert(!has(html, "Join our list"));
}
END_TEST

START_TEST(listing_keeps_its_items)
{
    char html[8192] = "<body><nav><a href=/>Home</a></nav><ul class=grid>";
    for (int i = 0; i < 6; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<li class=card><a href=/p%d><h3>Walking boot model %d</h3></a>"
                 "<span class=price>$%d.00</span> <span>4.5 out of 5 stars</span></li>",
                 i, i, 40 + i);
    strcat(html, "</ul></body>");
    ck_assert(has(html, "Walking boot model 0"));
    ck_assert(has(html, "Walking boot model 5"));
    ck_assert(has(html, "$45.00"));
    ck_assert(!has(html, "Home"));
}
END_TEST

START_TEST(navigation_is_no_listing)
{
    /* a sidebar's mega-menu, each entry with its links and a news blurb
     * in a flyout, outweighs the page's short text: its entries are the
     * site's sections, not the page's items */
    static char html[16384];
    size_t n = (size_t)snprintf(html, sizeof html, "<body><div class=wrap><aside><nav><ul id=nav>");
    for (int i = 0; i < 8; i++) {
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<li><a href=/s%d>Section %d</a><div class=flyout><ul>", i, i);
        for (int j = 0; j < 6; j++)
            n += (size_t)snprintf(html + n, sizeof html - n,
                                  "<li><a href=/s%d/%d>Service page %d of section %d</a></li>", i,
                                  j, j, i);
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "</ul><h2><a href=/n%d>News of section %d</a></h2><p>On Saturday "
                              "the town holds an open day in the town hall, with talks, music and "
                              "tours of the council chamber from eleven until five in the "
                              "afternoon.</p></div></li>",
                              i, i);
    }
    snprintf(html + n, sizeof html - n,
             "</ul></nav></aside><div id=content><h1>The old quarter</h1><p>The old quarter grew "
             "up around the vineyards outside the town wall in the fifteenth century. Craftsmen, "
             "wine growers and small traders settled here, and its name comes from the beans "
             "they grew in their gardens.</p><p>Today its narrow lanes are full of small shops, "
             "antique dealers and cafes, and on warm evenings people sit outside until late in "
             "the little squares.</p></div></div></body>");
    ck_assert(has(html, "The old quarter grew up"));
    ck_assert(!has(html, "Service page"));
}
END_TEST

/* Product cards: a picture, a short name as a link and a price. The same
 * grid of bare links without pictures is a menu. */
static void cards(char *html, size_t cap, int pictures)
{
    snprintf(html, cap, "<body><div class=promo><p>Spring sale: buy more and save more when "
                        "you outfit your whole office this season.</p></div><div class=grid>");
    for (int i = 0; i < 16; i++)
        snprintf(html + strlen(html), cap - strlen(html),
                 "<div class=card>%s<a href=/p%d>Brass desk lamp, model %d</a> <span>$%d</span></div>",
                 pictures ? "<a href=/p><img src=/i.jpg alt=\"\"></a>" : "", i, i, 20 + i);
    snprintf(html + strlen(html), cap - strlen(html), "</div></body>");
}

START_TEST(picture_cards_are_items)
{
    char html[8192];
    cards(html, sizeof html, 1);
    ck_assert(has(html, "Brass desk lamp, model 0"));
    ck_assert(has(html, "Brass desk lamp, model 15"));
    ck_assert(has(html, "$35"));
    cards(html, sizeof html, 0);
    ck_assert(!has(html, "Brass desk lamp, model 0"));
    ck_assert(has(html, "Spring sale"));
}
END_TEST

/* A category page: a short intro beside its grid of cards, too few to
 * make the page a listing, both in one wrapper. The grid joins the intro;
 * what lies outside the wrapper does not. */
START_TEST(intro_and_grid_together)
{
    char html[8192] = "<body><div class=topbar><a href=/>Home</a> <a href=/shop>Shop</a></div>"
                      "<div class=category><div class=intro><h1>Desk lamps</h1>"
                      PROSE("Anna") "</div><div class=grid>";
    for (int i = 0; i < 16; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<div class=card><a href=/p><img src=/i.jpg alt=\"\"></a>"
                 "<a href=/p%d>Brass desk lamp, model %d</a> <span>$%d</span></div>",
                 i, i, 20 + i);
    strcat(html, "</div></div><div class=links><a href=/a>About us</a> <a href=/b>Careers</a> "
                 "<a href=/c>Press</a> <a href=/d>Stores</a></div></body>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Brass desk lamp, model 0"));
    ck_assert(has(html, "Brass desk lamp, model 15"));
    ck_assert(has(html, "$35"));
    ck_assert(!has(html, "Careers"));
    ck_assert(!has(html, "Shop"));
}
END_TEST

/* A shop's grid whose items carry words of their own after the kind
 * ("product post-12 instock first"): they are alike all the same, and
 * outweigh a short notice elsewhere on the page. */
START_TEST(items_alike_by_first_class)
{
    static const char *const extra[] = {"instock first", "outofstock", "instock sale",
                                        "instock last"};
    char html[8192] = "<body><div class=notice><p>Free shipping on orders over fifty dollars, "
                      "and returns within thirty days of delivery.</p></div><ul class=products>";
    for (int i = 0; i < 8; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<li class=\"product type-product post-%d %s\"><a href=/p%d>"
                 "<h2>Glass travel cup %d oz</h2></a><span>Amber, Blue, Lilac</span> "
                 "<span>$%d.95</span></li>",
                 100 + i, extra[i % 4], i, 4 + i, 20 + i);
    strcat(html, "</ul></body>");
    ck_assert(has(html, "Glass travel cup 4 oz"));
    ck_assert(has(html, "Glass travel cup 11 oz"));
    ck_assert(has(html, "$27.95"));
    ck_assert(!has(html, "Free shipping"));
}
END_TEST

/* Inside a part the page calls chrome (here a column that also holds the
 * story), boxes that share only their first class name are the site's
 * widgets, not items: the story stays the content. */
START_TEST(chrome_boxes_need_whole_class)
{
    static const char *const kind[] = {"recent", "categories", "archives", "meta", "tags"};
    char html[8192] = "<body><div class=sidebar><div class=story><p>Anna walked along the "
                      "river bank for an hour, talking about the weather.</p></div>";
    for (int i = 0; i < 5; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<div class=\"entry entry_%s\"><h3>Box %s</h3><p>Some words on this box: "
                 "<a href=/w%d>a link that runs on for a while</a>, "
                 "<a href=/v%d>another link here</a></p></div>",
                 kind[i], kind[i], i, i);
    strcat(html, "</div></body>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(!has(html, "Box recent"));
}
END_TEST

/* Teaser boxes after a story that share only their first class name do
 * not join the story, as a category's grid joins its intro. */
START_TEST(teasers_not_joined_by_first_class)
{
    char html[16384] = "<body><div class=wrapper><div class=story>" P3 "</div><div class=more>";
    for (int i = 0; i < 16; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<div class=\"box image target-%d\"><a href=/s%d><img src=/i.jpg alt=\"\">"
                 "<h3>Town council %d votes on the new bridge budget for next spring</h3></a>"
                 "<p>Region %d</p></div>",
                 i, i, i, i);
    strcat(html, "</div></div></body>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "Town council 3 votes"));
}
END_TEST

/* The fields of a form set beside the content are alike, but they are for
 * filling in, not reading. */
START_TEST(form_fields_not_items)
{
    char html[8192] = "<body><div class=story><p>Anna walked along the river bank for an hour, "
                      "talking about the weather and the harvest.</p></div><div class=places>";
    for (int i = 0; i < 30; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<a href=/t%d>Town number %d hall</a> ", i, i);
    strcat(html, "</div><form action=/send><ul class=fields>");
    for (int i = 0; i < 10; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<li class=\"field field-text field-%d\"><label>Your answer to question "
                 "number %d, please</label><input name=q%d></li>",
                 i, i, i);
    strcat(html, "</ul></form></body>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(!has(html, "question number 3"));
}
END_TEST

/* Paragraphs are a story's parts, not items, however many: links set
 * between them as paragraphs of their own stay out. */
START_TEST(paragraphs_not_items)
{
    char html[8192] = "<body><div class=story>" P3 PROSE("Dan");
    for (int i = 0; i < 6; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 "<p>Read more: <a href=/r%d>Council number %d promises the new bridge "
                 "again this year</a></p>",
                 i, i);
    strcat(html, "</div></body>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Dan walked"));
    ck_assert(!has(html, "Council number 3"));
}
END_TEST

/* A region made of cards, some with a line of prose, the rest a name and
 * a price: the cards outweigh its prose and are kept whole, their names
 * (links) too. */
START_TEST(region_of_cards_keeps_links)
{
    char html[8192] = "<body><div class=topbar><a href=/>Home</a></div><div class=cards>";
    for (int i = 0; i < 12; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 i < 3 ? "<div class=card><h3><a href=/m>Monitor arm model %d</a></h3><p>For monitors of %d "
                         "to twenty pounds, with a screen size of up to forty-three inches; a "
                         "scalable arm system that holds up to six monitors on a single post, "
                         "with sliders for each screen.</p><p>Starting at $%d</p></div>"
                       : "<div class=card><h3><a href=/m>Monitor arm model %d</a></h3><p>Screens: %d</p>"
                         "<p>Starting at $%d</p></div>",
                 i, i + 1, 400 + i);
    strcat(html, "</div></body>");
    ck_assert(has(html, "Monitor arm model 0"));
    ck_assert(has(html, "For monitors of 1"));
    ck_assert(has(html, "Monitor arm model 2"));
}
END_TEST

START_TEST(no_prose_no_content)
{
    page p;
    page_run(&p, "<body><nav><a href=/a>A</a> <a href=/b>B</a></nav></body>");
    ck_assert_str_eq(p.text, "");
    page_free(&p);
}
END_TEST

/* The page's footer (<footer>, role=contentinfo) is never the content,
 * even when its blurb is the only prose on a page of short cards: the
 * cards are, and a page whose footer is all it shows has none. */
START_TEST(page_footer_never_content)
{
    const char *cards =
        "<body><nav><a href=/a>Lights</a> <a href=/b>Helmets</a></nav><main><h1>Lights</h1>"
        "<div class=card><a href=/p/1>Roc Loc LED Light</a><p>Bright, clips on</p></div>"
        "<div class=card><a href=/p/2>Vent Light</a><p>Fits any vent</p></div>"
        "<div class=card><a href=/p/3>Caden Light</a><p>USB charged</p></div>"
        "<div class=card><a href=/p/4>Scamp Light</a><p>For kids</p></div></main>";
    const char *foot =
        "<p>We have made helmets and lights in the same small workshop since 1985, tested on "
        "the roads and trails around it by the people who design them, every season.</p>"
        "<p>Sign up to hear about new gear, stories from our riders and events near you, sent "
        "once a month and never shared with anyone else at all.</p>";
    char html[2048];
    snprintf(html, sizeof html, "%s<footer>%s</footer></body>", cards, foot);
    ck_assert(has(html, "Vent Light"));
    ck_assert(!has(html, "workshop"));
    snprintf(html, sizeof html, "%s<div role=contentinfo>%s</div></body>", cards, foot);
    ck_assert(has(html, "Caden Light"));
    ck_assert(!has(html, "workshop"));
    snprintf(html, sizeof html, "<body><div id=app></div><footer>%s</footer></body>", foot);
    ck_assert(!has(html, "workshop"));
}
END_TEST

/* A wrapper that fills the page's <main> is the region, whatever its name
 * says: a shop's search results ("searchPage") are its content. */
START_TEST(wrapper_filling_main_not_box)
{
    char html[8192];
    size_t n = (size_t)snprintf(html, sizeof html,
                                "<body><header><a href=/>Shop</a></header><main>"
                                "<div class=searchPage><h1>Shoes</h1><div class=results>");
    for (int i = 0; i < 12; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<div class=result><a href=/p/%d>Trail running shoe model %d "
                              "in three colours</a><span>$%d.00</span></div>", i, i, 80 + i);
    snprintf(html + n, sizeof html - n,
             "</div></div></main><div class=about><p>We have sold shoes from our small shop on "
             "the corner of the market square since 1962, and we still fit every pair by hand "
             "for anyone who asks us to.</p></div></body>");
    ck_assert(has(html, "Trail running shoe model 3"));
    ck_assert(has(html, "Trail running shoe model 11"));
    ck_assert(!has(html, "market square"));
}
END_TEST

/* The best prose is one of several alike sections (the entries of a
 * best-of story) between link boxes that stop the region widening: the
 * region is all of them. Unnamed blocks are alike by layout only. */
START_TEST(alike_sections_together)
{
    static char html[65536];
    const char *who[] = {"Anna", "Ben", "Cara", "Dora", "Emma"};
    const int paras[] = {9, 9, 14, 16, 19};
    for (int named = 1; named >= 0; named--) {
        size_t n = (size_t)snprintf(html, sizeof html,
                                    "<head><meta property=og:type content=article></head>"
                                    "<body><main><article><h1>Best movers</h1>");
        for (int i = 0; i < 5; i++) {
            n += (size_t)snprintf(html + n, sizeof html - n,
                                  "<div%s><h2>Mover %d</h2><p>%s moved our flat across town in an "
                                  "afternoon.</p>", named ? " class=\"mover-profile\"" : "", i, who[i]);
            for (int k = 0; k < paras[i]; k++)
                n += (size_t)snprintf(html + n, sizeof html - n, "%s", PROSE("Eve"));
            n += (size_t)snprintf(html + n, sizeof html - n, "</div>");
        }
        for (int k = 0; k < 16; k++) {
            n += (size_t)snprintf(html + n, sizeof html - n, "<div class=drawer%d>", k);
            for (int j = 0; j < 12; j++)
                n += (size_t)snprintf(html + n, sizeof html - n,
                                      "<a href=/c/%d/%d>Movers in the city number %d, borough %d</a> ",
                                      k, j, k, j);
            n += (size_t)snprintf(html + n, sizeof html - n, "</div>");
        }
        snprintf(html + n, sizeof html - n, "</article></main></body>");
        ck_assert(has(html, "Emma moved our flat"));
        ck_assert(named == has(html, "Anna moved our flat"));
        ck_assert(named == has(html, "Dora moved our flat"));
    }
}
END_TEST

START_TEST(offer_typed_under_other_key)
{
    /* a Product whose JSON-LD types its offer under "Offers": the page
     * sells it, and what buyers wrote stays out as on other shops */
    const char *html =
        "<head><script type=application/ld+json>{\"@type\": \"Product\", \"name\": \"Mug\", "
        "\"Offers\": [{\"@type\": \"Offer\", \"price\": 24}]}</script></head><body>"
        "<div id=product>" PROSE("Anna") PROSE("Ben") "</div>"
        "<div class=customer-reviews>" PROSE("Cara") PROSE("Dan") "</div></body>";
    page p;
    page_run(&p, html);
    ck_assert_int_eq(p.d.product, 2 | 4);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    ck_assert_ptr_null(strstr(p.text, "Cara walked"));
    page_free(&p);
}
END_TEST

START_TEST(reviews_outweigh_short_product)
{
    /* a product told in a list of short specifications, under a long run
     * of what buyers wrote: the reviews still stay out */
    const char *html =
        "<head><script type=application/ld+json>{\"@type\": \"Product\", \"name\": \"Mug\", "
        "\"offers\": {\"@type\": \"Offer\", \"price\": 24}}</script></head><body>"
        "<div id=product><h1>Stoneware mug</h1><ul><li>Body: stoneware</li>"
        "<li>Volume: 350 ml</li><li>Glaze: clear inside</li></ul></div>"
        "<div class=product-reviews>" PROSE("Cara") PROSE("Dan") PROSE("Eve") PROSE("Fay")
        "</div></body>";
    page p;
    page_run(&p, html);
    ck_assert_int_eq(p.d.product, 2 | 4);
    ck_assert_ptr_nonnull(strstr(p.text, "Volume: 350 ml"));
    ck_assert_ptr_null(strstr(p.text, "Cara walked"));
    page_free(&p);
}
END_TEST

START_TEST(page_wrapper_with_box_name)
{
    /* a dialog box beside the story stays out; a wrapper around the whole
     * page whose name holds the same word ("dialog-off-canvas") is not a
     * box, so the landing page's sections inside <main> still widen the
     * region as they do without it */
    const char *html =
        "<body><div class=dialog-off-canvas-main-canvas><main>"
        "<section><h2>What we do</h2>" PROSE("Anna") "</section>"
        "<section><h2>How we work</h2><ul><li>Data strategy and the operating model</li>"
        "<li>Analytics platforms and their migration</li><li>Privacy and compliance programmes</li>"
        "</ul></section></main>"
        "<div class=dialog id=privacy><div class=dialog__text>" PROSE("Cara") "</div></div>"
        "</div></body>";
    page p;
    page_run(&p, html);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    ck_assert_ptr_nonnull(strstr(p.text, "Privacy and compliance"));
    ck_assert_ptr_null(strstr(p.text, "Cara walked"));
    /* what the wrapper holds is not read as sitting in a box; what the
     * dialog holds is */
    int32_t main_el = -1, box = page_find(&p, "privacy");
    for (size_t i = 0; i < p.d.count; i++)
        if (p.d.n[i].tag == GUMBO_TAG_MAIN)
            main_el = (int32_t)i;
    ck_assert_int_ge(main_el, 0);
    ck_assert_int_ge(box, 0);
    ck_assert(!(p.d.n[main_el].flags & DC_N_HINTED));
    ck_assert(p.d.n[box + 1].flags & DC_N_HINTED);
    page_free(&p);
}
END_TEST

START_TEST(product_widens_to_its_boxes)
{
    /* a product's specifications sit in a box beside its description,
     * with links to the brand and the shop's category among them: a page
     * that offers the product widens to take them; a page that only
     * names a product stops at the description, as articles do */
    const char *body =
        "<body><div><div>" PROSE("Anna") PROSE("Ben") PROSE("Cara") "</div>"
        "<div><ul><li>Weight: 350 g</li><li>Volume: 0.4 l</li></ul>"
        "<p>Brand: <a href=/acme>Acme Ceramics Portugal Ltd</a></p>"
        "<p>Shop: <a href=/mugs>Kitchen mugs and cups</a></p></div></div></body>";
    char html[2048];
    page p;
    snprintf(html, sizeof html,
             "<head><script type=application/ld+json>{\"@type\": \"Product\", \"offers\": "
             "{\"@type\": \"Offer\", \"price\": 24}}</script></head>%s", body);
    page_run(&p, html);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    ck_assert_ptr_nonnull(strstr(p.text, "Weight: 350 g"));
    page_free(&p);
    snprintf(html, sizeof html,
             "<head><script type=application/ld+json>{\"@type\": \"Product\"}</script></head>%s",
             body);
    page_run(&p, html);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    ck_assert_ptr_null(strstr(p.text, "Weight"));
    page_free(&p);
}
END_TEST

/* A story's lead sits in its header, beside the body's container: it
 * joins the region, the headline's neighbours (byline, share links) and
 * what follows the body (related stories, comments) stay out. */
START_TEST(lead_beside_body_joins)
{
    const char *html =
        "<body><div id=top><a href=/>Home</a> <a href=/news>News</a></div><article>"
        "<header><h1>River walk</h1><div class=byline>By Kim Lee</div>"
        "<div class=articleIntro><p>Four friends spent a morning by the water.</p></div>"
        "<div class=share><a href=/s>Share</a></div></header>"
        "<div class=story-body>" P3 "</div>"
        "<div class=related><p>Another story about something else that runs long "
        "enough to be prose, set after the body.</p></div></article>"
        "<section class=comments>" PROSE("Commenter one") "</section></body>";
    page p;
    page_run(&p, html);
    const char *lead = strstr(p.text, "Four friends");
    ck_assert_ptr_nonnull(lead);
    ck_assert_ptr_nonnull(strstr(p.text, "Anna walked"));
    ck_assert(lead < strstr(p.text, "Anna walked"));
    ck_assert_ptr_null(strstr(p.text, "Kim Lee"));
    ck_assert_ptr_null(strstr(p.text, "Share"));
    ck_assert_ptr_null(strstr(p.text, "Another story"));
    ck_assert_ptr_null(strstr(p.text, "Commenter"));
    page_free(&p);
}
END_TEST

/* A lead-named block in a sidebar is another story's teaser. */
START_TEST(teaser_apart_not_lead)
{
    const char *side = "<body><div class=wrap><aside class=sidebar><p class=teaser>Read our "
                       "other story about the mountains, out now.</p></aside>"
                       "<div class=story-body>" P3 "</div></div></body>";
    ck_assert(has(side, "Anna walked"));
    ck_assert(!has(side, "mountains"));
}
END_TEST

/* A landing page stacks sections in its <main>: a hero's pitch, cards
 * that are links, a testimonial. The parent of the longest prose adds
 * mostly link text, but prose of its own too: on a page not marked as a
 * story, the region widens over it. A story keeps to its body. */
#define CARD(n) "<a href=/f" n " class=card><h3>Feature " n "</h3><p>Feature " n " syncs your " \
                "files across every device, keeps old versions for a year and shares " \
                "folders with a link.</p></a>"
static void landing(char *html, size_t cap, const char *head)
{
    snprintf(html, cap,
             "<head>%s</head><body><nav><a href=/>Home</a> <a href=/pricing>Pricing</a></nav>"
             "<main><div class=hero><h1>Backups that run themselves</h1><p>Set it up once "
             "and every laptop in the office is copied to the cloud each night, checked, "
             "encrypted and kept for as long as your auditors ask.</p></div>"
             "<div class=cards>" CARD("1") CARD("2") CARD("3") CARD("4") CARD("5") CARD("6")
             "</div><div class=quotes><h2>What clients say</h2>" PROSE("Anna") PROSE("Ben")
             PROSE("Cara") "</div></main><footer><a href=/legal>Legal</a></footer></body>",
             head);
}

START_TEST(landing_sections_widen)
{
    char html[8192];
    landing(html, sizeof html, "<meta property=og:type content=website>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "every laptop in the office"));
    ck_assert(!has(html, "Legal"));
    landing(html, sizeof html, "<meta property=og:type content=article>");
    ck_assert(has(html, "Anna walked"));
    ck_assert(!has(html, "every laptop in the office"));
    landing(html, sizeof html,
            "<script type=application/ld+json>{\"@type\": [\"WebPage\", \"NewsArticle\"]}"
            "</script>");
    ck_assert(!has(html, "every laptop in the office"));
}
END_TEST

/* A grid whose first cards carry a line of prose each and whose others
 * only a name, a size and a price, none of them links (the cards open by
 * script): the grid is the region and a listing, so the short cards after
 * the last line of prose are items too, not the region's tail. */
START_TEST(grid_region_keeps_short_cards)
{
    char html[16384] = "<body><div class=topbar><a href=/>Home</a> <a href=/shop>Shop</a></div>"
                       "<div class=items>";
    for (int i = 0; i < 16; i++)
        snprintf(html + strlen(html), sizeof html - strlen(html),
                 i < 3 ? "<div class=item><h3>Monitor arm model %d</h3><p>For monitors of %d "
                         "to twenty pounds; a scalable arm system that holds up to six monitors "
                         "on a single post, with sliders for each screen.</p>"
                         "<p>Starting at $%d</p></div>"
                       : "<div class=item><h3>Monitor arm model %d</h3><p>Screens: up to %d in"
                         "</p><p>Starting at $%d</p></div>",
                 i, 20 + i, 400 + i);
    strcat(html, "</div></body>");
    ck_assert(has(html, "Monitor arm model 0"));
    ck_assert(has(html, "Monitor arm model 15"));
    ck_assert(has(html, "Starting at $415"));
    ck_assert(!has(html, "Shop"));
}
END_TEST

/* A category's grid of product links with a blurb for search engines
 * below it: the blurb weighs less against the items than prose above
 * them would, and the page is a listing. The same blurb above the grid
 * (an intro, a story before its teasers) keeps the page's prose the
 * content. */
static void grid_and_blurb(char *html, size_t cap, int below)
{
    snprintf(html, cap, "<body><div class=topbar><a href=/>Home</a></div>%s<div class=grid>",
             below ? "" : "<div class=blurb>" PROSE("Anna") "</div>");
    for (int i = 0; i < 12; i++)
        snprintf(html + strlen(html), cap - strlen(html),
                 "<div class=card><a href=/p%d>Walking boot model %d in brown waxed leather</a> "
                 "<a href=/p%d>$%d.00</a></div>",
                 i, i, i, 40 + i);
    snprintf(html + strlen(html), cap - strlen(html), "</div>%s</body>",
             below ? "<div class=blurb>" PROSE("Anna") "</div>" : "");
}

START_TEST(blurb_below_grid_weighs_less)
{
    char html[8192];
    grid_and_blurb(html, sizeof html, 1);
    ck_assert(has(html, "Walking boot model 0"));
    ck_assert(has(html, "Walking boot model 11"));
    ck_assert(!has(html, "Home"));
    grid_and_blurb(html, sizeof html, 0);
    ck_assert(has(html, "Anna walked"));
    ck_assert(!has(html, "Walking boot model 11"));
}
END_TEST

START_TEST(hinted_slot_of_grid_items)
{
    /* each card of a shop's grid keeps its text in a "caption": the
     * hint names the cards' text slot, not a caption box */
    static char html[32768];
    size_t n = (size_t)snprintf(html, sizeof html,
                                "<body><header class=site-header><a href=/>Home</a></header>"
                                "<main><h1>Laser projectors</h1><div class=grid>");
    for (int i = 0; i < 8; i++)
        n += (size_t)snprintf(html + n, sizeof html - n,
                              "<div class=\"product-col\"><a href=/p%d class=box>"
                              "<div class=\"caption center\"><div>Projector model %d, 4K laser, "
                              "5100 lumens</div><div>Manufacturer: Maker %d</div>"
                              "<div>Price: $4,%d99.00</div></div></a></div>", i, i, i, i);
    snprintf(html + n, sizeof html - n,
             "</div>" PROSE("Anna") PROSE("Ben") "</main>"
             "<footer><p>Shop address, opening hours and the phone number of the shop, "
             "written out at length for the visitors who need them.</p></footer></body>");
    ck_assert(has(html, "Projector model 0"));
    ck_assert(has(html, "Projector model 7"));
    ck_assert(has(html, "Manufacturer: Maker 3"));
}
END_TEST

START_TEST(sign_in_box_never_content)
{
    /* a video page: its text is a short description in a "caption"; a
     * sign-in dialog holds more text than the rest of the page, and
     * stays out all the same */
    const char *html =
        "<body><header><a href=/>Home</a> <a href=/news>News</a></header>"
        "<main><div class=player></div><div class=item-caption><p class=item-description>"
        "The city is the centre of the outbreak in the country. Sport has come to a stop "
        "and nobody knows how the season goes on.</p></div></main>"
        "<div class=\"b-dialog x-dialog-login\" id=login-dialog><form>"
        "<input type=email name=mail><input type=password name=pw>"
        PROSE("Anna") PROSE("Ben") PROSE("Cara") "</form></div></body>";
    ck_assert(has(html, "centre of the outbreak"));
    ck_assert(!has(html, "Anna walked"));
    /* a "modal" that shows a product's details holds no form: read as
     * any other part of the page */
    html = "<body><main><h1>Shelf unit</h1><div class=product-details-modal>"
           "<h2>Product details</h2>" PROSE("Anna") PROSE("Ben") "</div></main></body>";
    ck_assert(has(html, "Anna walked"));
    /* with a form the same dialog is an overlay */
    html = "<body><main><div class=intro><p>The city is the centre of the outbreak in the "
           "country and sport has come to a stop.</p></div></main>"
           "<div class=modal><form><input name=q>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
           "</form></div></body>";
    ck_assert(has(html, "centre of the outbreak"));
    ck_assert(!has(html, "Anna walked"));
}
END_TEST

/* When the hints would hide most of the prose they are distrusted, but a
 * box named a footer still stays out, as the page's <footer> does: a
 * theme's footer bar drawn twice, once outside <footer>, is no content. */
START_TEST(footer_box_out_when_hints_distrusted)
{
    const char *html =
        "<body><div class=site><main><article><h1>Sleep</h1>" PROSE("Anna") PROSE("Ben")
        PROSE("Cara") "</article></main><footer><div class=\"bar bar-footer\">"
        PROSE("Dora") PROSE("Emil") "</div></footer></div>"
        "<div class=\"bar bar-footer\">" PROSE("Fred") PROSE("Gus") "</div></body>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "Dora walked"));
    ck_assert(!has(html, "Fred walked"));
}
END_TEST

/* Likewise an author's bio box set after the story, where the reader
 * comments under it hold most of the page's prose. */
START_TEST(author_box_out_when_hints_distrusted)
{
    const char *html =
        "<body><main><article><h1>Sleep</h1>" PROSE("Anna") PROSE("Ben") PROSE("Cara")
        "<div class=author-info><p class=author-description>Dora writes about sleep, "
        "children and the nights in between, and has done so for twelve years at "
        "the paper.</p></div></article>"
        "<section id=comments>" PROSE("Emil") PROSE("Fred") PROSE("Gus") PROSE("Hans")
        "</section></main></body>";
    ck_assert(has(html, "Anna walked"));
    ck_assert(has(html, "Cara walked"));
    ck_assert(!has(html, "Dora writes"));
    ck_assert(!has(html, "Emil walked"));
}
END_TEST

static Suite *choose_suite(void)
{
    Suite *s = suite_create("choose");
    TCase *tc = tcase_create("region");
    tcase_add_test(tc, article_over_chrome);
    tcase_add_test(tc, split_body_joined);
    tcase_add_test(tc, comments_are_boilerplate);
    tcase_add_test(tc, forum_replies_are_content);
    tcase_add_test(tc, thread_replies_beside_long_post);
    tcase_add_test(tc, thread_short_replies);
    tcase_add_test(tc, main_region_over_footer_blurb);
    tcase_add_test(tc, listing_keeps_its_items);
    tcase_add_test(tc, navigation_is_no_listing);
    tcase_add_test(tc, picture_cards_are_items);
    tcase_add_test(tc, intro_and_grid_together);
    tcase_add_test(tc, items_alike_by_first_class);
    tcase_add_test(tc, chrome_boxes_need_whole_class);
    tcase_add_test(tc, teasers_not_joined_by_first_class);
    tcase_add_test(tc, form_fields_not_items);
    tcase_add_test(tc, paragraphs_not_items);
    tcase_add_test(tc, region_of_cards_keeps_links);
    tcase_add_test(tc, grid_region_keeps_short_cards);
    tcase_add_test(tc, blurb_below_grid_weighs_less);
    tcase_add_test(tc, no_prose_no_content);
    tcase_add_test(tc, page_footer_never_content);
    tcase_add_test(tc, wrapper_filling_main_not_box);
    tcase_add_test(tc, alike_sections_together);
    tcase_add_test(tc, hinted_slot_of_grid_items);
    tcase_add_test(tc, offer_typed_under_other_key);
    tcase_add_test(tc, reviews_outweigh_short_product);
    tcase_add_test(tc, page_wrapper_with_box_name);
    tcase_add_test(tc, sign_in_box_never_content);
    tcase_add_test(tc, footer_box_out_when_hints_distrusted);
    tcase_add_test(tc, author_box_out_when_hints_distrusted);
    tcase_add_test(tc, product_widens_to_its_boxes);
    tcase_add_test(tc, lead_beside_body_joins);
    tcase_add_test(tc, teaser_apart_not_lead);
    tcase_add_test(tc, landing_sections_widen);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(choose_suite)
