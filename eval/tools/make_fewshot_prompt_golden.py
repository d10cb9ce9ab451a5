#!/usr/bin/env python3
"""Writes what lm-evaluation-harness's few-shot sampling gives on eval's test fixture (FixtureData's cuts of the
shared data: gsm8k train 20 / test 4, arc_challenge 40 rows), for FewShotPromptParityTest.

lm-eval is not installable offline here, so this script restates its documented sampling semantics with CPython's own
random module: one random.Random(fewshot_seed=1234) per task; for each test document in order, rnd.sample(fewshot
docs, n) (n + 1 when the few-shot split is the test split), documents equal to the scored one dropped, first n kept;
context = description + "".join(text + target_delimiter + target + fewshot_delimiter) + text(doc).

    python3 eval/tools/make_fewshot_prompt_golden.py ../shared/data/benchmarks \
        > eval/src/test/resources/dev/llamakit/eval/run/fewshot-prompt-golden.json
"""
import json
import random
import sys


def head_jsonl(path, n):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(n), f)]


def draw(rnd, pool, doc, n, same_split):
    k = n + 1 if same_split else n
    return [x for x in rnd.sample(pool, k) if x != doc][:n]


def main(data):
    train = head_jsonl(f"{data}/gsm8k/train.jsonl", 20)
    test = head_jsonl(f"{data}/gsm8k/test.jsonl", 4)
    rnd = random.Random(1234)
    gsm8k = []
    for doc in test:
        shots = draw(rnd, train, doc, 5, False)
        ctx = "".join(f"Question: {s['question']}\nAnswer: {s['answer']}\n\n" for s in shots)
        gsm8k.append(ctx + f"Question: {doc['question']}\nAnswer:")
    arc = head_jsonl(f"{data}/arc/arc_challenge.jsonl", 40)
    rnd = random.Random(1234)
    arc_shots = [[arc.index(s) for s in draw(rnd, arc, doc, 25, True)] for doc in arc]
    json.dump({"python": sys.version.split()[0], "gsm8k": gsm8k, "arc_challenge_shots": arc_shots}, sys.stdout,
              indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/benchmarks")
