/* Tests for src/hints.c: class/id/role/tag vocabularies. */
#include "hints.h"

#include <stdio.h>

#include "testutil.h"

START_TEST(tokens)
{
    ck_assert(dc_hints_vocab_sorted());
    ck_assert_uint_eq(dc_hint_tokens("share-bar"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("socialIcons"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("sharebar"), DC_HINT_NEG); /* prefix */
    ck_assert_uint_eq(dc_hint_tokens("comment_list"), DC_HINT_NEG | DC_HINT_COMMENT);
    ck_assert_uint_eq(dc_hint_tokens("disqus_thread"), DC_HINT_NEG | DC_HINT_COMMENT);
    ck_assert_uint_eq(dc_hint_tokens("entry-content"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("articleBody"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("postmeta"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("meta"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("post-info"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("post-meta"), DC_HINT_NEG); /* the compound "postmeta" */
    /* neighbouring tokens are read as one word too */
    ck_assert_uint_eq(dc_hint_tokens("side-bar"), DC_HINT_NEG);
    /* a layout with a sidebar holds the content beside it: not the
     * sidebar (its own parts keep their names) */
    ck_assert_uint_eq(dc_hint_tokens("o-row c-fixed-sidebar-layout--140--left@lg"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("content-sidebar-wrap"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("p-body-main--withSidebar"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("sidebar-content"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("td-main-sidebar"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("sidebar-right"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("message-userDetails"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("user-info"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("user-content"), DC_HINT_POS);
    /* forum chrome: the poster's panel and signature */
    ck_assert_uint_eq(dc_hint_tokens("postprofile"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("signature"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("article-footnotes"), DC_HINT_NEG); /* notes and references */
    ck_assert_uint_eq(dc_hint_tokens("entry-author-info"), DC_HINT_NEG); /* the compound "authorinfo" */
    /* a post's meta line and its rating widget, which the article words
     * beside them ("entry", "post") do not make content */
    ck_assert_uint_eq(dc_hint_tokens("entry-meta"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("postmetadata alt"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("post-ratings"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("entry-summary"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("post-author-bio"), DC_HINT_NEG);
    /* a media player's controls and settings menu ("Auto", "High (HD)",
     * "Captions will look like this"); weak words, so a post's own
     * settings section ("post-settings") is not marked boilerplate */
    ck_assert_uint_eq(dc_hint_tokens("yvp-settings-container"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("vjs-control-bar player-controls"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("post-settings"), DC_HINT_NONE);
    /* a flyout: a panel that slides out over the page (feedback, report
     * and share forms), like a popup or a modal */
    ck_assert_uint_eq(dc_hint_tokens("feedback-flyout"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("dialog-box"), DC_HINT_NEG); /* a box over the page */
    /* "search" names a results page's parts as often as its search box,
     * which holds next to no text: no verdict */
    ck_assert_uint_eq(dc_hint_tokens("search"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("discover-search-card"), DC_HINT_NONE);
    /* customers' quotes that a site repeats on its pages: a promotion */
    ck_assert_uint_eq(dc_hint_tokens("testimonials-carousel"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("home-testimonial"), DC_HINT_NEG);
    /* a results page's results are its content, not a search box */
    ck_assert_uint_eq(dc_hint_tokens("search-result-items"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("searchResults"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("comment-content"), DC_HINT_NEG | DC_HINT_COMMENT);
    ck_assert_uint_eq(dc_hint_tokens("comments-area"), DC_HINT_NEG | DC_HINT_COMMENT);
    ck_assert_uint_eq(dc_hint_tokens("commentarea"), DC_HINT_NEG | DC_HINT_COMMENT);
    /* an opinion piece and its writer are not reader comments */
    ck_assert_uint_eq(dc_hint_tokens("sect_article news commentary"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("commentaries"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("commentator-name"), DC_HINT_NONE);
    /* a comment's chrome (its share menu, its footer) is not the comment:
     * it stays chrome where comments are the content */
    ck_assert_uint_eq(dc_hint_tokens("elShareComment_menu"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("comment-footer"), DC_HINT_NEG);
    /* tokens, not substrings */
    ck_assert_uint_eq(dc_hint_tokens("download"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("headline"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("MsoHeading"), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens(""), DC_HINT_NONE);
    ck_assert_uint_eq(dc_hint_tokens("menu20_2"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("h2"), DC_HINT_NONE);
    /* BEM: the element part names the node */
    ck_assert_uint_eq(dc_hint_tokens("article__header"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("sidebar__text"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("x article__body y"), DC_HINT_POS);
    /* an element part without a known word: the block says where it is */
    ck_assert_uint_eq(dc_hint_tokens("footer__inner"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("Footer-styled__Root-sc-d11cfc8d-19"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("nav_section_two__0"), DC_HINT_NONE);
    /* CSS Modules: "Block_element__hash", the hash says nothing */
    ck_assert_uint_eq(dc_hint_tokens("ArticleRelatedList_heading__EWCWq"), DC_HINT_NEG);
    ck_assert_uint_eq(dc_hint_tokens("ArticleBody_root__x7Kq2"), DC_HINT_POS);
    ck_assert_uint_eq(dc_hint_tokens("menu__text"), DC_HINT_POS);
    /* the reviews family is told apart, whatever the verdict */
    ck_assert_uint_eq(dc_hint_tokens("product-reviews"), DC_HINT_REVIEW);
    ck_assert_uint_eq(dc_hint_tokens("review-widget"), DC_HINT_NEG | DC_HINT_REVIEW);
    ck_assert_uint_eq(dc_hint_tokens("preview"), DC_HINT_NONE);
}
END_TEST

static unsigned hint_of(const char *html)
{
    GumboOutput *g = gumbo_parse(html);
    const GumboNode *body = g->root->v.element.children.data[1];
    const GumboNode *el = body->v.element.children.data[0];
    unsigned h = dc_hint_element(el, 0);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return h;
}

/* The hint of the element with id "x" (searched depth first). */
static unsigned hint_of_x(const char *html)
{
    GumboOutput *g = gumbo_parse(html);
    const GumboNode *stack[64], *found = NULL;
    size_t n = 0;
    stack[n++] = g->root;
    while (n && !found) {
        const GumboNode *e = stack[--n];
        const char *id = dc_attr(e, "id");
        if (id && strcmp(id, "x") == 0)
            found = e;
        const GumboVector *c = &e->v.element.children;
        for (unsigned i = 0; i < c->length && n < 64; i++)
            if (((const GumboNode *)c->data[i])->type == GUMBO_NODE_ELEMENT)
                stack[n++] = c->data[i];
    }
    ck_assert_ptr_nonnull(found);
    unsigned h = dc_hint_element(found, 0);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return h;
}

START_TEST(elements)
{
    ck_assert_uint_eq(hint_of("<nav>x</nav>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<article>x</article>"), DC_HINT_POS);
    ck_assert_uint_eq(hint_of("<div role=navigation>x</div>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<div role=main>x</div>"), DC_HINT_POS);
    ck_assert_uint_eq(hint_of("<div role=dialog>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div itemprop=articleBody>x</div>"), DC_HINT_POS);
    ck_assert_uint_eq(hint_of("<div hidden>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div aria-hidden=true>x</div>"), DC_HINT_SKIP);
    /* the main landmark hidden from screen readers: a modal is open */
    ck_assert_uint_eq(hint_of("<main aria-hidden=true>x</main>"), DC_HINT_POS);
    ck_assert_uint_eq(hint_of("<div role=main aria-hidden=true>x</div>"), DC_HINT_POS);
    ck_assert_uint_eq(hint_of("<div class='a sr-only'>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div class=hidden-xs>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div class='banner !hidden'>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div class='md:hidden'>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div style='DISPLAY : none'>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<cookie-banner>x</cookie-banner>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<div id=sidebar class=col>x</div>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<div id=mod-flyout>x</div>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<p class=lead>x</p>"), DC_HINT_NONE);
    /* a hidden tab panel waits for its tab */
    ck_assert_uint_eq(hint_of("<div role=tabpanel hidden>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div role=tabpanel style='display:none'>x</div>"), DC_HINT_NONE);
    /* and so is one named so without the role */
    ck_assert_uint_eq(hint_of("<div class=tab-pane style='display:none'>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div class='c tabs__panel' hidden>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div class=table-content hidden>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div class=tabbar hidden>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div class=faq__answer style='display:none'>x</div>"),
                      DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div class=faq-teaser hidden>x</div>"), DC_HINT_SKIP);
    /* an accordion's section, labelled by its toggle, or wrapped for the
     * collapse animation; dialogs and groups of choices stay hidden */
    ck_assert_uint_eq(hint_of("<div hidden aria-labelledby=t>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div aria-hidden=true role=region aria-labelledby=t>x</div>"),
                      DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div style='display:none'><div role=region aria-labelledby=t>"
                              "x</div></div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div hidden role=dialog aria-labelledby=t>x</div>"), DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div hidden role=radiogroup aria-labelledby=t>x</div>"),
                      DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of("<div hidden><div role=dialog aria-labelledby=t>x</div></div>"),
                      DC_HINT_SKIP);
    /* a menu's panel in the site's navigation stays hidden */
    ck_assert_uint_eq(hint_of_x("<nav><ul><li><div id=x hidden aria-labelledby=t>x</div>"),
                      DC_HINT_SKIP);
    ck_assert_uint_eq(hint_of_x("<main><section><div id=x hidden aria-labelledby=t>x</div>"),
                      DC_HINT_NONE);
    /* the toggle of the panel after it is its heading, whatever its name:
     * named by the panel's aria-labelledby, or holding the button whose
     * aria-controls names the panel */
    ck_assert_uint_eq(hint_of_x("<div class=card><div class=card-header id=x>Why?</div>"
                                "<div class=collapse aria-labelledby=x>Because.</div></div>"),
                      DC_HINT_NONE);
    ck_assert_uint_eq(hint_of_x("<div class=card><div class=card-header id=x><button "
                                "aria-controls=a1>Why?</button></div>"
                                "<div id=a1 class=collapse>Because.</div></div>"),
                      DC_HINT_NONE);
    ck_assert_uint_eq(hint_of_x("<div class=card><div class=card-header id=x>Why?</div>"
                                "<div class=collapse aria-labelledby=y>Because.</div></div>"),
                      DC_HINT_NEG);
    /* an id made of a section's heading is the author's words */
    ck_assert_uint_eq(hint_of("<div id=SQL-FOR-UPDATE-SHARE>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div id=respond-to-review-comments>x</div>"), DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div id=share-bar-top>x</div>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<div id=comments-for-this-post class=comments>x</div>"),
                      DC_HINT_NEG | DC_HINT_COMMENT);
    /* a table's weak words describe the table; strong ones still count */
    ck_assert_uint_eq(hint_of("<table class='wikitable sticky-header'><tr><td>x</table>"),
                      DC_HINT_NONE);
    ck_assert_uint_eq(hint_of("<div class='sticky-header'>x</div>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<table class='share-bar'><tr><td>x</table>"), DC_HINT_NEG);
    ck_assert_uint_eq(hint_of("<div itemprop=review>x</div>"), DC_HINT_REVIEW);
    ck_assert_uint_eq(hint_of("<div id=brand-model-review>x</div>"), DC_HINT_NONE);
}
END_TEST

static int side_of(const char *html)
{
    GumboOutput *g = gumbo_parse(html);
    const GumboNode *body = g->root->v.element.children.data[1];
    int side = dc_hint_side(body->v.element.children.data[0]);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return side;
}

START_TEST(side)
{
    ck_assert_int_eq(side_of("<aside>x</aside>"), 1);
    ck_assert_int_eq(side_of("<footer>x</footer>"), 1);
    ck_assert_int_eq(side_of("<div role=complementary>x</div>"), 1);
    ck_assert_int_eq(side_of("<div id=secondary class=sidebar-area>x</div>"), 1);
    ck_assert_int_eq(side_of("<ul class='related_post wp_rp'>x</ul>"), 1);
    ck_assert_int_eq(side_of("<div class=jp-relatedposts>x</div>"), 1);
    ck_assert_int_eq(side_of("<div id=AdsLeft>x</div>"), 1);
    /* words that some pages give their content */
    ck_assert_int_eq(side_of("<div class='c-product-widget'>x</div>"), 0);
    ck_assert_int_eq(side_of("<div class=menu-list>x</div>"), 0);
    ck_assert_int_eq(side_of("<div class=comments>x</div>"), 0);
    ck_assert_int_eq(side_of("<div class=loadmore>x</div>"), 0);
}
END_TEST

static int lead_of(const char *html)
{
    GumboOutput *g = gumbo_parse(html);
    const GumboNode *body = g->root->v.element.children.data[1];
    int lead = dc_hint_lead(body->v.element.children.data[0]);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    return lead;
}

/* Lead names, read by the same tokens as the other vocabularies. */
START_TEST(lead)
{
    ck_assert_int_eq(lead_of("<p class=article-lead>x</p>"), 1);
    ck_assert_int_eq(lead_of("<p class=introText>x</p>"), 1);
    ck_assert_int_eq(lead_of("<div id=chapo>x</div>"), 1);
    ck_assert_int_eq(lead_of("<p class=Post__lead>x</p>"), 1);
    ck_assert_int_eq(lead_of("<p class=leadership>x</p>"), 0);
    ck_assert_int_eq(lead_of("<p class=article-dek>x</p>"), 0);
    ck_assert_int_eq(lead_of("<p>x</p>"), 0);
}
END_TEST

/* Every element of the tree, depth first. */
static void each_element(const GumboNode *n, void (*f)(const GumboNode *, void *), void *ctx)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return;
    f(n, ctx);
    for (unsigned i = 0; i < n->v.element.children.length; i++)
        each_element(n->v.element.children.data[i], f, ctx);
}

static void same_verdict(const GumboNode *n, void *ctx)
{
    dc_hint_cache *c = ctx;
    ck_assert_uint_eq(dc_hint_element_cached(n, 0, c), dc_hint_element(n, 0));
    ck_assert_uint_eq(dc_hint_element_cached(n, 1, c), dc_hint_element(n, 1));
}

START_TEST(cache)
{
    /* repeated strings, strings that differ by a letter, more distinct
     * strings than slots (so slots are overwritten), hidden classes */
    dc_buf html = DC_BUF_INIT;
    static const char *const kinds[] = {"share-bar", "sharebar x", "entry-content", "hidden",
                                        "sr-only nav", "post-meta", "footer", "content", "x"};
    for (int i = 0; i < 3 * DC_HINT_CACHE_SLOTS; i++) {
        char el[160];
        snprintf(el, sizeof el, "<div class='%s' id='c%d'><span class='%s'>t</span></div>",
                 kinds[i % 9], i, kinds[(i * 7) % 9]);
        dc_buf_puts(&html, el);
    }
    GumboOutput *g = gumbo_parse(html.ptr);
    dc_hint_cache *c = calloc(1, sizeof *c);
    each_element(g->root, same_verdict, c);
    /* the cache was used: a repeated string is found in its slot */
    int used = 0;
    for (int k = 0; k < DC_HINT_CACHE_SLOTS; k++)
        used += c->e[k].s != NULL;
    ck_assert_int_gt(used, 9);
    free(c);
    gumbo_destroy_output(&kGumboDefaultOptions, g);
    free(html.ptr);
}
END_TEST

static Suite *hints_suite(void)
{
    Suite *s = suite_create("hints");
    TCase *tc = tcase_create("vocabulary");
    tcase_add_test(tc, tokens);
    tcase_add_test(tc, elements);
    tcase_add_test(tc, side);
    tcase_add_test(tc, lead);
    tcase_add_test(tc, cache);
    suite_add_tcase(s, tc);
    return s;
}

DC_TEST_MAIN(hints_suite)
