#!/usr/bin/env python3
"""Writes the WARC files that tests/batch.sh reads (standard library only).

Usage: python3 tests/warc_gen.py OUTDIR

Each page carries a marker word (ALPHA, BRAVO, ...) in its text and its
target URI, so that the test can tell the records apart in the output.
Files written:

  plain.warc        WARC/1.1, uncompressed: warcinfo, request, HTML
                    response, PNG response, chunked HTML response, gzip
                    content-coded HTML response (charset only in the
                    HTTP header), deflate content-coded
                    HTML response, metadata, response
                    without Content-Type (sniffed), resource text/html,
                    dns response, WARC/1.0 HTML response, revisit
  pergz.warc.gz     the same records, one gzip member each
  whole.warc.gz     the same records in a single gzip member
  trunc.warc.gz     per-record gzip; the second HTML record's member is
                    cut in half, two good records follow
  trunc.warc        uncompressed; the second record claims more bytes
                    than it has, two good records follow
  badlen.warc       a Content-Length too small, one that is not a number,
                    one too large, each followed by a good record
  big.warc          an HTML response larger than 1 MiB between two small
                    ones (for --max-bytes=1M)
"""
import gzip
import os
import sys
import zlib

PARA = ("Every evening at dusk the keeper climbed the one hundred and twelve "
        "steps of the tower, trimmed the wick and wound the clockwork that "
        "turned the great lens, so that ships far out at sea could find the "
        "channel between the rocks. In winter the storms came in from the "
        "west and the spray reached the gallery windows.")


def page(marker, charset="utf-8", extra=""):
    body = "".join(
        "<p>%s %s number %d. %s</p>\n" % (marker, PARA, i, extra)
        for i in range(3))
    meta = "<meta charset=\"%s\">" % charset if charset else ""
    return ("<!DOCTYPE html>\n<html><head>%s"
            "<title>%s story</title></head><body>"
            "<nav><a href=\"/\">Home</a> <a href=\"/x\">News</a></nav>"
            "<article><h1>%s story</h1>\n%s</article>"
            "<footer>Contact</footer></body></html>\n"
            % (meta, marker, marker, body))


def http_response(body, ctype="text/html; charset=utf-8", status=200,
                  headers=()):
    head = "HTTP/1.1 %d OK\r\n" % status
    if ctype is not None:
        head += "Content-Type: %s\r\n" % ctype
    for h in headers:
        head += h + "\r\n"
    return head.encode("ascii") + b"\r\n" + body


def chunked(data, size=100):
    out = b""
    for i in range(0, len(data), size):
        piece = data[i:i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


counter = [0]


def record(wtype, block, uri=None, ctype=None, version="1.1",
           length=None, extra=()):
    counter[0] += 1
    head = ["WARC/%s" % version,
            "WARC-Type: %s" % wtype,
            "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>"
            % counter[0],
            "WARC-Date: 2024-03-12T10:%02d:00Z" % (counter[0] % 60)]
    if uri is not None:
        head.append("WARC-Target-URI: %s" % uri)
    if ctype is not None:
        head.append("Content-Type: %s" % ctype)
    head.extend(extra)
    head.append("Content-Length: %s"
                % (len(block) if length is None else length))
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + block + \
        b"\r\n\r\n"


HTTP = "application/http; msgtype=response"


def html_response(marker, **kw):
    return record("response", http_response(page(marker).encode()),
                  uri="http://example.org/%s" % marker.lower(), ctype=HTTP,
                  **kw)


def main_records():
    recs = []
    recs.append(record("warcinfo", b"software: warc_gen.py\r\n",
                       ctype="application/warc-fields"))
    recs.append(record("request",
                       b"GET /alpha HTTP/1.1\r\nHost: example.org\r\n\r\n",
                       uri="http://example.org/alpha",
                       ctype="application/http; msgtype=request"))
    recs.append(html_response("ALPHA"))
    recs.append(record("response",
                       http_response(b"\x89PNG\r\n\x1a\n" + bytes(200),
                                     ctype="image/png"),
                       uri="http://example.org/logo.png", ctype=HTTP))
    body = page("BRAVO").encode()
    recs.append(record("response",
                       http_response(chunked(body),
                                     headers=["Transfer-Encoding: chunked"]),
                       uri="http://example.org/bravo", ctype=HTTP))
    body = gzip.compress(page("CHARLIE", charset=None,
                              extra="caf\xe9").encode("cp1252"))
    recs.append(record("response",
                       http_response(body,
                                     ctype="text/html; charset=windows-1252",
                                     headers=["Content-Encoding: gzip"]),
                       uri="http://example.org/charlie", ctype=HTTP))
    recs.append(record("response",
                       http_response(zlib.compress(page("TANGO").encode()),
                                     headers=["Content-Encoding: deflate"]),
                       uri="http://example.org/tango", ctype=HTTP))
    recs.append(record("metadata", b"via: http://example.org/\r\n",
                       uri="http://example.org/charlie",
                       ctype="application/warc-fields"))
    recs.append(record("response",
                       http_response(page("DELTA").encode(), ctype=None),
                       uri="http://example.org/delta", ctype=HTTP))
    recs.append(record("resource", page("ECHO").encode(),
                       uri="file:///pages/echo.html", ctype="text/html"))
    recs.append(record("response", b"example.org. 300 IN A 192.0.2.1\n",
                       uri="dns:example.org", ctype="text/dns"))
    recs.append(html_response("FOXTROT", version="1.0"))
    recs.append(record("revisit", b"HTTP/1.1 200 OK\r\n\r\n",
                       uri="http://example.org/alpha", ctype=HTTP))
    return recs


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def gz_member(data):
    return gzip.compress(data, mtime=0)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    recs = main_records()
    write(os.path.join(out, "plain.warc"), b"".join(recs))
    write(os.path.join(out, "pergz.warc.gz"),
          b"".join(gz_member(r) for r in recs))
    write(os.path.join(out, "whole.warc.gz"), gz_member(b"".join(recs)))

    counter[0] = 100
    good = [html_response(m) for m in ("GOLF", "HOTEL", "INDIA", "JULIET")]
    cut = gz_member(good[1])
    write(os.path.join(out, "trunc.warc.gz"),
          gz_member(good[0]) + cut[:len(cut) // 2]
          + gz_member(good[2]) + gz_member(good[3]))

    counter[0] = 200
    body = http_response(page("HOTEL").encode())
    short = record("response", body[:len(body) // 2],
                   uri="http://example.org/hotel", ctype=HTTP,
                   length=len(body))[:-4]
    write(os.path.join(out, "trunc.warc"),
          html_response("GOLF") + short + html_response("INDIA")
          + html_response("JULIET"))

    counter[0] = 300
    body = http_response(page("KILO").encode())
    small = record("response", body, uri="http://example.org/kilo",
                   ctype=HTTP, length=len(body) - 300)
    nonnum = record("response", body, uri="http://example.org/lima",
                    ctype=HTTP, length="12x4")
    large = record("response", body, uri="http://example.org/mike",
                   ctype=HTTP, length=len(body) + 40)
    write(os.path.join(out, "badlen.warc"),
          small + html_response("NOVEMBER") + nonnum + html_response("OSCAR")
          + large + html_response("PAPA"))

    counter[0] = 400
    huge = page("QUEBEC", extra="filler " * 200000).encode()
    write(os.path.join(out, "big.warc"),
          html_response("ROMEO")
          + record("response", http_response(huge),
                   uri="http://example.org/quebec", ctype=HTTP)
          + html_response("SIERRA"))


if __name__ == "__main__":
    main()
