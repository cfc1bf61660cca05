#!/usr/bin/env python3
"""Self-test of tools/eval.py: metric functions on hand-computed cases and
two small end-to-end runs on a throwaway dataset.

Run: python3 tools/test_eval.py   (exit status 1 on any failure)
"""

import contextlib
import gzip
import importlib.util
import io
import json
import os
import stat
import sys
import tempfile
from collections import Counter

sys.dont_write_bytecode = True  # keep the source tree clean
HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "dc_eval", os.path.join(HERE, "eval.py"))
ev = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ev)

passed = 0
failed = 0


def check(name, got, want):
    global passed, failed
    if isinstance(want, float) and isinstance(got, (int, float)):
        ok = abs(got - want) < 1e-9
    else:
        ok = got == want
    if ok:
        passed += 1
    else:
        failed += 1
        print("FAIL %s: got %r, want %r" % (name, got, want))


def test_tokens():
    check("tokens unicode", ev.tokens("Hello, world! Ünïcödé 42_x — ő"),
          ["Hello", "world", "Ünïcödé", "42_x", "ő"])
    check("tokens empty", ev.tokens(""), [])
    check("tokens none", ev.tokens(None), [])


def test_shingles():
    check("shingles empty", ev.shingles([]), Counter())
    check("shingles short", ev.shingles(["a", "b"]), Counter({("a", "b"): 1}))
    check("shingles exactly 4", ev.shingles(list("abcd")),
          Counter({tuple("abcd"): 1}))
    check("shingles 5", ev.shingles(list("ababa")),
          Counter({tuple("abab"): 1, tuple("baba"): 1}))
    check("shingles duplicates", ev.shingles(["a"] * 6),
          Counter({("a",) * 4: 3}))


def test_shingle_counts():
    check("counts multiset", ev.shingle_counts("a a a a a", "a a a a a a"),
          (2, 0, 1, False))
    check("counts both empty", ev.shingle_counts("", ""), (0, 0, 0, True))
    check("counts pred only", ev.shingle_counts("x y", ""), (0, 1, 0, False))
    check("counts truth only", ev.shingle_counts("", "p q r s t"),
          (0, 0, 2, False))
    check("counts exact ignores punctuation",
          ev.shingle_counts("Hello, world", "Hello world!"), (1, 0, 0, True))
    check("counts case kept", ev.shingle_counts("Hello world", "hello world"),
          (0, 1, 1, False))
    check("counts repeated prediction",
          ev.shingle_counts("a b c d a b c d", "a b c d"), (1, 4, 0, False))
    check("counts short vs long",
          ev.shingle_counts("a b", "a b c d"), (0, 1, 1, False))


def test_shingle_page():
    check("page perfect", ev.shingle_page(5, 0, 0), (1.0, 1.0))
    check("page all zero", ev.shingle_page(0, 0, 0), (1.0, 1.0))
    check("page p/r", ev.shingle_page(3, 1, 0), (0.75, 1.0))
    check("page p/r 2", ev.shingle_page(2, 0, 1), (1.0, 2 / 3))
    check("page nothing predicted", ev.shingle_page(0, 0, 2), (0.0, 0.0))
    check("page all wrong", ev.shingle_page(0, 3, 2), (0.0, 0.0))


def test_shingle_aggregate():
    pages = [ev.shingle_counts("a a a a a", "a a a a a a"),  # P 1, R 2/3
             ev.shingle_counts("", ""),                      # in neither
             ev.shingle_counts("x y", ""),                   # P 0 only
             ev.shingle_counts("", "p q r s t")]             # R 0 only
    agg = ev.shingle_aggregate(pages)
    check("agg P", agg["shingle_p"], 0.5)
    check("agg R", agg["shingle_r"], 1 / 3)
    check("agg F1", agg["shingle_f1"], 0.4)
    check("agg exact", agg["exact"], 0.25)
    check("agg empty list", ev.shingle_aggregate([])["shingle_f1"], 0.0)
    agg = ev.shingle_aggregate([(0, 0, 0, True)])
    check("agg only empty pages", (agg["shingle_p"], agg["exact"]), (0.0, 1.0))


def test_word_f1():
    check("word both empty", ev.word_f1("", ""), 1.0)
    check("word both tokenless", ev.word_f1("!!!", " - "), 1.0)
    check("word pred empty", ev.word_f1("", "a"), 0.0)
    check("word truth empty", ev.word_f1("a", ""), 0.0)
    check("word bags", ev.word_f1("The cat the", "the dog"), 0.4)
    check("word lowercase", ev.word_f1("ABC Ünï", "abc ünï"), 1.0)
    check("word disjoint", ev.word_f1("a b", "c d"), 0.0)
    check("word duplicates", ev.word_f1("a a a a", "a"), 0.4)


def test_snippets():
    pred = "Hello\n\n  world\tand more"
    check("snippet page",
          ev.snippet_counts(pred, ["Hello world", "world  and", "missing"],
                            ["and more", "nope"]), (2, 1, 1))
    check("snippet nbsp", ev.snippet_counts("a\u00a0b", ["a b"], []),
          (1, 0, 0))
    check("snippet newline in snippet",
          ev.snippet_counts("x y z", ["x\ny"], []), (1, 0, 0))
    check("snippet leading space kept",
          ev.snippet_counts("Warenkorb x", [], [" Warenkorb"]), (0, 0, 0))
    check("snippet empty prediction",
          ev.snippet_counts("", ["a"], ["b"]), (0, 0, 1))
    agg = ev.snippet_aggregate([(2, 1, 1), (1, 0, 0), (0, 0, 3)])
    check("snippet P", agg["snippet_p"], 0.75)
    check("snippet R", agg["snippet_r"], 3 / 7)
    check("snippet F1", agg["snippet_f1"], 6 / 11)
    check("snippet nothing", ev.snippet_aggregate([(0, 0, 2)])["snippet_f1"],
          0.0)
    check("snippet page score", ev.snippet_page_score(2, 1, 1, 2), 0.6)


def test_meta():
    check("meta nfkc", ev.meta_match("title", "Ｔｉｔｌｅ  Of\u00a0X ",
                                     "title of x"), True)
    check("meta differs", ev.meta_match("title", "Title", "Title 2"), False)
    check("meta quotes", ev.meta_match("title", "Don\u2019t \u201cpanic\u201d", "Don't \"panic\""), True)
    check("meta quote kept", ev.meta_match("title", "Dont panic", "Don't panic"), False)
    check("meta empty pred", ev.meta_match("author", "", "A"), False)
    check("meta none pred", ev.meta_match("author", None, "A"), False)
    check("meta author list",
          ev.meta_match("author", "Ann Bee, Cy Dee", ["Ann Bee", "Cy Dee"]),
          True)
    check("date time suffix",
          ev.meta_match("date", "2020-01-05T10:00:00Z", "2020-01-05"), True)
    check("date other day", ev.meta_match("date", "2020-01-06", "2020-01-05"),
          False)
    check("date month truth",
          ev.meta_match("date", "2015-11-20", "2015-11"), True)
    check("date unpadded truth",
          ev.meta_match("date", "2022-11-01", "2022-11-1"), True)
    check("date year only pred",
          ev.meta_match("date", "2020", "2020-01-05"), False)


def test_sample():
    items = [{"id": str(i)} for i in range(1497)]
    got = ev.floor_sample(items, "wcxb-dev")
    check("sample size", len(got), 79)
    check("sample deterministic", got[:2], [{"id": "0"}, {"id": "19"}])


def write_dataset(root):
    """Two tiny sets: one with text, one with snippets only."""
    pages = {"news": [{"id": "p1", "text": "alpha beta gamma delta epsilon",
                       "title": "T1"},
                      {"id": "p2", "text": "one two three"}],
             "snip": [{"id": "s1", "with": ["good part"],
                       "without": ["bad part"], "date": "2020-01-02"}]}
    for name, items in pages.items():
        os.makedirs(os.path.join(root, name, "pages"))
        with open(os.path.join(root, name, "truth.jsonl"), "w") as f:
            for it in items:
                f.write(json.dumps(it) + "\n")
                with open(os.path.join(root, name, "pages",
                                       it["id"] + ".html.gz"), "wb") as g:
                    g.write(gzip.compress(b"<p>page</p>"))


def run_main(argv):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        rc = ev.main(argv)
    return rc, out.getvalue()


def test_end_to_end():
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        write_dataset(data)
        pred = os.path.join(tmp, "pred")
        os.makedirs(os.path.join(pred, "news"))
        with open(os.path.join(pred, "news", "p1.txt"), "w") as f:
            f.write("alpha beta gamma delta epsilon zeta")
        js = os.path.join(tmp, "out.json")
        rc, _ = run_main(["--datasets", data, "--pred-dir", pred,
                          "--json", js, "--jobs", "2"])
        check("pred-dir rc", rc, 0)
        with open(js) as f:
            res = json.load(f)["sets"]
        news = res["news"]
        # p1: 2 of 3 shingles shared; p2 missing: recall 0, no precision.
        check("pred-dir missing counted", news["errors"], 1)
        check("pred-dir shingle P", news["shingle_p"], 2 / 3)
        check("pred-dir shingle R", news["shingle_r"], 0.5)
        check("pred-dir word F1", news["word_f1"], (10 / 11) / 2)
        check("pred-dir catastrophic", news["catastrophic"], 0.5)
        check("pred-dir snippet F1", res["snip"]["snippet_f1"], 0.0)

        fake = os.path.join(tmp, "fake")
        with open(fake, "w") as f:
            f.write("#!/bin/sh\ncat >/dev/null\n"
                    "printf '%s' '{\"title\":\"t1\",\"date\":\"2020-01-02\","
                    "\"text\":\"one two three good  part\"}'\n")
        os.chmod(fake, stat.S_IRWXU)
        save = os.path.join(tmp, "save")
        rc, out = run_main(["--datasets", data, "--bin", fake,
                            "--save-dir", save, "--json", js])
        check("bin rc", rc, 0)
        with open(js) as f:
            res = json.load(f)["sets"]
        check("bin no errors", res["news"]["errors"], 0)
        check("bin title match", res["news"]["meta"]["title"],
              {"annotated": 1, "match": 1.0})
        check("bin date match", res["snip"]["meta"]["date"]["match"], 1.0)
        check("bin snippet F1", res["snip"]["snippet_f1"], 1.0)
        check("bin word F1 p2", [p["word_f1"] for p in
                                 res["news"]["page_scores"]
                                 if p["id"] == "p2"], [0.75])
        with open(os.path.join(save, "news", "p2.txt")) as f:
            check("save-dir text", f.read(), "one two three good  part")

        floors = os.path.join(tmp, "floors.json")
        with open(floors, "w") as f:
            json.dump({"snip": {"snippet_f1": 1.0},
                       "news": {"word_f1": 0.9}}, f)
        rc, out = run_main(["--datasets", data, "--bin", fake, "--floor",
                            "--floors", floors])
        check("floor below fails", rc, 1)
        check("floor prints FAIL", "FAIL" in out, True)
        with open(floors, "w") as f:
            json.dump({"news": {"title_match": 1.0}}, f)
        rc, out = run_main(["--datasets", data, "--bin", fake, "--floor",
                            "--floors", floors])
        check("metadata floor holds", (rc, "title_match" in out), (0, True))
        with open(floors, "w") as f:
            json.dump({"news": {"author_match": 0.5}}, f)
        rc, out = run_main(["--datasets", data, "--bin", fake, "--floor",
                            "--floors", floors])
        check("metadata floor without annotations fails", rc, 1)
        rc, out = run_main(["--floor", "--datasets",
                            os.path.join(tmp, "absent")])
        check("floor without datasets", (rc, out.strip()),
              (0, "eval: datasets not found at %s, floor check skipped"
               % os.path.join(tmp, "absent")))


def main():
    for name, fn in sorted(globals().items()):
        if name.startswith("test_") and callable(fn):
            try:
                fn()
            except Exception as e:  # a crash is one more failure
                global failed
                failed += 1
                print("FAIL %s raised %r" % (name, e))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
