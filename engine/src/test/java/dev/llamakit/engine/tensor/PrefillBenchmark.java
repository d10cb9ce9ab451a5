package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.parallel.WorkerPool;
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
 * JMH benchmark of the batched (prefill) matmul: a Q4_0 matrix of {@code rows x cols} against 64 tokens through
 * {@link MatMul} on {@code threads} workers (the shapes of Llama-3.2-1B's gate/up and down projections), and the 4x4
 * register tile alone on L1-resident data (the compute ceiling). One op = one full product; FLOP per op =
 * {@code 2 * rows * cols * 64} ({@code 2 * 16 * 1024} for the tile).
 *
 * <p>Run: {@code ./build -pl engine test-compile} then
 * {@code java --add-modules=jdk.incubator.vector -cp "engine/target/test-classes:engine/target/classes:<test classpath>"
 * org.openjdk.jmh.Main PrefillBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class PrefillBenchmark {
  private static final int TOKENS = 64;
  private static final int TILE_COLS = 1024;

  /** {@code rows x cols}. */
  @Param({"8192x2048", "2048x8192"})
  public String shape;

  @Param({"1", "2"})
  public int threads;

  private Arena arena;
  private WorkerPool pool;
  private MatMul matmul;
  private WeightMatrix w;
  private float[] x;
  private float[] out;
  private float[] panel;
  private float[] acc;

  @Setup(Level.Trial)
  public void setup() {
    String[] p = shape.split("x");
    int rows = Integer.parseInt(p[0]), cols = Integer.parseInt(p[1]);
    arena = Arena.ofShared();
    MemorySegment seg = arena.allocate(GgmlType.Q4_0.byteSize((long) rows * cols), 64);
    RandomBlocks.fill(GgmlType.Q4_0, seg, (long) rows * cols, new SplittableRandom(1), 0.02f);
    w = WeightMatrix.of("bench", GgmlType.Q4_0, seg, rows, cols);
    x = new float[TOKENS * cols];
    SplittableRandom r = new SplittableRandom(2);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    out = new float[TOKENS * rows];
    pool = new WorkerPool(threads);
    matmul = new MatMul(pool, cols);
    panel = new float[4 * TILE_COLS];
    for (int i = 0; i < panel.length; i++) {
      panel[i] = (float) r.nextGaussian();
    }
    acc = new float[16 * TileKernels.lanes()];
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.close();
    arena.close();
  }

  @Benchmark
  public float prefill64Tokens() {
    matmul.matmul(w, x, TOKENS, out, false);
    return out[0];
  }

  /**
   * The 4x4 tile over 1024 columns with weights and activations in L1 (single-threaded, so the params only repeat it).
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public float tile4x4L1() {
    TileKernels.tile4x4(panel, 0, TILE_COLS, x, 0, TILE_COLS, TILE_COLS, acc, 0);
    return acc[0];
  }
}
