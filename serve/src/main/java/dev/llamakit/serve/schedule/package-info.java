/**
 * Scheduling requests on the one loaded model: {@link dev.llamakit.serve.schedule.RequestQueue} admits {@code batch}
 * requests at a time in arrival order (a fair semaphore, 429 when the waiting room is full), and
 * {@link dev.llamakit.serve.schedule.BatchScheduler} decodes the admitted ones together by continuous batching: one
 * forward pass per step over every active sequence, each with its own KV slot, position, sampler and text stream;
 * new requests join between steps (their prompt prefilled from the longest prefix any slot already holds), finished
 * or cancelled ones leave at once.
 *
 * <pre>{@code
 * RequestQueue q = new RequestQueue(16, 8);
 * BatchScheduler s = new BatchScheduler(text, 8, metrics);
 * TextGeneration g = q.run(() -> s.generate(promptIds, params, piece -> sse.send(piece)));
 * }</pre>
 */
package dev.llamakit.serve.schedule;
