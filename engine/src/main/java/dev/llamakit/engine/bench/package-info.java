/**
 * Throughput measurement: {@link dev.llamakit.engine.bench.EngineBenchmark} times prompt processing and generation
 * of a loaded model, and {@link dev.llamakit.engine.bench.BandwidthProbe} measures memory read bandwidth in the same
 * run, so generation speed can be reported as a fraction of the bandwidth roofline. Speed targets live here and in
 * the JMH kernel benchmarks, never in unit tests. {@link dev.llamakit.engine.bench.Machine} names what the figures
 * were measured on: the CPU model and the vector width the kernels run at.
 *
 * <pre>{@code
 * EngineBenchmark.Result r = EngineBenchmark.run(model, 64, 64, 2, 1L << 30);
 * System.out.println(r.generationTokensPerSecond() + " tok/s, " + r.fractionOfRoofline() + " of roofline");
 * }</pre>
 */
package dev.llamakit.engine.bench;
