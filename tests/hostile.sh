#!/bin/sh
# A batch mixing good pages with every kind of hostile input from the
# robustness brief: it must give exactly one valid JSON record per input,
# in input order, all output valid UTF-8, and keep going after each one.
# Usage: sh tests/hostile.sh BIN
set -u
bin=${1:?usage: hostile.sh BIN}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

python3 - "$tmp" <<'PY' || exit 1
import os, sys
d = sys.argv[1]
good = ("<html><head><title>Good</title></head><body><article>" +
        "<p>The harbour master said the new breakwater would protect the fishing fleet "
        "from winter storms for the first time in decades.</p>" * 4 + "</article></body></html>")
pages = {
    "01-good.html": good.encode(),
    "02-deep-div.html": b"<div>" * 200000 + b"deep",
    "03-deep-b.html": b"<b>" * 100000 + b"bold",
    "04-deep-table.html": b"<table><tr><td>" * 20000 + b"cell",
    "05-nul.html": good.encode().replace(b"harbour", b"har\0bour"),
    "06-bad-utf8.html": good.encode().replace(b"fleet", b"fl\xff\xfe\xc3et"),
    "07-bom-only.html": b"\xef\xbb\xbf",
    "08-empty.html": b"",
    "09-pdf.html": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
    "10-png.html": b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + os.urandom(2000),
    "11-json.html": b'{"items": [1, 2, 3], "name": "not a page"}',
    "12-huge-attr.html": b'<div title="' + b"x" * 3000000 + b'">' + good.encode(),
    "13-siblings.html": b"<body>" + b"<p>a</p>" * 300000,
    "14-unclosed.html": b"<html><body><div><p><b><i><a href=x><table><tr><td><ul><li>" * 50,
    "15-wrong-charset.html": ('<meta charset="shift_jis">' + good).encode("utf-8"),
    "16-unknown-charset.html": ('<meta charset="x-no-such-charset">' + good).encode(),
    "17-good.html": good.encode(),
}
for name, data in pages.items():
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)
PY

"$bin" -q -j 2 -f jsonl --timeout=60 "$tmp"/*.html >"$tmp/out" 2>"$tmp/err"
status=$?

python3 - "$tmp" "$status" <<'PY'
import json, os, sys
d, status = sys.argv[1], int(sys.argv[2])
names = sorted(n for n in os.listdir(d) if n.endswith(".html"))
raw = open(os.path.join(d, "out"), "rb").read()
passed = failed = 0
def check(what, ok):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL:", what)
try:
    text = raw.decode("utf-8")
    check("output is valid UTF-8", True)
except UnicodeDecodeError:
    text = raw.decode("utf-8", "replace")
    check("output is valid UTF-8", False)
lines = text.splitlines()
check("one record per input (%d for %d)" % (len(lines), len(names)), len(lines) == len(names))
recs = []
for i, l in enumerate(lines):
    try:
        recs.append(json.loads(l))
    except ValueError:
        check("line %d is JSON" % (i + 1), False)
        recs.append({})
check("records in input order",
      [os.path.basename(r.get("source", "")) for r in recs] == names)
by = {os.path.basename(r.get("source", "")): r for r in recs}
for n in ("01-good.html", "17-good.html", "05-nul.html", "06-bad-utf8.html",
          "12-huge-attr.html"):
    check(n + " extracted", by.get(n, {}).get("ok") is True and
          "harbour" in by.get(n, {}).get("text", "").replace("\ufffd", ""))
for n in ("09-pdf.html", "10-png.html", "11-json.html"):
    check(n + " refused as bad input", by.get(n, {}).get("status") == "bad_input")
for n in ("02-deep-div.html", "03-deep-b.html", "04-deep-table.html", "13-siblings.html",
          "14-unclosed.html", "07-bom-only.html", "08-empty.html"):
    check(n + " answered without a crash or timeout",
          by.get(n, {}).get("status") not in (None, "crashed", "timeout"))
check("batch exit status is 0 or 5 (%d)" % status, status in (0, 5))
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
