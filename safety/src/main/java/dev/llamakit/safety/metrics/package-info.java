/**
 * Evaluation figures: precision, recall, F1, FPR at a threshold and AUPRC (average precision), and latency
 * percentiles.
 *
 * <pre>{@code
 * BinaryMetrics m = BinaryMetrics.of(scores, isUnsafe, 0.5);   // m.f1(), m.auprc()
 * }</pre>
 */
package dev.llamakit.safety.metrics;
