/*
 * Golden tests through the library: every TESTDATA/golden/NAME.html must
 * extract to exactly NAME.txt (text format) and render to exactly NAME.json
 * (JSON format); when NAME.md or NAME.out.html exists, the page extracted
 * with DECLUTTER_KEEP_LINKS | DECLUTTER_KEEP_IMAGES must render to it in
 * the Markdown or HTML format. tests/golden.sh checks the same files
 * through the CLI.
 * One loop test per page, in sorted name order; a failure names the page
 * and shows the first differing position with some context.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "declutter.h"

#ifndef TESTDATA
#define TESTDATA "testdata"
#endif
#define GOLDEN_DIR TESTDATA "/golden"
#define CONTEXT 40

static char **pages;  /* page names without ".html", sorted */
static size_t npages;

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_pages(void)
{
    for (size_t i = 0; i < npages; i++)
        free(pages[i]);
    free(pages);
    pages = NULL;
    npages = 0;
}

/* Fills pages from GOLDEN_DIR. 0 on success, -1 on error (message printed). */
static int list_pages(void)
{
    DIR *d = opendir(GOLDEN_DIR);
    if (!d) {
        perror(GOLDEN_DIR);
        return -1;
    }
    size_t cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n <= 5 || strcmp(e->d_name + n - 5, ".html") != 0 ||
            (n > 9 && strcmp(e->d_name + n - 9, ".out.html") == 0))
            continue;
        if (npages == cap) {
            size_t ncap = cap ? cap * 2 : 64;
            char **p = realloc(pages, ncap * sizeof *p);
            if (!p)
                goto oom;
            pages = p;
            cap = ncap;
        }
        char *name = malloc(n - 4);
        if (!name)
            goto oom;
        memcpy(name, e->d_name, n - 5);
        name[n - 5] = '\0';
        pages[npages++] = name;
    }
    closedir(d);
    if (npages > 1)
        qsort(pages, npages, sizeof *pages, cmp_names);
    return 0;
oom:
    closedir(d);
    fputs("check_golden: out of memory\n", stderr);
    free_pages();
    return -1;
}

/* Reads a whole file; NULL when it cannot be read. The buffer gets a NUL
 * after the data so it can be shown, but *len excludes it. */
static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    if (buf && ferror(f)) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (buf) {
        buf[n] = '\0';
        *len = n;
    }
    return buf;
}

/* Appends s[from..to) to out with backslashes and control characters
 * escaped, so a missing newline or tab shows up in the message. */
static void put_escaped(char *out, size_t cap, const char *s, size_t from, size_t to)
{
    size_t o = strlen(out);
    for (size_t i = from; i < to && o + 5 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\') {
            out[o++] = '\\';
            out[o++] = '\\';
        } else if (c == '\n') {
            out[o++] = '\\';
            out[o++] = 'n';
        } else if (c == '\t') {
            out[o++] = '\\';
            out[o++] = 't';
        } else if (c < 0x20) {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

/* Widens [*from, *to) to whole UTF-8 characters of s[0..len). */
static void utf8_bounds(const char *s, size_t len, size_t *from, size_t *to)
{
    while (*from > 0 && ((unsigned char)s[*from] & 0xC0) == 0x80)
        (*from)--;
    while (*to < len && ((unsigned char)s[*to] & 0xC0) == 0x80)
        (*to)++;
}

/*
 * Compares got with want. Returns 1 when equal; otherwise writes into msg
 * where they first differ (byte, line, column) with context around it.
 */
static int same(const char *page, const char *what, const char *want, size_t wlen,
                const char *got, size_t glen, char *msg, size_t cap)
{
    if (wlen == glen && memcmp(want, got, wlen) == 0)
        return 1;
    size_t i = 0, line = 1, col = 1;
    while (i < wlen && i < glen && want[i] == got[i]) {
        if (want[i] == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i++;
    }
    snprintf(msg, cap, "%s: %s differs at byte %zu (line %zu, column %zu; expected %zu bytes, got %zu)\n  expected: \"",
             page, what, i, line, col, wlen, glen);
    size_t from = i > CONTEXT ? i - CONTEXT : 0;
    size_t to = i + CONTEXT < wlen ? i + CONTEXT : wlen;
    utf8_bounds(want, wlen, &from, &to);
    put_escaped(msg, cap, want, from, to);
    strncat(msg, "\"\n  actual:   \"", cap - strlen(msg) - 1);
    from = i > CONTEXT ? i - CONTEXT : 0;
    to = i + CONTEXT < glen ? i + CONTEXT : glen;
    utf8_bounds(got, glen, &from, &to);
    put_escaped(msg, cap, got, from, to);
    strncat(msg, "\"", cap - strlen(msg) - 1);
    return 0;
}

/* The optional NAME.md and NAME.out.html, rendered from an extraction
 * that keeps links and images. */
static void rich_formats(const char *name, const char *html, size_t hlen, char *msg, size_t cap)
{
    static const struct {
        const char *ext, *what;
        declutter_format format;
    } kinds[] = {{".md", "markdown", DECLUTTER_FORMAT_MARKDOWN},
                 {".out.html", "html", DECLUTTER_FORMAT_HTML}};
    declutter_result *r = NULL;
    for (size_t k = 0; k < sizeof kinds / sizeof *kinds && !msg[0]; k++) {
        char path[4096];
        size_t wlen = 0, rlen = 0;
        snprintf(path, sizeof path, "%s/%s%s", GOLDEN_DIR, name, kinds[k].ext);
        char *want = read_file(path, &wlen);
        if (!want)
            continue;
        if (!r) {
            declutter_options opts;
            declutter_options_init(&opts);
            opts.flags = DECLUTTER_KEEP_LINKS | DECLUTTER_KEEP_IMAGES;
            declutter_status st = declutter_extract(html, hlen, &opts, &r);
            if (st != DECLUTTER_OK) {
                snprintf(msg, cap, "%s: extraction with links and images failed: %s", name,
                         declutter_strerror(st));
                free(want);
                break;
            }
        }
        char *got = NULL;
        declutter_status st = declutter_render(r, kinds[k].format, &got, &rlen);
        if (st != DECLUTTER_OK) {
            snprintf(msg, cap, "%s: %s render failed: %s", name, kinds[k].what,
                     declutter_strerror(st));
        } else {
            same(name, kinds[k].what, want, wlen, got, rlen, msg, cap);
        }
        declutter_free(got);
        free(want);
    }
    declutter_result_free(r);
}

START_TEST(test_golden_page)
{
    const char *name = pages[_i];
    char path[4096], msg[2048] = "";
    size_t hlen = 0, tlen = 0, jlen = 0, rlen = 0;
    char *html = NULL, *txt = NULL, *json = NULL, *rendered = NULL;
    declutter_result *r = NULL;

    snprintf(path, sizeof path, "%s/%s.html", GOLDEN_DIR, name);
    html = read_file(path, &hlen);
    snprintf(path, sizeof path, "%s/%s.txt", GOLDEN_DIR, name);
    txt = read_file(path, &tlen);
    snprintf(path, sizeof path, "%s/%s.json", GOLDEN_DIR, name);
    json = read_file(path, &jlen);
    if (!html || !txt || !json) {
        snprintf(msg, sizeof msg, "%s: cannot read the page or its .txt/.json", name);
        goto done;
    }

    declutter_options opts;
    declutter_options_init(&opts);
    declutter_status st = declutter_extract(html, hlen, &opts, &r);
    if (st != DECLUTTER_OK) {
        snprintf(msg, sizeof msg, "%s: extraction failed: %s (%s)", name,
                 declutter_strerror(st), r ? declutter_result_error(r) : "no result");
        goto done;
    }

    /* The text accessor may leave out the final newline that the text
     * format (the rendered text, the .txt file) ends with. */
    const char *text = declutter_result_text(r);
    if (!text) {
        snprintf(msg, sizeof msg, "%s: declutter_result_text returned NULL", name);
        goto done;
    }
    size_t textlen = strlen(text), want = tlen;
    if (textlen + 1 == tlen && txt[tlen - 1] == '\n')
        want = tlen - 1;
    if (!same(name, "declutter_result_text", txt, want, text, textlen, msg, sizeof msg))
        goto done;

    st = declutter_render(r, DECLUTTER_FORMAT_TEXT, &rendered, &rlen);
    if (st != DECLUTTER_OK) {
        snprintf(msg, sizeof msg, "%s: text render failed: %s", name, declutter_strerror(st));
        goto done;
    }
    if (!same(name, "text", txt, tlen, rendered, rlen, msg, sizeof msg))
        goto done;
    declutter_free(rendered);
    rendered = NULL;

    st = declutter_render(r, DECLUTTER_FORMAT_JSON, &rendered, &rlen);
    if (st != DECLUTTER_OK) {
        snprintf(msg, sizeof msg, "%s: JSON render failed: %s", name, declutter_strerror(st));
        goto done;
    }
    if (!same(name, "json", json, jlen, rendered, rlen, msg, sizeof msg))
        goto done;
    declutter_free(rendered);
    rendered = NULL;
    rich_formats(name, html, hlen, msg, sizeof msg);

done:
    declutter_free(rendered);
    declutter_result_free(r);
    free(html);
    free(txt);
    free(json);
    ck_assert_msg(msg[0] == '\0', "%s", msg);
}
END_TEST

int main(void)
{
    if (list_pages() != 0)
        return EXIT_FAILURE;
    if (npages == 0) {
        fprintf(stderr, "check_golden: no *.html pages in %s\n", GOLDEN_DIR);
        return EXIT_FAILURE;
    }
    Suite *s = suite_create("golden");
    TCase *tc = tcase_create("pages");
    tcase_set_timeout(tc, 60);
    tcase_add_loop_test(tc, test_golden_page, 0, (int)npages);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    free_pages();
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
