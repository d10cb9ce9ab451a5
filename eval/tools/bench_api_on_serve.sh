#!/usr/bin/env bash
# The API backend's log-likelihood throughput against llamakit's own server, as eval/README.md reports it:
# starts `llamakit serve` (no shields, 2 threads) on MODEL, then runs `llamakit eval bench --model-api` at batch 1
# and batch 8, alternating, ROUNDS times, printing the server's CPU-seconds (user + system, from /proc) around each.
#
#   eval/tools/bench_api_on_serve.sh MODEL.gguf PORT QUESTIONS [ROUNDS] [-- extra eval bench flags]
#   eval/tools/bench_api_on_serve.sh stories15M-q8_0.gguf 18433 20 3 -- --api-echo-max-tokens 0 --api-concurrent 2
#
# Needs LLAMAKIT_DATA (or ../shared/data/benchmarks) with arc/arc_easy.jsonl.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
model=$1; port=$2; questions=$3; rounds=${4:-3}
shift $(( $# >= 4 ? 4 : 3 )); [[ "${1:-}" == "--" ]] && shift
data="${LLAMAKIT_DATA:-$here/../shared/data/benchmarks}"
"$here/llamakit" serve -m "$model" --port "$port" --model-id bench --threads 2 --shields none >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null' EXIT
for _ in $(seq 1 120); do curl -s "http://127.0.0.1:$port/health" >/dev/null && break; sleep 1; done
cpu() { awk '{print ($14 + $15) / 100}' "/proc/$server/stat"; }
for round in $(seq 1 "$rounds"); do
  for batch in 1 8; do
    before=$(cpu)
    "$here/llamakit" eval bench --model-api "http://127.0.0.1:$port/v1" --api-model bench --api-batch "$batch" \
        --questions "$questions" --data "$data" "$@" 2>&1 | grep -v '^WARNING'
    echo "round $round, batch $batch: server CPU-seconds $(echo "$(cpu) - $before" | bc) (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
