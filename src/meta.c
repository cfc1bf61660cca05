/*
 * meta: one walk over the gumbo tree collects borrowed pointers to every
 * metadata source; the priorities are applied once at the end, so no
 * source is cleaned or copied unless it is the one that wins.
 */
#include "meta.h"
#include "buf.h"
#include "nfc.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_H1 32          /* headline candidates; later ones never matter */
#define MAX_AUTHOR_EL 8    /* rel/itemprop author elements tried */
#define MAX_DATE_EL 8      /* elements named like a date whose text is tried */
#define H1_TEXT_CAP 1024   /* longer "headings" are broken markup, not titles */
#define HEADLINE_MAX_CHARS 300 /* an <h1> longer than this is a teaser, not a headline */
#define AUTHOR_TEXT_CAP 4096
#define AUTHOR_MAX_CHARS 200
#define JSON_MAX_DEPTH 64

/* ---------------------------------------------------------------- text */

static int lc(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int is_html_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '\v';
}

/* Bytes of the whitespace character at s[i], 0 if it is none. NBSP counts:
 * pages pad titles and bylines with it. */
static size_t ws_at(const char *s, size_t i, size_t n)
{
    unsigned char c = (unsigned char)s[i];
    if (is_html_ws(c))
        return 1;
    if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
        return 2;
    return 0;
}

char *dc_meta_clean_text(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int pending = 0;
    for (size_t i = 0; i < n;) {
        size_t w = ws_at(s, i, n);
        if (w) {
            pending = o > 0;
            i += w;
            continue;
        }
        if ((unsigned char)s[i] == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xAD) {
            i += 2; /* a soft hyphen: invisible unless a line breaks there */
            continue;
        }
        if (pending) {
            out[o++] = ' ';
            pending = 0;
        }
        out[o++] = s[i++];
    }
    out[o] = '\0';
    if (dc_nfc_candidate(out, o)) {
        char *nfc = dc_nfc_dup(out, o);
        free(out);
        out = nfc;
    }
    return out;
}

static int has_text(const char *s)
{
    if (!s)
        return 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n;) {
        size_t w = ws_at(s, i, n);
        if (!w)
            return 1;
        i += w;
    }
    return 0;
}

static int ci_eqn(const char *a, size_t an, const char *b, size_t bn)
{
    if (an != bn)
        return 0;
    for (size_t i = 0; i < an; i++)
        if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
            return 0;
    return 1;
}

static int ci_eq(const char *a, const char *b)
{
    return ci_eqn(a, strlen(a), b, strlen(b));
}

/* Attribute values compared with their surrounding whitespace ignored. */
static int ci_eq_trim(const char *a, const char *lit)
{
    size_t n = strlen(a);
    while (n && is_html_ws((unsigned char)*a)) {
        a++;
        n--;
    }
    while (n && is_html_ws((unsigned char)a[n - 1]))
        n--;
    return ci_eqn(a, n, lit, strlen(lit));
}

static int ci_starts(const char *s, const char *prefix)
{
    for (; *prefix; s++, prefix++)
        if (!*s || lc((unsigned char)*s) != lc((unsigned char)*prefix))
            return 0;
    return 1;
}

static int ci_contains(const char *hay, const char *needle)
{
    size_t hn = strlen(hay), nn = strlen(needle);
    if (nn == 0 || nn > hn)
        return nn == 0;
    for (size_t i = 0; i + nn <= hn; i++)
        if (ci_eqn(hay + i, nn, needle, nn))
            return 1;
    return 0;
}

/* Whether the whitespace-separated list s holds token (ASCII case-insensitive). */
static int has_token(const char *s, const char *token)
{
    if (!s)
        return 0;
    size_t tn = strlen(token);
    while (*s) {
        while (*s && is_html_ws((unsigned char)*s))
            s++;
        const char *t = s;
        while (*s && !is_html_ws((unsigned char)*s))
            s++;
        if (s > t && ci_eqn(t, (size_t)(s - t), token, tn))
            return 1;
    }
    return 0;
}

static size_t utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* ---------------------------------------------------------------- dates */

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"};

static int month_of(const char *w, size_t n)
{
    for (int i = 0; i < 12; i++) {
        const char *full = month_names[i];
        if (ci_eqn(w, n, full, strlen(full)) || (n == 3 && ci_eqn(w, 3, full, 3)))
            return i + 1;
    }
    if (ci_eqn(w, n, "sept", 4))
        return 9;
    return 0;
}

static int valid_ymd(int y, int m, int d)
{
    static const int mdays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 0;
    return 1;
}

static int emit_date(int y, int m, int d, char out[11])
{
    if (!valid_ymd(y, m, d))
        return -1;
    out[0] = (char)('0' + y / 1000);
    out[1] = (char)('0' + y / 100 % 10);
    out[2] = (char)('0' + y / 10 % 10);
    out[3] = (char)('0' + y % 10);
    out[4] = '-';
    out[5] = (char)('0' + m / 10);
    out[6] = (char)('0' + m % 10);
    out[7] = '-';
    out[8] = (char)('0' + d / 10);
    out[9] = (char)('0' + d % 10);
    out[10] = '\0';
    return 0;
}

static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

/* Reads up to max digits; returns how many were read. */
static int read_num(const char **p, int max, int *val)
{
    int k = 0, v = 0;
    while (k < max && is_digit((unsigned char)**p)) {
        v = v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    *val = v;
    return k;
}

typedef struct date_tok {
    int is_num;
    int val, digits;     /* numbers */
    const char *w;       /* words */
    size_t wn;
} date_tok;

/* Month names as dates spell them, in the languages pages are written in
 * (lower case; genitive forms where the language declines them in a
 * date). A word names a month when it is one of these, or, three letters
 * long or more, begins only names of the same month ("Okt", "janv",
 * "Sept"). */
typedef struct month_word {
    const char *name;
    int month;
} month_word;

static const month_word month_words[] = {
    /* en */
    {"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6},
    {"july", 7}, {"august", 8}, {"september", 9}, {"october", 10}, {"november", 11},
    {"december", 12},
    /* de */
    {"januar", 1}, {"j\xC3\xA4nner", 1}, {"februar", 2}, {"feber", 2}, {"m\xC3\xA4rz", 3},
    {"mai", 5}, {"juni", 6}, {"juli", 7}, {"oktober", 10}, {"dezember", 12},
    /* fr */
    {"janvier", 1}, {"f\xC3\xA9vrier", 2}, {"fevrier", 2}, {"mars", 3}, {"avril", 4},
    {"juin", 6}, {"juillet", 7}, {"ao\xC3\xBBt", 8}, {"aout", 8}, {"septembre", 9},
    {"octobre", 10}, {"novembre", 11}, {"d\xC3\xA9" "cembre", 12}, {"decembre", 12},
    /* es */
    {"enero", 1}, {"febrero", 2}, {"marzo", 3}, {"abril", 4}, {"mayo", 5}, {"junio", 6},
    {"julio", 7}, {"agosto", 8}, {"septiembre", 9}, {"setiembre", 9}, {"octubre", 10},
    {"noviembre", 11}, {"diciembre", 12},
    /* it */
    {"gennaio", 1}, {"febbraio", 2}, {"aprile", 4}, {"maggio", 5}, {"giugno", 6},
    {"luglio", 7}, {"settembre", 9}, {"ottobre", 10}, {"dicembre", 12},
    /* pt */
    {"janeiro", 1}, {"fevereiro", 2}, {"mar\xC3\xA7o", 3}, {"maio", 5}, {"junho", 6},
    {"julho", 7}, {"setembro", 9}, {"outubro", 10}, {"novembro", 11}, {"dezembro", 12},
    /* nl, sv, da, no */
    {"januari", 1}, {"februari", 2}, {"maart", 3}, {"mei", 5}, {"augustus", 8},
    {"marts", 3}, {"maj", 5}, {"augusti", 8},
};

/* Declined forms, read only whole: their beginnings are other words. */
static const month_word month_words_whole[] = {
    /* pl (genitive) */
    {"stycznia", 1}, {"lutego", 2}, {"marca", 3}, {"kwietnia", 4}, {"maja", 5},
    {"czerwca", 6}, {"lipca", 7}, {"sierpnia", 8}, {"wrze\xC5\x9Bnia", 9},
    {"pa\xC5\xBA" "dziernika", 10}, {"listopada", 11}, {"grudnia", 12},
    /* cs (genitive) */
    {"ledna", 1}, {"\xC3\xBAnora", 2}, {"b\xC5\x99" "ezna", 3}, {"dubna", 4},
    {"kv\xC4\x9Btna", 5}, {"\xC4\x8D" "ervna", 6}, {"\xC4\x8D" "ervence", 7}, {"srpna", 8},
    {"z\xC3\xA1\xC5\x99\xC3\xAD", 9}, {"\xC5\x99\xC3\xADjna", 10}, {"listopadu", 11},
    {"prosince", 12},
    /* hu */
    {"janu\xC3\xA1r", 1}, {"febru\xC3\xA1r", 2}, {"m\xC3\xA1rcius", 3}, {"\xC3\xA1prilis", 4},
    {"m\xC3\xA1jus", 5}, {"j\xC3\xBAnius", 6}, {"j\xC3\xBAlius", 7}, {"augusztus", 8},
    {"szeptember", 9}, {"okt\xC3\xB3" "ber", 10},
    /* fi (partitive, as in "19. helmikuuta 2019") */
    {"tammikuuta", 1}, {"helmikuuta", 2}, {"maaliskuuta", 3}, {"huhtikuuta", 4},
    {"toukokuuta", 5}, {"kes\xC3\xA4kuuta", 6}, {"hein\xC3\xA4kuuta", 7}, {"elokuuta", 8},
    {"syyskuuta", 9}, {"lokakuuta", 10}, {"marraskuuta", 11}, {"joulukuuta", 12},
    /* ru (genitive) */
    {"\xD1\x8F\xD0\xBD\xD0\xB2\xD0\xB0\xD1\x80\xD1\x8F", 1},
    {"\xD1\x84\xD0\xB5\xD0\xB2\xD1\x80\xD0\xB0\xD0\xBB\xD1\x8F", 2},
    {"\xD0\xBC\xD0\xB0\xD1\x80\xD1\x82\xD0\xB0", 3},
    {"\xD0\xB0\xD0\xBF\xD1\x80\xD0\xB5\xD0\xBB\xD1\x8F", 4},
    {"\xD0\xBC\xD0\xB0\xD1\x8F", 5},
    {"\xD0\xB8\xD1\x8E\xD0\xBD\xD1\x8F", 6},
    {"\xD0\xB8\xD1\x8E\xD0\xBB\xD1\x8F", 7},
    {"\xD0\xB0\xD0\xB2\xD0\xB3\xD1\x83\xD1\x81\xD1\x82\xD0\xB0", 8},
    {"\xD1\x81\xD0\xB5\xD0\xBD\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 9},
    {"\xD0\xBE\xD0\xBA\xD1\x82\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 10},
    {"\xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F", 11},
    {"\xD0\xB4\xD0\xB5\xD0\xBA\xD0\xB0\xD0\xB1\xD1\x80\xD1\x8F", 12},
};

/* Bytes of the UTF-8 letter at s (ASCII letters, Latin with diacritics,
 * Cyrillic), 0 when s is at anything else. */
static size_t letter_at(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    if (is_alpha(c))
        return 1;
    if (c >= 0xC3 && c <= 0xD1 && ((unsigned char)s[1] & 0xC0) == 0x80 && !(c >= 0xCA && c <= 0xCF))
        return 2;
    return 0;
}

/* The month a word names (n bytes, at least one letter), 0 for none.
 * ASCII and Latin-1 capitals fold to lower case. */
static int month_any(const char *w, size_t n)
{
    char low[32];
    size_t chars = 0;
    if (n >= sizeof low)
        return 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (i > 0 && (unsigned char)w[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
            c += 0x20;
        low[i] = (char)lc(c);
        chars += (c & 0xC0) != 0x80;
    }
    for (size_t k = 0; k < sizeof month_words_whole / sizeof *month_words_whole; k++)
        if (strlen(month_words_whole[k].name) == n && !memcmp(month_words_whole[k].name, low, n))
            return month_words_whole[k].month;
    int found = 0;
    for (size_t k = 0; k < sizeof month_words / sizeof *month_words; k++) {
        const char *name = month_words[k].name;
        size_t nl = strlen(name);
        if (nl == n && !memcmp(name, low, n))
            return month_words[k].month;
        if (chars >= 3 && n < nl && !memcmp(name, low, n)) {
            if (found && found != month_words[k].month)
                found = -1;
            else if (found >= 0)
                found = month_words[k].month;
        }
    }
    return found > 0 ? found : 0;
}

/* "March 5, 2024", "5th Mar 2024", "Tue, 05 Mar 2024 10:00 GMT",
 * "5. März 2024", "1er mai 2024", "5 de mayo de 2024", "2024. március 5.":
 * a month word, the day next to it and a four-digit year beyond it. */
static int parse_text_date(const char *s, char out[11])
{
    date_tok t[16];
    int nt = 0;
    if (strlen(s) > 80)
        return -1;
    while (*s && nt < 16) {
        unsigned char c = (unsigned char)*s;
        size_t l;
        if (is_digit(c)) {
            const char *b = s;
            int v = 0;
            while (is_digit((unsigned char)*s)) {
                if (s - b < 9)
                    v = v * 10 + (*s - '0');
                s++;
            }
            t[nt].is_num = 1;
            t[nt].val = v;
            t[nt].digits = (int)(s - b);
            nt++;
            if (ci_starts(s, "st") || ci_starts(s, "nd") || ci_starts(s, "rd") || ci_starts(s, "th") ||
                ci_starts(s, "er"))
                if (!letter_at(s + 2))
                    s += 2;
        } else if ((l = letter_at(s)) > 0) {
            const char *b = s;
            while ((l = letter_at(s)) > 0)
                s += l;
            size_t wn = (size_t)(s - b);
            /* "5 de mayo de 2024", "5th of March", "d'octubre" */
            if (ci_eqn(b, wn, "de", 2) || ci_eqn(b, wn, "del", 3) || ci_eqn(b, wn, "of", 2) ||
                ci_eqn(b, wn, "d", 1))
                continue;
            t[nt].is_num = 0;
            t[nt].w = b;
            t[nt].wn = wn;
            nt++;
        } else {
            s++;
            while (((unsigned char)*s & 0xC0) == 0x80)
                s++;
        }
    }
    for (int k = 0; k < nt; k++) {
        if (t[k].is_num)
            continue;
        const date_tok *a = k + 1 < nt ? &t[k + 1] : NULL;
        const date_tok *b = k + 2 < nt ? &t[k + 2] : NULL;
        const date_tok *before = k > 0 ? &t[k - 1] : NULL;
        int day_year = a && a->is_num && a->digits <= 2 && b && b->is_num && b->digits == 4;
        int day_before = before && before->is_num && before->digits <= 2 && a && a->is_num &&
                         a->digits == 4;
        /* "2023 Jan 7", the form of citation_publication_date */
        int year_before = before && before->is_num && before->digits == 4 && a && a->is_num &&
                          a->digits <= 2;
        if (!day_year && !day_before && !year_before)
            continue; /* no date around the word: the months need not be read */
        int m = month_any(t[k].w, t[k].wn);
        if (!m)
            continue;
        if (day_year)
            return emit_date(b->val, m, a->val, out);
        if (day_before)
            return emit_date(a->val, m, before->val, out);
        return emit_date(before->val, m, a->val, out);
    }
    return -1;
}

/* How find_date_in_text reads numeric dates beyond the unambiguous ones. */
enum {
    DT_SLASH_MDY = 1,   /* "3/4/2025" is March 4 (US English) */
    DT_SLASH_DMY = 2,   /* "3/4/2025" is 3 April (everywhere else) */
    DT_SHORT_YEAR = 4   /* "28.01.22": two-digit years, in elements that are datelines */
};

/* The order of an ambiguous slashed date in a page of language lang:
 * month first in American English (and in English that names no
 * region), day first in every other; neither when the page does not say. */
static int slash_order(const char *lang)
{
    if (!lang)
        return 0;
    while (is_html_ws((unsigned char)*lang))
        lang++;
    if (!*lang)
        return 0;
    if (ci_starts(lang, "en")) {
        const char *r = lang + 2;
        if (!*r || is_html_ws((unsigned char)*r) || ((*r == '-' || *r == '_') && ci_starts(r + 1, "us")))
            return DT_SLASH_MDY;
    }
    return DT_SLASH_DMY;
}

/* A date inside a short text: "Posted on March 5, 2024 by", "19.12.2025",
 * "Updated 2024-03-05 10:00", "31/10/2024", "2019年10月1日". Day-first
 * dotted dates are the European convention; slashed (or dashed) ones
 * whose day could be a month are read in the order flags give, if any. */
static int find_date_in_text(const char *s, int flags, char out[11])
{
    size_t n = strlen(s);
    if (n > 200)
        return -1;
    int digits = 0; /* every date form has a number */
    for (const char *p = s; *p; p++) {
        if (!is_digit((unsigned char)*p) || (p > s && is_digit((unsigned char)p[-1])))
            continue;
        digits = 1;
        const char *q = p;
        int a, b, c, nb, nc;
        int na = read_num(&q, 4, &a);
        if (is_digit((unsigned char)*q))
            continue;
        if (na == 4 && *q == '-') {
            q++;
            if (read_num(&q, 2, &b) == 2 && *q == '-' && (q++, read_num(&q, 2, &c) == 2) &&
                !is_digit((unsigned char)*q) && !emit_date(a, b, c, out))
                return 0;
        } else if (na == 4 && (!strncmp(q, "\xE5\xB9\xB4", 3) || !strncmp(q, "\xEB\x85\x84", 3))) {
            /* 2019年10月1日, 2019년 10월 1일 */
            int ko = q[0] == '\xEB';
            q += 3;
            while (*q == ' ')
                q++;
            if (!read_num(&q, 2, &b) || strncmp(q, ko ? "\xEC\x9B\x94" : "\xE6\x9C\x88", 3))
                continue;
            q += 3;
            while (*q == ' ')
                q++;
            if (read_num(&q, 2, &c) && !strncmp(q, ko ? "\xEC\x9D\xBC" : "\xE6\x97\xA5", 3) &&
                !emit_date(a, b, c, out))
                return 0;
        } else if (na <= 2 && *q == '.') {
            q++;
            nb = read_num(&q, 2, &b);
            if (!nb || *q != '.')
                continue;
            q++;
            nc = read_num(&q, 4, &c);
            if (is_digit((unsigned char)*q))
                continue;
            if (nc == 4 && !emit_date(c, b, a, out))
                return 0;
            /* "28.01.22", "2.11.22", but no part of "10.12.22.5" */
            if ((flags & DT_SHORT_YEAR) && nc == 2 && (p == s || p[-1] != '.') &&
                !(*q == '.' && is_digit((unsigned char)q[1])) &&
                !emit_date(c >= 90 ? 1900 + c : 2000 + c, b, a, out))
                return 0;
        } else if (na <= 2 && (*q == '/' || *q == '-')) {
            char sep = *q++;
            nb = read_num(&q, 2, &b);
            if (!nb || *q != sep)
                continue;
            q++;
            if (read_num(&q, 4, &c) != 4 || is_digit((unsigned char)*q) || (p > s && strchr("/-.", p[-1])) ||
                ((*q == '.' || *q == sep) && is_digit((unsigned char)q[1])))
                continue;
            int mdy = a > 12 ? 0 : b > 12 ? 1 : (flags & DT_SLASH_MDY) ? 1 : (flags & DT_SLASH_DMY) ? 0 : -1;
            if (mdy >= 0 && !emit_date(c, mdy ? a : b, mdy ? b : a, out))
                return 0;
        }
    }
    return n <= 80 && digits ? parse_text_date(s, out) : -1;
}

int dc_meta_parse_date(const char *s, char out[11])
{
    if (!s)
        return -1;
    while (*s && is_html_ws((unsigned char)*s))
        s++;
    const char *p = s;
    int y, m, d;
    if (read_num(&p, 8, &y) == 4 && (*p == '-' || *p == '/' || *p == '.')) {
        char sep = *p++;
        if (read_num(&p, 2, &m) && *p == sep) {
            p++;
            if (read_num(&p, 2, &d) && !is_digit((unsigned char)*p))
                return emit_date(y, m, d, out);
            return -1;
        }
        if (sep != '.')
            return -1;
        /* "2024. március 5." */
    }
    p = s;
    if (read_num(&p, 9, &y) == 8 && !is_digit((unsigned char)*p))
        return emit_date(y / 10000, y / 100 % 100, y % 100, out);
    return parse_text_date(s, out);
}

/* ------------------------------------------------------- entity leftovers */

/* C1 code points as windows-1252 meant them (what browsers do for &#146;). */
static const uint16_t cp1252_c1[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD,
    0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

/* The named character references of HTML 4 and "&apos;" (the 253 that pages use; HTML5
 * adds two thousand more that metadata hardly ever holds), by code point.
 * Metadata reaches us with them undecoded when a site escapes JSON-LD
 * strings as HTML ("Redacci&oacute;n"). */
static const struct {
    const char *name;
    uint16_t cp;
} named_entities[] = {
    {"quot", 0x22}, {"amp", 0x26}, {"apos", 0x27}, {"lt", 0x3C}, {"gt", 0x3E}, {"nbsp", 0xA0},
    {"iexcl", 0xA1}, {"cent", 0xA2}, {"pound", 0xA3}, {"curren", 0xA4}, {"yen", 0xA5},
    {"brvbar", 0xA6}, {"sect", 0xA7}, {"uml", 0xA8}, {"copy", 0xA9}, {"ordf", 0xAA},
    {"laquo", 0xAB}, {"not", 0xAC}, {"shy", 0xAD}, {"reg", 0xAE}, {"macr", 0xAF}, {"deg", 0xB0},
    {"plusmn", 0xB1}, {"sup2", 0xB2}, {"sup3", 0xB3}, {"acute", 0xB4}, {"micro", 0xB5},
    {"para", 0xB6}, {"middot", 0xB7}, {"cedil", 0xB8}, {"sup1", 0xB9}, {"ordm", 0xBA},
    {"raquo", 0xBB}, {"frac14", 0xBC}, {"frac12", 0xBD}, {"frac34", 0xBE}, {"iquest", 0xBF},
    {"Agrave", 0xC0}, {"Aacute", 0xC1}, {"Acirc", 0xC2}, {"Atilde", 0xC3}, {"Auml", 0xC4},
    {"Aring", 0xC5}, {"AElig", 0xC6}, {"Ccedil", 0xC7}, {"Egrave", 0xC8}, {"Eacute", 0xC9},
    {"Ecirc", 0xCA}, {"Euml", 0xCB}, {"Igrave", 0xCC}, {"Iacute", 0xCD}, {"Icirc", 0xCE},
    {"Iuml", 0xCF}, {"ETH", 0xD0}, {"Ntilde", 0xD1}, {"Ograve", 0xD2}, {"Oacute", 0xD3},
    {"Ocirc", 0xD4}, {"Otilde", 0xD5}, {"Ouml", 0xD6}, {"times", 0xD7}, {"Oslash", 0xD8},
    {"Ugrave", 0xD9}, {"Uacute", 0xDA}, {"Ucirc", 0xDB}, {"Uuml", 0xDC}, {"Yacute", 0xDD},
    {"THORN", 0xDE}, {"szlig", 0xDF}, {"agrave", 0xE0}, {"aacute", 0xE1}, {"acirc", 0xE2},
    {"atilde", 0xE3}, {"auml", 0xE4}, {"aring", 0xE5}, {"aelig", 0xE6}, {"ccedil", 0xE7},
    {"egrave", 0xE8}, {"eacute", 0xE9}, {"ecirc", 0xEA}, {"euml", 0xEB}, {"igrave", 0xEC},
    {"iacute", 0xED}, {"icirc", 0xEE}, {"iuml", 0xEF}, {"eth", 0xF0}, {"ntilde", 0xF1},
    {"ograve", 0xF2}, {"oacute", 0xF3}, {"ocirc", 0xF4}, {"otilde", 0xF5}, {"ouml", 0xF6},
    {"divide", 0xF7}, {"oslash", 0xF8}, {"ugrave", 0xF9}, {"uacute", 0xFA}, {"ucirc", 0xFB},
    {"uuml", 0xFC}, {"yacute", 0xFD}, {"thorn", 0xFE}, {"yuml", 0xFF}, {"OElig", 0x152},
    {"oelig", 0x153}, {"Scaron", 0x160}, {"scaron", 0x161}, {"Yuml", 0x178}, {"fnof", 0x192},
    {"circ", 0x2C6}, {"tilde", 0x2DC}, {"Alpha", 0x391}, {"Beta", 0x392}, {"Gamma", 0x393},
    {"Delta", 0x394}, {"Epsilon", 0x395}, {"Zeta", 0x396}, {"Eta", 0x397}, {"Theta", 0x398},
    {"Iota", 0x399}, {"Kappa", 0x39A}, {"Lambda", 0x39B}, {"Mu", 0x39C}, {"Nu", 0x39D},
    {"Xi", 0x39E}, {"Omicron", 0x39F}, {"Pi", 0x3A0}, {"Rho", 0x3A1}, {"Sigma", 0x3A3},
    {"Tau", 0x3A4}, {"Upsilon", 0x3A5}, {"Phi", 0x3A6}, {"Chi", 0x3A7}, {"Psi", 0x3A8},
    {"Omega", 0x3A9}, {"alpha", 0x3B1}, {"beta", 0x3B2}, {"gamma", 0x3B3}, {"delta", 0x3B4},
    {"epsilon", 0x3B5}, {"zeta", 0x3B6}, {"eta", 0x3B7}, {"theta", 0x3B8}, {"iota", 0x3B9},
    {"kappa", 0x3BA}, {"lambda", 0x3BB}, {"mu", 0x3BC}, {"nu", 0x3BD}, {"xi", 0x3BE},
    {"omicron", 0x3BF}, {"pi", 0x3C0}, {"rho", 0x3C1}, {"sigmaf", 0x3C2}, {"sigma", 0x3C3},
    {"tau", 0x3C4}, {"upsilon", 0x3C5}, {"phi", 0x3C6}, {"chi", 0x3C7}, {"psi", 0x3C8},
    {"omega", 0x3C9}, {"thetasym", 0x3D1}, {"upsih", 0x3D2}, {"piv", 0x3D6}, {"ensp", 0x2002},
    {"emsp", 0x2003}, {"thinsp", 0x2009}, {"zwnj", 0x200C}, {"zwj", 0x200D}, {"lrm", 0x200E},
    {"rlm", 0x200F}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
    {"sbquo", 0x201A}, {"ldquo", 0x201C}, {"rdquo", 0x201D}, {"bdquo", 0x201E},
    {"dagger", 0x2020}, {"Dagger", 0x2021}, {"bull", 0x2022}, {"hellip", 0x2026},
    {"permil", 0x2030}, {"prime", 0x2032}, {"Prime", 0x2033}, {"lsaquo", 0x2039},
    {"rsaquo", 0x203A}, {"oline", 0x203E}, {"frasl", 0x2044}, {"euro", 0x20AC},
    {"image", 0x2111}, {"weierp", 0x2118}, {"real", 0x211C}, {"trade", 0x2122},
    {"alefsym", 0x2135}, {"larr", 0x2190}, {"uarr", 0x2191}, {"rarr", 0x2192}, {"darr", 0x2193},
    {"harr", 0x2194}, {"crarr", 0x21B5}, {"lArr", 0x21D0}, {"uArr", 0x21D1}, {"rArr", 0x21D2},
    {"dArr", 0x21D3}, {"hArr", 0x21D4}, {"forall", 0x2200}, {"part", 0x2202}, {"exist", 0x2203},
    {"empty", 0x2205}, {"nabla", 0x2207}, {"isin", 0x2208}, {"notin", 0x2209}, {"ni", 0x220B},
    {"prod", 0x220F}, {"sum", 0x2211}, {"minus", 0x2212}, {"lowast", 0x2217}, {"radic", 0x221A},
    {"prop", 0x221D}, {"infin", 0x221E}, {"ang", 0x2220}, {"and", 0x2227}, {"or", 0x2228},
    {"cap", 0x2229}, {"cup", 0x222A}, {"int", 0x222B}, {"there4", 0x2234}, {"sim", 0x223C},
    {"cong", 0x2245}, {"asymp", 0x2248}, {"ne", 0x2260}, {"equiv", 0x2261}, {"le", 0x2264},
    {"ge", 0x2265}, {"sub", 0x2282}, {"sup", 0x2283}, {"nsub", 0x2284}, {"sube", 0x2286},
    {"supe", 0x2287}, {"oplus", 0x2295}, {"otimes", 0x2297}, {"perp", 0x22A5}, {"sdot", 0x22C5},
    {"lceil", 0x2308}, {"rceil", 0x2309}, {"lfloor", 0x230A}, {"rfloor", 0x230B},
    {"lang", 0x2329}, {"rang", 0x232A}, {"loz", 0x25CA}, {"spades", 0x2660}, {"clubs", 0x2663},
    {"hearts", 0x2665}, {"diams", 0x2666},
};

/* Decodes one &...; at s (s[0] == '&'); returns the bytes consumed or 0. */
static size_t entity_at(const char *s, uint32_t *cp)
{
    size_t i = 1;
    if (s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        uint32_t v = 0;
        size_t digits = 0;
        i = hex ? 3 : 2;
        for (;; i++) {
            int c = (unsigned char)s[i], dv;
            if (is_digit(c))
                dv = c - '0';
            else if (hex && lc(c) >= 'a' && lc(c) <= 'f')
                dv = lc(c) - 'a' + 10;
            else
                break;
            if (++digits > 7)
                return 0;
            v = v * (hex ? 16u : 10u) + (uint32_t)dv;
        }
        if (!digits || s[i] != ';')
            return 0;
        if (v >= 0x80 && v <= 0x9F)
            v = cp1252_c1[v - 0x80];
        else if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
            v = 0xFFFD;
        *cp = v;
        return i + 1;
    }
    /* a letter, then letters and digits ("frac14", "sup2") */
    while (i < 10 && (is_alpha((unsigned char)s[i]) || (i > 1 && is_digit((unsigned char)s[i]))))
        i++;
    if (s[i] != ';')
        return 0;
    for (size_t k = 0; k < sizeof named_entities / sizeof named_entities[0]; k++) {
        const char *name = named_entities[k].name;
        if (strlen(name) == i - 1 && memcmp(name, s + 1, i - 1) == 0) {
            *cp = named_entities[k].cp;
            return i + 1;
        }
    }
    return 0;
}

/* In place: every entity is at least as long as its UTF-8, so the write
 * position never passes the read position. */
static void decode_entities(char *s)
{
    char *w = s;
    const char *r = s;
    while (*r) {
        uint32_t cp;
        size_t used;
        if (*r == '&' && (used = entity_at(r, &cp)) > 0) {
            w += dc_utf8_encode(cp, w);
            r += used;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

/* ---------------------------------------------------------------- JSON */

enum { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct jnode jnode;
struct jnode {
    jnode *next;          /* next sibling in the parent container */
    jnode *first, *last;  /* children of arrays and objects */
    const char *key;      /* member name inside an object, else NULL */
    size_t keylen;
    const char *str;      /* J_STR: decoded, NUL-terminated */
    size_t len;
    int type;
};

typedef struct arena_blk {
    struct arena_blk *next;
    size_t used, cap;
} arena_blk;

#define ARENA_HDR ((sizeof(arena_blk) + 15) & ~(size_t)15)

typedef struct arena {
    arena_blk *head;
} arena;

static void *arena_alloc(arena *a, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    arena_blk *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > 16384 ? n : 16384;
        b = malloc(ARENA_HDR + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b + ARENA_HDR + b->used;
    b->used += n;
    return p;
}

static void arena_free(arena *a)
{
    while (a->head) {
        arena_blk *n = a->head->next;
        free(a->head);
        a->head = n;
    }
}

typedef struct jparser {
    const char *s;
    size_t n, i;
    arena *a;
    int oom;
} jparser;

static void jskip_ws(jparser *p)
{
    while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t' ||
                           p->s[p->i] == '\n' || p->s[p->i] == '\r'))
        p->i++;
}

static int jstarts(const jparser *p, const char *lit)
{
    size_t n = strlen(lit);
    return p->n - p->i >= n && memcmp(p->s + p->i, lit, n) == 0;
}

static int hex4(const char *s, uint32_t *v)
{
    uint32_t r = 0;
    for (int k = 0; k < 4; k++) {
        int c = lc((unsigned char)s[k]);
        if (is_digit(c))
            r = r * 16 + (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            r = r * 16 + (uint32_t)(c - 'a' + 10);
        else
            return -1;
    }
    *v = r;
    return 0;
}

/* At '"'. Decoded text never outgrows its escaped form, so one allocation of
 * the raw length is enough. Unknown escapes and raw control characters are
 * let through: real pages are full of them. */
static int jstring(jparser *p, const char **out, size_t *outlen)
{
    size_t start = ++p->i, end = start;
    while (end < p->n && p->s[end] != '"')
        end += p->s[end] == '\\' ? 2 : 1;
    if (end >= p->n)
        return -1;
    char *o = arena_alloc(p->a, end - start + 1);
    if (!o) {
        p->oom = 1;
        return -1;
    }
    size_t k = 0;
    for (size_t i = start; i < end;) {
        char c = p->s[i++];
        if (c != '\\') {
            o[k++] = c;
            continue;
        }
        c = p->s[i++];
        switch (c) {
        case 'b': o[k++] = '\b'; break;
        case 'f': o[k++] = '\f'; break;
        case 'n': o[k++] = '\n'; break;
        case 'r': o[k++] = '\r'; break;
        case 't': o[k++] = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (end - i < 4 || hex4(p->s + i, &cp)) {
                o[k++] = 'u';
                break;
            }
            i += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (end - i >= 6 && p->s[i] == '\\' && p->s[i + 1] == 'u' &&
                    !hex4(p->s + i + 2, &lo) && lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    i += 6;
                } else {
                    cp = 0xFFFD;
                }
            } else if ((cp >= 0xDC00 && cp <= 0xDFFF) || cp == 0) {
                cp = 0xFFFD;
            }
            k += dc_utf8_encode(cp, o + k);
            break;
        }
        default: o[k++] = c; break;
        }
    }
    o[k] = '\0';
    *out = o;
    *outlen = k;
    p->i = end + 1;
    return 0;
}

/* Iterative parser: the only stack is the container path, capped at
 * JSON_MAX_DEPTH. Returns the root, or NULL when the text is not JSON (or
 * memory ran out: p->oom). Text after the first complete value is ignored. */
static jnode *json_parse(jparser *p)
{
    jnode *stack[JSON_MAX_DEPTH];
    int depth = 0;
    jnode *root = NULL;

    jskip_ws(p);
    if (jstarts(p, "<!--"))
        p->i += 4;
    jskip_ws(p);
    if (jstarts(p, "//<![CDATA["))
        p->i += 11;
    else if (jstarts(p, "/*<![CDATA[*/"))
        p->i += 13;

    for (;;) {
        const char *key = NULL;
        size_t keylen = 0;
        jskip_ws(p);
        if (depth && stack[depth - 1]->type == J_OBJ) {
            if (p->i >= p->n || p->s[p->i] != '"' || jstring(p, &key, &keylen))
                return NULL;
            jskip_ws(p);
            if (p->i >= p->n || p->s[p->i] != ':')
                return NULL;
            p->i++;
            jskip_ws(p);
        }
        if (p->i >= p->n)
            return NULL;
        jnode *v = arena_alloc(p->a, sizeof *v);
        if (!v) {
            p->oom = 1;
            return NULL;
        }
        memset(v, 0, sizeof *v);
        v->key = key;
        v->keylen = keylen;
        char c = p->s[p->i];
        int opened = 0;
        if (c == '{' || c == '[') {
            if (depth == JSON_MAX_DEPTH)
                return NULL;
            v->type = c == '{' ? J_OBJ : J_ARR;
            p->i++;
            opened = 1;
        } else if (c == '"') {
            v->type = J_STR;
            if (jstring(p, &v->str, &v->len))
                return NULL;
        } else if (jstarts(p, "true") || jstarts(p, "null")) {
            v->type = c == 't' ? J_BOOL : J_NULL;
            p->i += 4;
        } else if (jstarts(p, "false")) {
            v->type = J_BOOL;
            p->i += 5;
        } else if (c == '-' || is_digit((unsigned char)c)) {
            size_t b = p->i;
            while (p->i < p->n && (is_digit((unsigned char)p->s[p->i]) || p->s[p->i] == '-' ||
                                   p->s[p->i] == '+' || p->s[p->i] == '.' ||
                                   p->s[p->i] == 'e' || p->s[p->i] == 'E'))
                p->i++;
            v->type = J_NUM;
            v->str = p->s + b;
            v->len = p->i - b;
        } else {
            return NULL;
        }
        if (depth) {
            jnode *parent = stack[depth - 1];
            if (parent->last)
                parent->last->next = v;
            else
                parent->first = v;
            parent->last = v;
        } else {
            root = v;
        }
        if (opened) {
            stack[depth++] = v;
            jskip_ws(p);
            char close = v->type == J_OBJ ? '}' : ']';
            if (p->i < p->n && p->s[p->i] == close) {
                p->i++;
                depth--;
            } else {
                continue;
            }
        }
        /* a value is complete: close containers until one wants more */
        for (;;) {
            if (!depth)
                return root;
            jskip_ws(p);
            if (p->i >= p->n)
                return NULL;
            char close = stack[depth - 1]->type == J_OBJ ? '}' : ']';
            c = p->s[p->i];
            if (c == close) {
                p->i++;
                depth--;
                continue;
            }
            if (c != ',')
                return NULL;
            p->i++;
            jskip_ws(p);
            /* a trailing comma before the close is common enough to forgive */
            if (p->i < p->n && p->s[p->i] == close) {
                p->i++;
                depth--;
                continue;
            }
            break;
        }
    }
}

static const jnode *jget(const jnode *obj, const char *key)
{
    if (!obj || obj->type != J_OBJ)
        return NULL;
    size_t kn = strlen(key);
    for (const jnode *c = obj->first; c; c = c->next)
        if (c->keylen == kn && memcmp(c->key, key, kn) == 0)
            return c;
    return NULL;
}

static const char *jget_str(const jnode *obj, const char *key)
{
    const jnode *v = jget(obj, key);
    return v && v->type == J_STR && has_text(v->str) ? v->str : NULL;
}

/* ------------------------------------------------------------ JSON-LD */

/* What the first article-like object (slot 0) or WebPage (slot 1) says. */
typedef struct ld_slot {
    int taken;
    char *headline, *author, *publisher, *body;
    char *author_refs;  /* '\n'-separated @ids the author is given by, when it has no name here */
    char date[11], modified[11];
} ld_slot;

static const char *const article_types[] = {
    "Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle",
    "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle",
    "ScholarlyArticle", "Report", "LiveBlogPosting", "SocialMediaPosting",
    "DiscussionForumPosting", "Review", "Recipe"};

/* 1 article-like, 2 WebPage, 0 anything else. "schema:X" and
 * "https://schema.org/X" name the same type as "X". */
static int classify_type(const char *t)
{
    const char *base = t;
    for (const char *q = t; *q; q++)
        if (*q == '/' || *q == ':')
            base = q + 1;
    for (size_t k = 0; k < sizeof article_types / sizeof article_types[0]; k++)
        if (ci_eq_trim(base, article_types[k]))
            return 1;
    return ci_eq_trim(base, "WebPage") ? 2 : 0;
}

static int ld_class(const jnode *obj)
{
    const jnode *t = jget(obj, "@type");
    if (!t)
        return 0;
    if (t->type == J_STR)
        return classify_type(t->str);
    int best = 0;
    if (t->type == J_ARR)
        for (const jnode *e = t->first; e; e = e->next)
            if (e->type == J_STR) {
                int c = classify_type(e->str);
                if (c == 1 || (c == 2 && !best))
                    best = c;
            }
    return best;
}

static char *dup_decoded(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d) {
        *oom = 1;
        return NULL;
    }
    decode_entities(d);
    return d;
}

static const char *person_name(const jnode *v)
{
    const char *n = v->type == J_STR ? (has_text(v->str) ? v->str : NULL) : jget_str(v, "name");
    /* ", USA TODAY": the template's person is missing, its outlet left */
    const char *p = n;
    while (p && (*p == ' ' || *p == '\t'))
        p++;
    return p && (*p == ',' || *p == '|') ? NULL : n;
}

/* author / publisher: a string, an object with a name, or an array of them. */
static char *ld_names(const jnode *v, int all, int *oom)
{
    if (!v)
        return NULL;
    if (v->type != J_ARR)
        return dup_decoded(person_name(v), oom);
    dc_buf b = DC_BUF_INIT;
    for (const jnode *e = v->first; e; e = e->next) {
        const char *name = person_name(e);
        if (!name)
            continue;
        if (b.size)
            dc_buf_puts(&b, ", ");
        dc_buf_puts(&b, name);
        if (!all)
            break;
    }
    if (!b.ptr && !b.oom)
        return NULL;
    char *s = dc_buf_detach(&b);
    if (!s) {
        *oom = 1;
        return NULL;
    }
    decode_entities(s);
    return s;
}

/* "author": {"@id": "https://site/#/schema/person/1"} (or an array of
 * such): the ids, '\n'-separated, of the nodes elsewhere in the graph
 * that name the authors. */
static char *ld_refs(const jnode *v, int *oom)
{
    if (!v)
        return NULL;
    dc_buf b = DC_BUF_INIT;
    for (const jnode *e = v->type == J_ARR ? v->first : v; e; e = v->type == J_ARR ? e->next : NULL) {
        const char *id = e->type == J_STR && strstr(e->str, "://") ? e->str : jget_str(e, "@id");
        if (!id || strchr(id, '\n'))
            continue;
        if (b.size)
            dc_buf_putc(&b, '\n');
        dc_buf_puts(&b, id);
    }
    if (!b.ptr && !b.oom)
        return NULL;
    char *r = dc_buf_detach(&b);
    if (!r)
        *oom = 1;
    return r;
}

static void ld_fill(ld_slot *sl, const jnode *obj, int *oom)
{
    sl->taken = 1;
    const char *h = jget_str(obj, "headline");
    sl->headline = dup_decoded(h ? h : jget_str(obj, "name"), oom);
    sl->author = ld_names(jget(obj, "author"), 1, oom);
    if (sl->author && strstr(sl->author, "://")) {
        free(sl->author); /* "author": "https://site/author/ann/#author", an id too */
        sl->author = NULL;
    }
    if (!sl->author)
        sl->author_refs = ld_refs(jget(obj, "author"), oom);
    sl->publisher = ld_names(jget(obj, "publisher"), 0, oom);
    const char *body = jget_str(obj, "articleBody");
    sl->body = dup_decoded(body ? body : jget_str(obj, "text"), oom);
    if (dc_meta_parse_date(jget_str(obj, "datePublished"), sl->date) &&
        dc_meta_parse_date(jget_str(obj, "dateCreated"), sl->date))
        sl->date[0] = '\0';
    if (dc_meta_parse_date(jget_str(obj, "dateModified"), sl->modified))
        sl->modified[0] = '\0';
}

#define MAX_LD_NODES 32 /* named nodes kept for resolving @id references */

/* Nodes of the page's graphs that have an @id and a name. */
typedef struct ld_named {
    char *id[MAX_LD_NODES], *name[MAX_LD_NODES];
    size_t n;
} ld_named;

static void ld_consider_one(ld_slot slots[2], ld_named *nm, const jnode *obj, int *oom)
{
    if (!obj || obj->type != J_OBJ)
        return;
    const char *id = jget_str(obj, "@id"), *name = jget_str(obj, "name");
    if (id && name && nm->n < MAX_LD_NODES) {
        nm->id[nm->n] = strdup(id);
        nm->name[nm->n] = dup_decoded(name, oom);
        if (!nm->id[nm->n])
            *oom = 1;
        nm->n++;
    }
    int c = ld_class(obj);
    if (c && !slots[c - 1].taken)
        ld_fill(&slots[c - 1], obj, oom);
}

/* The object itself and what it names as its mainEntity (WebPage wrappers). */
static void ld_consider(ld_slot slots[2], ld_named *nm, const jnode *obj, int *oom)
{
    ld_consider_one(slots, nm, obj, oom);
    const jnode *me = jget(obj, "mainEntity");
    if (me && me->type == J_ARR) {
        for (const jnode *e = me->first; e; e = e->next)
            ld_consider_one(slots, nm, e, oom);
    } else {
        ld_consider_one(slots, nm, me, oom);
    }
}

static void ld_harvest(ld_slot slots[2], ld_named *nm, const jnode *root, int *oom)
{
    const jnode *single = root->type == J_ARR ? root->first : root;
    for (const jnode *it = single; it; it = root->type == J_ARR ? it->next : NULL) {
        ld_consider(slots, nm, it, oom);
        const jnode *g = jget(it, "@graph");
        if (g && g->type == J_ARR) {
            for (const jnode *e = g->first; e; e = e->next)
                ld_consider(slots, nm, e, oom);
        } else {
            ld_consider(slots, nm, g, oom);
        }
    }
}

/* The names the slot's author references resolve to, ", "-joined, into
 * its author. -1 out of memory. */
static int ld_resolve_refs(ld_slot *sl, const ld_named *nm)
{
    if (sl->author || !sl->author_refs)
        return 0;
    dc_buf b = DC_BUF_INIT;
    for (const char *r = sl->author_refs; *r;) {
        size_t rn = strcspn(r, "\n");
        for (size_t k = 0; k < nm->n; k++)
            if (nm->id[k] && nm->name[k] && strlen(nm->id[k]) == rn && !memcmp(nm->id[k], r, rn)) {
                if (b.size)
                    dc_buf_puts(&b, ", ");
                dc_buf_puts(&b, nm->name[k]);
                break;
            }
        r += rn + (r[rn] == '\n');
    }
    if (b.oom) {
        dc_buf_free(&b);
        return -1;
    }
    if (b.ptr && !(sl->author = dc_buf_detach(&b)))
        return -1;
    return 0;
}

static void ld_named_free(ld_named *nm)
{
    for (size_t k = 0; k < nm->n; k++) {
        free(nm->id[k]);
        free(nm->name[k]);
    }
    nm->n = 0;
}

static void ld_slot_free(ld_slot *sl)
{
    free(sl->headline);
    free(sl->author);
    free(sl->publisher);
    free(sl->body);
    free(sl->author_refs);
    memset(sl, 0, sizeof *sl);
}

/* ---------------------------------------------------------------- walk */

enum { W_DESCEND = 0, W_SKIP = 1, W_STOP = 2 };

/* Called on entering (entering = 1; the return value steers) and on leaving
 * (entering = 0) every node. */
typedef int (*visit_fn)(const GumboNode *n, int entering, void *ctx);

static const GumboVector *kids(const GumboNode *n)
{
    switch (n->type) {
    case GUMBO_NODE_DOCUMENT:
        return &n->v.document.children;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
        return &n->v.element.children;
    default:
        return NULL;
    }
}

typedef struct frame {
    const GumboNode *node;
    unsigned int next;
} frame;

/* Pre-order walk with an explicit stack. Returns 0, or -1 out of memory. */
static int walk(const GumboNode *root, visit_fn visit, void *ctx)
{
    frame local[64];
    frame *st = local;
    size_t cap = 64, depth = 0;
    int r = visit(root, 1, ctx);
    if (r == W_STOP)
        return 0;
    const GumboVector *v = kids(root);
    if (r == W_SKIP || !v || !v->length) {
        visit(root, 0, ctx);
        return 0;
    }
    st[depth++] = (frame){root, 0};
    while (depth) {
        frame *f = &st[depth - 1];
        v = kids(f->node);
        if (f->next >= v->length) {
            depth--;
            visit(f->node, 0, ctx);
            continue;
        }
        const GumboNode *c = v->data[f->next++];
        if (!c)
            continue;
        r = visit(c, 1, ctx);
        if (r == W_STOP)
            break;
        const GumboVector *cv = kids(c);
        if (r == W_SKIP || !cv || !cv->length) {
            visit(c, 0, ctx);
            continue;
        }
        if (depth == cap) {
            frame *ns = malloc(cap * 2 * sizeof *ns);
            if (!ns) {
                if (st != local)
                    free(st);
                return -1;
            }
            memcpy(ns, st, depth * sizeof *ns);
            if (st != local)
                free(st);
            st = ns;
            cap *= 2;
        }
        st[depth++] = (frame){c, 0};
    }
    if (st != local)
        free(st);
    return 0;
}

static int is_inline_tag(GumboTag t)
{
    switch (t) {
    case GUMBO_TAG_A: case GUMBO_TAG_ABBR: case GUMBO_TAG_B: case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO: case GUMBO_TAG_CITE: case GUMBO_TAG_CODE: case GUMBO_TAG_DATA:
    case GUMBO_TAG_DEL: case GUMBO_TAG_DFN: case GUMBO_TAG_EM: case GUMBO_TAG_FONT:
    case GUMBO_TAG_I: case GUMBO_TAG_INS: case GUMBO_TAG_KBD: case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q: case GUMBO_TAG_S: case GUMBO_TAG_SAMP: case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME: case GUMBO_TAG_U: case GUMBO_TAG_VAR: case GUMBO_TAG_WBR:
        return 1;
    default:
        return 0;
    }
}

typedef struct text_ctx {
    dc_buf b;
    size_t cap;
    int over;
} text_ctx;

static int text_visit(const GumboNode *n, int entering, void *vctx)
{
    text_ctx *t = vctx;
    switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
        if (!entering)
            return W_DESCEND;
        {
            size_t len = strlen(n->v.text.text);
            if (t->b.size + len > t->cap) {
                t->over = 1;
                return W_STOP;
            }
            dc_buf_put(&t->b, n->v.text.text, len);
        }
        return W_DESCEND;
    case GUMBO_NODE_ELEMENT: {
        GumboTag tag = n->v.element.tag;
        if (entering && (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE))
            return W_SKIP;
        /* block boundaries and <br> separate words */
        if (!is_inline_tag(tag) && (tag != GUMBO_TAG_SCRIPT && tag != GUMBO_TAG_STYLE))
            dc_buf_putc(&t->b, ' ');
        return W_DESCEND;
    }
    case GUMBO_NODE_TEMPLATE:
        return W_SKIP;
    default:
        return W_DESCEND;
    }
}

/* Folded text of a subtree into *out (NULL when it exceeds cap bytes).
 * Returns 0, or -1 out of memory. */
static int node_text(const GumboNode *n, size_t cap, char **out)
{
    text_ctx t = {DC_BUF_INIT, cap, 0};
    *out = NULL;
    if (walk(n, text_visit, &t) || t.b.oom) {
        dc_buf_free(&t.b);
        return -1;
    }
    if (!t.over) {
        *out = dc_meta_clean_text(t.b.ptr ? t.b.ptr : "", t.b.size);
        if (!*out) {
            dc_buf_free(&t.b);
            return -1;
        }
    }
    dc_buf_free(&t.b);
    return 0;
}

/* Class words that name a kicker: the label set above or before a
 * headline inside its heading ("<span class=dachzeile>", "overline",
 * "eyebrow", a category or section name, a visually hidden "Headline:"). */
static const char *const kicker_words[] = {
    "kicker", "dachzeile", "roofline", "topline", "toptitle", "overline", "supertitle",
    "surtitre", "antetitulo", "occhiello", "eyebrow", "label", "subtitle", "subheadline",
    "sub-heading", "subheading", "section", "category", "topic", "hidden", "sr-only"};

/* Whether element n, leading a heading, is a kicker: a <small> or a
 * <time>, or an element whose class holds a kicker word. */
static int is_kicker(const GumboNode *n)
{
    if (n->type != GUMBO_NODE_ELEMENT)
        return 0;
    const GumboElement *e = &n->v.element;
    if (e->tag == GUMBO_TAG_SMALL || e->tag == GUMBO_TAG_TIME)
        return 1;
    const char *cls = NULL;
    for (unsigned i = 0; i < e->attributes.length; i++) {
        const GumboAttribute *a = e->attributes.data[i];
        if (!strcmp(a->name, "class"))
            cls = a->value;
    }
    if (!cls)
        return 0;
    for (size_t k = 0; k < sizeof kicker_words / sizeof *kicker_words; k++)
        if (ci_contains(cls, kicker_words[k]))
            return 1;
    return 0;
}

/* Whether node n is whitespace, a comment, or a text of spaces only. */
static int is_blank_node(const GumboNode *n)
{
    if (n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_COMMENT)
        return 1;
    return n->type == GUMBO_NODE_TEXT && !has_text(n->v.text.text);
}

#define KICKERS_MAX 3 /* leading kicker elements passed over in a heading */

/* Text of heading h as node_text gives it, without the kickers that lead
 * it ("<h1><span class=kicker>Climate</span> Drilling until it gets
 * hot</h1>" -> "Drilling until it gets hot"): up to KICKERS_MAX leading
 * kicker elements of the heading, or of the one element that wraps all
 * its content, with the separators after them. A heading that is all
 * kicker keeps its text. Returns 0, or -1 out of memory. */
static int heading_text(const GumboNode *h, size_t cap, char **out)
{
    if (node_text(h, cap, out))
        return -1;
    if (!*out)
        return 0;
    const GumboNode *box = h;
    for (int depth = 0; depth < 3; depth++) {
        const GumboVector *v = &box->v.element.children;
        const GumboNode *only = NULL;
        size_t count = 0;
        for (unsigned i = 0; i < v->length && count < 2; i++)
            if (!is_blank_node(v->data[i])) {
                only = v->data[i];
                count++;
            }
        if (count != 1 || only->type != GUMBO_NODE_ELEMENT)
            break;
        box = only;
    }
    const GumboVector *v = &box->v.element.children;
    char *rest = *out;
    int skipped = 0;
    for (unsigned i = 0; i < v->length && skipped < KICKERS_MAX; i++) {
        const GumboNode *k = v->data[i];
        if (is_blank_node(k))
            continue;
        if (!is_kicker(k))
            break;
        char *kt;
        if (node_text(k, cap, &kt))
            return -1;
        size_t kn = kt ? strlen(kt) : 0;
        /* "<span class=section-number>5. </span>": a number is part of the title */
        int worded = 0;
        for (size_t j = 0; j < kn && !worded; j++)
            worded = is_alpha((unsigned char)kt[j]) || (unsigned char)kt[j] >= 0x80;
        int leads = worded && ci_starts(rest, kt);
        free(kt);
        if (!leads)
            break;
        char *r = rest + kn;
        while (*r == ' ' || *r == ':' || *r == '|' || *r == '-' || *r == '/')
            r++;
        if (!*r)
            break; /* all kicker: the heading is the label itself */
        rest = r;
        skipped++;
    }
    if (rest != *out)
        memmove(*out, rest, strlen(rest) + 1);
    return 0;
}

/* ------------------------------------------------------- the main walk */

/* Date metas in priority order (names compared case-insensitively). */
static const char *const date_metas[] = {
    "article:published_time", "og:published_time", "datePublished", "date",
    "pubdate", "publishdate", "DC.date.issued", "dc.date", "dcterms.issued",
    "dcterms.created", "dcterms.date", "citation_publication_date",
    "citation_date", "sailthru.date", "parsely-pub-date"};
/* Below the named ones: any other meta whose name says "publish". */
#define DATE_RANK_PUBLISH_WORD ((int)(sizeof date_metas / sizeof date_metas[0]))
#define DATE_RANK_ITEMPROP 2

typedef struct mctx {
    const char *og_title, *tw_title, *meta_author, *art_author, *og_site, *app_name;
    const char *html_lang, *cl_lang, *og_locale, *canonical, *og_url;
    const char *desc, *og_desc, *tw_desc, *og_type, *modified, *tw_author;
    char tw_author_label; /* N of the twitter:labelN that says "Written by" */
    const GumboNode *title_el;
    const GumboNode *h1s[MAX_H1];
    size_t nh1;
    const GumboNode *author_els[MAX_AUTHOR_EL];
    size_t nauthor;
    const GumboNode *date_els[MAX_DATE_EL];
    size_t ndate;
    const GumboNode *byline_els[MAX_AUTHOR_EL];
    size_t nbyline;
    const GumboNode *credit_els[MAX_AUTHOR_EL]; /* elements whose text begins "By", "Von", "Written by" ... */
    size_t ncredit;
    char text_date[11]; /* first short text that is a full date */
    int date_rank;  /* INT_MAX while no date meta parsed */
    char date_meta[11], time_first[11], time_pref[11];
    const GumboNode *ip_date_el; /* itemprop=datePublished saying it only in its text */
    int ip_date_tries;
    int seen_html;
    ld_slot ld[2];
    ld_named ld_nodes;
    int oom;
} mctx;

static void keep_first(const char **slot, const char *v)
{
    if (!*slot && has_text(v))
        *slot = v;
}

static void offer_date(mctx *c, int rank, const char *v)
{
    char d[11];
    if (rank < c->date_rank && !dc_meta_parse_date(v, d)) {
        memcpy(c->date_meta, d, sizeof d);
        c->date_rank = rank;
    }
}

static int looks_like_url(const char *s)
{
    while (is_html_ws((unsigned char)*s))
        s++;
    return strstr(s, "://") != NULL || s[0] == '/' || ci_starts(s, "www.");
}

static void meta_key(mctx *c, const char *key, const char *content)
{
    if (ci_eq_trim(key, "og:title"))
        keep_first(&c->og_title, content);
    else if (ci_eq_trim(key, "twitter:title"))
        keep_first(&c->tw_title, content);
    else if (ci_eq_trim(key, "author"))
        keep_first(&c->meta_author, content);
    else if (ci_eq_trim(key, "article:author") || ci_eq_trim(key, "og:article:author")) {
        if (!looks_like_url(content))
            keep_first(&c->art_author, content);
    } else if (ci_eq_trim(key, "og:site_name"))
        keep_first(&c->og_site, content);
    else if (ci_eq_trim(key, "og:type"))
        keep_first(&c->og_type, content);
    else if (ci_eq_trim(key, "application-name"))
        keep_first(&c->app_name, content);
    else if (ci_eq_trim(key, "og:locale"))
        keep_first(&c->og_locale, content);
    else if (ci_eq_trim(key, "og:url"))
        keep_first(&c->og_url, content);
    else if (ci_eq_trim(key, "description"))
        keep_first(&c->desc, content);
    else if (ci_eq_trim(key, "og:description"))
        keep_first(&c->og_desc, content);
    else if (ci_eq_trim(key, "twitter:description"))
        keep_first(&c->tw_desc, content);
    else if (ci_eq_trim(key, "article:modified_time") || ci_eq_trim(key, "og:updated_time") ||
             ci_eq_trim(key, "dateModified"))
        keep_first(&c->modified, content);
    else if (ci_starts(key, "twitter:label") && ci_eq_trim(content, "written by"))
        c->tw_author_label = key[strlen("twitter:label")];
    else if (ci_starts(key, "twitter:data") && c->tw_author_label &&
             key[strlen("twitter:data")] == c->tw_author_label)
        keep_first(&c->tw_author, content);
    else {
        int r = 0;
        for (; r < DATE_RANK_PUBLISH_WORD; r++)
            if (ci_eq_trim(key, date_metas[r]))
                break;
        if (r < DATE_RANK_PUBLISH_WORD || ci_contains(key, "publish"))
            offer_date(c, r, content);
    }
}

/* gumbo gives attribute names in lower case, as they are asked for here */
static const char *attr(const GumboElement *e, const char *name)
{
    for (unsigned i = 0; i < e->attributes.length; i++) {
        const GumboAttribute *a = e->attributes.data[i];
        if (a->name[0] == name[0] && strcmp(a->name, name) == 0)
            return a->value;
    }
    return NULL;
}

static void on_meta(mctx *c, const GumboNode *n)
{
    const GumboElement *e = &n->v.element;
    const char *content = attr(e, "content");
    const char *he = attr(e, "http-equiv");
    if (!has_text(content))
        return;
    if (he && ci_eq_trim(he, "content-language"))
        keep_first(&c->cl_lang, content);
    const char *k;
    if ((k = attr(e, "property")))
        meta_key(c, k, content);
    if ((k = attr(e, "name")))
        meta_key(c, k, content);
    if ((k = attr(e, "itemprop"))) {
        if (has_token(k, "datePublished"))
            offer_date(c, DATE_RANK_ITEMPROP, content);
        if (has_token(k, "dateModified"))
            keep_first(&c->modified, content);
        if (has_token(k, "author") && c->nauthor < MAX_AUTHOR_EL)
            c->author_els[c->nauthor++] = n;
    }
}

static void on_script(mctx *c, const GumboNode *n)
{
    const char *type = attr(&n->v.element, "type");
    if (!type)
        return;
    while (is_html_ws((unsigned char)*type))
        type++;
    if (!ci_starts(type, "application/ld+json"))
        return;
    const char *t = type + strlen("application/ld+json");
    while (is_html_ws((unsigned char)*t))
        t++;
    if (*t && *t != ';')
        return;

    const GumboVector *v = &n->v.element.children;
    dc_buf joined = DC_BUF_INIT;
    const char *text = NULL;
    if (v->length == 1 && ((const GumboNode *)v->data[0])->type != GUMBO_NODE_ELEMENT) {
        text = ((const GumboNode *)v->data[0])->v.text.text;
    } else {
        for (unsigned i = 0; i < v->length; i++) {
            const GumboNode *ch = v->data[i];
            if (ch->type == GUMBO_NODE_TEXT || ch->type == GUMBO_NODE_WHITESPACE ||
                ch->type == GUMBO_NODE_CDATA)
                dc_buf_puts(&joined, ch->v.text.text);
        }
        if (joined.oom) {
            c->oom = 1;
            dc_buf_free(&joined);
            return;
        }
        text = joined.ptr;
    }
    if (text) {
        arena a = {NULL};
        jparser p = {text, strlen(text), 0, &a, 0};
        const jnode *root = json_parse(&p);
        if (p.oom)
            c->oom = 1;
        else if (root)
            ld_harvest(c->ld, &c->ld_nodes, root, &c->oom);
        arena_free(&a);
    }
    dc_buf_free(&joined);
}

/* Which naming words a class or id value holds, as substrings in any
 * case: NAMED_DATE for "date", "publish", "posted", "timestamp" (and so
 * "dateline"); NAMED_BYLINE for "author", "byline". One pass per value:
 * every element of the page goes through here. */
enum { NAMED_DATE = 1, NAMED_BYLINE = 2 };
static const unsigned char named_first[256] = {
    ['a'] = 1, ['b'] = 1, ['d'] = 1, ['p'] = 1, ['t'] = 1,
    ['A'] = 1, ['B'] = 1, ['D'] = 1, ['P'] = 1, ['T'] = 1};
static unsigned named(const char *v)
{
    unsigned got = 0;
    if (!v)
        return 0;
    for (const char *p = v; *p; p++) {
        /* only "d", "p", "t", "a" and "b" begin a word, in either case */
        if (!named_first[(unsigned char)*p])
            continue;
        switch (lc((unsigned char)*p)) {
        case 'd': if (ci_starts(p, "date")) got |= NAMED_DATE; break;
        case 'p':
            if (ci_starts(p, "publish") || ci_starts(p, "posted"))
                got |= NAMED_DATE;
            break;
        case 't': if (ci_starts(p, "timestamp")) got |= NAMED_DATE; break;
        case 'a': if (ci_starts(p, "author")) got |= NAMED_BYLINE; break;
        case 'b': if (ci_starts(p, "byline")) got |= NAMED_BYLINE; break;
        default: break;
        }
    }
    return got;
}

/* Whether a class or id value holds a token that names comments
 * ("comment", "comments", "commentlist", or one that begins "comment-" or
 * "comments_"), other than the status flags some templates put on the
 * post itself (comments-open) and links to them (comments-link). */
static int names_comments(const char *v)
{
    if (!v)
        return 0;
    while (*v) {
        while (*v && is_html_ws((unsigned char)*v))
            v++;
        const char *t = v;
        while (*v && !is_html_ws((unsigned char)*v))
            v++;
        size_t n = (size_t)(v - t);
        size_t stem = n >= 8 && ci_eqn(t, 8, "comments", 8) ? 8 : n >= 7 && ci_eqn(t, 7, "comment", 7) ? 7 : 0;
        if (!stem)
            continue;
        if (n == stem || ci_eqn(t, n, "commentlist", 11))
            return 1;
        if (t[stem] == '-' || t[stem] == '_') {
            char tok[32];
            size_t k = n < sizeof tok - 1 ? n : sizeof tok - 1;
            memcpy(tok, t, k);
            tok[k] = '\0';
            if (!ci_contains(tok, "open") && !ci_contains(tok, "closed") &&
                !ci_contains(tok, "count") && !ci_contains(tok, "link"))
                return 1;
        }
    }
    return 0;
}

/* Whether an author element is a form's field or sits among the comments
 * (a form alone says nothing: forums wrap their posts in one):
 * the name there is a commenter's, or a label for one. */
static int in_form_or_comments(const GumboNode *n)
{
    for (const GumboNode *p = n; p && p->type == GUMBO_NODE_ELEMENT; p = p->parent) {
        const GumboElement *e = &p->v.element;
        switch (e->tag) {
        case GUMBO_TAG_LABEL: case GUMBO_TAG_INPUT:
        case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT:
            return 1;
        default:
            break;
        }
        if (names_comments(attr(e, "class")) || names_comments(attr(e, "id")))
            return 1;
    }
    return 0;
}

/* Whether the microdata item that n's itemprop belongs to (its nearest
 * itemscope) is an article, or the page for want of any: a forum's
 * answers and comments are items of their own, with dates of their own. */
static int in_article_scope(const GumboNode *n)
{
    for (const GumboNode *p = n->parent; p && p->type == GUMBO_NODE_ELEMENT; p = p->parent) {
        const GumboElement *e = &p->v.element;
        if (!attr(e, "itemscope"))
            continue;
        const char *t = attr(e, "itemtype");
        return t && classify_type(t) == 1;
    }
    return 1; /* a stray itemprop, as templates leave them, speaks for the page */
}

/* The page's language as far as the walk has seen it declared. */
static const char *page_lang(const mctx *c)
{
    return has_text(c->html_lang) ? c->html_lang : has_text(c->cl_lang) ? c->cl_lang : c->og_locale;
}

static size_t credit_at(const char *s, int words, int from_element);
static int credit_first(unsigned char c);
static int foreign_credit_word(const char *s);

/* Whether link e leads to an author's page ("/author/ann-lee",
 * "/autoren/max"): an author card, the one link that holds a byline. */
static int author_link(const GumboElement *e)
{
    const char *h = attr(e, "href");
    for (; h && *h && *h != '?' && *h != '#'; h++)
        if (*h == '/' && (ci_starts(h + 1, "author") || ci_starts(h + 1, "autor") ||
                          ci_starts(h + 1, "auteur")))
            return 1;
    return 0;
}

/* Whether the text before node x in its parent reads as a sentence that
 * runs into it ("Buchvorlage <span>von Tommy</span>", "Croabas. <span>By
 * U.S. Customs</span>"): the nearest text before it ends with a lower-case
 * letter or a sentence's punctuation. */
static int after_sentence(const GumboNode *x)
{
    const GumboNode *p = x->parent;
    if (!p || p->type != GUMBO_NODE_ELEMENT)
        return 0;
    const GumboVector *kids = &p->v.element.children;
    for (size_t i = x->index_within_parent; i-- > 0;) {
        const GumboNode *k = kids->data[i];
        if (k->type == GUMBO_NODE_COMMENT)
            continue;
        if (k->type != GUMBO_NODE_TEXT)
            return 0;
        const char *t = k->v.text.text;
        size_t n = strlen(t);
        while (n && is_html_ws((unsigned char)t[n - 1]))
            n--;
        if (!n)
            continue;
        char e = t[n - 1];
        return (e >= 'a' && e <= 'z') || e == '.' || e == ',' || e == ';';
    }
    return 0;
}

/* A short text that begins with a credit ("By Ann Lee", "Von Max
 * Muster am", "Written by" before a link): its element is a byline.
 * Only the first 200 bytes are looked at. */
static void note_credit(mctx *c, const GumboNode *n)
{
    const char *t = n->v.text.text;
    /* most texts begin with no credit's first letter: settled before the
     * length is counted (credit_at would say 0 below) */
    size_t lead = 0;
    while (lead <= 200 && is_html_ws((unsigned char)t[lead]))
        lead++;
    if (lead > 200 || !credit_first((unsigned char)t[lead]))
        return;
    size_t len = 0;
    while (t[len] && len <= 200)
        len++;
    if (len > 200 || !n->parent || n->parent->type != GUMBO_NODE_ELEMENT)
        return;
    while (*t && is_html_ws((unsigned char)*t))
        t++;
    if (!credit_at(t, 1, 1))
        return;
    /* "Door Locks", "Par Avion": on an English page a capitalised foreign
     * credit word begins the name of a thing */
    const char *lang = page_lang(c);
    if (has_text(lang) && ci_starts(lang, "en") && !is_alpha((unsigned char)lang[2]) &&
        t[0] >= 'A' && t[0] <= 'Z' && foreign_credit_word(t))
        return;
    /* a credit run into by a sentence, directly or as the first text of
     * an inline element */
    if (after_sentence(n))
        return;
    switch (n->parent->v.element.tag) {
    case GUMBO_TAG_SPAN: case GUMBO_TAG_EM: case GUMBO_TAG_I: case GUMBO_TAG_B:
    case GUMBO_TAG_STRONG: case GUMBO_TAG_FONT: case GUMBO_TAG_SMALL:
        if (n->index_within_parent == 0 && after_sentence(n->parent))
            return;
        break;
    default:
        break;
    }
    /* menus and filters: "Shop by Category", "<a>By Type</a>" */
    for (const GumboNode *p = n->parent; p && p->type == GUMBO_NODE_ELEMENT; p = p->parent)
        switch (p->v.element.tag) {
        case GUMBO_TAG_NAV: case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION:
        case GUMBO_TAG_LABEL: case GUMBO_TAG_MENU: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
        case GUMBO_TAG_TH: case GUMBO_TAG_HEADER:
        /* "<a>By Region</a>", a teaser card that is one link; a quoted
         * post's or a picture's credit */
        case GUMBO_TAG_A:
            if (!author_link(&p->v.element))
                return;
            break;
        case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_FIGCAPTION:
            return;
        default:
            break;
        }
    c->credit_els[c->ncredit++] = n->parent;
}

/* Whether s has at most max bytes (without reading past them). */
static int short_text(const char *s, size_t max)
{
    for (size_t i = 0; i <= max; i++)
        if (!s[i])
            return 1;
    return 0;
}

static int main_visit(const GumboNode *n, int entering, void *vctx)
{
    mctx *c = vctx;
    if (!entering)
        return W_DESCEND;
    if (n->type == GUMBO_NODE_TEMPLATE)
        return W_SKIP;
    if (n->type == GUMBO_NODE_TEXT && !c->text_date[0] && short_text(n->v.text.text, 60))
        (void)find_date_in_text(n->v.text.text, slash_order(page_lang(c)), c->text_date);
    if (n->type == GUMBO_NODE_TEXT && c->ncredit < MAX_AUTHOR_EL)
        note_credit(c, n);
    if (n->type != GUMBO_NODE_ELEMENT)
        return W_DESCEND;
    const GumboElement *e = &n->v.element;
    /* an <svg><title> is not the page title, and foreign content holds no metadata */
    if (e->tag_namespace != GUMBO_NAMESPACE_HTML)
        return W_SKIP;
    switch (e->tag) {
    case GUMBO_TAG_HTML:
        if (!c->seen_html) {
            c->seen_html = 1;
            keep_first(&c->html_lang, attr(e, "lang"));
            keep_first(&c->html_lang, attr(e, "xml:lang"));
        }
        return W_DESCEND;
    case GUMBO_TAG_META:
        on_meta(c, n);
        return W_SKIP;
    case GUMBO_TAG_LINK:
        if (has_token(attr(e, "rel"), "canonical"))
            keep_first(&c->canonical, attr(e, "href"));
        return W_SKIP;
    case GUMBO_TAG_TITLE:
        if (!c->title_el)
            c->title_el = n;
        return W_SKIP;
    case GUMBO_TAG_SCRIPT:
        on_script(c, n);
        return W_SKIP;
    case GUMBO_TAG_STYLE:
        return W_SKIP;
    case GUMBO_TAG_H1:
        if (c->nh1 < MAX_H1)
            c->h1s[c->nh1++] = n;
        break;
    case GUMBO_TAG_TIME: {
        char d[11];
        const char *dt = attr(e, "datetime");
        if (dt && !dc_meta_parse_date(dt, d)) {
            const char *cls = attr(e, "class");
            if (!c->time_first[0])
                memcpy(c->time_first, d, sizeof d);
            if (!c->time_pref[0] && (has_token(attr(e, "itemprop"), "datePublished") ||
                                     (cls && ci_contains(cls, "publish"))))
                memcpy(c->time_pref, d, sizeof d);
        }
        break;
    }
    default:
        break;
    }
    /* Bylines and datelines say what they are in their class or id; a
     * <time> without the machine-readable attribute is a dateline too. */
    unsigned nm = (c->ndate < MAX_DATE_EL || c->nbyline < MAX_AUTHOR_EL)
                      ? named(attr(e, "class")) | named(attr(e, "id")) : 0;
    if (e->tag == GUMBO_TAG_TIME && !attr(e, "datetime"))
        nm |= NAMED_DATE;
    if (c->ndate < MAX_DATE_EL && (nm & NAMED_DATE))
        c->date_els[c->ndate++] = n;
    if (c->nbyline < MAX_AUTHOR_EL && (nm & NAMED_BYLINE))
        c->byline_els[c->nbyline++] = n;
    const char *ip = attr(e, "itemprop");
    if (c->nauthor < MAX_AUTHOR_EL && (has_token(attr(e, "rel"), "author") || has_token(ip, "author")))
        c->author_els[c->nauthor++] = n;
    if (ip && has_token(ip, "datePublished")) {
        const char *v = attr(e, "content");
        if (!v)
            v = attr(e, "datetime");
        if (v)
            offer_date(c, DATE_RANK_ITEMPROP, v);
        else if (!c->ip_date_el && c->ip_date_tries < MAX_DATE_EL && (c->ip_date_tries++, in_article_scope(n) && !in_form_or_comments(n)))
            c->ip_date_el = n; /* the date is its text, read at the end */
    }
    return W_DESCEND;
}

/* ----------------------------------------------------------- resolving */

/* Cleans raw into *dst unless *dst is set already or raw is empty or longer
 * than maxchars (0: no limit). Returns 1 when set, 0 when not, -1 on oom. */
static int set_field(char **dst, const char *raw, size_t maxchars)
{
    if (*dst)
        return 1;
    if (!raw)
        return 0;
    char *s = dc_meta_clean_text(raw, strlen(raw));
    if (!s)
        return -1;
    if (!*s || (maxchars && utf8_chars(s) > maxchars)) {
        free(s);
        return 0;
    }
    *dst = s;
    return 1;
}

static const char *const title_seps[] = {
    " | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xB7 ", " \xC2\xBB ", " \xE2\x80\xA2 "};

/* Position and length of the first (last = 0) or last separator in s. */
static int find_sep(const char *s, int last, size_t *pos, size_t *len)
{
    size_t n = strlen(s);
    int found = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] != ' ')
            continue;
        for (size_t k = 0; k < sizeof title_seps / sizeof title_seps[0]; k++) {
            size_t sl = strlen(title_seps[k]);
            if (n - i >= sl && memcmp(s + i, title_seps[k], sl) == 0) {
                *pos = i;
                *len = sl;
                found = 1;
                if (!last)
                    return 1;
                break;
            }
        }
    }
    return found;
}

static size_t count_words(const char *s)
{
    size_t w = 0;
    for (const char *p = s; *p; p++)
        if (*p != ' ' && (p == s || p[-1] == ' '))
            w++;
    return w;
}

/* "Title | Site" -> "Title"; "Site | Title" -> "Title". t is folded. */
static void strip_site_name(char *t, const char *site)
{
    size_t pos, len;
    if (site && ci_eq(t, site))
        return; /* all the site's name: not cut into parts */
    if (site && find_sep(t, 0, &pos, &len) && ci_eqn(t, pos, site, strlen(site))) {
        memmove(t, t + pos + len, strlen(t + pos + len) + 1);
        return;
    }
    if (!find_sep(t, 1, &pos, &len))
        return;
    const char *after = t + pos + len;
    if ((site && ci_eq(after, site)) || (strlen(after) < pos && count_words(after) <= 5))
        t[pos] = '\0';
}

typedef struct find_ctx {
    const GumboNode *found;
} find_ctx;

static int find_name_visit(const GumboNode *n, int entering, void *vctx)
{
    find_ctx *f = vctx;
    if (entering && n->type == GUMBO_NODE_ELEMENT &&
        has_token(attr(&n->v.element, "itemprop"), "name")) {
        f->found = n;
        return W_STOP;
    }
    return W_DESCEND;
}

/* Text of a rel/itemprop author element, preferring its itemprop=name part,
 * without a leading "By". NULL when empty or too long. */
static int author_el_text(const GumboNode *n, char **out)
{
    *out = NULL;
    if (n->v.element.tag == GUMBO_TAG_META) {
        const char *content = attr(&n->v.element, "content");
        return set_field(out, content, AUTHOR_MAX_CHARS) < 0 ? -1 : 0;
    }
    find_ctx f = {NULL};
    if (walk(n, find_name_visit, &f))
        return -1;
    char *s;
    if (node_text(f.found && f.found != n ? f.found : n, AUTHOR_TEXT_CAP, &s))
        return -1;
    if (!s)
        return 0;
    char *p = s;
    if (ci_starts(p, "by") && (p[2] == ' ' || p[2] == ':')) {
        p += 3;
        while (*p == ' ' || *p == ':')
            p++;
    }
    if (*p && utf8_chars(p) <= AUTHOR_MAX_CHARS) {
        memmove(s, p, strlen(p) + 1);
        *out = s;
    } else {
        free(s);
    }
    return 0;
}

/* Whether s[0..n) is the name of a month or a day of the week, whole or
 * cut short, a full stop after it aside ("Dec.", "Sat"): a dateline's
 * first word, never a name. */
static int date_word(const char *s, size_t n)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday", "thursday",
                                       "friday", "saturday", "sunday"};
    if (n && s[n - 1] == '.')
        n--;
    if (month_of(s, n))
        return 1;
    for (size_t i = 0; i < sizeof days / sizeof *days; i++)
        if (ci_eqn(s, n, days[i], strlen(days[i])) || (n == 3 && ci_eqn(s, 3, days[i], 3)))
            return 1;
    return 0;
}

/* A byline's text reduced to the name: "Ann Lee | March 5" -> "Ann Lee".
 * Returns 1 when what is left looks like a name (1 to 6 words). */
static int byline_name(char *s)
{
    static const char *const cuts[] = {"|", "\xC2\xB7", "\xE2\x80\xA2", " - ", " on ", "\n"};
    size_t n;
    /* "Dec. 19, 2025 · Ann Lee": a dateline first, the name after it (one
     * dateline is passed over, no more) */
    for (int pass = 0;; pass++) {
        /* "Written by Ann", "Text by: Ann" */
        for (size_t i = 0; s[i] && i < 24; i++)
            if ((i == 0 || s[i - 1] == ' ') && ci_starts(s + i, "by") &&
                (s[i + 2] == ' ' || s[i + 2] == ':')) {
                const char *p = s + i + 3;
                while (*p == ' ' || *p == ':')
                    p++;
                memmove(s, p, strlen(p) + 1);
                break;
            }
        n = strlen(s);
        size_t cut = 0; /* the first separator's length */
        for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
            const char *p = strstr(s, cuts[k]);
            if (p && (size_t)(p - s) < n) {
                n = (size_t)(p - s);
                cut = strlen(cuts[k]);
            }
        }
        /* a dateline: digits first, or a month or weekday and then digits */
        size_t w0 = 0, d0;
        while (w0 < n && is_alpha((unsigned char)s[w0]))
            w0++;
        for (d0 = w0; d0 < n && (s[d0] == '.' || s[d0] == ',' || s[d0] == ' '); d0++)
            ;
        int dateline = is_digit((unsigned char)s[0]) ||
                       (w0 && d0 < n && is_digit((unsigned char)s[d0]) &&
                        date_word(s, w0 + (s[w0] == '.')));
        if (pass || !cut || !dateline)
            break;
        const char *p = s + n + cut;
        while (*p == ' ')
            p++;
        memmove(s, p, strlen(p) + 1);
    }
    for (size_t i = 0; i < n; i++)
        if (is_digit((unsigned char)s[i]) || s[i] == '@') {
            n = i;
            break;
        }
    /* "Ann Lee Updated March 5": the dateline that follows the name */
    for (size_t i = 1; i < n; i++) {
        if (s[i - 1] != ' ')
            continue;
        size_t k = 0;
        while (i + k < n && is_alpha((unsigned char)s[i + k]))
            k++;
        if (k && (month_of(s + i, k) || ci_eqn(s + i, k, "updated", 7) ||
                  ci_eqn(s + i, k, "published", 9) || ci_eqn(s + i, k, "posted", 6))) {
            n = i;
            break;
        }
    }
    while (n && strchr(" ,-*|:", s[n - 1]))
        n--;
    s[n] = '\0';
    size_t w = count_words(s);
    return n >= 2 && w >= 1 && w <= 6 && !date_word(s, n) && !ci_eq(s, "updated");
}

/* ------------------------------------------------------------ authors */

/* Phrases that introduce a byline's name, in the languages pages are
 * written in; matched case-insensitively where the text begins. */
static const char *const credit_phrases[] = {
    "view all posts by", "see all posts by", "all posts by", "more posts by",
    "more articles by", "posts by", "articles by", "read more about",
    "about the author", "written by", "posted by", "published by",
    "authored by", "created by", "reported by", "story by", "words by",
    "text by", "article by", "a post by",
    "zeige alle beitr\xC3\xA4ge von", "alle beitr\xC3\xA4ge von", "alle artikel von",
    "ein beitrag von", "ein artikel von", "beitrag von", "artikel von",
    "eingestellt von", "geschrieben von", "ver\xC3\xB6" "ffentlicht von",
    "verfasst von", "erstellt von", "gepostet von", "publiziert von", "text von",
    "\xC3\xBC" "ber den autor", "\xC3\xBC" "ber die autorin",
    "publi\xC3\xA9 par", "\xC3\xA9" "crit par", "r\xC3\xA9" "dig\xC3\xA9 par", "post\xC3\xA9 par",
    "un article de", "publicado por", "publicada por", "escrito por", "escrita por",
    "scritto da", "pubblicato da", "a cura di", "geplaatst door", "geschreven door",
    "gepubliceerd door", "skrevet af", "skrevet av", "skriven av", "publicerad av",
    "napisane przez", "opublikowane przez", "by"};

#define CREDIT_FIRSTS "abcdefgmnoprstuvwz\xC3"

/* Whether byte c (either case) can begin a credit phrase, label or word;
 * NUL cannot. */
static int credit_first(unsigned char c)
{
    return c && strchr(CREDIT_FIRSTS, lc(c)) != NULL;
}

/* ci_starts(s, entry) for a vocabulary entry of two bytes or more whose
 * first byte is in CREDIT_FIRSTS (so lower case), l0 and l1 being lc(s[0])
 * and lc(s[1]): the first two bytes are compared before the call, as most
 * entries differ there. */
static int ci_starts_at(const char *s, int l0, int l1, const char *entry)
{
    return (unsigned char)entry[0] == l0 && lc((unsigned char)entry[1]) == l1 &&
           ci_starts(s, entry);
}

/* Single words that credit a name but also begin surnames ("Von Trapp",
 * "Di Maio"): credits when written in lower case or before a name of two
 * words or more. */
static const char *const credit_words[] = {
    "von", "vom", "par", "por", "di", "door", "av", "af", "przez"};

/* Labels: "Author: Ann Lee", "Autor Ann Lee". */
static const char *const credit_labels[] = {
    "authors", "author", "autoren", "autorin", "autor", "auteurs", "auteur",
    "autore", "autori", "f\xC3\xB6rfattare", "forfatter"};

/* Text that sits where a name goes but names nobody: page chrome. */
static const char *const not_names[] = {
    "name", "follow", "sign in", "log in", "login", "subscribe", "share",
    "no author", "the author", "join us", "unknown author", "view more posts", "read more",
    "posted", "published", "updated", "email", "e-mail", "contact", "by",
    "publiziert", "ver\xC3\xB6" "ffentlicht", "aktualisiert", "admin", "administrator"};

/* Verbs that end a comment's header ("Ann says"): a commenter, not the author. */
static const char *const comment_verbs[] = {
    "says", "said", "wrote", "sagt", "schreibt", "meint", "dit", "dice", "scrive", "schreef"};

/* Words that begin a dateline after the name ("Ann Lee am 5. Mai",
 * "Ann Lee Last updated"). */
static const char *const dateline_words[] = {
    "am", "on", "updated", "published", "posted", "last", "stand",
    "aktualisiert", "ver\xC3\xB6" "ffentlicht", "publiziert",
    /* a relative time: "Hace 13 horas", "vor 3 Stunden", "H\xC3\xA1 2 dias" */
    "hace", "vor", "h\xC3\xA1"};

/* Job titles run into the name by a byline's layout ("Ann Lee Senior
 * Reporter"): the name ends where one begins. */
static const char *const role_words[] = {
    "writer", "reporter", "editor", "correspondent", "contributor", "journalist",
    "columnist", "founder", "co-founder", "cofounder", "consultant", "expert",
    "producer", "analyst", "former", "senior", "staff", "chief", "head", "deputy",
    "managing", "contributing", "freelance", "redakteur", "redakteurin", "autorin"};

static const char *const weekday_abbrs[] = {
    "mon", "tue", "wed", "thu", "fri", "sat", "sun", "mo", "di", "mi", "do", "fr", "sa", "so"};

/* Bytes of the separator or ornament at s that never belongs to a name,
 * 0 when there is none. */
static size_t junk_at(const char *s)
{
    static const char *const marks[] = {
        "\xE2\x80\xA2", "\xC2\xB7", "\xC2\xBB", "\xC2\xAB", "\xE2\x80\x93", "\xE2\x80\x94",
        "\xE2\x9C\x89", "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x9E"};
    if (*s && strchr(" ,;:|-*&\"/", *s))
        return 1;
    for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
        if (!strncmp(s, marks[k], strlen(marks[k])))
            return strlen(marks[k]);
    return 0;
}

static int is_upper_start(const char *s)
{
    return (*s >= 'A' && *s <= 'Z') || (unsigned char)*s >= 0xC3;
}

/* Bytes of the credit phrase or word that begins s (with what follows it up
 * to the name), 0 when s begins with none. Credit words are looked for
 * only when words is set; capitalised ones before a single word only in
 * a byline's text (from_element), where "Von Robert" is the convention. */
static size_t credit_at(const char *s, int words, int from_element)
{
    /* the first bytes of the entries, lower case: most texts begin
     * otherwise and are settled here (dc_meta_vocab_ok checks the list) */
    unsigned char c0 = (unsigned char)*s;
    if (!credit_first(c0))
        return 0;
    int l0 = lc(c0), l1 = lc((unsigned char)s[1]);
    size_t n = 0;
    int lower = 0, glue = 0;
    for (size_t k = 0; k < sizeof credit_phrases / sizeof *credit_phrases && !n; k++)
        if (ci_starts_at(s, l0, l1, credit_phrases[k]))
            n = strlen(credit_phrases[k]), glue = 1;
    for (size_t k = 0; k < sizeof credit_labels / sizeof *credit_labels && !n; k++)
        if (ci_starts_at(s, l0, l1, credit_labels[k]))
            n = strlen(credit_labels[k]), glue = 1;
    for (size_t k = 0; words && k < sizeof credit_words / sizeof *credit_words && !n; k++)
        if (ci_starts_at(s, l0, l1, credit_words[k]))
            n = strlen(credit_words[k]), lower = 1;
    if (!n)
        return 0;
    if (lower) {
        /* "von Heiko", "Von Tobias Kuske", but not "Von Miller" */
        int lc_word = s[0] >= 'a' && s[0] <= 'z';
        if (!lc_word && (s[n] != ' ' || count_words(s + n) < (from_element ? 1u : 2u)))
            return 0;
        glue = lc_word;
    }
    /* "Geschrieben vonElisa": a label run into the name */
    if (!(s[n] == '\0' || s[n] == ' ' || s[n] == ':' ||
          (glue && s[n - 1] >= 'a' && s[n - 1] <= 'z' && is_upper_start(s + n))))
        return 0;
    while (s[n] == ' ' || s[n] == ':')
        n++;
    return n;
}

/* Whether s begins with one of the credit words in another language than
 * English ("Door", "Par") followed by a space. */
static int foreign_credit_word(const char *s)
{
    for (size_t k = 0; k < sizeof credit_words / sizeof *credit_words; k++) {
        size_t n = strlen(credit_words[k]);
        if (ci_starts(s, credit_words[k]) && s[n] == ' ')
            return 1;
    }
    return 0;
}

static int word_in(const char *w, size_t n, const char *const *list, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (ci_eqn(w, n, list[k], strlen(list[k])))
            return 1;
    return 0;
}
#define WORD_IN(w, n, list) word_in((w), (n), (list), sizeof(list) / sizeof *(list))

/* Reduces an author string (whitespace folded) in place to the name:
 * credit words, labels and ornaments go; from an element of the page
 * (from_element), also the dateline, weekday or job title that the layout
 * ran into it. Returns 1 when a name is left, 0 when the text names nobody. */
static int tidy_author(char *s, int from_element)
{
    char *p = s;
    int credited = 0;
    for (;;) {
        size_t k = junk_at(p);
        if (!k && (k = credit_at(p, !credited, from_element)))
            credited = 1;
        if (!k)
            break;
        p += k;
    }
    memmove(s, p, strlen(p) + 1);
    size_t n = strlen(s);
    /* ornaments end the name: "galitsyn » Tue" */
    static const char *const ends[] = {"\xC2\xBB", "\xE2\x80\xA2", "\xC2\xB7"};
    for (size_t k = 0; k < sizeof ends / sizeof *ends; k++) {
        const char *q = strstr(s, ends[k]);
        if (q && (size_t)(q - s) < n)
            n = (size_t)(q - s);
    }
    /* word by word: where the name ends */
    size_t words = 0, last_start = 0, last_len = 0;
    int comma = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] == ' ' || s[i] == ',') {
            comma |= s[i] == ',';
            i++;
            continue;
        }
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != ',')
            j++;
        size_t wl = j - i;
        /* "Audiophile On" is a name; "Ann on May 5" a dateline */
        if (words >= 1 && from_element && WORD_IN(s + i, wl, dateline_words) &&
            !(wl == 2 && s[i] >= 'A' && s[i] <= 'Z')) {
            n = i;
            break;
        }
        if (words >= 2 && from_element && !comma && WORD_IN(s + i, wl, role_words)) {
            n = i;
            break;
        }
        words++;
        last_start = i;
        last_len = wl;
        i = j;
    }
    if (words >= 1 && last_start + last_len == n) {
        /* a commenter's header, "Ann says" */
        if (WORD_IN(s + last_start, last_len, comment_verbs))
            return 0;
        /* "Tomas Spahn Fr": the weekday of the dateline that follows */
        if (from_element && words >= 3 && WORD_IN(s + last_start, last_len, weekday_abbrs))
            n = last_start;
    }
    while (n) {
        size_t k = 1;
        while (k < n && k <= 3 && ((unsigned char)s[n - k] & 0xC0) == 0x80)
            k++;
        if (junk_at(s + n - k) != k)
            break;
        n -= k;
    }
    s[n] = '\0';
    if (!n || strstr(s, "://"))
        return 0;
    int letters = 0;
    for (size_t i = 0; i < n; i++)
        letters |= is_alpha((unsigned char)s[i]) || (unsigned char)s[i] >= 0x80;
    if (!letters)
        return 0;
    return !WORD_IN(s, n, not_names);
}

/* Whether e holds a list's or a table's items. */
static int is_list_or_table(const GumboNode *e)
{
    switch (e->v.element.tag) {
    case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_MENU:
    case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TR: case GUMBO_TAG_NAV:
        return 1;
    default:
        return 0;
    }
}

/* Ends the name that follows a credit (s, in place) where a label of
 * another field begins ("Ann Lee Tags: a, b" -> "Ann Lee"). Returns 0 when
 * the text is itself a label ("By Contact Form:", "By phone:"): a word
 * after the first ends in a colon and nothing follows. */
static int credit_name_end(char *s)
{
    size_t words = 0;
    for (char *p = s; *p;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        char *w = p;
        while (*p && *p != ' ' && *p != ':')
            p++;
        words++;
        if (*p != ':')
            continue;
        if (words == 1)
            return 1;
        const char *r = p + 1;
        while (*r == ' ')
            r++;
        if (!*r)
            return 0;
        *w = '\0';
        return 1;
    }
    return 1;
}

/* Particles and joins that names and lists of names hold in lower case. */
static const char *const name_particles[] = {
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "le", "la", "dos", "das",
    "ter", "ten", "zu", "bin", "al", "el", "y", "e", "and", "und", "et", "&"};

/* Whether a byline's text, reduced, reads as names: two to eight words
 * (a single one after "By" is a menu's "By Category" or a brand more
 * often than a person), each capitalised or a particle, the first a
 * capital letter, and no colon (a label's). */
static int looks_like_name(const char *s)
{
    size_t words = 0;
    unsigned char c0 = (unsigned char)*s;
    if (strchr(s, ':') || !((c0 >= 'A' && c0 <= 'Z') || (c0 >= 0xC3 && c0 <= 0xD4)))
        return 0;
    while (*s) {
        if (*s == ' ' || *s == ',') {
            s++;
            continue;
        }
        const char *w = s;
        while (*s && *s != ' ' && *s != ',')
            s++;
        size_t wn = (size_t)(s - w);
        words++;
        if (is_upper_start(w))
            continue;
        if (words == 1 || !WORD_IN(w, wn, name_particles))
            return 0;
    }
    return words >= 2 && words <= 8;
}

void dc_meta_free(dc_meta *m)
{
    if (!m)
        return;
    for (int i = 0; i < DECLUTTER_FIELD_COUNT_; i++)
        free(m->field[i]);
    free(m->article_body);
    free(m->match_title);
    memset(m, 0, sizeof *m);
}

/* Drops permalink marks that documentation generators append to headings. */
static void trim_heading_marks(char *t)
{
    size_t n = strlen(t);
    for (;;) {
        if (n >= 2 && (unsigned char)t[n - 2] == 0xC2 && (unsigned char)t[n - 1] == 0xB6)
            n -= 2; /* pilcrow */
        else if (n && (t[n - 1] == '#' || t[n - 1] == ' '))
            n--;
        else
            break;
    }
    t[n] = '\0';
}

/* Whether s opens with a title separator or ": ". */
static int sep_at(const char *s)
{
    for (size_t k = 0; k < sizeof title_seps / sizeof title_seps[0]; k++)
        if (strncmp(s, title_seps[k], strlen(title_seps[k])) == 0)
            return 1;
    return s[0] == ':' && s[1] == ' ';
}

/* Titles from meta tags usually carry the site's name; the page's own <h1>
 * is the cleanest form when the title contains it (a long part of it, or
 * all that comes before a separator: "Camping Tents: Large Tents for
 * Family Camping", "Promise - JavaScript"). Otherwise the site
 * part is cut at a separator. -1 out of memory. */
static int refine_title(char **title, char **h1, size_t nh1, const char *site)
{
    char *t = *title;
    if (!t)
        return 0;
    size_t tl = strlen(t);
    for (size_t i = 0; i < nh1; i++) {
        if (!h1[i])
            continue;
        trim_heading_marks(h1[i]);
        size_t hl = strlen(h1[i]);
        if (hl >= 3 && ((hl * 10 >= tl * 3 && ci_contains(t, h1[i])) ||
                        (ci_starts(t, h1[i]) && sep_at(t + hl)))) {
            char *c = strdup(h1[i]);
            if (!c)
                return -1;
            free(t);
            *title = c;
            return 0;
        }
    }
    char *orig = strdup(t);
    if (!orig)
        return -1;
    strip_site_name(t, site);
    if (!*t) {
        free(t);
        *title = orig;
    } else {
        free(orig);
    }
    return 0;
}

/* Headlines, too, can end in the site's name ("Story | Site.com" shows as
 * "Story | Site"); such tails are cut, repeatedly, since titles that went
 * through two templates carry the name twice. */
static void cut_site_suffix(char *t, const char *site)
{
    size_t pos, len, sn = site ? strlen(site) : 0;
    while (sn && find_sep(t, 1, &pos, &len) && pos > 0) {
        const char *after = t + pos + len;
        size_t an = strlen(after);
        if (!an || !(ci_eq(after, site) || (an < sn && site[an] == '.' && ci_eqn(after, an, site, an))))
            return;
        t[pos] = '\0';
    }
}

/* Length of the word starting at s: ASCII letters and digits, and any
 * non-ASCII byte (so accented and non-Latin words hold together). */
static size_t word_len(const char *s)
{
    size_t n = 0;
    while (s[n] && (is_alpha((unsigned char)s[n]) || is_digit((unsigned char)s[n]) ||
                    (unsigned char)s[n] >= 0x80))
        n++;
    return n;
}

/* Whether the word w (n bytes) occurs as a whole word in s. */
static int has_word(const char *s, const char *w, size_t n)
{
    while (*s) {
        size_t k = word_len(s);
        if (!k) {
            s++;
            continue;
        }
        if (ci_eqn(s, k, w, n))
            return 1;
        s += k;
    }
    return 0;
}

/* Share of a's words, in percent, that b also uses. */
static int word_overlap(const char *a, const char *b)
{
    size_t words = 0, shared = 0;
    while (*a) {
        size_t k = word_len(a);
        if (!k) {
            a++;
            continue;
        }
        words++;
        shared += (size_t)has_word(b, a, k);
        a += k;
    }
    return words ? (int)(shared * 100 / words) : 0;
}

/* On an article the visible headline is the title as readers see it; the
 * meta titles are often rewritten for search and social cards. Unless an
 * <h1> says the title already, the first one that is not the site's name
 * wins when it shares at least a third of its words with the meta title
 * (so it is about the same thing, not a section label or a logo), unless
 * it merely adds a kicker around that title. -1 out of memory. */
static int prefer_headline(char **title, char **h1, size_t nh1, const char *site)
{
    char *t = *title;
    if (!t)
        return 0;
    for (size_t i = 0; i < nh1; i++)
        if (h1[i] && ci_eq(h1[i], t))
            return 0;
    for (size_t i = 0; i < nh1; i++) {
        const char *h = h1[i];
        if (!h || !*h || (site && ci_eq(h, site)))
            continue;
        if (strlen(h) < 3 || utf8_chars(h) > HEADLINE_MAX_CHARS || ci_contains(h, t) ||
            word_overlap(h, t) * 3 < 100)
            return 0;
        char *c = strdup(h);
        if (!c)
            return -1;
        free(t);
        *title = c;
        return 0;
    }
    return 0;
}

/* Letters and digits of s[0..n), ASCII lower-cased, other bytes kept, into
 * out (cap bytes at most); returns the length. */
static size_t fold_alnum(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o < cap; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (is_alpha(ch) || is_digit(ch) || ch >= 0x80)
            out[o++] = (char)lc(ch);
    }
    return o;
}

/* The host of an absolute URL: *h and *hn, 0 when there is none. */
static int url_host(const char *url, const char **h, size_t *hn)
{
    const char *p = url ? strstr(url, "://") : NULL;
    if (!p)
        return 0;
    p += 3;
    size_t n = strcspn(p, "/?#:");
    if (!n)
        return 0;
    *h = p;
    *hn = n;
    return 1;
}

/* Whether the URL is a site's front page: nothing after the host but "/". */
static int is_home_url(const char *url)
{
    const char *h;
    size_t hn;
    if (!url_host(url, &h, &hn))
        return 0;
    const char *p = h + hn;
    if (*p == ':')
        p += strcspn(p, "/?#");
    return !*p || ((*p == '/' || *p == '?' || *p == '#') && (!p[1] || p[1] == '?' || p[1] == '#'));
}

/* The brand a host is named for: "www.example.co.uk" -> "example"; the
 * label before the public suffix, read as one label or, under a country
 * code, the usual second-level ones (co, com, org, net, ac, gov, edu). */
static int host_brand(const char *url, const char **b, size_t *bn)
{
    const char *h;
    size_t hn;
    if (!url_host(url, &h, &hn))
        return 0;
    const char *lab[8];
    size_t ln[8], k = 0;
    for (size_t i = 0; i < hn && k < 8;) {
        size_t j = i;
        while (j < hn && h[j] != '.')
            j++;
        lab[k] = h + i;
        ln[k++] = j - i;
        i = j + 1;
    }
    if (k < 2)
        return 0;
    size_t at = k - 2;
    static const char *const sld[] = {"co", "com", "org", "net", "ac", "gov", "edu"};
    if (k >= 3 && ln[k - 1] == 2 && WORD_IN(lab[k - 2], ln[k - 2], sld))
        at = k - 3;
    *b = lab[at];
    *bn = ln[at];
    return *bn >= 3;
}

/* A title that only names the site (its og:site_name, or the brand of its
 * host) says nothing about the page; away from the front page the first
 * <h1> that is not the site's name does. -1 out of memory. */
static int replace_site_title(char **title, char **h1, size_t nh1, const char *site, const char *url)
{
    char *t = *title;
    if (!t || is_home_url(url))
        return 0;
    int names_site = site && ci_eq(t, site);
    const char *b;
    size_t bn;
    if (!names_site && host_brand(url, &b, &bn)) {
        char ft[64], fb[64];
        size_t tn = strlen(t);
        if (tn < sizeof ft) {
            size_t ftn = fold_alnum(t, tn, ft, sizeof ft), fbn = fold_alnum(b, bn, fb, sizeof fb);
            names_site = ftn == fbn && ftn >= 3 && !memcmp(ft, fb, ftn);
        }
    }
    if (!names_site)
        return 0;
    for (size_t i = 0; i < nh1; i++) {
        const char *h = h1[i];
        if (!h || strlen(h) < 3 || utf8_chars(h) > HEADLINE_MAX_CHARS || ci_eq(h, t) ||
            (site && ci_eq(h, site)))
            continue;
        char *c = strdup(h);
        if (!c)
            return -1;
        free(t);
        *title = c;
        return 0;
    }
    return 0;
}

/* "Stripe Payments | Global Payment Processing Platform": what follows a
 * pipe is the site's name or a tagline for search engines; the page's
 * own name is before it, when that is more than a single (brand) word,
 * and unless the page shows the whole as its headline. */
static void cut_pipe_tail(char *t, char **h1, size_t nh1)
{
    const char *p = t ? strstr(t, " | ") : NULL;
    if (!p || p == t)
        return;
    for (size_t i = 0; i < nh1; i++)
        if (h1[i] && ci_eq(h1[i], t))
            return;
    size_t pos = (size_t)(p - t);
    char save = t[pos];
    t[pos] = '\0';
    size_t w = count_words(t);
    t[pos] = save;
    if (w >= 2)
        t[pos] = '\0';
}

/* The date a URL's path gives in the way of blog permalinks and news
 * archives: /2019/10/22/slug, /2019-10-22-slug. -1 when it gives none. */
static int url_date(const char *url, char out[11])
{
    const char *h;
    size_t hn;
    if (!url_host(url, &h, &hn))
        return -1;
    for (const char *p = h + hn; *p && *p != '?' && *p != '#'; p++) {
        if (*p != '/')
            continue;
        const char *q = p + 1;
        int y, m, d;
        if (read_num(&q, 4, &y) != 4 || (*q != '/' && *q != '-'))
            continue;
        char sep = *q++;
        if (read_num(&q, 2, &m) != 2 || *q != sep)
            continue;
        q++;
        if (read_num(&q, 2, &d) == 2 && (!*q || strchr("/-_.?#", *q)) && !emit_date(y, m, d, out))
            return 0;
    }
    return -1;
}

/* Whether href leads to a site's front page: "/", "./", or an absolute
 * URL with nothing after the host but "/" (read after the last "://", so
 * an archive's copy of the link counts as well). */
static int home_href(const char *href)
{
    if (!href)
        return 0;
    while (is_html_ws((unsigned char)*href))
        href++;
    if (href[0] == '.' && href[1] == '/')
        href++;
    if (href[0] == '/' && href[1] != '/')
        return !href[1] || href[1] == '?' || href[1] == '#' || is_html_ws((unsigned char)href[1]);
    const char *last = NULL;
    for (const char *p = strstr(href, "://"); p; p = strstr(p + 3, "://"))
        last = p;
    if (!last)
        return 0;
    while (last > href && is_alpha((unsigned char)last[-1]))
        last--;
    return is_home_url(last);
}

/* Whether heading h, whose text is text, is the site's name set as a
 * heading: all its text is that of a link to the front page (the logo
 * heading of blogs and forums). Looks at most 3 levels down. -1 on oom. */
static int site_heading(const GumboNode *h, const char *text)
{
    const GumboNode *n = h;
    for (int depth = 0; depth < 3; depth++) {
        const GumboVector *v = &n->v.element.children;
        const GumboNode *el = NULL;
        for (unsigned i = 0; i < v->length; i++) {
            const GumboNode *k = v->data[i];
            if (k->type == GUMBO_NODE_ELEMENT) {
                el = k;
                break;
            }
            if (k->type == GUMBO_NODE_TEXT && has_text(k->v.text.text))
                return 0;
        }
        if (!el)
            return 0;
        if (el->v.element.tag == GUMBO_TAG_A) {
            if (!home_href(attr(&el->v.element, "href")))
                return 0;
            char *t;
            if (node_text(el, H1_TEXT_CAP, &t))
                return -1;
            int same = t && text && ci_eq(t, text);
            free(t);
            return same;
        }
        n = el;
    }
    return 0;
}

/* Applies the source priorities to what the walk collected. */
/* The first name that elements els[0..n) give (bylines: reduced by
 * byline_name first), unless *out holds one already; elements in forms
 * or comment sections are passed over. -1 when out of memory. */
static int author_from_els(const GumboNode *const *els, size_t n, int byline, char **out)
{
    for (size_t i = 0; i < n && !*out; i++) {
        char *a;
        if (in_form_or_comments(els[i]))
            continue;
        if (author_el_text(els[i], &a))
            return -1;
        if (a && (!byline || byline_name(a)) && tidy_author(a, 1))
            *out = a;
        else
            free(a);
    }
    return 0;
}

/* With no title in the metadata the page names itself in its <title>,
 * cut of the site's name: the first <h1> that says it (at least 30% of
 * it, as refine_title reads a meta title) is the title in the page's own
 * form. *out stays NULL when none does. -1 out of memory. */
static int title_from_page(const mctx *c, char **h1, const char *site, char **out)
{
    if (!c->title_el)
        return 0;
    char *t;
    if (node_text(c->title_el, H1_TEXT_CAP, &t))
        return -1;
    if (!t)
        return 0;
    strip_site_name(t, site);
    size_t tl = strlen(t);
    for (size_t i = 0; i < c->nh1 && !*out; i++) {
        size_t hl = h1[i] ? strlen(h1[i]) : 0;
        if (hl >= 3 && hl * 10 >= tl * 3 && ci_contains(t, h1[i]) && !(*out = strdup(h1[i]))) {
            free(t);
            return -1;
        }
    }
    free(t);
    return 0;
}

/* Whether a and b are the same name but for case, spaces and punctuation
 * ("EAT SMARTER", "Eat Smarter"; "Help Net Security", "HelpNetSecurity"). */
static int same_name(const char *a, const char *b)
{
    char fa[128], fb[128];
    if (!a || !b)
        return 0;
    size_t an = strlen(a), bn = strlen(b);
    if (an >= sizeof fa || bn >= sizeof fb)
        return 0;
    size_t na = fold_alnum(a, an, fa, sizeof fa), nb = fold_alnum(b, bn, fb, sizeof fb);
    return na && na == nb && !memcmp(fa, fb, na);
}

static int resolve(mctx *c, const char *url, dc_meta *m)
{
    char *h1_text[MAX_H1] = {NULL};
    char *site_h1 = NULL; /* the text of a heading that is the site's logo link */
    char *site_author = NULL; /* an author field that gives the site's name */
    char **f = m->field;
    int rc = -1;

    for (size_t i = 0; i < c->nh1; i++)
        if (heading_text(c->h1s[i], H1_TEXT_CAP, &h1_text[i]))
            goto done;
    /* a logo heading names the site: it is kept as that, not as a headline */
    for (size_t i = 0; i < c->nh1; i++) {
        if (!h1_text[i] || !*h1_text[i])
            continue;
        int r = site_heading(c->h1s[i], h1_text[i]);
        if (r < 0)
            goto done;
        if (r) {
            if (!site_h1)
                site_h1 = h1_text[i];
            else
                free(h1_text[i]);
            h1_text[i] = NULL;
        }
    }

    if (ld_resolve_refs(&c->ld[0], &c->ld_nodes) || ld_resolve_refs(&c->ld[1], &c->ld_nodes))
        goto done;
    const ld_slot *l0 = &c->ld[0], *l1 = &c->ld[1];
#define TRY(dst, raw, max) do { if (set_field((dst), (raw), (max)) < 0) goto done; } while (0)

    TRY(&f[DECLUTTER_FIELD_SITE_NAME], c->og_site, 0);
    TRY(&f[DECLUTTER_FIELD_SITE_NAME], l0->publisher, 0);
    TRY(&f[DECLUTTER_FIELD_SITE_NAME], l1->publisher, 0);
    TRY(&f[DECLUTTER_FIELD_SITE_NAME], c->app_name, 0);
    TRY(&f[DECLUTTER_FIELD_SITE_NAME], site_h1, 0);

    TRY(&f[DECLUTTER_FIELD_TITLE], c->og_title, 0);
    TRY(&f[DECLUTTER_FIELD_TITLE], l0->headline, 0);
    TRY(&f[DECLUTTER_FIELD_TITLE], l1->headline, 0);
    TRY(&f[DECLUTTER_FIELD_TITLE], c->tw_title, 0);
    if (!f[DECLUTTER_FIELD_TITLE] && title_from_page(c, h1_text, f[DECLUTTER_FIELD_SITE_NAME], &f[DECLUTTER_FIELD_TITLE]))
        goto done;
    for (size_t i = 0; i < c->nh1; i++)
        TRY(&f[DECLUTTER_FIELD_TITLE], h1_text[i], 0);
    if (!f[DECLUTTER_FIELD_TITLE] && c->title_el) {
        char *t;
        if (node_text(c->title_el, (size_t)-1 / 2, &t))
            goto done;
        if (t && *t) {
            char *orig = strdup(t);
            if (!orig) {
                free(t);
                goto done;
            }
            strip_site_name(t, f[DECLUTTER_FIELD_SITE_NAME]);
            if (!*t) {
                free(t);
                t = orig;
            } else {
                free(orig);
            }
            f[DECLUTTER_FIELD_TITLE] = t;
        } else {
            free(t);
        }
    }
    if (refine_title(&f[DECLUTTER_FIELD_TITLE], h1_text, c->nh1, f[DECLUTTER_FIELD_SITE_NAME]))
        goto done;
    /* the content stage finds the title's heading by the meta title */
    if (f[DECLUTTER_FIELD_TITLE] && !(m->match_title = strdup(f[DECLUTTER_FIELD_TITLE])))
        goto done;
    if ((c->ld[0].taken || (c->og_type && ci_eq_trim(c->og_type, "article"))) &&
        prefer_headline(&f[DECLUTTER_FIELD_TITLE], h1_text, c->nh1, f[DECLUTTER_FIELD_SITE_NAME]))
        goto done;
    if (f[DECLUTTER_FIELD_TITLE])
        cut_site_suffix(f[DECLUTTER_FIELD_TITLE], f[DECLUTTER_FIELD_SITE_NAME]);

    {
        const char *raw[] = {l0->author, l1->author, c->meta_author, c->art_author, c->tw_author};
        for (size_t i = 0; i < sizeof raw / sizeof *raw && !f[DECLUTTER_FIELD_AUTHOR]; i++) {
            char *a = NULL;
            if (set_field(&a, raw[i], AUTHOR_MAX_CHARS) < 0)
                goto done;
            if (a && tidy_author(a, 0)) {
                /* the site's own name, as templates fill the author
                 * field with it, is kept only while no other name is found */
                if (same_name(a, f[DECLUTTER_FIELD_SITE_NAME]) && !site_author)
                    site_author = a;
                else if (same_name(a, f[DECLUTTER_FIELD_SITE_NAME]))
                    free(a);
                else
                    f[DECLUTTER_FIELD_AUTHOR] = a;
            } else {
                free(a);
            }
        }
    }
    if (author_from_els(c->author_els, c->nauthor, 0, &f[DECLUTTER_FIELD_AUTHOR]) ||
        author_from_els(c->byline_els, c->nbyline, 1, &f[DECLUTTER_FIELD_AUTHOR]))
        goto done;
    for (size_t i = 0; i < c->ncredit && !f[DECLUTTER_FIELD_AUTHOR]; i++) {
        char *a;
        if (in_form_or_comments(c->credit_els[i]))
            continue;
        /* "<p>Written by</p><p>Ann Lee</p>": the label's element holds no
         * name, the one around it does */
        int up = 0;
        for (const GumboNode *e = c->credit_els[i]; e && e->type == GUMBO_NODE_ELEMENT && up < 3; e = e->parent, up++) {
            /* a list's or a table's text is a menu's or a grid's, not a byline */
            if (up && is_list_or_table(e))
                break;
            if (node_text(e, AUTHOR_TEXT_CAP, &a))
                goto done;
            if (!a)
                break;
            char *p = a;
            size_t k;
            int credited = 0;
            while ((k = junk_at(p)) || ((k = credit_at(p, 1, 1)) && (credited = 1)))
                p += k;
            if (!*p) {
                free(a);
                continue;
            }
            /* "Website Design by Agency", "Not endorsed by": text before
             * the credit makes it part of a title or a sentence */
            if (credited && credit_name_end(p) && byline_name(a) && tidy_author(a, 1) &&
                looks_like_name(a))
                f[DECLUTTER_FIELD_AUTHOR] = a;
            else
                free(a);
            break;
        }
    }

    /* a byline found instead that holds the site's name too ("Help Net
     * Security Sponsored", a name run into the logo) is no better */
    if (site_author && (!f[DECLUTTER_FIELD_AUTHOR] || ci_contains(f[DECLUTTER_FIELD_AUTHOR], site_author))) {
        free(f[DECLUTTER_FIELD_AUTHOR]);
        f[DECLUTTER_FIELD_AUTHOR] = site_author;
        site_author = NULL;
    }
    /* "Interview: Julia Lauter", "Text: Ann Lee": a one-word label first */
    char *au = f[DECLUTTER_FIELD_AUTHOR];
    if (au) {
        size_t k = 0;
        while (is_alpha((unsigned char)au[k]))
            k++;
        if (k >= 3 && k <= 12 && au[k] == ':' && au[k + 1] == ' ' && au[k + 2])
            memmove(au, au + k + 2, strlen(au + k + 2) + 1);
    }
    /* "Brian Truitt, USA TODAY": the outlet's name after the writer's */
    const char *site = f[DECLUTTER_FIELD_SITE_NAME];
    if (au && site && *site) {
        size_t al = strlen(au), sl = strlen(site);
        if (al > sl + 2 && ci_eqn(au + al - sl, sl, site, sl) && strchr(" ,|", au[al - sl - 1])) {
            size_t k = al - sl;
            while (k && strchr(" ,|-", au[k - 1]))
                k--;
            /* not when that leaves a job title's "of" or another mark
             * hanging ("CEO of", "Laura /") */
            size_t w = k;
            while (w && au[w - 1] != ' ')
                w--;
            if (k >= 2 && is_alpha((unsigned char)au[k - 1]) &&
                !(k - w == 2 && ci_eqn(au + w, 2, "of", 2)))
                au[k] = '\0';
        }
    }
    TRY(&f[DECLUTTER_FIELD_URL], c->canonical, 0);
    TRY(&f[DECLUTTER_FIELD_URL], c->og_url, 0);
    TRY(&f[DECLUTTER_FIELD_URL], url, 0);
    if (c->ip_date_el && c->date_rank > DATE_RANK_ITEMPROP) {
        char *t, d[11];
        if (node_text(c->ip_date_el, 400, &t))
            goto done;
        if (t && !find_date_in_text(t, slash_order(page_lang(c)) | DT_SHORT_YEAR, d)) {
            memcpy(c->date_meta, d, sizeof d);
            c->date_rank = DATE_RANK_ITEMPROP;
        }
        free(t);
    }
    /* a permalink's date was fixed when the page was published, in the
     * publisher's own time zone; metadata gives it often in UTC */
    {
        char d[11];
        if (!url_date(f[DECLUTTER_FIELD_URL], d) || !url_date(url, d))
            TRY(&f[DECLUTTER_FIELD_DATE], d, 0);
    }
    TRY(&f[DECLUTTER_FIELD_DATE], l0->date[0] ? l0->date : NULL, 0);
    TRY(&f[DECLUTTER_FIELD_DATE], l1->date[0] ? l1->date : NULL, 0);
    TRY(&f[DECLUTTER_FIELD_DATE], c->date_rank != INT_MAX ? c->date_meta : NULL, 0);
    TRY(&f[DECLUTTER_FIELD_DATE], c->time_pref[0] ? c->time_pref : NULL, 0);
    TRY(&f[DECLUTTER_FIELD_DATE], c->time_first[0] ? c->time_first : NULL, 0);
    /* datelines: a date with its full year in any of them before one
     * with a two-digit year (a sidebar's "19.1.23" event) */
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < c->ndate && !f[DECLUTTER_FIELD_DATE]; i++) {
            char *t, d[11];
            if (node_text(c->date_els[i], 400, &t))
                goto done;
            int found = t && !find_date_in_text(t, slash_order(page_lang(c)) | (pass ? DT_SHORT_YEAR : 0), d);
            free(t);
            if (found)
                TRY(&f[DECLUTTER_FIELD_DATE], d, 0);
        }
    /* a page that states only when it was last changed is dated by that */
    TRY(&f[DECLUTTER_FIELD_DATE], l0->modified[0] ? l0->modified : NULL, 0);
    TRY(&f[DECLUTTER_FIELD_DATE], l1->modified[0] ? l1->modified : NULL, 0);
    if (!f[DECLUTTER_FIELD_DATE] && c->modified) {
        char d[11];
        if (!dc_meta_parse_date(c->modified, d))
            TRY(&f[DECLUTTER_FIELD_DATE], d, 0);
    }
    TRY(&f[DECLUTTER_FIELD_DATE], c->text_date[0] ? c->text_date : NULL, 0);

    TRY(&f[DECLUTTER_FIELD_LANG], c->html_lang, 0);
    if (!f[DECLUTTER_FIELD_LANG] && c->cl_lang) {
        /* "en, de" lists languages; the first is the page's */
        char *cut = strndup(c->cl_lang, strcspn(c->cl_lang, ","));
        if (!cut)
            goto done;
        int r = set_field(&f[DECLUTTER_FIELD_LANG], cut, 0);
        free(cut);
        if (r < 0)
            goto done;
    }
    if (!f[DECLUTTER_FIELD_LANG] && c->og_locale) {
        TRY(&f[DECLUTTER_FIELD_LANG], c->og_locale, 0);
        for (char *p = f[DECLUTTER_FIELD_LANG]; p && *p; p++)
            if (*p == '_')
                *p = '-';
    }

    if (replace_site_title(&f[DECLUTTER_FIELD_TITLE], h1_text, c->nh1, f[DECLUTTER_FIELD_SITE_NAME],
                           f[DECLUTTER_FIELD_URL]))
        goto done;
    cut_pipe_tail(f[DECLUTTER_FIELD_TITLE], h1_text, c->nh1);

    TRY(&f[DECLUTTER_FIELD_DESCRIPTION], c->desc, 0);
    TRY(&f[DECLUTTER_FIELD_DESCRIPTION], c->og_desc, 0);
    TRY(&f[DECLUTTER_FIELD_DESCRIPTION], c->tw_desc, 0);
#undef TRY

    {
        char *body = l0->body ? l0->body : l1->body;
        if (body) {
            const char *b = body;
            size_t n = strlen(b);
            while (n && ws_at(b, 0, n)) {
                size_t w = ws_at(b, 0, n);
                b += w;
                n -= w;
            }
            while (n && is_html_ws((unsigned char)b[n - 1]))
                n--;
            if (n) {
                m->article_body = strndup(b, n);
                if (!m->article_body)
                    goto done;
            }
        }
    }

    const char *title = m->match_title;
    if (title) {
        for (size_t i = 0; i < c->nh1 && !m->h1; i++)
            if (h1_text[i] && ci_eq(h1_text[i], title))
                m->h1 = c->h1s[i];
        for (size_t i = 0; i < c->nh1 && !m->h1; i++)
            if (h1_text[i] && *h1_text[i] &&
                (ci_contains(title, h1_text[i]) || ci_contains(h1_text[i], title)))
                m->h1 = c->h1s[i];
    }
    if (m->match_title && f[DECLUTTER_FIELD_TITLE] && !strcmp(m->match_title, f[DECLUTTER_FIELD_TITLE])) {
        free(m->match_title);
        m->match_title = NULL;
    }
    rc = 0;
done:
    for (size_t i = 0; i < c->nh1; i++)
        free(h1_text[i]);
    free(site_h1);
    free(site_author);
    return rc;
}

int dc_meta_extract(const GumboNode *root, const char *url, dc_meta *m)
{
    memset(m, 0, sizeof *m);
    mctx *c = calloc(1, sizeof *c);
    if (!c)
        return -1;
    c->date_rank = INT_MAX;
    int rc = -1;
    if (!root || (walk(root, main_visit, c) == 0 && !c->oom))
        rc = resolve(c, url, m);
    ld_slot_free(&c->ld[0]);
    ld_slot_free(&c->ld[1]);
    ld_named_free(&c->ld_nodes);
    free(c);
    if (rc)
        dc_meta_free(m);
    return rc;
}

int dc_meta_vocab_ok(void)
{
    const char *const *lists[] = {credit_phrases, credit_labels, credit_words};
    size_t counts[] = {sizeof credit_phrases / sizeof *credit_phrases,
                       sizeof credit_labels / sizeof *credit_labels,
                       sizeof credit_words / sizeof *credit_words};
    for (size_t l = 0; l < 3; l++)
        for (size_t k = 0; k < counts[l]; k++)
            if (!strchr(CREDIT_FIRSTS, (unsigned char)lists[l][k][0]) || !lists[l][k][1])
                return 0; /* credit_at reads two bytes of each first */
    return 1;
}
