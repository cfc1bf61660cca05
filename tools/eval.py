#!/usr/bin/env python3
"""Score declutter against the development datasets.

Usage (from the repository root):

    python3 tools/eval.py [--datasets DIR] [--bin PATH] [--sets a,b]
                          [--jobs N] [--args "EXTRA"] [--pred-dir DIR]
                          [--save-dir DIR] [--worst N] [--json FILE]
                          [--floor] [--floors FILE]

The data layout and the metric definitions are those of
../shared/datasets/README.md; the metric functions below follow them
literally so that numbers compare with published results.  Standard
library only.
"""

import argparse
import gzip
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
import unicodedata
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

TOKEN_RE = re.compile(r"\w+")
WS_RE = re.compile(r"\s+")
DATE_RE = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")

SET_ORDER = ["wcxb-dev", "trafilatura", "l3s-gn1", "readability",
             "cleanportaleval"]
# Pages per set in the --floor sample: enough to notice a regression,
# few enough that `make check` stays quick.
FLOOR_SAMPLE = {"wcxb-dev": 80, "trafilatura": 80, "l3s-gn1": 40,
                "readability": 30, "cleanportaleval": 20}
FLOOR_SAMPLE_OTHER = 20
PAGE_TIMEOUT = 30.0
CATASTROPHIC = 0.5
META_FIELDS = ("title", "author", "date")
SHINGLE = 4


# ---------------------------------------------------------------- metrics

def tokens(text):
    """Unicode \\w+ tokens, case kept."""
    return TOKEN_RE.findall(text or "")


def shingles(toks, n=SHINGLE):
    """Multiset of n-token shingles; a shorter text is one short shingle."""
    if not toks:
        return Counter()
    if len(toks) < n:
        return Counter([tuple(toks)])
    return Counter(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))


def shingle_counts(pred, truth):
    """Raw (tp, fp, fn, exact) of one page."""
    pt, tt = tokens(pred), tokens(truth)
    ps, ts = shingles(pt), shingles(tt)
    tp = sum((ps & ts).values())
    fp = sum(ps.values()) - tp
    fn = sum(ts.values()) - tp
    return tp, fp, fn, pt == tt


def shingle_page(tp, fp, fn):
    """Page precision and recall from raw counts, as the benchmark defines."""
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    prec = 0.0 if tp == 0 and fp == 0 else tp / (tp + fp)
    rec = 0.0 if tp == 0 and fn == 0 else tp / (tp + fn)
    return prec, rec


def f1(p, r):
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def shingle_aggregate(counts):
    """Set-level shingle P/R/F1/exact from a list of (tp, fp, fn, exact)."""
    ps, rs, exact = [], [], 0
    for tp, fp, fn, ex in counts:
        p, r = shingle_page(tp, fp, fn)
        if tp + fp > 0:
            ps.append(p)
        if tp + fn > 0:
            rs.append(r)
        exact += bool(ex)
    p = sum(ps) / len(ps) if ps else 0.0
    r = sum(rs) / len(rs) if rs else 0.0
    return {"shingle_p": p, "shingle_r": r, "shingle_f1": f1(p, r),
            "exact": exact / len(counts) if counts else 0.0}


def word_f1(pred, truth):
    """F1 of the lowercase bags of words; empty vs empty counts as 1."""
    pb = Counter(TOKEN_RE.findall((pred or "").lower()))
    tb = Counter(TOKEN_RE.findall((truth or "").lower()))
    if not pb and not tb:
        return 1.0
    if not pb or not tb:
        return 0.0
    common = sum((pb & tb).values())
    return 2 * common / (sum(pb.values()) + sum(tb.values()))


def fold_ws(s):
    return WS_RE.sub(" ", s or "")


def snippet_counts(pred, with_, without):
    """(tp, fp, fn) of one page's snippets."""
    text = fold_ws(pred)
    tp = sum(1 for s in with_ if fold_ws(s) in text)
    fp = sum(1 for s in without if fold_ws(s) in text)
    return tp, fp, len(with_) - tp


def snippet_aggregate(counts):
    """Set-level snippet P/R/F1: counts are summed before dividing."""
    tp = sum(c[0] for c in counts)
    fp = sum(c[1] for c in counts)
    fn = sum(c[2] for c in counts)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"snippet_p": p, "snippet_r": r, "snippet_f1": f1(p, r),
            "snippet_tp": tp, "snippet_fp": fp, "snippet_fn": fn}


def snippet_page_score(tp, fp, fn, n_without):
    """Share of a page's snippets handled right; only ranks worst pages."""
    total = tp + fn + n_without
    return (tp + n_without - fp) / total if total else 1.0


# Typographic quotes fold to ASCII: the annotators typed titles with
# straight quotes where pages print curly ones.
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


def norm_meta(s):
    s = unicodedata.normalize("NFKC", s).translate(QUOTES)
    return " ".join(s.casefold().split())


def date_key(s):
    m = DATE_RE.match(s or "")
    if not m:
        return None
    return tuple(int(g) for g in m.groups() if g is not None)


def meta_match(field, pred, truth):
    """Whether a predicted metadata value matches the annotated one."""
    if not isinstance(pred, str) or not pred.strip():
        return False
    if field == "date":
        # Compares YYYY-MM-DD; a truth annotated only to the month (or
        # written without zero padding) is compared at its own precision.
        t, p = date_key(truth[:10]), date_key(pred[:10])
        if t is None:
            return norm_meta(pred[:10]) == norm_meta(truth[:10])
        return p is not None and p[:len(t)] == t
    p = norm_meta(pred)
    if isinstance(truth, list):
        names = [str(x) for x in truth]
        return any(p == norm_meta(sep.join(names))
                   for sep in (", ", "; ", " and "))
    return p == norm_meta(str(truth))


def median(xs):
    return statistics.median(xs) if xs else 0.0


def mean(xs):
    return sum(xs) / len(xs) if xs else 0.0


# ---------------------------------------------------------------- data

def list_sets(datasets):
    found = [d for d in os.listdir(datasets)
             if os.path.isfile(os.path.join(datasets, d, "truth.jsonl"))]
    known = [s for s in SET_ORDER if s in found]
    return known + sorted(s for s in found if s not in SET_ORDER)


def load_truth(datasets, name):
    path = os.path.join(datasets, name, "truth.jsonl")
    items = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                items.append(json.loads(line))
    return items


def floor_sample(items, name):
    target = FLOOR_SAMPLE.get(name, FLOOR_SAMPLE_OTHER)
    k = max(1, round(len(items) / target))
    return items[::k]


# ---------------------------------------------------------------- running

def run_binary(argv, html):
    """Runs the extractor on one page; returns (json object, error or None)."""
    try:
        r = subprocess.run(argv, input=html, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=PAGE_TIMEOUT)
    except subprocess.TimeoutExpired:
        return {}, "timeout after %gs" % PAGE_TIMEOUT
    except OSError as e:
        return {}, "cannot run: %s" % e
    if r.returncode < 0:
        return {}, "killed by signal %d" % -r.returncode
    if r.returncode not in (0, 1):
        msg = r.stderr.decode("utf-8", "replace").strip().splitlines()
        return {}, "exit %d%s" % (r.returncode,
                                  (": " + msg[0][:120]) if msg else "")
    try:
        obj = json.loads(r.stdout)
    except ValueError:
        # Exit 1 means "no content"; an empty stdout is fine then.
        if r.returncode == 1 and not r.stdout.strip():
            return {}, None
        return {}, "unparsable JSON output"
    if not isinstance(obj, dict):
        return {}, "JSON output is not an object"
    return obj, None


def score_page(item, pred, meta):
    """Per-page record with every score the page's truth supports."""
    rec = {"id": item["id"]}
    for k in ("url", "type"):
        if item.get(k):
            rec[k] = item[k]
    if "text" in item:
        truth = item.get("text") or ""
        rec["word_f1"] = word_f1(pred, truth)
        tp, fp, fn, ex = shingle_counts(pred, truth)
        rec["shingle"] = [tp, fp, fn, ex]
        p, r = shingle_page(tp, fp, fn)
        rec["shingle_page_f1"] = f1(p, r) if tp + fp + fn else 1.0
        rec["pred_words"] = len(tokens(pred))
        rec["truth_words"] = len(tokens(truth))
    if isinstance(item.get("with"), list) or \
            isinstance(item.get("without"), list):
        with_ = item.get("with") or []
        without = item.get("without") or []
        tp, fp, fn = snippet_counts(pred, with_, without)
        rec["snippet"] = [tp, fp, fn, len(without)]
    if meta is not None:
        m = {}
        for field in META_FIELDS:
            t = item.get(field)
            if t:
                m[field] = meta_match(field, meta.get(field), t)
        rec["meta"] = m
    return rec


def make_worker(args, name, extra):
    pages_dir = os.path.join(args.datasets, name, "pages")

    def work(item):
        pid = item["id"]
        t0 = time.monotonic()
        meta = None
        err = None
        if args.pred_dir:
            path = os.path.join(args.pred_dir, name, pid + ".txt")
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    pred = f.read()
            except FileNotFoundError:
                pred, err = "", "missing prediction file"
        else:
            try:
                with open(os.path.join(pages_dir, pid + ".html.gz"),
                          "rb") as f:
                    html = gzip.decompress(f.read())
            except (OSError, EOFError) as e:
                html, err = None, "cannot read page: %s" % e
            obj = {}
            t0 = time.monotonic()
            if html is not None:
                obj, err = run_binary([args.bin, "--format=json"] + extra,
                                      html)
            pred = obj.get("text")
            if not isinstance(pred, str):
                pred = ""
            meta = obj
            if args.save_dir:
                with open(os.path.join(args.save_dir, name, pid + ".txt"),
                          "w", encoding="utf-8") as f:
                    f.write(pred)
        ms = (time.monotonic() - t0) * 1000.0
        rec = score_page(item, pred, meta)
        rec["ms"] = ms
        if err:
            rec["error"] = err
        return rec

    return work


def summarize(records, with_meta):
    """Set-level numbers from per-page records."""
    s = {"pages": len(records),
         "errors": sum(1 for r in records if "error" in r)}
    text = [r for r in records if "word_f1" in r]
    if text:
        s["text_pages"] = len(text)
        s.update(shingle_aggregate([r["shingle"] for r in text]))
        wf = [r["word_f1"] for r in text]
        s["word_f1"] = mean(wf)
        s["word_f1_median"] = median(wf)
        s["catastrophic"] = sum(1 for x in wf if x < CATASTROPHIC) / len(wf)
        types = sorted({r["type"] for r in text if "type" in r})
        if types:
            s["by_type"] = {}
            for t in types:
                tw = [r["word_f1"] for r in text if r.get("type") == t]
                s["by_type"][t] = {"pages": len(tw), "word_f1": mean(tw)}
    snip = [r for r in records if "snippet" in r]
    if snip:
        s["snippet_pages"] = len(snip)
        s.update(snippet_aggregate([r["snippet"] for r in snip]))
        if not text:
            sc = [snippet_page_score(*r["snippet"]) for r in snip]
            s["snippet_page_mean"] = mean(sc)
            s["snippet_page_median"] = median(sc)
            s["snippet_page_bad"] = sum(1 for x in sc
                                        if x < CATASTROPHIC) / len(sc)
    if with_meta:
        s["meta"] = {}
        for field in META_FIELDS:
            hits = [r["meta"][field] for r in records
                    if field in r.get("meta", {})]
            if hits:
                s["meta"][field] = {"annotated": len(hits),
                                    "match": sum(hits) / len(hits)}
    ms = sorted(r["ms"] for r in records)
    if ms:
        s["ms_mean"] = mean(ms)
        s["ms_p95"] = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
        s["ms_max"] = ms[-1]
    return s


# ---------------------------------------------------------------- output

def fmt(x, width=6, digits=3):
    if x is None:
        return "-".rjust(width)
    return ("%.*f" % (digits, x)).rjust(width)


def print_table(results, pred_mode):
    err_label = "miss" if pred_mode else "err"
    print("%-16s %5s %4s | %6s %6s %6s %6s | %6s %6s %5s | %6s %6s %6s |%s"
          % ("set", "pages", err_label, "shP", "shR", "shF1", "exact",
             "wordF1", "median", "bad%", "snP", "snR", "snF1",
             "" if pred_mode else "  ms/pg"))
    for name, (s, _) in results.items():
        bad = s.get("catastrophic")
        print("%-16s %5d %4d | %s %s %s %s | %s %s %s | %s %s %s |%s"
              % (name, s["pages"], s["errors"],
                 fmt(s.get("shingle_p")), fmt(s.get("shingle_r")),
                 fmt(s.get("shingle_f1")), fmt(s.get("exact")),
                 fmt(s.get("word_f1")), fmt(s.get("word_f1_median")),
                 fmt(None if bad is None else 100 * bad, 5, 1),
                 fmt(s.get("snippet_p")), fmt(s.get("snippet_r")),
                 fmt(s.get("snippet_f1")),
                 "" if pred_mode else " " + fmt(s.get("ms_mean"), 6, 1)))
    print("  (shingle and word metrics over pages with text truth; median "
          "and bad%% = share < %.1f are of per-page wordF1)" % CATASTROPHIC)


def print_details(results, worst):
    for name, (s, records) in results.items():
        lines = []
        if "by_type" in s:
            lines.append("  wordF1 by type: " + ", ".join(
                "%s %.3f (%d)" % (t, v["word_f1"], v["pages"])
                for t, v in sorted(s["by_type"].items(),
                                   key=lambda kv: -kv[1]["pages"])))
        if "snippet_page_mean" in s:
            lines.append("  per-page share of snippets right: mean %.3f, "
                         "median %.3f, below %.1f: %.1f%%" % (
                             s["snippet_page_mean"], s["snippet_page_median"],
                             CATASTROPHIC, 100 * s["snippet_page_bad"]))
        if s.get("meta"):
            lines.append("  metadata match: " + ", ".join(
                "%s %.3f (%d)" % (f, v["match"], v["annotated"])
                for f, v in s["meta"].items()))
        if "ms_mean" in s and s["ms_max"] > 0 and "meta" in s:
            lines.append("  ms per page: mean %.1f, p95 %.1f, max %.1f"
                         % (s["ms_mean"], s["ms_p95"], s["ms_max"]))
        errs = [r for r in records if "error" in r]
        if errs:
            reasons = Counter(r["error"].split(":")[0] for r in errs)
            lines.append("  errors: " + ", ".join(
                "%s x%d" % kv for kv in reasons.most_common()) +
                "; e.g. " + ", ".join(r["id"] for r in errs[:5]))
        if worst > 0:
            text = [r for r in records if "word_f1" in r]
            if text:
                text.sort(key=lambda r: (r["word_f1"], r["id"]))
                lines.append("  worst %d by wordF1:" % min(worst, len(text)))
                w = max(len(r["id"]) for r in text[:worst])
                for r in text[:worst]:
                    tp, fp, fn, _ = r["shingle"]
                    p, rc = shingle_page(tp, fp, fn)
                    lines.append((
                        "    %-*s  wordF1 %.3f shP %.2f shR %.2f words "
                        "%d/%d %s%s" % (
                            w, r["id"], r["word_f1"], p, rc,
                            r["pred_words"], r["truth_words"],
                            ("[%s] " % r["type"]) if "type" in r else "",
                            r.get("url", ""))).rstrip())
            else:
                snip = [r for r in records if "snippet" in r]
                snip.sort(key=lambda r: (snippet_page_score(*r["snippet"]),
                                         r["id"]))
                lines.append("  worst %d by snippets:" % min(worst, len(snip)))
                w = max([len(r["id"]) for r in snip[:worst]] or [0])
                for r in snip[:worst]:
                    tp, fp, fn, nw = r["snippet"]
                    lines.append(("    %-*s  with %d/%d without %d/%d %s" % (
                        w, r["id"], tp, tp + fn, fp, nw,
                        r.get("url", ""))).rstrip())
        if lines:
            print("%s:" % name)
            print("\n".join(lines))


def check_floors(results, floors_path):
    """Prints each floored metric against its floor; True when all hold."""
    try:
        with open(floors_path, encoding="utf-8") as f:
            floors = json.load(f)
    except (OSError, ValueError) as e:
        print("eval: cannot read floors %s: %s" % (floors_path, e),
              file=sys.stderr)
        return False
    ok = True
    print("floors (%s):" % os.path.relpath(floors_path))
    for name, metrics in floors.items():
        if name not in results:
            print("  %-16s skipped (set not evaluated)" % name)
            continue
        s = results[name][0]
        for metric, floor in metrics.items():
            if metric == "max_errors":
                good = s["errors"] <= floor
                print("  %-16s %-12s %6d <= %6d  %s" % (
                    name, "errors", s["errors"], floor,
                    "ok" if good else "FAIL"))
            elif metric.endswith("_match") and metric[:-6] in META_FIELDS:
                # metadata match rate, e.g. "title_match"
                m = s.get("meta", {}).get(metric[:-6])
                good = m is not None and m["match"] >= floor
                print("  %-16s %-12s %s >= %.3f  %s" % (
                    name, metric,
                    "%.3f" % m["match"] if m else "  n/a", floor,
                    "ok" if good else "FAIL"))
            elif metric not in s or not isinstance(s[metric], (int, float)):
                good = False
                print("  %-16s %-12s unknown metric  FAIL" % (name, metric))
            else:
                good = s[metric] >= floor
                print("  %-16s %-12s %.3f >= %.3f  %s" % (
                    name, metric, s[metric], floor,
                    "ok" if good else "FAIL"))
            ok = ok and good
    return ok


# ---------------------------------------------------------------- main

def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Score declutter (or saved outputs of another tool) "
                    "on the development datasets.")
    ap.add_argument("--datasets", default="../shared/datasets")
    ap.add_argument("--bin", default="build/declutter")
    ap.add_argument("--sets", help="comma-separated set names (default all)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--args", default="",
                    help="extra arguments for the binary")
    ap.add_argument("--pred-dir",
                    help="score DIR/<set>/<id>.txt instead of running")
    ap.add_argument("--save-dir",
                    help="also write the text output to DIR/<set>/<id>.txt")
    ap.add_argument("--worst", type=int,
                    help="worst pages listed per set (default 10, 0 with "
                         "--floor)")
    ap.add_argument("--json", help="write all numbers to FILE")
    ap.add_argument("--floor", action="store_true",
                    help="score a small sample and compare with the floors")
    ap.add_argument("--floors", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "floors.json"))
    args = ap.parse_args(argv)
    if args.worst is None:
        args.worst = 0 if args.floor else 10
    args.jobs = max(1, args.jobs)
    return args


def main(argv=None):
    args = parse_args(argv)
    t_start = time.monotonic()
    if not os.path.isdir(args.datasets):
        if args.floor:
            print("eval: datasets not found at %s, floor check skipped"
                  % args.datasets)
            return 0
        print("eval: datasets not found at %s" % args.datasets,
              file=sys.stderr)
        return 2
    available = list_sets(args.datasets)
    if args.sets:
        names = [s.strip() for s in args.sets.split(",") if s.strip()]
        unknown = [s for s in names if s not in available]
        if unknown:
            print("eval: unknown set(s): %s (have: %s)"
                  % (", ".join(unknown), ", ".join(available)),
                  file=sys.stderr)
            return 2
    else:
        names = available
    extra = shlex.split(args.args)
    if not args.pred_dir:
        args.bin = os.path.abspath(args.bin)
        if not os.access(args.bin, os.X_OK):
            print("eval: %s is not an executable (build it first)" % args.bin,
                  file=sys.stderr)
            return 2
        print("eval: %s --format=json%s  (%d jobs%s)" % (
            args.bin, "".join(" " + a for a in extra), args.jobs,
            ", floor sample" if args.floor else ""))
    else:
        print("eval: predictions from %s" % args.pred_dir)

    results = {}
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for name in names:
            items = load_truth(args.datasets, name)
            if args.floor:
                items = floor_sample(items, name)
            if args.save_dir:
                os.makedirs(os.path.join(args.save_dir, name), exist_ok=True)
            records = list(pool.map(make_worker(args, name, extra), items))
            results[name] = (summarize(records, not args.pred_dir), records)

    print_table(results, bool(args.pred_dir))
    print_details(results, args.worst)
    wall = time.monotonic() - t_start
    total = sum(s["pages"] for s, _ in results.values())
    print("wall time %.1f s for %d pages" % (wall, total))

    if args.json:
        out = {"bin": None if args.pred_dir else args.bin,
               "args": extra, "pred_dir": args.pred_dir,
               "floor_sample": args.floor, "wall_s": wall,
               "sets": {n: dict(s, page_scores=r)
                        for n, (s, r) in results.items()}}
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(out, f, ensure_ascii=False, indent=1)

    if args.floor:
        return 0 if check_floors(results, args.floors) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
