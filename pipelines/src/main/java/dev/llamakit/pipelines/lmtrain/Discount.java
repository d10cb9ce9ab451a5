package dev.llamakit.pipelines.lmtrain;

/**
 * Modified Kneser-Ney discounts of one n-gram order: the amount subtracted from an adjusted count of 1, of 2 and of 3
 * or more (Chen and Goodman's D1, D2, D3+). A count of 0 is never discounted.
 *
 * @param d1 discount of adjusted count 1
 * @param d2 discount of adjusted count 2
 * @param d3plus discount of adjusted counts 3 and above
 */
public record Discount(float d1, float d2, float d3plus) {

  /** lmplz's {@code --discount_fallback} default: 0.5, 1, 1.5. */
  public static final Discount LMPLZ_FALLBACK = new Discount(0.5f, 1f, 1.5f);

  /** The discount of an adjusted count: 0 for 0, then D1, D2, D3+. */
  public float get(long count) {
    return count <= 0 ? 0f : count == 1 ? d1 : count == 2 ? d2 : d3plus;
  }

  /** The discounted count, {@code count - get(count)}, in float as lmplz computes it. */
  public float apply(long count) {
    return (float) count - get(count);
  }

  /**
   * Chen and Goodman's closed form (their equation 26) from the count-of-counts n1..n4 of one order, in the float
   * arithmetic lmplz uses: {@code Y = n1 / (n1 + 2 n2)}, {@code Dj = j - (j + 1) Y n(j+1) / nj}.
   *
   * @param n count-of-counts, {@code n[j]} = number of n-grams with adjusted count j, for j = 1..4 (index 0 unused)
   * @param order the order, for the message only
   * @throws BadDiscountException when some of n1..n3 is 0 or a discount falls outside [0, j]
   */
  public static Discount estimate(long[] n, int order) {
    for (int j = 1; j <= 3; j++) {
      if (n[j] == 0) {
        throw new BadDiscountException("Could not calculate Kneser-Ney discounts for " + order
            + "-grams with adjusted count " + (j + 1) + " because no " + order + "-gram has adjusted count " + j);
      }
    }
    float y = (float) n[1] / (float) (n[1] + 2.0 * n[2]);
    float[] d = new float[4];
    for (int j = 1; j <= 3; j++) {
      d[j] = (float) j - (float) (j + 1) * y * (float) n[j + 1] / (float) n[j];
      if (d[j] < 0f || d[j] > j) {
        throw new BadDiscountException(order + "-gram discount out of range for adjusted count " + j + ": " + d[j]);
      }
    }
    return new Discount(d[1], d[2], d[3]);
  }
}
