/**
 * Persistent worker threads for the engine's parallel regions.
 *
 * <p>{@link dev.llamakit.engine.parallel.WorkerPool} keeps its threads alive between operations and synchronises
 * them with a barrier that spins briefly and then parks, the design engine.md §6.6 recommends for small shared
 * machines. Work is split statically in contiguous ranges ({@code WorkerPool.from/to}).
 *
 * <pre>{@code
 * WorkerPool pool = new WorkerPool(2);
 * pool.run((w, n) -> { for (int r = WorkerPool.from(rows, w, n); r < WorkerPool.to(rows, w, n); r++) compute(r); });
 * }</pre>
 */
package dev.llamakit.engine.parallel;
