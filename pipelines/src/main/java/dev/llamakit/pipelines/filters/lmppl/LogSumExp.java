package dev.llamakit.pipelines.filters.lmppl;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code log Σ exp(l_i)} over a row of logits with the Vector API: the maximum and the exponentials in float lanes
 * (the Vector API's {@code EXP}, within 1 ulp of {@link Math#exp}), the sum in double lanes. It differs from the
 * engine's all-double {@code LogProbs.logSumExp} by the exponentials' float rounding only (about 1e-8 relative per
 * term, so ~1e-8 absolute in the result), at a fraction of the cost of one {@link Math#exp} per vocabulary entry.
 */
final class LogSumExp {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Double> D = VectorSpecies.of(double.class,
      jdk.incubator.vector.VectorShape.forBitSize(F.vectorBitSize()));

  private LogSumExp() {}

  /** {@code log(Σ exp(x[off+i]))} for {@code i < n}. */
  static double of(float[] x, int off, int n) {
    int len = F.length();
    int bound = n - n % len;
    float max = Float.NEGATIVE_INFINITY;
    int i = 0;
    if (bound > 0) {
      FloatVector m = FloatVector.fromArray(F, x, off);
      for (i = len; i < bound; i += len) {
        m = m.max(FloatVector.fromArray(F, x, off + i));
      }
      max = m.reduceLanes(VectorOperators.MAX);
    }
    for (; i < n; i++) {
      max = Math.max(max, x[off + i]);
    }
    FloatVector mv = FloatVector.broadcast(F, max);
    DoubleVector lo = DoubleVector.zero(D);
    DoubleVector hi = DoubleVector.zero(D);
    for (i = 0; i < bound; i += len) {
      FloatVector e = FloatVector.fromArray(F, x, off + i).sub(mv).lanewise(VectorOperators.EXP);
      lo = lo.add(e.convertShape(VectorOperators.F2D, D, 0));
      hi = hi.add(e.convertShape(VectorOperators.F2D, D, 1));
    }
    double sum = lo.add(hi).reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      sum += Math.exp(x[off + i] - max);
    }
    return max + Math.log(sum);
  }
}
