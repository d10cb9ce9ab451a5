package dev.llamakit.pipelines.lmtrain;

/**
 * The closed-form Kneser-Ney discounts cannot be computed for some order (a count-of-counts n1, n2 or n3 is zero, or a
 * discount falls outside [0, j]) and no fallback was configured; lmplz stops the same way without
 * {@code --discount_fallback}.
 */
public final class BadDiscountException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  BadDiscountException(String message) {
    super(message + "; small or artificial data? Deduplicate the input, or configure a discount fallback");
  }
}
