/**
 * Scheduling requests on the one loaded model: a bounded first-come-first-served queue (one request on the engine at
 * a time, a fair lock for the order, 429 when full). Not continuous batching.
 *
 * <pre>{@code
 * RequestQueue q = new RequestQueue(16);
 * q.run(() -> text.generate(prompt, params, listener));   // or RequestQueue.QueueFullException
 * }</pre>
 */
package dev.llamakit.serve.schedule;
