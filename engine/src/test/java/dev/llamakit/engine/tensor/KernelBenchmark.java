package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of every weight kernel: a mat-vec over a 2048 x 2048 matrix of each type, with the fast
 * quantized-activation dot, the float-activation dot and the reference dequantization (one op = one full matrix).
 * Bytes per op = {@code type.byteSize(2048 * 2048)} (for the unpacked Q6_K layout 274 bytes per 256 weights);
 * divide to get GB/s.
 *
 * <p>Run: {@code ./build -pl engine test-compile} then
 * {@code java --add-modules=jdk.incubator.vector -cp "engine/target/test-classes:engine/target/classes:<test classpath>"
 * org.openjdk.jmh.Main KernelBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class KernelBenchmark {
  /**
   * A ggml type, {@code TYPE_PAIRED} (Q4_0, Q4_K, Q5_K, Q6_K) for that type in the layout {@link WeightMatrix#resident}
   * gives it (paired where 512-bit vectors are native, else unpacked or plain), or {@code Q6_K_UNPACKED} for the
   * one-byte-per-weight Q6_K layout of 256-bit machines.
   */
  @Param({"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K", "Q6_K_UNPACKED", "Q4_0_PAIRED", "Q4_K_PAIRED",
      "Q5_K_PAIRED", "Q6_K_PAIRED"})
  public String type;

  private static final int N = 2048;
  private Arena arena;
  private WeightMatrix w;
  private float[] x;
  private float[] out;
  private float[] scratch;
  private QuantizedActivations q;

  @Setup(Level.Trial)
  public void setup() {
    boolean resident = type.endsWith("_UNPACKED") || type.endsWith("_PAIRED");
    GgmlType t = GgmlType.valueOf(resident ? type.substring(0, type.lastIndexOf('_')) : type);
    arena = Arena.ofShared();
    MemorySegment seg = arena.allocate(t.byteSize((long) N * N), 64);
    RandomBlocks.fill(t, seg, (long) N * N, new SplittableRandom(1), 0.02f);
    w = WeightMatrix.of("bench", t, seg, N, N);
    if (type.endsWith("_UNPACKED")) {
      w = Q6_KUnpackedMatrix.unpack((Q6_KMatrix) w, arena);
    } else if (resident) {
      w = w.resident(arena);
    }
    x = new float[N];
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < N; i++) {
      x[i] = (float) r.nextGaussian();
    }
    out = new float[N];
    scratch = new float[4 * N];
    q = new QuantizedActivations(N);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    arena.close();
  }

  @Benchmark
  public float matvecQuantizedActivations() {
    if (w.activationFormat() != ActivationFormat.F32) {
      q.quantize(w.activationFormat(), x, 0, N);
    }
    float s = 0;
    for (int r = 0; r < N; r++) {
      out[r] = w.dotQuantized(r, q, x, scratch);
      s += out[r];
    }
    return s;
  }

  @Benchmark
  public float matvecFloatActivations() {
    float s = 0;
    for (int r = 0; r < N; r++) {
      out[r] = w.dot(r, x, 0, scratch);
      s += out[r];
    }
    return s;
  }

  @Benchmark
  public float dequantizeReference() {
    float s = 0;
    for (int r = 0; r < N; r++) {
      w.dequantizeRow(r, scratch, 0);
      s += scratch[r];
    }
    return s;
  }
}
