#!/bin/sh
# Install test: `make install` into temporary directories (a DESTDIR
# staging tree, one with overridden LIBDIR/MANDIR, and a private PREFIX),
# the installed file list, the shared library's soname and exported
# symbols, the generated declutter.pc, examples/ built against the
# installed library through pkg-config (shared and static) and run on
# golden pages, the man pages rendered by man -l, and `make uninstall`.
#
# Usage: sh tests/install.sh    (MAKE may name the make program)
# Prints one line per failed check, then "N passed, M failed"; exits 1
# when a check failed.

# The pkg-config lines and `sh -c` scripts quote $ on purpose.
# shellcheck disable=SC2016

MAKE=${MAKE:-make}
cd "$(dirname "$0")/.." || exit 2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/install.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

pass=0
fail=0

# check DESCRIPTION COMMAND...: one test case; it passes when COMMAND does.
check() {
    desc=$1
    shift
    if "$@"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL: $desc"
        if [ -s "$tmp/log" ]; then
            sed 's/^/    /' "$tmp/log" | head -n 15
        fi
    fi
    : >"$tmp/log"
}

skip() { echo "SKIP: $*"; }

# same FILE1 FILE2: the files are equal; shows the difference when not.
same() {
    diff -u "$1" "$2" >"$tmp/log" 2>&1
}

# run_make ARG...: make, its output kept in $tmp/log.
run_make() {
    "$MAKE" --no-print-directory "$@" >"$tmp/log" 2>&1
}

# list_tree DIR: every file and symbolic link below DIR, one per line,
# links shown with their target.
list_tree() {
    (
        cd "$1" || exit 1
        find . ! -type d | sed 's|^\./|/|' | LC_ALL=C sort | while IFS= read -r f; do
            if [ -L ".$f" ]; then
                echo "$f -> $(readlink ".$f")"
            else
                echo "$f"
            fi
        done
    )
}

# no_files DIR: DIR holds directories only.
no_files() {
    find "$1" ! -type d >"$tmp/log"
    [ ! -s "$tmp/log" ]
}

# pc_has FILE LINE: FILE holds exactly LINE.
pc_has() {
    grep -qxF -- "$2" "$1" || { echo "no line '$2' in:" && cat "$1"; } >"$tmp/log"
}

version=$(sed -n 's/^#define DECLUTTER_VERSION "\([^"]*\)".*/\1/p' include/declutter.h)
major=${version%%.*}
if [ -z "$version" ]; then
    echo "install.sh: no DECLUTTER_VERSION in include/declutter.h" >&2
    exit 2
fi
so=libdeclutter.so.$version
soname=libdeclutter.so.$major

# --- a staged install, as a package build does it
stage=$tmp/stage
check "make install DESTDIR=... PREFIX=/usr/local" \
    run_make install DESTDIR="$stage" PREFIX=/usr/local

cat >"$tmp/want" <<EOF
/usr/local/bin/declutter
/usr/local/include/declutter.h
/usr/local/lib/libdeclutter.a
/usr/local/lib/libdeclutter.so -> $soname
/usr/local/lib/$soname -> $so
/usr/local/lib/$so
/usr/local/lib/pkgconfig/declutter.pc
/usr/local/share/man/man1/declutter.1
/usr/local/share/man/man3/declutter.3
EOF
list_tree "$stage" >"$tmp/got"
check "installed files" same "$tmp/want" "$tmp/got"

lib=$stage/usr/local/lib
check "bin/declutter is executable" test -x "$stage/usr/local/bin/declutter"
find "$stage" -type f ! -perm 644 ! -perm 755 >"$tmp/odd"
check "files are mode 644 or 755" same /dev/null "$tmp/odd"
check "installed header is include/declutter.h" \
    same include/declutter.h "$stage/usr/local/include/declutter.h"

pc=$lib/pkgconfig/declutter.pc
check "declutter.pc prefix" pc_has "$pc" "prefix=/usr/local"
check "declutter.pc libdir" pc_has "$pc" 'libdir=${exec_prefix}/lib'
check "declutter.pc includedir" pc_has "$pc" 'includedir=${prefix}/include'
check "declutter.pc version" pc_has "$pc" "Version: $version"
check "declutter.pc links -ldeclutter" pc_has "$pc" 'Libs: -L${libdir} -ldeclutter'
check "declutter.pc needs gumbo and uchardet privately" \
    pc_has "$pc" "Requires.private: gumbo uchardet"

if command -v readelf >/dev/null 2>&1; then
    readelf -d "$lib/$so" >"$tmp/dyn" 2>&1
    check "soname is $soname" grep -qF "Library soname: [$soname]" "$tmp/dyn"
else
    skip "readelf not installed: soname not checked"
fi

# The shared library must export exactly the functions the header declares.
if command -v nm >/dev/null 2>&1; then
    nm -D --defined-only "$lib/$so" | awk '$2 ~ /^[TtWw]$/ { print $3 }' |
        sed 's/@.*//' | LC_ALL=C sort >"$tmp/exported"
    grep -o 'declutter_[a-z_]*(' include/declutter.h | tr -d '(' | LC_ALL=C sort -u \
        >"$tmp/declared"
    check "exported functions are the header's" same "$tmp/declared" "$tmp/exported"
    nm -D --defined-only "$lib/$so" | awk '$3 !~ /^declutter_/' >"$tmp/other"
    check "no other symbol exported" same /dev/null "$tmp/other"
else
    skip "nm not installed: exported symbols not checked"
fi

check "make uninstall DESTDIR=..." run_make uninstall DESTDIR="$stage" PREFIX=/usr/local
check "uninstall leaves only directories" no_files "$stage"

# --- GNU directory overrides; a LIBDIR outside PREFIX is written out in full
alt=$tmp/alt
check "make install LIBDIR=... MANDIR=..." run_make install DESTDIR="$alt" PREFIX=/opt/dc \
    LIBDIR=/usr/lib64 MANDIR=/opt/dc/man
check "library in LIBDIR" test -f "$alt/usr/lib64/$so"
check "declutter.pc in LIBDIR/pkgconfig" test -f "$alt/usr/lib64/pkgconfig/declutter.pc"
check "declutter.pc names LIBDIR" pc_has "$alt/usr/lib64/pkgconfig/declutter.pc" \
    "libdir=/usr/lib64"
check "man pages in MANDIR" test -f "$alt/opt/dc/man/man3/declutter.3"
check "make uninstall LIBDIR=... MANDIR=..." run_make uninstall DESTDIR="$alt" PREFIX=/opt/dc \
    LIBDIR=/usr/lib64 MANDIR=/opt/dc/man
check "uninstall with overrides leaves only directories" no_files "$alt"

# --- a private prefix used by a program built against it
prefix=$tmp/prefix
check "make install PREFIX=..." run_make install DESTDIR= PREFIX="$prefix"
PKG_CONFIG_PATH=$prefix/lib/pkgconfig
export PKG_CONFIG_PATH

pkg-config --modversion declutter >"$tmp/modversion" 2>"$tmp/log"
echo "$version" >"$tmp/want"
check "pkg-config finds declutter $version" same "$tmp/want" "$tmp/modversion"

check "installed declutter prints a golden page" \
    sh -c '"$1" "$2.html" | diff -u "$2.txt" - >"$3" 2>&1' sh \
    "$prefix/bin/declutter" testdata/golden/seed-news "$tmp/log"

# summarize's expected output from a golden page's JSON: the title, then
# the first N characters of the text with white space runs folded.
expect_summary() {
    python3 - "$1" "$2" "$3" <<'EOF'
import json, re, sys
name, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
page = json.load(open(path, encoding="utf-8"))
text = re.sub(r"[ \t\n]+", " ", page["text"]).strip(" ")
print("%s: %s" % (name, page["title"] or "(untitled)"))
print("  " + text[:n].rstrip(" ") + ("..." if len(text) > n else ""))
EOF
}

have_python=0
if command -v python3 >/dev/null 2>&1; then
    have_python=1
    {
        expect_summary testdata/golden/seed-news.html testdata/golden/seed-news.json 90
        expect_summary testdata/golden/de-news.html testdata/golden/de-news.json 90
        expect_summary - testdata/golden/de-news.json 90
    } >"$tmp/want"
else
    skip "python3 not installed: summarize output not compared"
fi

# try_example BIN: runs the example on two files and on standard input.
try_example() {
    "$@" -n 90 testdata/golden/seed-news.html testdata/golden/de-news.html \
        >"$tmp/got" 2>"$tmp/log" &&
        "$@" -n 90 <testdata/golden/de-news.html >>"$tmp/got" 2>>"$tmp/log" || return 1
    if [ "$have_python" -eq 1 ]; then
        same "$tmp/want" "$tmp/got"
    else
        [ -s "$tmp/got" ]
    fi
}

mkdir "$tmp/ex" && cp examples/summarize.c examples/Makefile "$tmp/ex/"
check "example builds with the shared library" run_make -C "$tmp/ex"
if [ -x "$tmp/ex/summarize" ]; then
    readelf -d "$tmp/ex/summarize" >"$tmp/dyn" 2>&1
    check "example needs $soname" grep -qF "Shared library: [$soname]" "$tmp/dyn"
    check "example runs with the installed shared library" \
        try_example env LD_LIBRARY_PATH="$prefix/lib" "$tmp/ex/summarize"
fi
check "example builds with the static library" run_make -C "$tmp/ex" static
if [ -x "$tmp/ex/summarize-static" ]; then
    readelf -d "$tmp/ex/summarize-static" >"$tmp/dyn" 2>&1
    check "static example needs no libdeclutter" \
        sh -c '! grep -q "libdeclutter" "$1"' sh "$tmp/dyn"
    check "static example runs" try_example "$tmp/ex/summarize-static"
fi

# render_man PAGE: man -l formats PAGE without a word on standard error.
render_man() {
    MANWIDTH=80 man -l "$1" >"$tmp/out" 2>"$tmp/log" && [ ! -s "$tmp/log" ] && [ -s "$tmp/out" ]
}
# groff_man PAGE: groff reports no warning at all on PAGE.
groff_man() {
    groff -man -Tutf8 -ww -z "$1" >"$tmp/log" 2>&1 && [ ! -s "$tmp/log" ]
}
for page in man1/declutter.1 man3/declutter.3; do
    if command -v man >/dev/null 2>&1; then
        check "man -l renders $page" render_man "$prefix/share/man/$page"
    else
        skip "man not installed: $page not rendered"
    fi
    if command -v groff >/dev/null 2>&1; then
        check "groff -ww finds nothing in $page" groff_man "$prefix/share/man/$page"
    else
        skip "groff not installed: $page not checked"
    fi
done

check "make uninstall PREFIX=..." run_make uninstall DESTDIR= PREFIX="$prefix"
check "uninstall leaves only directories" no_files "$prefix"

echo "install.sh: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
