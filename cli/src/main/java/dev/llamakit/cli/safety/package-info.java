/**
 * {@code llamakit safety ...} commands: {@code classify} (score a JSONL file), {@code moderate} (input-side check of
 * one message), {@code eval} (P/R/F1/FPR/AUPRC, per category, latency on a labelled set), {@code train} (the
 * classifier recipes), {@code bench} (latency and throughput).
 *
 * <pre>{@code
 * llamakit safety classify --input docs.jsonl --output scores.jsonl --shield embedded-moderation,prompt-attack
 * llamakit safety eval --shield embedded-moderation --dataset samples-1680.jsonl.gz --format openai-moderation
 * }</pre>
 */
package dev.llamakit.cli.safety;
