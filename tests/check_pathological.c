/* Hostile and broken input, generated here: every case must come back in
 * bounded time and memory with a sane status, UTF-8 text and valid JSON.
 * The bounds are robustness bounds, generous on purpose, not benchmarks;
 * PATHOLOGICAL_VERBOSE=1 prints what each case took. The fuzz seeds and
 * regressions are replayed here too. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "buf.h"
#include "declutter.h"
#include "validate.h"

/* Sanitizers and valgrind slow everything down. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif
#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#define PROSE "<p>Someone walked along the river bank for an hour, talking about the " \
              "weather, the harvest and the new bridge that the council had promised.</p>"

static double slowdown(void) { return RUNNING_ON_VALGRIND ? 50.0 : SANITIZED ? 5.0 : 1.0; }

/* Sizes shrink under valgrind, where a million of anything takes minutes. */
static size_t big(size_t n) { return RUNNING_ON_VALGRIND ? n / 100 : n; }

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static long max_rss_kb(void)
{
    struct rusage u;
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

static void repeat(dc_buf *b, const char *s, size_t times)
{
    size_t n = strlen(s);
    dc_buf_grow(b, n * times);
    for (size_t i = 0; i < times; i++)
        dc_buf_put(b, s, n);
    ck_assert(!b->oom);
}

#define ANY_STATUS 0xffu
#define ST(s) (1u << (s))
#define FOUND (ST(DECLUTTER_OK) | ST(DECLUTTER_NO_CONTENT))

/* Runs one extraction and checks time, memory, status and output.
 * allowed: bit set of statuses; returns the result for more checks. */
static declutter_result *run(const char *html, size_t len, const declutter_options *opts,
                             unsigned allowed)
{
    declutter_options defaults;
    if (!opts) {
        declutter_options_init(&defaults);
        opts = &defaults;
    }
    long rss0 = max_rss_kb();
    double t0 = now();
    declutter_result *r = NULL;
    declutter_status st = declutter_extract(html, len, opts, &r);
    ck_assert_ptr_nonnull(r);
    char *json = NULL, *text = NULL;
    size_t jn = 0, tn = 0;
    ck_assert_int_eq(declutter_render(r, DECLUTTER_FORMAT_JSON, &json, &jn), DECLUTTER_OK);
    ck_assert_int_eq(declutter_render(r, DECLUTTER_FORMAT_TEXT, &text, &tn), DECLUTTER_OK);
    double secs = now() - t0;
    long grown_kb = max_rss_kb() - rss0;

    if (getenv("PATHOLOGICAL_VERBOSE"))
        fprintf(stderr, "%10zu bytes  %7.3f s  %8ld KB peak growth  status %d\n", len, secs,
                grown_kb, (int)st);
    ck_assert_msg(allowed & ST(st), "status %d (%s) not expected", (int)st,
                  declutter_result_error(r));
    /* seconds: far above the linear cost, far below any quadratic one
     * (a million nested elements took gumbo alone hours) */
    double bound_s = (2.0 + (double)len / 1048576) * slowdown();
    ck_assert_msg(secs < bound_s, "took %.2f s for %zu bytes", secs, len);
    /* gumbo spends 150-250 bytes per node, and markup can make a node out
     * of every 4 bytes: a million <a> siblings (7 MB) peak near 70x */
    double bound_kb = (100.0 * (double)len + 64.0 * 1048576) / 1024;
    if (SANITIZED)
        bound_kb = bound_kb * 3 + 512.0 * 1024;
    ck_assert_msg(RUNNING_ON_VALGRIND || (double)grown_kb < bound_kb,
                  "peak memory grew by %ld KB for %zu bytes of input", grown_kb, len);
    ck_assert(valid_utf8(text, tn));
    ck_assert(valid_utf8(json, jn));
    ck_assert_msg(valid_json(json, jn), "invalid JSON: %.200s", json);
    const char *err = declutter_result_error(r);
    ck_assert(valid_utf8(err, strlen(err)));
    if (st != DECLUTTER_OK)
        ck_assert_msg(*err, "a failed status needs a message");
    for (int f = 0; f < DECLUTTER_FIELD_COUNT_; f++) {
        const char *v = declutter_result_field(r, (declutter_field)f);
        ck_assert(!v || valid_utf8(v, strlen(v)));
    }
    declutter_free(json);
    declutter_free(text);
    return r;
}

static void run_free(const char *html, size_t len, const declutter_options *o, unsigned allowed)
{
    declutter_result_free(run(html, len, o, allowed));
}

/* ---- deep nesting ---- */

static const char *const deep_tags[] = {"div", "a", "table", "li", "span", "b", "font", "td", "p"};
static const size_t deep_sizes[] = {1000, 10000, 100000, 1000000};
#define N_DEEP_TAGS (sizeof deep_tags / sizeof deep_tags[0])
#define N_DEEP_SIZES (sizeof deep_sizes / sizeof deep_sizes[0])

/* Start tags, prose in the middle, then the end tags; below a million
 * also never closed, and with text at every level. (a, p, li and table
 * close their predecessor, so those pages are a million siblings.) */
START_TEST(deep_nesting)
{
    const char *tag = deep_tags[_i % N_DEEP_TAGS];
    size_t depth = big(deep_sizes[_i / N_DEEP_TAGS]);
    char open[32], close[32];
    snprintf(open, sizeof open, "<%s>", tag);
    snprintf(close, sizeof close, "</%s>", tag);
    dc_buf b = DC_BUF_INIT;
    dc_buf_puts(&b, "<html><body>");
    repeat(&b, open, depth);
    repeat(&b, PROSE, 3);
    repeat(&b, close, depth);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);

    if (depth < 1000000) {
        b.size = 0;
        snprintf(open, sizeof open, "<%s>x", tag);
        repeat(&b, open, depth);
        repeat(&b, PROSE, 3);
        run_free(b.ptr, b.size, NULL, FOUND);
    }
    dc_buf_free(&b);
}
END_TEST

START_TEST(depth_limit_options)
{
    dc_buf b = DC_BUF_INIT;
    repeat(&b, "<div>", 2000);
    repeat(&b, PROSE, 3);
    declutter_options o;
    declutter_options_init(&o);
    ck_assert_uint_eq(o.max_depth, 512);
    o.depth_error = 1;
    declutter_result *r = run(b.ptr, b.size, &o, ST(DECLUTTER_LIMIT));
    ck_assert_ptr_nonnull(strstr(declutter_result_error(r), "512"));
    declutter_result_free(r);
    o.max_depth = 4000;
    run_free(b.ptr, b.size, &o, ST(DECLUTTER_OK));
    o.max_depth = 100000;
    run_free(b.ptr, b.size, &o, ST(DECLUTTER_BAD_OPTION));
    /* real pages are nowhere near the limit */
    o.max_depth = 0;
    run_free(PROSE PROSE PROSE, strlen(PROSE) * 3, &o, ST(DECLUTTER_OK));
    dc_buf_free(&b);
}
END_TEST

/* ---- the parser's other quadratic and explosive cases ---- */

START_TEST(formatting_bombs)
{
    dc_buf b = DC_BUF_INIT;
    char tmp[64];
    size_t n = big(100000);

    /* distinct formatting elements closed by a block, then reopened by
     * every later paragraph: a 33 KB page used to take 1.5 GB */
    dc_buf_puts(&b, "<div>");
    for (size_t i = 0; i < 2000; i++) {
        snprintf(tmp, sizeof tmp, "<b a%zu>", i);
        dc_buf_puts(&b, tmp);
    }
    dc_buf_puts(&b, "</div>");
    repeat(&b, "<p>x</p>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);

    /* the same with a large attribute on each element */
    b.size = 0;
    dc_buf_puts(&b, "<div>");
    for (size_t i = 0; i < 200; i++) {
        snprintf(tmp, sizeof tmp, "<i a%zu=\"", i);
        dc_buf_puts(&b, tmp);
        repeat(&b, "y", 1000);
        dc_buf_puts(&b, "\">");
    }
    dc_buf_puts(&b, "</div>");
    repeat(&b, "<p>x</p>", n);
    run_free(b.ptr, b.size, NULL, FOUND);

    /* misnested end tags: the adoption agency clones every time */
    b.size = 0;
    dc_buf_puts(&b, "<b class=\"");
    repeat(&b, "z", 100000);
    dc_buf_puts(&b, "\">");
    repeat(&b, "<div></b>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);

    b.size = 0;
    repeat(&b, "<a href=x><div></a>", n);
    repeat(&b, "<b><p>x</b>y</p>", n);
    repeat(&b, "<nobr><nobr><table><nobr>", n / 10);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    dc_buf_free(&b);
}
END_TEST

START_TEST(tables_and_lists)
{
    dc_buf b = DC_BUF_INIT;
    size_t n = big(100000);
    repeat(&b, "<table><td>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    b.size = 0;
    repeat(&b, "<table><tr><td><div>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    b.size = 0;
    repeat(&b, "<ul><li><ol><li><dl><dd>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    b.size = 0;
    repeat(&b, "<svg><g><foreignObject><div><math><mi>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    b.size = 0;
    repeat(&b, "<select><option><optgroup><object><marquee>", n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);

    /* end tags that walk a full stack and match nothing; formatting
     * elements opened and closed under hundreds of markers */
    b.size = 0;
    repeat(&b, "<span>", 600);
    repeat(&b, "</x>", 5 * n);
    repeat(&b, "<object>", 600);
    repeat(&b, "<b></b>", 5 * n);
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    dc_buf_free(&b);
}
END_TEST

START_TEST(huge_inputs)
{
    dc_buf b = DC_BUF_INIT;
    /* a 30 MB article */
    size_t n = big(30u << 20) / strlen(PROSE);
    dc_buf_puts(&b, "<html><head><title>Long</title></head><body><article>");
    repeat(&b, PROSE, n);
    dc_buf_puts(&b, "</article></body></html>");
    run_free(b.ptr, b.size, NULL, FOUND);

    /* a million siblings */
    b.size = 0;
    repeat(&b, "<span>a</span>", big(1000000));
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);
    b.size = 0;
    repeat(&b, "<br>", big(1000000));
    repeat(&b, PROSE, 3);
    run_free(b.ptr, b.size, NULL, FOUND);

    /* a 10 MB attribute value */
    b.size = 0;
    dc_buf_puts(&b, "<div data-x=\"");
    repeat(&b, "abcdefghij", big(1000000));
    dc_buf_puts(&b, "\">" PROSE PROSE PROSE "</div>");
    run_free(b.ptr, b.size, NULL, FOUND);

    /* 100,000 attributes on one tag, and 20,000 <body> tags to merge */
    b.size = 0;
    dc_buf_puts(&b, "<div");
    char tmp[32];
    for (size_t i = 0; i < big(100000); i++) {
        snprintf(tmp, sizeof tmp, " a%zu", i);
        dc_buf_puts(&b, tmp);
    }
    dc_buf_puts(&b, ">" PROSE PROSE PROSE);
    for (size_t i = 0; i < big(20000); i++) {
        snprintf(tmp, sizeof tmp, "<body b%zu>", i);
        dc_buf_puts(&b, tmp);
    }
    run_free(b.ptr, b.size, NULL, FOUND);

    /* a teaser whose JSON-LD articleBody is markup 100,000 elements deep
     * (read as the article, so bounded as the page is) */
    b.size = 0;
    dc_buf_puts(&b, "<script type=application/ld+json>{\"@type\": \"NewsArticle\", "
                    "\"articleBody\": \"");
    repeat(&b, "<div>", big(100000));
    repeat(&b, "Deep text of the story goes on. ", 64);
    dc_buf_puts(&b, "\"}</script>" PROSE);
    run_free(b.ptr, b.size, NULL, FOUND);

    /* 200,000 titles never closed (each would look for its end tag) */
    b.size = 0;
    dc_buf_puts(&b, PROSE PROSE PROSE);
    repeat(&b, "<title>x", big(200000));
    run_free(b.ptr, b.size, NULL, FOUND);

    /* a 20 MB script, an unclosed style, a million comments */
    b.size = 0;
    dc_buf_puts(&b, "<script>");
    repeat(&b, "var a = '<div>'; <!-- <script> x </script> -->", big(400000));
    dc_buf_puts(&b, "</script>" PROSE PROSE PROSE "<!--");
    repeat(&b, "<!---->", big(1000000));
    dc_buf_puts(&b, "-->" PROSE "<style>");
    repeat(&b, "p { color: red }", big(100000));
    run_free(b.ptr, b.size, NULL, FOUND);

    /* over the size limit */
    declutter_options o;
    declutter_options_init(&o);
    o.max_bytes = 1000;
    run_free(b.ptr, b.size, &o, ST(DECLUTTER_TOO_LARGE));
    dc_buf_free(&b);
}
END_TEST

/* ---- broken and non-HTML input ---- */

static const struct {
    const char *name;
    const char *bytes;
    size_t len;
    unsigned allowed;
    const char *says; /* part of the error message, or NULL */
} bad[] = {
#define B(name, s, allowed, says) {name, s, sizeof s - 1, allowed, says}
    B("empty", "", ST(DECLUTTER_NO_CONTENT), "empty"),
    B("lone BOM", "\xef\xbb\xbf", ST(DECLUTTER_NO_CONTENT), "empty"),
    B("UTF-16 BOM only", "\xff\xfe", ST(DECLUTTER_NO_CONTENT), "empty"),
    B("whitespace", " \n\t\r\n ", ST(DECLUTTER_NO_CONTENT), "empty"),
    B("JSON object", "{\"html\": \"<p>hello</p>\", \"n\": [1, 2]}\n", ST(DECLUTTER_BAD_INPUT),
      "JSON"),
    B("JSON array", "\xef\xbb\xbf[{\"a\":1}]", ST(DECLUTTER_BAD_INPUT), "JSON"),
    B("PDF", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
      ST(DECLUTTER_BAD_INPUT), "PDF"),
    B("PNG", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0",
      ST(DECLUTTER_BAD_INPUT), "PNG"),
    B("gzip", "\x1f\x8b\x08\0\0\0\0\0\0\x03\xcb\x48\xcd\xc9\xc9\x07\0", ST(DECLUTTER_BAD_INPUT),
      "gzip"),
    B("ZIP", "PK\x03\x04\x14\0\0\0\x08\0", ST(DECLUTTER_BAD_INPUT), "ZIP"),
    B("control bytes", "\x01\x02\x03\x04\x05\x06\x07\x08<p>text</p>\x0e\x0f\x10\x11",
      ST(DECLUTTER_BAD_INPUT), "binary"),
    B("dense NULs", "<p>\0\0\0\0\0\0\0\0</p>", ST(DECLUTTER_BAD_INPUT), "binary"),
    B("sparse NUL", PROSE PROSE "<p>a\0b</p>" PROSE, FOUND, NULL),
    B("invalid UTF-8", PROSE "<p>caf\xe9 \xc3\x28 \xed\xa0\x80 \xf4\x90\x80\x80 \xc0\xaf</p>" PROSE
      PROSE, FOUND, NULL),
    B("truncated sequence", PROSE PROSE PROSE "<p>end \xe2\x82", FOUND, NULL),
    B("wrong declaration", "<meta charset=windows-1251>" PROSE "<p>\xd0\x9f\xd1\x80\xd0\xb8</p>" PROSE
      PROSE, FOUND, NULL),
    B("utf-16 declared", "<meta charset=utf-16>" PROSE PROSE PROSE, FOUND, NULL),
    B("unknown charset", "<meta http-equiv=content-type content='text/html; charset=x-klingon'>" PROSE
      PROSE PROSE, FOUND, NULL),
    B("unclosed tag", PROSE PROSE PROSE "<div class=\"open", FOUND, NULL),
    B("unclosed comment", PROSE PROSE PROSE "<!-- never closed <p>hidden</p>", FOUND, NULL),
    B("unclosed script", PROSE PROSE PROSE "<script>document.write('<p>x</p>')", FOUND, NULL),
    B("escaped script", "<script><!--<script>x</script>" PROSE "</script>" PROSE PROSE PROSE, FOUND,
      NULL),
    B("unclosed everything", "<html><head><title>t<body><div><p><ul><li><table><tr><td><b><i><a href="
      "'x" PROSE, ANY_STATUS, NULL),
    B("tags only", "<div><div></div></div><br><hr>", ST(DECLUTTER_NO_CONTENT), NULL),
    B("text only", "plain text, no markup at all, but a sentence that goes on for a while.",
      FOUND, NULL),
#undef B
};

START_TEST(bad_input)
{
    declutter_result *r = run(bad[_i].bytes, bad[_i].len, NULL, bad[_i].allowed);
    if (bad[_i].says)
        ck_assert_msg(strstr(declutter_result_error(r), bad[_i].says), "%s: message '%s'",
                      bad[_i].name, declutter_result_error(r));
    declutter_result_free(r);
}
END_TEST

START_TEST(charset_options)
{
    declutter_options o;
    declutter_options_init(&o);
    o.encoding = "no-such-charset";
    run_free(PROSE, strlen(PROSE), &o, ST(DECLUTTER_BAD_OPTION));
    o.encoding = "utf-8";
    run_free(PROSE "<p>\xff\xfe\xfd</p>" PROSE PROSE, strlen(PROSE) * 3 + 10, &o, FOUND);
    o.encoding = "shift_jis";
    run_free(PROSE "<p>\x82\xa0\x82</p>" PROSE PROSE, strlen(PROSE) * 3 + 10, &o, FOUND);
    o.encoding = NULL;
    o.encoding_hint = "x-bogus";
    run_free(PROSE PROSE PROSE, strlen(PROSE) * 3, &o, FOUND);
}
END_TEST

START_TEST(random_bytes)
{
    /* fixed pseudo-random pages: bytes, and bytes with markup mixed in */
    uint32_t x = 2463534242u + (uint32_t)_i;
    dc_buf b = DC_BUF_INIT;
    static const char *const bits[] = {"<div>", "</div>", "<b>", "</p>", "<table>", "<td>",
                                       "<!--", "-->", "<script>", "</script>", "<svg>", "&amp;",
                                       "<a href='", "'>", "<p>", "\xc3\xa9"};
    for (int i = 0; i < 200000; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        if (_i % 2 == 0 || x % 4 == 0) {
            char c = (char)(x >> 24);
            dc_buf_put(&b, &c, 1);
        } else {
            dc_buf_puts(&b, bits[(x >> 8) % 16]);
        }
    }
    run_free(b.ptr, b.size, NULL, ANY_STATUS & ~ST(DECLUTTER_NO_MEMORY));
    dc_buf_free(&b);
}
END_TEST

/* ---- fuzz corpus replay ---- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    dc_buf b = DC_BUF_INIT;
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        dc_buf_put(&b, chunk, n);
    fclose(f);
    *len = b.size;
    return b.size ? dc_buf_detach(&b) : (dc_buf_free(&b), calloc(1, 1));
}

/* The same option byte as the fuzz target. */
static void replay(const char *dir)
{
    static const char *const enc[8] = {NULL, "utf-8", "windows-1251", "shift_jis",
                                       "no-such-charset", "utf-16le", "iso-2022-jp", "gb18030"};
    DIR *d = opendir(dir);
    ck_assert_msg(d != NULL, "cannot open %s", dir);
    struct dirent *e;
    int files = 0;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        size_t len;
        char *data = read_file(path, &len);
        ck_assert_msg(data != NULL, "cannot read %s", path);
        if (len) {
            unsigned sel = (unsigned char)data[0];
            declutter_options o;
            declutter_options_init(&o);
            o.encoding = enc[sel & 7];
            o.encoding_hint = sel & 8 ? "euc-kr" : NULL;
            o.max_bytes = sel & 16 ? 1000 : o.max_bytes;
            o.url = sel & 32 ? "https://example.org/a?b=\"c\"" : NULL;
            o.max_depth = sel & 64 ? 24 : 0;
            o.depth_error = (sel & 128) != 0;
            run_free(data + 1, len - 1, &o, ANY_STATUS & ~ST(DECLUTTER_NO_MEMORY));
        }
        free(data);
        files++;
    }
    closedir(d);
    ck_assert_int_gt(files, 0);
}

START_TEST(fuzz_seeds) { replay(TESTDATA "/fuzz/seed"); }
END_TEST

START_TEST(fuzz_regressions) { replay(TESTDATA "/fuzz/regressions"); }
END_TEST

static Suite *pathological_suite(void)
{
    Suite *s = suite_create("pathological");
    int timeout = (int)(30 * slowdown());
    TCase *tc = tcase_create("nesting");
    tcase_set_timeout(tc, timeout);
    tcase_add_loop_test(tc, deep_nesting, 0, (int)(N_DEEP_TAGS * N_DEEP_SIZES));
    tcase_add_test(tc, depth_limit_options);
    suite_add_tcase(s, tc);

    tc = tcase_create("parser");
    tcase_set_timeout(tc, timeout);
    tcase_add_test(tc, formatting_bombs);
    tcase_add_test(tc, tables_and_lists);
    tcase_add_test(tc, huge_inputs);
    suite_add_tcase(s, tc);

    tc = tcase_create("bad input");
    tcase_set_timeout(tc, timeout);
    tcase_add_loop_test(tc, bad_input, 0, (int)(sizeof bad / sizeof bad[0]));
    tcase_add_test(tc, charset_options);
    tcase_add_loop_test(tc, random_bytes, 0, 4);
    suite_add_tcase(s, tc);

    tc = tcase_create("fuzz corpus");
    tcase_set_timeout(tc, timeout);
    tcase_add_test(tc, fuzz_seeds);
    tcase_add_test(tc, fuzz_regressions);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pathological_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
