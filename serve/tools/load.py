#!/usr/bin/env python3
"""Fires N concurrent completion requests at a running `llamakit serve` and prints latency and throughput.

    python3 serve/tools/load.py --base http://127.0.0.1:8080 --clients 8 --max-tokens 64

Each client sends one request (greedy, fixed prompt, ignoring end-of-text is not possible: the prompt is a story
opening so replies run to max_tokens). Prints per-request latency (min / median / max), the wall time, the total
generated tokens and the server's aggregate tokens/s. Standard library only.
"""
import argparse
import json
import statistics
import threading
import time
import urllib.request


def one(base, max_tokens, out, i):
    body = json.dumps({"prompt": "Once upon a time", "max_tokens": max_tokens, "temperature": 0}).encode()
    req = urllib.request.Request(base + "/v1/completions", data=body, headers={"Content-Type": "application/json"})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req) as r:
            j = json.load(r)
            out[i] = (time.perf_counter() - t0, r.status, j["usage"]["completion_tokens"])
    except urllib.error.HTTPError as e:
        out[i] = (time.perf_counter() - t0, e.code, 0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--base", default="http://127.0.0.1:8080")
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--max-tokens", type=int, default=64)
    a = p.parse_args()
    one(a.base, 4, [None], 0)  # warm-up
    out = [None] * a.clients
    threads = [threading.Thread(target=one, args=(a.base, a.max_tokens, out, i)) for i in range(a.clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    ok = [o for o in out if o[1] == 200]
    lat = sorted(o[0] for o in ok)
    tokens = sum(o[2] for o in ok)
    statuses = {}
    for o in out:
        statuses[o[1]] = statuses.get(o[1], 0) + 1
    print(f"clients {a.clients}, statuses {statuses}, wall {wall:.3f} s, tokens {tokens}, "
          f"throughput {tokens / wall:.1f} tok/s")
    if lat:
        print(f"latency min {lat[0]:.3f} s, median {statistics.median(lat):.3f} s, max {lat[-1]:.3f} s")


if __name__ == "__main__":
    main()
