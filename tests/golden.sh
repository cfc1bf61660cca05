#!/bin/sh
# Golden tests through the command-line tool.
#
# Usage: tests/golden.sh BIN DIR
#
# For every DIR/NAME.html (NAME.out.html files are expected output, not
# pages), `BIN NAME.html` must exit 0 and print exactly DIR/NAME.txt, and
# `BIN --format=json NAME.html` must print exactly DIR/NAME.json; when
# DIR/NAME.md or DIR/NAME.out.html exists, `BIN --format=markdown --links
# --images NAME.html` (or --format=html) must print exactly it. One page
# (seed-news.html when present, else the first) is also fed on standard
# input, which must give the same text. A page passes
# when all of its checks pass. Prints one line per failing page with a
# unified diff (first 40 lines), then "N passed, M failed"; exits 1 when
# any page failed or DIR holds no page, 2 on bad usage.

if [ $# -ne 2 ]; then
    echo "usage: $0 BIN DIR" >&2
    exit 2
fi
bin=$1
dir=$2
if [ ! -x "$bin" ]; then
    echo "$0: $bin: no such executable" >&2
    exit 2
fi
if [ ! -d "$dir" ]; then
    echo "$0: $dir: no such directory" >&2
    exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/golden.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

stdin_page=$dir/seed-news.html
if [ ! -f "$stdin_page" ]; then
    stdin_page=
fi

pass=0
fail=0

# check NAME WHAT EXPECTED STATUS: compares $tmp/out with EXPECTED; the
# tool's stderr is in $tmp/err. Returns 1 (after a report) on mismatch.
check() {
    if [ "$4" -ne 0 ]; then
        echo "FAIL $1 ($2): exit status $4"
        head -n 5 "$tmp/err"
        return 1
    fi
    if [ ! -f "$3" ]; then
        echo "FAIL $1 ($2): missing expected file $3"
        return 1
    fi
    if ! cmp -s "$3" "$tmp/out"; then
        echo "FAIL $1 ($2): output differs from $3"
        diff -u "$3" "$tmp/out" | head -n 40
        return 1
    fi
    return 0
}

for page in "$dir"/*.html; do
    [ -f "$page" ] || continue
    case $page in *.out.html) continue ;; esac
    name=${page##*/}
    name=${name%.html}
    base=${page%.html}
    ok=1

    "$bin" "$page" >"$tmp/out" 2>"$tmp/err"
    check "$name" text "$base.txt" $? || ok=0

    "$bin" --format=json "$page" >"$tmp/out" 2>"$tmp/err"
    check "$name" json "$base.json" $? || ok=0

    if [ -f "$base.md" ]; then
        "$bin" --format=markdown --links --images "$page" >"$tmp/out" 2>"$tmp/err"
        check "$name" markdown "$base.md" $? || ok=0
    fi
    if [ -f "$base.out.html" ]; then
        "$bin" --format=html --links --images "$page" >"$tmp/out" 2>"$tmp/err"
        check "$name" html "$base.out.html" $? || ok=0
    fi

    if [ -z "$stdin_page" ]; then
        stdin_page=$page
    fi
    if [ "$page" = "$stdin_page" ]; then
        "$bin" <"$page" >"$tmp/out" 2>"$tmp/err"
        check "$name" stdin "$base.txt" $? || ok=0
    fi

    if [ "$ok" -eq 1 ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
    fi
done

if [ $((pass + fail)) -eq 0 ]; then
    echo "$0: no *.html pages in $dir" >&2
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
