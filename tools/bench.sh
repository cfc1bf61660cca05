#!/bin/sh
# bench.sh DECLUTTER BENCH [BUILDDIR]: the figures of `make bench`.
#
# DECLUTTER is the command-line tool, BENCH the tools/bench.c program.
# Environment (all optional):
#   BENCH_PAGES   pages to time instead of the default: directories (their
#                 *.html, *.htm, *.xhtml files, plain or .gz), page files,
#                 or @LIST for a file listing one path per line
#   DATASETS      where the default page set lives (../shared/datasets):
#                 every BENCH_SAMPLE-th page of each DATASETS/*/pages
#   BENCH_SAMPLE  take every N-th page (default 5 for the datasets, which
#                 keeps `make bench` near 3 minutes; 1 = all pages;
#                 default 1 for BENCH_PAGES)
#   BENCH_RUNS    timed runs over the set; medians are reported (5)
#   BENCH_SOAK    pages of the memory run, the set repeated (10000, about
#                 a minute; 100000 takes ten)
#   BENCH_READABILITY  0 skips the Readability.js comparison
#   BENCH_RJS_PAGES    pages for it (100; news pages when the set has any)
#   BENCH_SCALE_PAGE   the page whose body makes the 1 and 10 MB pages
#                 (default: the first suitable page of the set)
# Timings are printed, never judged: the exit status is 0 unless a
# program fails.
set -eu

BIN=${1:?usage: bench.sh DECLUTTER BENCH [BUILDDIR]}
BENCH=${2:?usage: bench.sh DECLUTTER BENCH [BUILDDIR]}
BUILDDIR=${3:-build}
DATASETS=${DATASETS:-../shared/datasets}
RUNS=${BENCH_RUNS:-5}
SOAK=${BENCH_SOAK:-10000}
RJS=${BENCH_READABILITY:-1}
RJS_PAGES=${BENCH_RJS_PAGES:-100}
LC_ALL=C
export LC_ALL

tmp=$(mktemp -d "${TMPDIR:-/tmp}/declutter-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

now() { date +%s.%N; }
# seconds between two now() values, 2 decimals
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

page_files() { # DIR: its page files, sorted
    find "$1" -type f \( -name '*.html' -o -name '*.htm' -o -name '*.xhtml' \
        -o -name '*.html.gz' -o -name '*.htm.gz' -o -name '*.xhtml.gz' \) | sort
}

# ---- the page list ----
if [ -n "${BENCH_PAGES:-}" ]; then
    SAMPLE=${BENCH_SAMPLE:-1}
    what="BENCH_PAGES"
    for p in $BENCH_PAGES; do
        case $p in
        @*) cat "${p#@}" ;;
        *) if [ -d "$p" ]; then page_files "$p"; else printf '%s\n' "$p"; fi ;;
        esac
    done >"$tmp/all"
elif [ -d "$DATASETS" ] && ls "$DATASETS"/*/pages >/dev/null 2>&1; then
    SAMPLE=${BENCH_SAMPLE:-5}
    what="$DATASETS"
    for d in "$DATASETS"/*/pages; do page_files "$d"; done >"$tmp/all"
else
    SAMPLE=${BENCH_SAMPLE:-1}
    what="testdata/golden ($DATASETS is absent)"
    page_files testdata/golden >"$tmp/all"
fi
# every N-th page of each set, counted per directory
awk -v n="$SAMPLE" '{ d = $0; sub(/\/[^\/]*$/, "", d); if (d != last) { k = 0; last = d }
                      if (k++ % n == 0) print }' "$tmp/all" >"$tmp/picked"
[ -s "$tmp/picked" ] || { echo "bench: no pages found in $what" >&2; exit 2; }

# Plain copies, so that the tool's timings hold no gunzip. A page keeps
# its set's name (the directory above pages/, else its own directory).
mkdir "$tmp/p"
i=0
while IFS= read -r f; do
    i=$((i + 1))
    case $f in
    */*) dir=${f%/*}; set=${dir##*/}
         if [ "$set" = pages ]; then up=${dir%/*}; set=${up##*/}; fi ;;
    *) set=top ;;
    esac
    [ -n "$set" ] && [ "$set" != . ] && [ "$set" != .. ] || set=top
    base=${f##*/}
    base=${base%.gz}
    mkdir -p "$tmp/p/$set"
    out="$tmp/p/$set/$(printf %05d $i)-$base"
    gzip -dcf <"$f" >"$out"
    printf '%s\n' "$out" >>"$tmp/list"
done <"$tmp/picked"
npages=$(wc -l <"$tmp/list")
mb=$(tr '\n' '\0' <"$tmp/list" | xargs -0 cat | wc -c | awk '{ printf "%.1f", $1 / 1e6 }')
largest=$(tr '\n' '\0' <"$tmp/list" | xargs -0 ls -l | awk '$5 > m { m = $5 } END { print m }')

if [ "$SAMPLE" = 1 ]; then which="all pages"; else which="every ${SAMPLE}th page of each set"; fi
echo "== declutter bench: $npages pages, $mb MB: $which in $what =="
echo "   single thread, $RUNS runs, medians of runs; library timed in-process (CLOCK_MONOTONIC),"
echo "   pages in memory before timing; gumbo alone parses each page after the same decoding."

# ---- library timings, stages, scaling ----
# Status 1: the staged copy disagrees with the library, or no page suits
# the scaling test; both are reported in the output.
"$BENCH" --runs="$RUNS" --list="$tmp/list" || [ $? -eq 1 ]
if [ -n "${BENCH_SCALE_PAGE:-}" ]; then
    "$BENCH" --scale --runs="$RUNS" "$BENCH_SCALE_PAGE" || [ $? -eq 1 ]
else
    "$BENCH" --scale --runs="$RUNS" --list="$tmp/list" || [ $? -eq 1 ]
fi

# ---- the batch tool: -j 1 against -j 2 ----
cat "$tmp/list" "$tmp/list" >"$tmp/list2"
n2=$(wc -l <"$tmp/list2")
rate() { # JOBS LIST: pages/s of the tool over LIST
    t0=$(now)
    "$BIN" -j "$1" -q -f jsonl --files-from="$2" >/dev/null || [ $? -eq 5 ]
    t1=$(now)
    awk -v n="$(wc -l <"$2")" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", n / (b - a) }'
}
echo
echo "batch tool: $BIN -f jsonl --files-from (the set twice, $n2 pages, output to /dev/null)"
r1=$(rate 1 "$tmp/list2")
r2=$(rate 2 "$tmp/list2")
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo "?")
# What the machine gives two busy processes at once: the ceiling of -j 2.
head -n 150 "$tmp/list" >"$tmp/list150"
t0=$(now); "$BENCH" --api-only --runs=1 --list="$tmp/list150" >/dev/null; t1=$(now)
"$BENCH" --api-only --runs=1 --list="$tmp/list150" >/dev/null &
bp=$!
"$BENCH" --api-only --runs=1 --list="$tmp/list150" >/dev/null
wait $bp
t2=$(now)
awk -v r1="$r1" -v r2="$r2" -v a="$t0" -v b="$t1" -v c="$t2" -v cores="$cores" 'BEGIN {
    printf "  -j 1: %8.1f pages/s\n", r1
    printf "  -j 2: %8.1f pages/s = %.2fx -j 1 (target >= 1.8x on 2 cores: %s)\n", r2, r2 / r1,
           (r2 / r1 >= 1.8 ? "met" : "NOT met")
    printf "  this machine: %s online CPUs; two independent copies of the same work run %.2fx\n",
           cores, 2 * (b - a) / (c - b)
    printf "  as fast as one, which bounds what any -j 2 can reach here\n"
}'

# ---- memory over a long run ----
awk -v n="$SOAK" '{ a[NR] = $0 } END { for (i = 0; i < n; i++) print a[i % NR + 1] }' \
    "$tmp/list" >"$tmp/soak"
echo
echo "memory: $SOAK pages (the set repeated) through $BIN -j 1 -f jsonl; /proc sampled every 0.5 s"
sample() { # PID: lines "time role pid VmRSS VmHWM" (KiB) while PID lives
    while kill -0 "$1" 2>/dev/null; do
        t=$(now)
        kids=""
        if command -v pgrep >/dev/null; then kids=$(pgrep -P "$1" || true); fi
        for p in "$1" $kids; do
            rss=""; hwm=""
            { while read -r k v _; do
                case $k in VmRSS:) rss=$v ;; VmHWM:) hwm=$v ;; esac
              done <"/proc/$p/status"; } 2>/dev/null || true
            role=worker
            [ "$p" = "$1" ] && role=parent
            [ -n "$rss" ] && [ -n "$hwm" ] && echo "$t $role $p $rss $hwm"
        done
        sleep 0.5
    done
}
t0=$(now)
"$BIN" -j 1 -q -f jsonl --files-from="$tmp/soak" >/dev/null &
sp=$!
sample "$sp" >"$tmp/mem"
st=0
wait "$sp" || st=$?
t1=$(now)
[ "$st" -eq 0 ] || [ "$st" -eq 5 ] || { echo "bench: $BIN failed with status $st" >&2; exit 1; }
awk -v n="$SOAK" -v a="$t0" -v b="$t1" -v big="$largest" '
    $2 == "parent" { k++; pt[k] = $1; pr[k] = $4; ph[k] = $5 }
    $2 == "worker" { if (!($3 in first)) { g++; first[$3] = $1; gen[g] = $3 }
                     if ($4 > wr[$3]) wr[$3] = $4; if ($5 > wh[$3]) wh[$3] = $5 }
    function at(q,   i, t) { t = pt[1] + q * (pt[k] - pt[1]); for (i = 1; i < k && pt[i] < t; i++); return i }
    function mb(x) { return x / 1024 }
    END {
        printf "  %.1f s, %.1f pages/s\n", b - a, n / (b - a)
        if (!k) { print "  no samples (run too short)"; exit }
        printf "  parent  VmRSS MB at start / 10%% / 50%% / end: %.1f / %.1f / %.1f / %.1f;  VmHWM at 10%% %.1f, at end %.1f\n",
               mb(pr[1]), mb(pr[at(0.1)]), mb(pr[at(0.5)]), mb(pr[k]), mb(ph[at(0.1)]), mb(ph[k])
        if (!g) { print "  no worker sampled (run too short, or no pgrep)"; exit }
        max = 0; for (i = 1; i <= g; i++) if (wh[gen[i]] > max) max = wh[gen[i]]
        m = int((g + 1) / 2); last = g > 1 ? g - 1 : g
        printf "  workers: %d seen (the tool replaces a worker after 1000 pages)\n", g
        printf "  worker peak VmHWM MB, first / middle / last full worker: %.1f / %.1f / %.1f; highest %.1f\n",
               mb(wh[gen[1]]), mb(wh[gen[m]]), mb(wh[gen[last]]), mb(max)
        printf "  worker highest VmRSS MB, first / middle / last full worker: %.1f / %.1f / %.1f\n",
               mb(wr[gen[1]]), mb(wr[gen[m]]), mb(wr[gen[last]])
        r = max * 1024 / big
        printf "  largest page %.2f MB; worker peak RSS / largest page = %.1fx (target < 20x: %s)\n",
               big / 1e6, r, (r < 20 ? "met" : "NOT met")
    }' "$tmp/mem"

# ---- Readability.js side by side ----
echo
if [ "$RJS" = 0 ]; then
    echo "Readability.js: skipped (BENCH_READABILITY=0)"
    exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "Readability.js: skipped (node and npm are not installed)"
    exit 0
fi
rdir="$BUILDDIR/readability-bench"
mkdir -p "$rdir"
cp tools/readability-bench/package.json tools/readability-bench/bench.js "$rdir/"
if [ ! -d "$rdir/node_modules/jsdom" ] || [ ! -d "$rdir/node_modules/@mozilla/readability" ]; then
    if ! (cd "$rdir" && npm install --no-audit --no-fund --loglevel=error >"$tmp/npm.log" 2>&1); then
        echo "Readability.js: skipped (npm install failed: $(tail -n 1 "$tmp/npm.log"))"
        exit 0
    fi
fi
# News pages when the set has a news collection, else pages spread evenly.
grep '/l3s-gn1/' "$tmp/list" | head -n "$RJS_PAGES" >"$tmp/rjs" || true
kind="news pages (l3s-gn1)"
if [ ! -s "$tmp/rjs" ]; then
    awk -v n="$npages" -v k="$RJS_PAGES" 'NR % int(n / k > 1 ? n / k : 1) == 0' "$tmp/list" |
        head -n "$RJS_PAGES" >"$tmp/rjs"
    kind="pages spread over the set"
fi
rj=$(node "$rdir/bench.js" "$tmp/rjs") || { echo "Readability.js: skipped (node failed)"; exit 0; }
dc=$("$BENCH" --api-only --runs=3 --list="$tmp/rjs")
echo "Readability.js (@mozilla/readability + jsdom, in-process, one run) vs declutter, $(wc -l <"$tmp/rjs") $kind"
echo "$rj
$dc" | awk '{ printf "  %-12s %8s %8s %8s ms/page (mean, median, p95)%s\n", $1, $3, $4, $5,
                    ($1 == "readability" ? "; " $6 " without an article" : ""); m[$1] = $3 }
            END { if (m["declutter"] > 0) printf "  declutter is %.0fx faster (mean)\n", m["readability"] / m["declutter"] }'
