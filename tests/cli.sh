#!/bin/sh
# Behaviour tests for the declutter command-line tool: options, exit
# statuses, messages and the shape of the output. Needs python3 for the
# JSON checks (they are skipped without it).
#
# Usage: sh tests/cli.sh path/to/declutter

BIN=${1:?usage: sh tests/cli.sh path/to/declutter}
if [ ! -x "$BIN" ]; then
    echo "cli.sh: $BIN: not an executable" >&2
    exit 2
fi

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

pass=0
fail=0
have_python=0
if command -v python3 >/dev/null 2>&1; then
    have_python=1
fi

# run [ARG]...: runs the tool with no standard input; sets $rc and leaves
# standard output and error in $tmp/out and $tmp/err.
run() {
    "$BIN" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# run_in FILE [ARG]...: the same with FILE as standard input.
run_in() {
    in=$1
    shift
    "$BIN" "$@" <"$in" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

# check DESCRIPTION COMMAND...: one test case; it passes when COMMAND does.
check() {
    desc=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $desc (exit status $rc)"
        if [ -s "$tmp/err" ]; then
            sed 's/^/    stderr: /' "$tmp/err" | head -n 5
        fi
    fi
}

status_is() { [ "$rc" -eq "$1" ]; }
out_empty() { [ ! -s "$tmp/out" ]; }
out_nonempty() { [ -s "$tmp/out" ]; }
err_empty() { [ ! -s "$tmp/err" ]; }
out_has() { grep -qF -- "$1" "$tmp/out"; }
out_lacks() { ! grep -qF -- "$1" "$tmp/out"; }
first_line_is() { [ "$(head -n 1 "$tmp/out")" = "$1" ]; }
err_has() { grep -qF -- "$1" "$tmp/err"; }
out_lines() { [ "$(wc -l <"$tmp/out")" -eq "$1" ]; }
out_json_lines() {
    [ "$have_python" -eq 0 ] && return 0
    python3 -c '
import json, sys
for line in sys.stdin:
    json.loads(line)
' <"$tmp/out"
}
out_json_valid() {
    [ "$have_python" -eq 0 ] && return 0
    python3 -m json.tool <"$tmp/out" >/dev/null
}
# out_json_field NAME VALUE: the single JSON object's field NAME is VALUE.
out_json_field() {
    [ "$have_python" -eq 0 ] && return 0
    python3 -c '
import json, sys
sys.exit(json.load(sys.stdin).get(sys.argv[1]) != sys.argv[2])
' "$1" "$2" <"$tmp/out"
}
same_as() { cmp -s "$tmp/out" "$1"; }

# usage_error DESCRIPTION [ARG]...: a usage error is reported on stderr,
# exits 2 and writes nothing.
usage_error() {
    desc=$1
    shift
    run "$@"
    check "$desc: exit 2" status_is 2
    check "$desc: nothing on stdout" out_empty
    check "$desc: message" err_has "declutter: "
    check "$desc: points to --help" err_has "declutter --help"
}

# Test pages.
page="$tmp/page.html"
printf '%s\n' \
    '<!DOCTYPE html>' \
    '<html lang="en"><head><meta charset="utf-8">' \
    '<title>The lighthouse keeper</title></head><body>' \
    '<nav><a href="/">Home</a> <a href="/about">About</a></nav>' \
    '<article><h1>The lighthouse keeper</h1>' \
    '<p>Every evening at dusk the keeper climbed the one hundred and twelve' \
    'steps of the tower, trimmed the wick and wound the clockwork that' \
    'turned the great lens, so that ships far out at sea could find the' \
    'channel between the rocks.</p>' \
    '<p>In winter the storms came in from the west and the spray reached' \
    'the gallery windows. He kept a log of every ship that passed, of the' \
    'weather at each hour and of the oil that was burned through the night,' \
    'and the log books filled a whole shelf in the kitchen below.</p>' \
    '<p>When the light was finally automated, he moved to a cottage in the' \
    'village, but for years afterwards he still woke at dusk and looked out' \
    'of the window towards the tower to see whether the beam was turning.</p>' \
    '</article>' \
    '<footer>Copyright and contact details</footer>' \
    '</body></html>' >"$page"
page2="$tmp/second.html"
sed 's/keeper/captain/g' "$page" >"$page2"
nocontent="$tmp/blank.html"
printf '%s\n' '<html><head><title>Nothing</title></head><body></body></html>' \
    >"$nocontent"
empty="$tmp/empty.html"
: >"$empty"

# --help and --version.
run --help
check "--help: exit 0" status_is 0
check "--help: usage on stdout" out_has "Usage: declutter"
check "--help: nothing on stderr" err_empty
for opt in --format --encoding --url --max-bytes --timeout --jobs \
    --recursive --files-from --null --warc --lines --output-dir --quiet \
    --help --version --links --images --no-tables --with-metadata markdown \
    html --precision --recall --comments; do
    check "--help lists $opt" out_has "$opt"
done
check "--help lists exit statuses" out_has "Exit status"
run -h
check "-h: exit 0" status_is 0
check "-h: usage on stdout" out_has "Usage: declutter"
run --version
check "--version: exit 0" status_is 0
check "--version: one line" out_lines 1
check "--version: names the program" out_has "declutter "
check "--version: nothing on stderr" err_empty

# Usage errors.
usage_error "unknown long option" --no-such-option
usage_error "unknown short option" -Z
usage_error "--format without a value" --format
usage_error "--format=xml" --format=xml
check "--format=xml: names the value" err_has "invalid format 'xml' (expected text, markdown, html, json or jsonl)"
usage_error "--format xml" --format xml "$page"
usage_error "-f xml" -f xml "$page"
usage_error "--max-bytes=abc" --max-bytes=abc "$page"
usage_error "--max-bytes=-1" --max-bytes=-1 "$page"
usage_error "--max-bytes=10X" --max-bytes=10X "$page"
usage_error "--quiet with a value" --quiet=yes "$page"
usage_error "usage error with -q" -q --format=xml "$page"
usage_error "--links with a value" --links=yes "$page"
usage_error "--no-tables with a value" --no-tables=1 "$page"
usage_error "--format=MD (case matters)" --format=MD "$page"
usage_error "--precision with --recall" --precision --recall "$page"
check "--precision with --recall: says why" err_has "--precision and --recall exclude each other"

# --precision and --recall: a credit line between the paragraphs, a list
# of links inside the article.
bias="$tmp/bias.html"
sed -e 's|channel between the rocks.</p>|&<p>Photo: Jo Bloggs</p>|' \
    -e 's|filled a whole shelf in the kitchen below.</p>|&<ul><li><a href="/a">Another story about the coast guard</a></li><li><a href="/b">More lighthouses of the north coast</a></li></ul>|' \
    "$page" >"$bias"
run "$bias"
check "default: credit line kept" out_has "Photo: Jo Bloggs"
check "default: link list dropped" out_lacks "Another story"
run --precision "$bias"
check "--precision: exit 0" status_is 0
check "--precision: credit line dropped" out_lacks "Photo: Jo Bloggs"
check "--precision: prose kept" out_has "moved to a cottage"
run --recall "$bias"
check "--recall: link list kept" out_has "Another story about the coast guard"
check "--recall: prose kept" out_has "moved to a cottage"
run -f jsonl --precision "$bias" "$page"
check "--precision in a batch: applied" out_lacks "Jo Bloggs"

# Unreadable inputs.
run "$tmp/missing.html"
check "missing file: exit 3" status_is 3
check "missing file: named" err_has "declutter: $tmp/missing.html: No such file or directory"
check "missing file: nothing on stdout" out_empty
run "$tmp"
check "directory: exit 3" status_is 3
check "directory: message" err_has "$tmp: Is a directory"
check "directory: nothing on stdout" out_empty
if [ -r /dev/full ]; then
    "$BIN" "$page" >/dev/full 2>"$tmp/err"
    rc=$?
    check "write error: exit 4" status_is 4
    check "write error: message" err_has "write error"
fi

# Pages with content, from standard input and from a file.
run_in "$page"
check "stdin: exit 0" status_is 0
check "stdin: text written" out_has "the keeper climbed"
check "stdin: no messages" err_empty
check "stdin: no header for one input" out_lacks "==>"
cp "$tmp/out" "$tmp/expected"
run "$page"
check "file: exit 0" status_is 0
check "file: same text as stdin" same_as "$tmp/expected"
run_in "$page" -
check "'-' is stdin: exit 0" status_is 0
check "'-' is stdin: same text" same_as "$tmp/expected"
run "$page" --format text
check "options after FILE: exit 0" status_is 0
check "--format text: same text" same_as "$tmp/expected"
run -- "$page"
check "'--' ends options: exit 0" status_is 0
if command -v gzip >/dev/null 2>&1; then
    gzip -c "$page" >"$tmp/page.gz"
    run "$tmp/page.gz"
    check "gzip file: exit 0" status_is 0
    check "gzip file: same text" same_as "$tmp/expected"
    run_in "$tmp/page.gz"
    check "gzip stdin: same text" same_as "$tmp/expected"
    run --max-bytes=700 "$tmp/page.gz"
    check "gzip over --max-bytes once inflated: exit 3" status_is 3
    check "gzip over --max-bytes: says decompressed" err_has "decompressed input larger than 700"
fi
run --max-bytes 1M "$page"
check "--max-bytes 1M: exit 0" status_is 0
run --max-bytes=0 "$page"
check "--max-bytes=0 (no limit): exit 0" status_is 0
run --encoding=utf-8 "$page"
check "--encoding=utf-8: exit 0" status_is 0
check "--encoding=utf-8: same text" same_as "$tmp/expected"
run -e no-such-charset "$page"
check "unknown encoding: exit 3" status_is 3
check "unknown encoding: names the input" err_has "declutter: $page: "
check "unknown encoding: nothing on stdout" out_empty

# No main content.
run_in "$empty"
check "empty input: exit 1" status_is 1
check "empty input: nothing written" out_empty
check "empty input: message" err_has "declutter: (stdin): no main content found"
run "$nocontent"
check "no content: exit 1" status_is 1
check "no content: nothing written" out_empty
check "no content: message" err_has "declutter: $nocontent: no main content found"
run -q "$nocontent"
check "-q no content: exit 1" status_is 1
check "-q: no message" err_empty
run --quiet "$tmp/missing.html"
check "-q missing file: exit 3" status_is 3
check "-q missing file: no message" err_empty

# --max-bytes: a file and a stream over the limit.
run --max-bytes=100 "$page"
check "file over --max-bytes: exit 3" status_is 3
check "file over --max-bytes: names the limit" err_has "100"
check "file over --max-bytes: nothing written" out_empty
dd if=/dev/zero bs=1024 count=4096 2>/dev/null |
    "$BIN" --max-bytes=2K >"$tmp/out" 2>"$tmp/err"
rc=$?
check "stream over --max-bytes: exit 3" status_is 3
check "stream over --max-bytes: names the limit" err_has "2048"

# Several inputs.
# Several inputs are a batch: 0 when every input could be processed
# (pages without content included), 5 when some failed.
run "$page" "$nocontent" "$page2"
check "several: no failure, exit 0" status_is 0
grep '^==> ' "$tmp/out" >"$tmp/headers"
printf '==> %s <==\n' "$page" "$nocontent" "$page2" >"$tmp/want"
check "several: one header per input, in order" cmp -s "$tmp/headers" "$tmp/want"
check "several: first text" out_has "the keeper climbed"
check "several: second text" out_has "the captain climbed"
check "several: first header on line 1" first_line_is "==> $page <=="
run "$tmp/missing.html" "$page" "$tmp"
check "several with failures: exit 5" status_is 5
check "several with failures: summary" err_has "declutter: 2 of 3 inputs failed"
check "several with failures: later input processed" out_has "the keeper climbed"
check "several with failures: missing file named" err_has "missing.html"
check "several with failures: directory named" err_has "Is a directory"
run_in "$page" "$page2" -
check "several with '-': exit 0" status_is 0
check "several with '-': stdin header" out_has "==> (stdin) <=="

# JSON.
run --format json "$page"
check "json: exit 0" status_is 0
check "json: a single line" out_lines 1
check "json: valid" out_json_valid
check "json: has the text" out_has "the keeper climbed"
run -f json --url=https://example.org/keeper "$page"
check "json --url: url field" out_json_field url https://example.org/keeper
run --format=json "$nocontent"
check "json no content: exit 1" status_is 1
check "json no content: object written" out_lines 1
check "json no content: empty text" out_json_field text ""
run --format=json "$page" "$nocontent" "$tmp/missing.html" "$page2"
check "json several: exit 5" status_is 5
check "json several: one line per readable input" out_lines 3
check "json several: each line valid" out_json_lines
check "json several: no headers" out_lacks "==>"

# Markdown and HTML, links, images, tables, metadata.
rich="$tmp/rich.html"
printf '%s\n' \
    '<!DOCTYPE html>' \
    '<html lang="en"><head><meta charset="utf-8">' \
    '<title>Tide tables</title><meta name="author" content="Ann Reed">' \
    '<link rel="canonical" href="https://news.example/coast/tides.html">' \
    '</head><body><nav><a href="/">Home</a> <a href="/coast">Coast</a></nav>' \
    '<article><h1>Tide tables</h1>' \
    '<p>The harbour office publishes the <a href="charts/tides.pdf">tide' \
    'tables</a> every Monday, and the board by the slipway is updated each' \
    'morning before the first boats go out, whatever the weather.</p>' \
    '<figure><img src="/img/board.jpg" alt="The tide board"><figcaption>The' \
    'board by the slipway</figcaption></figure>' \
    '<h2>This week</h2>' \
    '<table><tr><th>Day</th><th>High</th></tr><tr><td>Monday</td><td>06:10</td></tr>' \
    '<tr><td>Tuesday</td><td>06:52</td></tr></table>' \
    '<p>Fishermen and dog walkers stop to read the numbers, and the chalk' \
    'is renewed whenever the rain has washed the previous figures away.</p>' \
    '</article></body></html>' >"$rich"
run -f markdown "$rich"
check "markdown: exit 0" status_is 0
check "markdown: heading" out_has "## This week"
check "markdown: table" out_has "| Monday | 06:10 |"
check "markdown: table header rule" out_has "| --- | --- |"
check "markdown: links left out by default" out_lacks "](https://"
check "markdown: images left out by default" out_lacks "!["
check "markdown: no navigation" out_lacks "Home"
check "markdown: ends with a newline" sh -c '[ "$(tail -c 1 "$1" | od -An -c | tr -d " ")" = "\n" ]' sh "$tmp/out"
cp "$tmp/out" "$tmp/md"
run --format=md "$rich"
check "-f md: same as markdown" same_as "$tmp/md"
run -f markdown --links --url=https://other.example/x/ "$rich"
check "markdown --links: resolved against --url" \
    out_has "[tide tables](https://other.example/x/charts/tides.pdf)"
run -f markdown -l "$rich"
check "markdown -l: resolved against the canonical URL" \
    out_has "[tide tables](https://news.example/coast/charts/tides.pdf)"
run -f markdown --images "$rich"
check "markdown --images: image with its caption" \
    out_has '![The tide board](https://news.example/img/board.jpg "The board by the slipway")'
run -f md -i --no-tables "$rich"
check "markdown --no-tables: no table" out_lacks "06:10"
check "markdown --no-tables: the text stays" out_has "dog walkers"
run -f markdown --with-metadata "$rich"
check "markdown --with-metadata: title first" first_line_is "# Tide tables"
check "markdown --with-metadata: author" out_has "Author: Ann Reed"
check "markdown --with-metadata: URL" out_has "URL: <https://news.example/coast/tides.html>"
run -m "$rich"
check "text -m: title first" first_line_is "Title: Tide tables"
check "text -m: body follows" out_has "dog walkers"
run --no-tables "$rich"
check "text --no-tables: no table" out_lacks "06:10"
run -l -i "$rich"
check "text --links: [text](url)" out_has "[tide tables](https://news.example/coast/charts/tides.pdf)"
check "text --images: ![alt](src)" out_has "![The tide board](https://news.example/img/board.jpg"
run -f json -l -i -m "$rich"
check "json --links: text stays plain" out_lacks "]("
check "json --links: valid" out_json_valid
run -f json --no-tables "$rich"
check "json --no-tables: no table in text" out_lacks "06:10"
run -f html "$rich"
check "html: exit 0" status_is 0
check "html: a document" first_line_is "<!DOCTYPE html>"
check "html: title" out_has "<title>Tide tables</title>"
check "html: article" out_has "<article>"
check "html: table kept" out_has "<td>Monday</td>"
check "html: no links by default" out_lacks "<a href"
check "html: ends the document" out_has "</html>"
run -f html -l -i "$rich"
check "html --links" out_has '<a href="https://news.example/coast/charts/tides.pdf">tide tables</a>'
check "html --images" out_has '<img src="https://news.example/img/board.jpg" alt="The tide board">'
check "html --images: caption" out_has "<figcaption>The board by the slipway</figcaption>"
run -f markdown "$nocontent"
check "markdown no content: exit 1" status_is 1
check "markdown no content: nothing written" out_empty
run -f md "$rich" "$page"
check "markdown several: headers" out_has "==> $rich <=="
check "markdown several: both pages" out_has "the keeper climbed"
mkdir "$tmp/mdout"
run -f markdown -o "$tmp/mdout" "$rich"
check "markdown --output-dir: exit 0" status_is 0
check "markdown --output-dir: NAME.md" test -s "$tmp/mdout/rich.md"

# depth limit: flattened by default, an error naming the limit on request
deep="$tmp/deep.html"
{
    printf '<html><body>'
    i=0
    while [ $i -lt 60 ]; do printf '<div>'; i=$((i + 1)); done
    printf 'Deep text that still counts as the content of this page, once flattened.'
} >"$deep"
run --max-depth=10 "$deep"
check "--max-depth: flattened, exit 0" status_is 0
check "--max-depth: text kept" out_has "Deep text"
run --max-depth=10 --depth-error "$deep"
check "--depth-error: exit 3" status_is 3
check "--depth-error: names the limit" err_has "limit of 10"
run -f jsonl --max-depth=10 --depth-error "$deep"
check "--depth-error jsonl: limit record" out_has '"status":"limit"'
run --max-depth=0 "$deep"
check "--max-depth=0: usage error" status_is 2

# --comments: the reader comments as their own section / member
cpage="$tmp/comments.html"
{
    printf '<html><body><article>'
    i=0
    while [ $i -lt 4 ]; do
        printf '<p>The ferry timetable changes on Monday, when the early boat moves to six thirty and the late one is cut.</p>'
        i=$((i + 1))
    done
    printf '</article><section class="comments"><h2>Comments</h2>'
    printf '<div class="comment"><p>That late boat was the only way home for night shift workers at the hospital.</p></div>'
    printf '</section></body></html>'
} >"$cpage"
run "$cpage"
check "no --comments: comments left out" out_lacks "night shift"
run --comments "$cpage"
check "--comments: exit 0" status_is 0
check "--comments: article kept" out_has "ferry timetable"
check "--comments: comment section" out_has "night shift"
run -f json --comments "$cpage"
check "--comments json: member" out_has '"comments":'
check "--comments json: valid" sh -c 'python3 -m json.tool "$1" >/dev/null' sh "$tmp/out"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
