#include "work.h"

#include <declutter.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gz.h"
#include "http.h"
#include "input.h"

void result_free(result *r)
{
    sb_free(&r->out);
    sb_free(&r->msg);
    r->kind = OUT_OK;
    r->exit_code = 0;
}

void work_fail_fields(sbuf *b, const char *status, const char *error)
{
    sb_adds(b, "\"ok\":false,\"status\":");
    sb_json_str(b, status, strlen(status));
    sb_adds(b, ",\"error\":");
    sb_json_str(b, error, strlen(error));
}

/* Records a failure. pre holds the jsonl fields known so far. */
PRINTF_LIKE(6, 7)
static void fail(const cli_conf *c, result *r, const sbuf *pre, int exit_code,
                 const char *status, const char *fmt, ...)
{
    va_list ap;
    char why[512];

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    r->kind = OUT_FAIL;
    r->exit_code = exit_code;
    sb_adds(&r->msg, why);
    r->out.len = 0;
    if (c->format == FMT_JSONL) {
        if (pre->len > 0)
            sb_add(&r->out, pre->p, pre->len);
        work_fail_fields(&r->out, status, why);
    }
}

static void input_fail(const cli_conf *c, result *r, const sbuf *pre,
                       input_status st, int err, int compressed)
{
    switch (st) {
    case INPUT_ERRNO:
        fail(c, r, pre, EXIT_INPUT, "unreadable", "%s", strerror(err));
        break;
    case INPUT_TOO_LARGE:
        fail(c, r, pre, EXIT_INPUT, "too_large",
             "%sinput larger than %zu bytes (--max-bytes)",
             compressed ? "decompressed " : "", c->max_bytes);
        break;
    case INPUT_CORRUPT:
        fail(c, r, pre, EXIT_INPUT, "bad_input", "corrupt gzip data");
        break;
    case INPUT_NO_MEMORY:
    default:
        fail(c, r, pre, EXIT_INTERNAL, "internal", "out of memory");
        break;
    }
}

/*
 * The payload of an HTTP response: de-chunked and decoded, bounded by
 * --max-bytes. Returns 0 with the payload in *out (owned when *owned),
 * 1 when it is not HTML, -1 after recording a failure.
 */
static int http_payload(const cli_conf *c, const job *j, result *r, sbuf *pre,
                        http_info *h, char **owned, const char **out,
                        size_t *outlen)
{
    const char *body;
    size_t blen;

    if (http_parse(j->data, j->len, h) != 0) {
        if (http_sniff_html(j->data, j->len)) {
            /* Some archivers store the bare payload in a response. */
            memset(h, 0, sizeof *h);
            *out = j->data;
            *outlen = j->len;
            return 0;
        }
        fail(c, r, pre, EXIT_INPUT, "bad_input",
             "WARC response holds no HTTP status line");
        return -1;
    }
    sb_printf(pre, "\"http_status\":%d,", h->status);
    if (h->html == 0)
        return 1;
    body = j->data + h->head_len;
    blen = j->len - h->head_len;
    if (h->chunked) {
        char *plain = NULL;
        size_t plen = 0;

        switch (http_dechunk(body, blen, c->max_bytes, &plain, &plen)) {
        case 0:
            *owned = plain;
            body = plain;
            blen = plen;
            break;
        case 1:
            fail(c, r, pre, EXIT_INPUT, "too_large",
                 "input larger than %zu bytes (--max-bytes)", c->max_bytes);
            return -1;
        case -1:
            break; /* stored already de-chunked */
        default:
            fail(c, r, pre, EXIT_INTERNAL, "internal", "out of memory");
            return -1;
        }
    }
    if (h->coding == HTTP_OTHER) {
        fail(c, r, pre, EXIT_INPUT, "bad_input",
             "unsupported Content-Encoding '%s'", h->coding_name);
        return -1;
    }
    /* Archivers that store the decoded payload often keep the header:
     * believe the bytes for gzip. */
    if ((h->coding == HTTP_GZIP && gz_magic(body, blen))
        || (h->coding == HTTP_DEFLATE && blen > 0)) {
        char *dec = NULL;
        size_t dlen = 0;
        gz_status st = gz_inflate(body, blen,
                                  h->coding == HTTP_GZIP ? GZ_GZIP : GZ_DEFLATE,
                                  c->max_bytes, &dec, &dlen);

        free(*owned);
        *owned = NULL;
        switch (st) {
        case GZ_OK:
            *owned = dec;
            body = dec;
            blen = dlen;
            break;
        case GZ_TOO_LARGE:
            fail(c, r, pre, EXIT_INPUT, "too_large",
                 "decompressed input larger than %zu bytes (--max-bytes)",
                 c->max_bytes);
            return -1;
        case GZ_CORRUPT:
            fail(c, r, pre, EXIT_INPUT, "bad_input",
                 "corrupt %s content coding", h->coding_name);
            return -1;
        default:
            fail(c, r, pre, EXIT_INTERNAL, "internal", "out of memory");
            return -1;
        }
    }
    if (h->html < 0 && !http_sniff_html(body, blen))
        return 1;
    *out = body;
    *outlen = blen;
    return 0;
}

static void format_result(const cli_conf *c, result *r, const sbuf *pre,
                          declutter_status st, const declutter_result *dr)
{
    char *json = NULL;
    size_t jlen = 0;

    if (st == DECLUTTER_NO_CONTENT) {
        r->kind = OUT_NO_CONTENT;
        r->exit_code = EXIT_NO_CONTENT;
        sb_adds(&r->msg, "no main content found");
    } else {
        r->kind = OUT_OK;
        r->exit_code = EXIT_CONTENT;
    }
    if (c->format == FMT_TEXT || c->format == FMT_MARKDOWN
        || c->format == FMT_HTML) {
        declutter_format f = c->format == FMT_TEXT ? DECLUTTER_FORMAT_TEXT
                             : c->format == FMT_MARKDOWN
                                 ? DECLUTTER_FORMAT_MARKDOWN
                                 : DECLUTTER_FORMAT_HTML;
        declutter_status rs = declutter_render(dr, f, &json, &jlen);

        if (rs == DECLUTTER_OK) {
            sb_add(&r->out, json, jlen);
        } else {
            sb_free(&r->msg);
            fail(c, r, pre, EXIT_INTERNAL, "internal", "%s",
                 rs == DECLUTTER_NO_MEMORY
                     ? "out of memory"
                     : "this library cannot write the requested format");
        }
        declutter_free(json);
        return;
    }
    if (declutter_render(dr, DECLUTTER_FORMAT_JSON, &json, &jlen)
        != DECLUTTER_OK) {
        declutter_free(json);
        sb_free(&r->msg);
        fail(c, r, pre, EXIT_INTERNAL, "internal", "out of memory");
        return;
    }
    while (jlen > 0 && (json[jlen - 1] == '\n' || json[jlen - 1] == ' '))
        jlen--;
    if (c->format == FMT_JSON) {
        sb_add(&r->out, json, jlen);
        sb_addc(&r->out, '\n');
    } else if (jlen >= 2 && json[0] == '{' && json[jlen - 1] == '}') {
        if (pre->len > 0)
            sb_add(&r->out, pre->p, pre->len);
        sb_adds(&r->out, st == DECLUTTER_NO_CONTENT
                             ? "\"ok\":true,\"status\":\"no_content\""
                             : "\"ok\":true,\"status\":\"ok\"");
        if (jlen > 2) {
            sb_addc(&r->out, ',');
            sb_add(&r->out, json + 1, jlen - 2);
        }
    } else {
        sb_free(&r->msg);
        fail(c, r, pre, EXIT_INTERNAL, "internal",
             "the library's JSON is not an object");
    }
    declutter_free(json);
}

void work_run(const cli_conf *c, const job *j, result *r)
{
    sbuf pre = SBUF_INIT;
    char *owned = NULL;
    const char *data = NULL;
    size_t len = 0;
    http_info h;
    declutter_options opts;
    declutter_result *dr = NULL;
    declutter_status st;
    char *clean_url = NULL;

    memset(&h, 0, sizeof h);
    result_free(r);
    if (j->kind == JOB_FILE) {
        int err = 0;
        input_status ist = input_read(j->path, c->max_bytes, &owned, &len,
                                      &err);

        if (ist != INPUT_OK) {
            input_fail(c, r, &pre, ist, err, 0);
            goto done;
        }
        ist = input_gunzip(&owned, &len, c->max_bytes);
        if (ist != INPUT_OK) {
            input_fail(c, r, &pre, ist, 0, 1);
            goto done;
        }
        data = owned;
    } else if (j->kind == JOB_DATA) {
        data = j->data;
        len = j->len;
        if (gz_magic(data, len)) {
            input_status ist;

            owned = mem_strdup(data, len);
            if (owned == NULL) {
                input_fail(c, r, &pre, INPUT_NO_MEMORY, 0, 0);
                goto done;
            }
            ist = input_gunzip(&owned, &len, c->max_bytes);
            if (ist != INPUT_OK) {
                input_fail(c, r, &pre, ist, 0, 1);
                goto done;
            }
            data = owned;
        }
    } else {
        int rc = http_payload(c, j, r, &pre, &h, &owned, &data, &len);

        if (rc < 0)
            goto done;
        if (rc > 0) {
            r->kind = OUT_SKIP;
            goto done;
        }
    }

    declutter_options_init(&opts);
    opts.flags = c->flags;
    opts.encoding = j->encoding != NULL ? j->encoding : c->encoding;
    opts.encoding_hint = h.charset[0] != '\0' ? h.charset : NULL;
    /* Addresses from archives and JSON lines may hold any bytes; the
     * url field must stay valid UTF-8. */
    if (j->url != NULL || c->url != NULL) {
        clean_url = utf8_clean(j->url != NULL ? j->url : c->url);
        opts.url = clean_url;
    }
    opts.max_bytes = c->max_bytes;
    if (c->max_depth)
        opts.max_depth = c->max_depth;
    opts.depth_error = c->depth_error;
    st = declutter_extract(data, len, &opts, &dr);
    free(owned);
    owned = NULL;
    switch (st) {
    case DECLUTTER_OK:
    case DECLUTTER_NO_CONTENT:
        if (dr != NULL) {
            format_result(c, r, &pre, st, dr);
            break;
        }
        fail(c, r, &pre, EXIT_INTERNAL, "internal", "out of memory");
        break;
    case DECLUTTER_BAD_INPUT:
    case DECLUTTER_TOO_LARGE:
    case DECLUTTER_BAD_OPTION: {
        const char *why = dr != NULL ? declutter_result_error(dr) : "";

        fail(c, r, &pre, EXIT_INPUT,
             st == DECLUTTER_BAD_INPUT ? "bad_input"
             : st == DECLUTTER_TOO_LARGE ? "too_large" : "bad_option",
             "%s", why[0] != '\0' ? why : declutter_strerror(st));
        break;
    }
    case DECLUTTER_NO_MEMORY:
        fail(c, r, &pre, EXIT_INTERNAL, "internal", "%s",
             declutter_strerror(st));
        break;
    default: {
        /* Statuses added after this was written are limits the input
         * exceeded; the library's message names the limit. */
        const char *why = dr != NULL ? declutter_result_error(dr) : "";

        fail(c, r, &pre, EXIT_INPUT, "limit", "%s",
             why[0] != '\0' ? why : declutter_strerror(st));
        break;
    }
    }
    declutter_result_free(dr);
done:
    free(owned);
    free(clean_url);
    sb_free(&pre);
    if (r->out.oom || r->msg.oom) {
        sb_free(&r->out);
        sb_free(&r->msg);
        r->kind = OUT_FAIL;
        r->exit_code = EXIT_INTERNAL;
        sb_adds(&r->msg, "out of memory");
        if (c->format == FMT_JSONL)
            work_fail_fields(&r->out, "internal", "out of memory");
    }
}
