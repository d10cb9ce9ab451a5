#!/usr/bin/env python3
"""Writes the golden values PyRandomTest checks: CPython's random.Random draws for integer seeds.

Run from the repository root with the CPython that lm-evaluation-harness would use:
    python3 eval/tools/make_pyrandom_golden.py > eval/src/test/resources/dev/llamakit/eval/task/pyrandom-golden.json
Each case starts from a fresh random.Random(seed) and records one kind of draw, so a mismatch names what diverged.
"""
import json
import random
import sys

SEEDS = [0, 1, 42, 1234, 2**32 + 5, -1234, 2**63 - 1]


def case(seed, op, args, draw):
    rnd = random.Random(seed)
    return {"seed": seed, "op": op, "args": args, "values": draw(rnd)}


def main():
    cases = []
    for s in SEEDS:
        cases.append(case(s, "uint32", [8], lambda r: [r.getrandbits(32) for _ in range(8)]))
        cases.append(case(s, "random", [5], lambda r: [repr(r.random()) for _ in range(5)]))
        for k in (0, 1, 7, 31, 33, 53, 63):
            cases.append(case(s, "getrandbits", [k, 4], lambda r, k=k: [r.getrandbits(k) for _ in range(4)]))
        for n in (1, 2, 3, 5, 100, 1000, 2**31 - 1):
            cases.append(case(s, "randbelow", [n, 20], lambda r, n=n: [r.randrange(n) for _ in range(20)]))
    # sample: pool-based (n <= setsize) and set-based (n > setsize) selection, around the thresholds
    # setsize(k) = 21 (k <= 5), 21 + 4**ceil(log(3k, 4)) otherwise: k=6..21 -> 85, k=22..85 -> 277
    for s in (1234, 0, 7):
        for n, k in ((5, 5), (21, 5), (22, 5), (30, 3), (85, 6), (86, 6), (85, 21), (86, 21), (277, 26), (278, 26), (277, 27),
                     (278, 27), (1000, 1), (1172, 26), (7473, 5), (7473, 6), (50, 50), (10, 0)):
            cases.append(case(s, "sample", [n, k], lambda r, n=n, k=k: r.sample(range(n), k)))
        for n in (0, 1, 2, 10, 100):
            cases.append(case(s, "shuffle", [n], lambda r, n=n: (lambda x: (r.shuffle(x), x)[1])(list(range(n)))))
    # lm-eval's stream: one random.Random(1234) per task, sample(fewshot_docs, n) for each test doc in order
    # (n + 1 when the few-shot split is the test split). gsm8k: 7473 train docs, 5 shots; arc_challenge (MosaicML
    # test-only layout): 1172 docs, 25 shots + 1.
    for name, n, k, docs in (("gsm8k", 7473, 5, 30), ("arc_challenge", 1172, 26, 30), ("arc_easy", 2376, 26, 30)):
        rnd = random.Random(1234)
        cases.append({"seed": 1234, "op": "stream", "args": [n, k, docs], "name": name,
                      "values": [rnd.sample(range(n), k) for _ in range(docs)]})
    json.dump({"python": sys.version.split()[0], "cases": cases}, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
