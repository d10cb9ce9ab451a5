#!/usr/bin/env python3
"""Writes the English benchmark corpus for `llamakit bench rules`: ~4 KB documents of real English text from
../shared (WikiText-2 test and valid paragraphs grouped into ~4,000-character documents, and ~4,000-character pages
of the eight header-stripped Gutenberg books, at most 300 per book), shuffled with seed 1, as JSONL.gz.

    python3 pipelines/tools/make_english_bench_corpus.py ../shared /tmp/en4k.jsonl.gz   # 1,580 documents
"""
import glob
import gzip
import json
import random
import sys


def grouped(lines, size=4000, limit=None):
    cur, n, out = [], 0, []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        cur.append(line)
        n += len(line)
        if n >= size:
            out.append("\n".join(cur))
            cur, n = [], 0
            if limit and len(out) >= limit:
                break
    return out


def main(shared, target):
    web = f"{shared}/data/web"
    docs = []
    for f in ("wikitext-2/test.txt", "wikitext-2/valid.txt"):
        with open(f"{web}/{f}", encoding="utf-8") as fh:
            docs += grouped(fh)
    for p in sorted(glob.glob(f"{web}/gutenberg/header-stripped/*.txt")):
        with open(p, encoding="utf-8") as fh:
            docs += grouped(fh.read().split("\n"), limit=300)
    random.Random(1).shuffle(docs)
    with gzip.open(target, "wt", encoding="utf-8") as out:
        for i, d in enumerate(docs):
            out.write(json.dumps({"id": f"en4k-{i}", "url": f"http://example.org/{i}", "text": d}) + "\n")
    print(len(docs), "documents, mean", sum(map(len, docs)) // len(docs), "characters")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
