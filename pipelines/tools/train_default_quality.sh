#!/usr/bin/env bash
# Rebuilds the quality_classifier step's shipped model (default-quality.ftz and its -validation.json) from the
# reference material in ../shared (or $SHARED): seed 1, one thread, so the same inputs give the same model.
#   positives (label wiki): WikiText-2 valid+test (Wikipedia Good/Featured articles, CC BY-SA 3.0), re-joined into
#     articles by quality_wikitext.py; 8 header-stripped Project Gutenberg books (public domain)
#   negatives (label cc): Common Crawl text processed by cc_net (dolma's cc_en_head-0091/0174 test files, bucket head,
#     CC-MAIN-2020-16) and dolma's Common Crawl documents (000.json.gz)
# usage: pipelines/tools/train_default_quality.sh [OUT_DIR]   (default: the package's resource folder)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED:-$root/../shared}
web=$shared/data/web
out=${1:-$root/pipelines/src/main/resources/dev/llamakit/pipelines/filters/quality}
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
python3 "$root/pipelines/tools/quality_wikitext.py" "$work/wikitext.jsonl" "$web/wikitext-2/valid.txt" "$web/wikitext-2/test.txt"
books=()
for b in 11 16 1661 174 2701 98 345 5200; do books+=("gutenberg=$web/gutenberg/header-stripped/pg$b.txt"); done
"$root/llamakit" pipeline train-classifier \
  --positive "wikitext=$work/wikitext.jsonl" "${books[@]}" \
  --negative "cc_net_head=$web/dolma/cc_en_head-0091.jsonl" "cc_net_head=$web/dolma/cc_en_head-0174.jsonl" \
             "dolma_cc=$web/dolma/000.json.gz" \
  --chunk-chars 400 --min-chars 150 --seed 1 --validation-percent 10 \
  --dim 16 --epoch 50 --lr 0.5 --word-ngrams 2 --bucket 100000 --min-count 1 --cutoff 30000 --qnorm --retrain \
  --output "$out/default-quality.ftz"
