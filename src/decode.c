#include "decode.h"

#include "buf.h"
#include "mojibake.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <uchardet.h>

/* The meta prescan looks at this many bytes only, as browsers do. */
#define PRESCAN_LEN 1024
/* Enough for uchardet to settle even when the text starts after a long
 * head; it stops early by itself once it is sure. */
#define DETECT_LEN (512u * 1024u)
/* iconv writes into a stack chunk that is then validated into the output. */
#define CHUNK 8192

static const char REPL[] = "\xEF\xBF\xBD";

enum kind { K_UTF8, K_UTF16LE, K_UTF16BE, K_USER, K_ICONV };

typedef struct cs_info {
    const char *name;  /* canonical, as the WHATWG Encoding standard spells it */
    const char *iconv; /* glibc converter closest to the WHATWG decoder */
    enum kind kind;
} cs_info;

enum {
    CS_UTF8, CS_IBM866, CS_8859_2, CS_8859_3, CS_8859_4, CS_8859_5, CS_8859_6,
    CS_8859_7, CS_8859_8, CS_8859_8I, CS_8859_10, CS_8859_13, CS_8859_14,
    CS_8859_15, CS_8859_16, CS_KOI8R, CS_KOI8U, CS_MAC, CS_874, CS_1250,
    CS_1251, CS_1252, CS_1253, CS_1254, CS_1255, CS_1256, CS_1257, CS_1258,
    CS_MACCYR, CS_GBK, CS_GB18030, CS_BIG5, CS_EUCJP, CS_2022JP, CS_SJIS,
    CS_EUCKR, CS_UTF16BE, CS_UTF16LE, CS_USER
};

/* Where glibc's converter differs from the WHATWG decoder we pick the
 * superset it has: the Windows code pages for the CJK encodings, KOI8-RU
 * for koi8-u, GB18030 for gbk. */
static const cs_info charsets[] = {
    [CS_UTF8] = {"utf-8", NULL, K_UTF8},
    [CS_IBM866] = {"ibm866", "IBM866", K_ICONV},
    [CS_8859_2] = {"iso-8859-2", "ISO-8859-2", K_ICONV},
    [CS_8859_3] = {"iso-8859-3", "ISO-8859-3", K_ICONV},
    [CS_8859_4] = {"iso-8859-4", "ISO-8859-4", K_ICONV},
    [CS_8859_5] = {"iso-8859-5", "ISO-8859-5", K_ICONV},
    [CS_8859_6] = {"iso-8859-6", "ISO-8859-6", K_ICONV},
    [CS_8859_7] = {"iso-8859-7", "ISO-8859-7", K_ICONV},
    [CS_8859_8] = {"iso-8859-8", "ISO-8859-8", K_ICONV},
    [CS_8859_8I] = {"iso-8859-8-i", "ISO-8859-8", K_ICONV},
    [CS_8859_10] = {"iso-8859-10", "ISO-8859-10", K_ICONV},
    [CS_8859_13] = {"iso-8859-13", "ISO-8859-13", K_ICONV},
    [CS_8859_14] = {"iso-8859-14", "ISO-8859-14", K_ICONV},
    [CS_8859_15] = {"iso-8859-15", "ISO-8859-15", K_ICONV},
    [CS_8859_16] = {"iso-8859-16", "ISO-8859-16", K_ICONV},
    [CS_KOI8R] = {"koi8-r", "KOI8-R", K_ICONV},
    [CS_KOI8U] = {"koi8-u", "KOI8-RU", K_ICONV},
    [CS_MAC] = {"macintosh", "MACINTOSH", K_ICONV},
    [CS_874] = {"windows-874", "CP874", K_ICONV},
    [CS_1250] = {"windows-1250", "CP1250", K_ICONV},
    [CS_1251] = {"windows-1251", "CP1251", K_ICONV},
    [CS_1252] = {"windows-1252", "CP1252", K_ICONV},
    [CS_1253] = {"windows-1253", "CP1253", K_ICONV},
    [CS_1254] = {"windows-1254", "CP1254", K_ICONV},
    [CS_1255] = {"windows-1255", "CP1255", K_ICONV},
    [CS_1256] = {"windows-1256", "CP1256", K_ICONV},
    [CS_1257] = {"windows-1257", "CP1257", K_ICONV},
    [CS_1258] = {"windows-1258", "CP1258", K_ICONV},
    [CS_MACCYR] = {"x-mac-cyrillic", "MAC-CYRILLIC", K_ICONV},
    [CS_GBK] = {"gbk", "GB18030", K_ICONV},
    [CS_GB18030] = {"gb18030", "GB18030", K_ICONV},
    [CS_BIG5] = {"big5", "BIG5-HKSCS", K_ICONV},
    [CS_EUCJP] = {"euc-jp", "EUC-JP-MS", K_ICONV},
    [CS_2022JP] = {"iso-2022-jp", "ISO-2022-JP", K_ICONV},
    [CS_SJIS] = {"shift_jis", "CP932", K_ICONV},
    [CS_EUCKR] = {"euc-kr", "CP949", K_ICONV},
    [CS_UTF16BE] = {"utf-16be", NULL, K_UTF16BE},
    [CS_UTF16LE] = {"utf-16le", NULL, K_UTF16LE},
    [CS_USER] = {"x-user-defined", NULL, K_USER},
};

typedef struct label {
    const char *label;
    unsigned char cs;
} label;

/* The WHATWG label table. The labels of the "replacement" encoding are
 * left out on purpose: they then count as unknown, so detection runs
 * instead of the page decoding to a single U+FFFD. */
static const label labels[] = {
    {"unicode-1-1-utf-8", CS_UTF8}, {"unicode11utf8", CS_UTF8},
    {"unicode20utf8", CS_UTF8}, {"utf-8", CS_UTF8}, {"utf8", CS_UTF8},
    {"x-unicode20utf8", CS_UTF8},
    {"866", CS_IBM866}, {"cp866", CS_IBM866}, {"csibm866", CS_IBM866},
    {"ibm866", CS_IBM866},
    {"csisolatin2", CS_8859_2}, {"iso-8859-2", CS_8859_2},
    {"iso-ir-101", CS_8859_2}, {"iso8859-2", CS_8859_2},
    {"iso88592", CS_8859_2}, {"iso_8859-2", CS_8859_2},
    {"iso_8859-2:1987", CS_8859_2}, {"l2", CS_8859_2}, {"latin2", CS_8859_2},
    {"csisolatin3", CS_8859_3}, {"iso-8859-3", CS_8859_3},
    {"iso-ir-109", CS_8859_3}, {"iso8859-3", CS_8859_3},
    {"iso88593", CS_8859_3}, {"iso_8859-3", CS_8859_3},
    {"iso_8859-3:1988", CS_8859_3}, {"l3", CS_8859_3}, {"latin3", CS_8859_3},
    {"csisolatin4", CS_8859_4}, {"iso-8859-4", CS_8859_4},
    {"iso-ir-110", CS_8859_4}, {"iso8859-4", CS_8859_4},
    {"iso88594", CS_8859_4}, {"iso_8859-4", CS_8859_4},
    {"iso_8859-4:1988", CS_8859_4}, {"l4", CS_8859_4}, {"latin4", CS_8859_4},
    {"csisolatincyrillic", CS_8859_5}, {"cyrillic", CS_8859_5},
    {"iso-8859-5", CS_8859_5}, {"iso-ir-144", CS_8859_5},
    {"iso8859-5", CS_8859_5}, {"iso88595", CS_8859_5},
    {"iso_8859-5", CS_8859_5}, {"iso_8859-5:1988", CS_8859_5},
    {"arabic", CS_8859_6}, {"asmo-708", CS_8859_6}, {"csiso88596e", CS_8859_6},
    {"csiso88596i", CS_8859_6}, {"csisolatinarabic", CS_8859_6},
    {"ecma-114", CS_8859_6}, {"iso-8859-6", CS_8859_6},
    {"iso-8859-6-e", CS_8859_6}, {"iso-8859-6-i", CS_8859_6},
    {"iso-ir-127", CS_8859_6}, {"iso8859-6", CS_8859_6},
    {"iso88596", CS_8859_6}, {"iso_8859-6", CS_8859_6},
    {"iso_8859-6:1987", CS_8859_6},
    {"csisolatingreek", CS_8859_7}, {"ecma-118", CS_8859_7},
    {"elot_928", CS_8859_7}, {"greek", CS_8859_7}, {"greek8", CS_8859_7},
    {"iso-8859-7", CS_8859_7}, {"iso-ir-126", CS_8859_7},
    {"iso8859-7", CS_8859_7}, {"iso88597", CS_8859_7},
    {"iso_8859-7", CS_8859_7}, {"iso_8859-7:1987", CS_8859_7},
    {"sun_eu_greek", CS_8859_7},
    {"csiso88598e", CS_8859_8}, {"csisolatinhebrew", CS_8859_8},
    {"hebrew", CS_8859_8}, {"iso-8859-8", CS_8859_8},
    {"iso-8859-8-e", CS_8859_8}, {"iso-ir-138", CS_8859_8},
    {"iso8859-8", CS_8859_8}, {"iso88598", CS_8859_8},
    {"iso_8859-8", CS_8859_8}, {"iso_8859-8:1988", CS_8859_8},
    {"visual", CS_8859_8},
    {"csiso88598i", CS_8859_8I}, {"iso-8859-8-i", CS_8859_8I},
    {"logical", CS_8859_8I},
    {"csisolatin6", CS_8859_10}, {"iso-8859-10", CS_8859_10},
    {"iso-ir-157", CS_8859_10}, {"iso8859-10", CS_8859_10},
    {"iso885910", CS_8859_10}, {"l6", CS_8859_10}, {"latin6", CS_8859_10},
    {"iso-8859-13", CS_8859_13}, {"iso8859-13", CS_8859_13},
    {"iso885913", CS_8859_13},
    {"iso-8859-14", CS_8859_14}, {"iso8859-14", CS_8859_14},
    {"iso885914", CS_8859_14},
    {"csisolatin9", CS_8859_15}, {"iso-8859-15", CS_8859_15},
    {"iso8859-15", CS_8859_15}, {"iso885915", CS_8859_15},
    {"iso_8859-15", CS_8859_15}, {"l9", CS_8859_15},
    {"iso-8859-16", CS_8859_16},
    {"cskoi8r", CS_KOI8R}, {"koi", CS_KOI8R}, {"koi8", CS_KOI8R},
    {"koi8-r", CS_KOI8R}, {"koi8_r", CS_KOI8R},
    {"koi8-ru", CS_KOI8U}, {"koi8-u", CS_KOI8U},
    {"csmacintosh", CS_MAC}, {"mac", CS_MAC}, {"macintosh", CS_MAC},
    {"x-mac-roman", CS_MAC},
    {"dos-874", CS_874}, {"iso-8859-11", CS_874}, {"iso8859-11", CS_874},
    {"iso885911", CS_874}, {"tis-620", CS_874}, {"windows-874", CS_874},
    {"cp1250", CS_1250}, {"windows-1250", CS_1250}, {"x-cp1250", CS_1250},
    {"cp1251", CS_1251}, {"windows-1251", CS_1251}, {"x-cp1251", CS_1251},
    {"ansi_x3.4-1968", CS_1252}, {"ascii", CS_1252}, {"cp1252", CS_1252},
    {"cp819", CS_1252}, {"csisolatin1", CS_1252}, {"ibm819", CS_1252},
    {"iso-8859-1", CS_1252}, {"iso-ir-100", CS_1252},
    {"iso8859-1", CS_1252}, {"iso88591", CS_1252}, {"iso_8859-1", CS_1252},
    {"iso_8859-1:1987", CS_1252}, {"l1", CS_1252}, {"latin1", CS_1252},
    {"us-ascii", CS_1252}, {"windows-1252", CS_1252}, {"x-cp1252", CS_1252},
    {"cp1253", CS_1253}, {"windows-1253", CS_1253}, {"x-cp1253", CS_1253},
    {"cp1254", CS_1254}, {"csisolatin5", CS_1254}, {"iso-8859-9", CS_1254},
    {"iso-ir-148", CS_1254}, {"iso8859-9", CS_1254}, {"iso88599", CS_1254},
    {"iso_8859-9", CS_1254}, {"iso_8859-9:1989", CS_1254}, {"l5", CS_1254},
    {"latin5", CS_1254}, {"windows-1254", CS_1254}, {"x-cp1254", CS_1254},
    {"cp1255", CS_1255}, {"windows-1255", CS_1255}, {"x-cp1255", CS_1255},
    {"cp1256", CS_1256}, {"windows-1256", CS_1256}, {"x-cp1256", CS_1256},
    {"cp1257", CS_1257}, {"windows-1257", CS_1257}, {"x-cp1257", CS_1257},
    {"cp1258", CS_1258}, {"windows-1258", CS_1258}, {"x-cp1258", CS_1258},
    {"x-mac-cyrillic", CS_MACCYR}, {"x-mac-ukrainian", CS_MACCYR},
    {"chinese", CS_GBK}, {"csgb2312", CS_GBK}, {"csiso58gb231280", CS_GBK},
    {"gb2312", CS_GBK}, {"gb_2312", CS_GBK}, {"gb_2312-80", CS_GBK},
    {"gbk", CS_GBK}, {"iso-ir-58", CS_GBK}, {"x-gbk", CS_GBK},
    {"gb18030", CS_GB18030},
    {"big5", CS_BIG5}, {"big5-hkscs", CS_BIG5}, {"cn-big5", CS_BIG5},
    {"csbig5", CS_BIG5}, {"x-x-big5", CS_BIG5},
    {"cseucpkdfmtjapanese", CS_EUCJP}, {"euc-jp", CS_EUCJP},
    {"x-euc-jp", CS_EUCJP},
    {"csiso2022jp", CS_2022JP}, {"iso-2022-jp", CS_2022JP},
    {"csshiftjis", CS_SJIS}, {"ms932", CS_SJIS}, {"ms_kanji", CS_SJIS},
    {"shift-jis", CS_SJIS}, {"shift_jis", CS_SJIS}, {"sjis", CS_SJIS},
    {"windows-31j", CS_SJIS}, {"x-sjis", CS_SJIS},
    {"cseuckr", CS_EUCKR}, {"csksc56011987", CS_EUCKR}, {"euc-kr", CS_EUCKR},
    {"iso-ir-149", CS_EUCKR}, {"korean", CS_EUCKR},
    {"ks_c_5601-1987", CS_EUCKR}, {"ks_c_5601-1989", CS_EUCKR},
    {"ksc5601", CS_EUCKR}, {"ksc_5601", CS_EUCKR}, {"windows-949", CS_EUCKR},
    {"unicodefffe", CS_UTF16BE}, {"utf-16be", CS_UTF16BE},
    {"csunicode", CS_UTF16LE}, {"iso-10646-ucs-2", CS_UTF16LE},
    {"ucs-2", CS_UTF16LE}, {"unicode", CS_UTF16LE},
    {"unicodefeff", CS_UTF16LE}, {"utf-16", CS_UTF16LE},
    {"utf-16le", CS_UTF16LE},
    {"x-user-defined", CS_USER},
};

/* uchardet names that are not WHATWG labels but have a WHATWG encoding. */
static const label detector_names[] = {
    {"uhc", CS_EUCKR}, {"mac-cyrillic", CS_MACCYR},
};

static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static unsigned char lower(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

/* ASCII case-insensitive s[0..n) == lit (lit lower case). */
static int eq_lit(const char *s, size_t n, const char *lit)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (!lit[i] || lower((unsigned char)s[i]) != (unsigned char)lit[i])
            return 0;
    return lit[i] == '\0';
}

static int lookup(const label *tab, size_t ntab, const char *s, size_t n)
{
    while (n && is_ws((unsigned char)*s)) {
        s++;
        n--;
    }
    while (n && is_ws((unsigned char)s[n - 1]))
        n--;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < ntab; i++)
        if (eq_lit(s, n, tab[i].label))
            return tab[i].cs;
    return -1;
}

static int label_index(const char *s, size_t n)
{
    return lookup(labels, sizeof labels / sizeof labels[0], s, n);
}

const char *dc_charset_canonical(const char *label_text, size_t len)
{
    if (!label_text)
        return NULL;
    int cs = label_index(label_text, len);
    return cs < 0 ? NULL : charsets[cs].name;
}

/* The WHATWG "extract a character encoding from a meta element" steps,
 * also good for an HTTP Content-Type value. -1 when none or unknown. */
static int charset_from_content(const char *s, size_t n)
{
    size_t p = 0;
    for (;;) {
        size_t k = p;
        while (k + 7 <= n && !eq_lit(s + k, 7, "charset"))
            k++;
        if (k + 7 > n)
            return -1;
        p = k + 7;
        while (p < n && is_ws((unsigned char)s[p]))
            p++;
        if (p >= n || s[p] != '=')
            continue;
        p++;
        while (p < n && is_ws((unsigned char)s[p]))
            p++;
        if (p >= n)
            return -1;
        if (s[p] == '"' || s[p] == '\'') {
            const char *end = memchr(s + p + 1, s[p], n - p - 1);
            if (!end)
                return -1;
            return label_index(s + p + 1, (size_t)(end - (s + p + 1)));
        }
        size_t q = p;
        while (q < n && !is_ws((unsigned char)s[q]) && s[q] != ';')
            q++;
        return label_index(s + p, q - p);
    }
}

static int charset_from_hint(const char *hint)
{
    size_t n = strlen(hint);
    for (size_t i = 0; i + 7 <= n; i++)
        if (eq_lit(hint + i, 7, "charset"))
            return charset_from_content(hint, n);
    /* A bare media type such as "text/html" declares nothing. */
    if (strpbrk(hint, "/;="))
        return -1;
    return label_index(hint, n);
}

/* ---- meta prescan ---------------------------------------------------- */

typedef struct prescan {
    const unsigned char *s;
    size_t n, p;
    char name[PRESCAN_LEN + 1];
    char value[PRESCAN_LEN + 1];
    size_t nlen, vlen;
} prescan;

static void add(char *dst, size_t *len, unsigned char c)
{
    if (*len < PRESCAN_LEN)
        dst[(*len)++] = (char)lower(c);
}

/* WHATWG "get an attribute". 1: an attribute is in name/value; 0: the tag
 * ended at '>'; -1: the window ran out, which ends the prescan. */
static int get_attr(prescan *ps)
{
    const unsigned char *s = ps->s;
    size_t n = ps->n;
    unsigned char c;

    while (ps->p < n && (is_ws(s[ps->p]) || s[ps->p] == '/'))
        ps->p++;
    if (ps->p >= n)
        return -1;
    if (s[ps->p] == '>')
        return 0;
    ps->nlen = ps->vlen = 0;
    for (;;) {
        if (ps->p >= n)
            return -1;
        c = s[ps->p];
        if (c == '=' && ps->nlen > 0) {
            ps->p++;
            goto value;
        }
        if (is_ws(c))
            break;
        if (c == '/' || c == '>')
            return 1;
        add(ps->name, &ps->nlen, c);
        ps->p++;
    }
    while (ps->p < n && is_ws(s[ps->p]))
        ps->p++;
    if (ps->p >= n)
        return -1;
    if (s[ps->p] != '=')
        return 1;
    ps->p++;
value:
    while (ps->p < n && is_ws(s[ps->p]))
        ps->p++;
    if (ps->p >= n)
        return -1;
    c = s[ps->p];
    if (c == '"' || c == '\'') {
        for (ps->p++; ps->p < n; ps->p++) {
            if (s[ps->p] == c) {
                ps->p++;
                return 1;
            }
            add(ps->value, &ps->vlen, s[ps->p]);
        }
        return -1;
    }
    if (c == '>')
        return 1;
    for (; ps->p < n; ps->p++) {
        c = s[ps->p];
        if (is_ws(c) || c == '>')
            return 1;
        add(ps->value, &ps->vlen, c);
    }
    return -1;
}

static int attr_is(const prescan *ps, const char *lit)
{
    return eq_lit(ps->name, ps->nlen, lit);
}

/* Handles one <meta>, position just after "<meta". 1 with *cs set when it
 * declares a usable charset, 0 when it does not, -1 at window end. */
static int meta_tag(prescan *ps, int *cs)
{
    int seen_he = 0, seen_content = 0, seen_charset = 0;
    int got_pragma = 0, need_pragma = -1;
    int charset = -2; /* -2 null, -1 failure */
    int r;

    while ((r = get_attr(ps)) == 1) {
        if (attr_is(ps, "http-equiv")) {
            if (seen_he++)
                continue;
            if (eq_lit(ps->value, ps->vlen, "content-type"))
                got_pragma = 1;
        } else if (attr_is(ps, "content")) {
            if (seen_content++)
                continue;
            int c = charset_from_content(ps->value, ps->vlen);
            if (c >= 0 && charset == -2) {
                charset = c;
                need_pragma = 1;
            }
        } else if (attr_is(ps, "charset")) {
            if (seen_charset++)
                continue;
            charset = label_index(ps->value, ps->vlen);
            need_pragma = 0;
        }
    }
    if (r < 0)
        return -1;
    if (need_pragma < 0 || (need_pragma == 1 && !got_pragma) || charset < 0)
        return 0;
    /* A page cannot truly be UTF-16 if its bytes spelled out this tag. */
    if (charset == CS_UTF16LE || charset == CS_UTF16BE)
        charset = CS_UTF8;
    else if (charset == CS_USER)
        charset = CS_1252;
    *cs = charset;
    return 1;
}

static int is_alpha(unsigned char c)
{
    c = lower(c);
    return c >= 'a' && c <= 'z';
}

/* WHATWG "prescan a byte stream to determine its encoding" over the first
 * PRESCAN_LEN bytes. -1 when nothing usable is declared. */
static int prescan_meta(const unsigned char *s, size_t len)
{
    prescan local;
    prescan *ps = &local;
    ps->s = s;
    ps->n = len < PRESCAN_LEN ? len : PRESCAN_LEN;
    ps->p = 0;

    size_t n = ps->n;
    while (ps->p < n) {
        size_t p = ps->p;
        const unsigned char *at = s + p;
        size_t left = n - p;
        if (*at != '<') {
            const unsigned char *lt = memchr(at, '<', left);
            if (!lt)
                return -1;
            ps->p = (size_t)(lt - s);
            continue;
        }
        if (left >= 4 && memcmp(at, "<!--", 4) == 0) {
            size_t q = p + 4;
            while (q < n && !(s[q] == '>' && s[q - 1] == '-' && s[q - 2] == '-'))
                q++;
            if (q >= n)
                return -1;
            ps->p = q + 1;
        } else if (left >= 6 && eq_lit((const char *)at, 5, "<meta") &&
                   (is_ws(at[5]) || at[5] == '/')) {
            int cs;
            ps->p = p + 5;
            int r = meta_tag(ps, &cs);
            if (r < 0)
                return -1;
            if (r > 0)
                return cs;
            ps->p++;
        } else if (left >= 2 && (is_alpha(at[1]) ||
                                 (left >= 3 && at[1] == '/' && is_alpha(at[2])))) {
            ps->p = p + 1;
            while (ps->p < n && !is_ws(s[ps->p]) && s[ps->p] != '>')
                ps->p++;
            int r;
            while ((r = get_attr(ps)) == 1)
                ;
            if (r < 0)
                return -1;
            ps->p++;
        } else if (left >= 2 && (at[1] == '!' || at[1] == '/' || at[1] == '?')) {
            const unsigned char *gt = memchr(at, '>', left);
            if (!gt)
                return -1;
            ps->p = (size_t)(gt - s) + 1;
        } else {
            ps->p = p + 1;
        }
    }
    return -1;
}

/* ---- UTF-8 ----------------------------------------------------------- */

/* Length of the well-formed UTF-8 sequence at s, or 0 when it is not one;
 * then *bad is the maximal ill-formed prefix to replace by one U+FFFD
 * (the Unicode recommendation, which WHATWG follows) and *at_end says the
 * sequence was merely cut off by the end of the input. NUL counts as bad. */
static size_t utf8_seq(const unsigned char *s, size_t n, size_t *bad, int *at_end)
{
    unsigned char c = s[0];
    unsigned char lo = 0x80, hi = 0xBF;
    size_t need;

    *at_end = 0;
    if (c >= 0x01 && c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        need = 1;
    else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        if (c == 0xE0)
            lo = 0xA0;
        else if (c == 0xED)
            hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        if (c == 0xF0)
            lo = 0x90;
        else if (c == 0xF4)
            hi = 0x8F;
    } else {
        *bad = 1;
        return 0;
    }
    for (size_t j = 1; j <= need; j++) {
        if (j >= n) {
            *bad = j;
            *at_end = 1;
            return 0;
        }
        if (s[j] < lo || s[j] > hi) {
            *bad = j;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return need + 1;
}

/* Appends s[0..n) to b, copying valid runs whole and replacing each
 * ill-formed part (and NUL) with U+FFFD. */
static void put_utf8(dc_buf *b, const unsigned char *s, size_t n)
{
    size_t i = 0, run = 0;
    while (i < n) {
        if (s[i] >= 0x01 && s[i] < 0x80) {
            i++;
            continue;
        }
        size_t bad;
        int at_end;
        size_t k = utf8_seq(s + i, n - i, &bad, &at_end);
        if (k) {
            i += k;
            continue;
        }
        dc_buf_put(b, (const char *)s + run, i - run);
        dc_buf_put(b, REPL, 3);
        i += bad;
        run = i;
    }
    dc_buf_put(b, (const char *)s + run, n - run);
}

/* Whether the detector can be skipped: valid UTF-8 (an input cut off
 * inside the last character still counts) without NUL, which would hint
 * at UTF-16 without a BOM. *multi, when given, gets whether there was a
 * character outside ASCII. */
static int looks_utf8(const unsigned char *s, size_t n, int *multi)
{
    size_t i = 0;
    if (multi)
        *multi = 0;
    while (i < n) {
        if (s[i] >= 0x01 && s[i] < 0x80) {
            i++;
            continue;
        }
        size_t bad;
        int at_end;
        size_t k = utf8_seq(s + i, n - i, &bad, &at_end);
        if (!k)
            return at_end;
        if (multi)
            *multi = 1;
        i += k;
    }
    return 1;
}

/* ---- other decoders -------------------------------------------------- */

static void put_cp(dc_buf *b, unsigned long cp)
{
    if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        dc_buf_put(b, REPL, 3);
        return;
    }
    char u[4];
    dc_buf_put(b, u, dc_utf8_encode(cp, u));
}

/* Done by hand rather than by iconv so that a lone surrogate costs one
 * code unit, not a byte that would shift the rest of the text. */
static void put_utf16(dc_buf *b, const unsigned char *s, size_t n, int be)
{
    size_t i = 0;
    while (i + 1 < n && !b->oom) {
        unsigned long u = be ? (unsigned long)(s[i] << 8 | s[i + 1])
                             : (unsigned long)(s[i + 1] << 8 | s[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            unsigned long v = be ? (unsigned long)(s[i] << 8 | s[i + 1])
                                 : (unsigned long)(s[i + 1] << 8 | s[i]);
            if (v >= 0xDC00 && v <= 0xDFFF) {
                i += 2;
                put_cp(b, 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00));
                continue;
            }
        }
        put_cp(b, u);
    }
    if (i < n)
        dc_buf_put(b, REPL, 3);
}

/* x-user-defined keeps ASCII and puts the high bytes in the private use
 * area, so that no byte is lost. */
static void put_user(dc_buf *b, const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n && !b->oom; i++)
        put_cp(b, s[i] < 0x80 ? s[i] : 0xF780u + s[i] - 0x80u);
}

/* Converts with iconv; each byte it rejects becomes one U+FFFD and the
 * conversion resumes at the next byte. -1 when iconv lacks the charset. */
static int put_iconv(dc_buf *b, const char *from, const unsigned char *s, size_t n)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return -1;
    char chunk[CHUNK];
    char *ip = (char *)s;
    size_t il = n;
    for (;;) {
        /* Once the input is used up, one last call flushes any shift state. */
        int flush = il == 0;
        char *op = chunk;
        size_t ol = sizeof chunk;
        size_t r = flush ? iconv(cd, NULL, NULL, &op, &ol) : iconv(cd, &ip, &il, &op, &ol);
        int e = errno;
        /* Re-validated: this also turns NUL into U+FFFD. */
        put_utf8(b, (const unsigned char *)chunk, (size_t)(op - chunk));
        if (b->oom)
            break;
        if (r != (size_t)-1) {
            if (flush)
                break;
            continue;
        }
        if (e == E2BIG && op != chunk)
            continue;
        if (flush)
            break;
        dc_buf_put(b, REPL, 3);
        /* glibc's CP949 takes an illegal last sequence whole and still
         * reports it: nothing is left to skip */
        if (il == 0)
            continue;
        ip++;
        il--;
    }
    iconv_close(cd);
    return 0;
}

/* ---- entry ----------------------------------------------------------- */

static int detect(const unsigned char *s, size_t n)
{
    if (looks_utf8(s, n, NULL))
        return CS_UTF8;
    int cs = -1;
    uchardet_t ud = uchardet_new();
    if (ud) {
        uchardet_handle_data(ud, (const char *)s, n < DETECT_LEN ? n : DETECT_LEN);
        uchardet_data_end(ud);
        const char *name = uchardet_get_charset(ud);
        if (name && name[0]) {
            size_t len = strlen(name);
            /* The WHATWG table maps "ascii" to windows-1252; plain ASCII
             * decodes the same as UTF-8, the more useful guess. */
            if (eq_lit(name, len, "ascii"))
                cs = CS_UTF8;
            else if ((cs = label_index(name, len)) < 0)
                cs = lookup(detector_names,
                            sizeof detector_names / sizeof detector_names[0], name, len);
        }
        uchardet_delete(ud);
    }
    return cs >= 0 ? cs : CS_1252;
}

static void set_err(char *err, size_t errlen, const char *a, const char *b, const char *c)
{
    if (err && errlen)
        snprintf(err, errlen, "%s%s%s", a, b, c);
}

int dc_decode(const char *in, size_t len, const char *forced, const char *hint,
              dc_decoded *out, char *err, size_t errlen)
{
    const unsigned char *s = (const unsigned char *)(in ? in : "");
    int cs = -1, bom = -1;
    size_t skip = 0;

    out->data = NULL;
    out->len = 0;
    out->encoding[0] = '\0';
    if (!in)
        len = 0;

    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        bom = CS_UTF8;
    else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
        bom = CS_UTF16LE;
    else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
        bom = CS_UTF16BE;

    if (forced) {
        cs = label_index(forced, strlen(forced));
        if (cs < 0) {
            set_err(err, errlen, "unknown character encoding \"", forced, "\"");
            return -1;
        }
    }
    if (cs < 0)
        cs = bom;
    if (cs < 0 && hint)
        cs = charset_from_hint(hint);
    if (cs < 0)
        cs = prescan_meta(s, len);
    if (cs >= 0 && !forced && bom < 0 && charsets[cs].kind != K_UTF8) {
        /* A page declared in a legacy charset whose bytes are valid UTF-8
         * beyond ASCII was converted after it was written (saved by a
         * browser or a crawler) with the declaration left as it was:
         * legacy text almost never forms valid UTF-8 sequences by chance. */
        int multi;
        if (looks_utf8(s, len, &multi) && multi)
            cs = CS_UTF8;
    }
    if (cs < 0)
        cs = detect(s, len);
    if (cs == bom)
        skip = bom == CS_UTF8 ? 3 : 2;
    s += skip;
    len -= skip;

    dc_buf b = DC_BUF_INIT;
    switch (charsets[cs].kind) {
    case K_UTF8:
        dc_buf_grow(&b, len);
        put_utf8(&b, s, len);
        break;
    case K_UTF16LE:
    case K_UTF16BE:
        dc_buf_grow(&b, len + len / 2);
        put_utf16(&b, s, len, charsets[cs].kind == K_UTF16BE);
        break;
    case K_USER:
        put_user(&b, s, len);
        break;
    case K_ICONV:
        dc_buf_grow(&b, len + len / 2);
        if (put_iconv(&b, charsets[cs].iconv, s, len) < 0) {
            dc_buf_free(&b);
            set_err(err, errlen, "character encoding \"", charsets[cs].name,
                    "\" is not supported by this system's iconv");
            return -1;
        }
        break;
    }
    dc_buf_put(&b, "", 0); /* terminates the buffer even when nothing was written */
    if (b.oom) {
        dc_buf_free(&b);
        set_err(err, errlen, "out of memory while decoding", "", "");
        return -1;
    }
    out->len = b.size;
    out->data = dc_buf_detach(&b);
    if (!out->data) {
        out->len = 0;
        set_err(err, errlen, "out of memory while decoding", "", "");
        return -1;
    }
    dc_mojibake_repair(out->data, &out->len);
    snprintf(out->encoding, sizeof out->encoding, "%s", charsets[cs].name);
    return 0;
}
