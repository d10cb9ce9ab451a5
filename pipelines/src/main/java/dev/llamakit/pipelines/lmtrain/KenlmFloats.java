package dev.llamakit.pipelines.lmtrain;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.math.BigDecimal;
import java.util.Optional;

/**
 * The two float operations whose exact results show in lmplz's ARPA text: the C library's {@code log10f} and
 * KenLM's float printing.
 */
final class KenlmFloats {
  private KenlmFloats() {}

  private static final float INV_LN10 = 0x1.bcb7b2p-2f; // 1 / ln 10 rounded to float
  private static final float LOG10_2_HI = 0x1.3441p-2f; // log10(2), leading bits (k * hi is exact)
  private static final float LOG10_2_LO = 0x1.a84fb6p-21f; // log10(2) - hi

  /** The C library's own {@code log10f} through the FFM API, or null where it cannot be found. */
  private static final MethodHandle C_LOG10F = findCLog10f();

  private static MethodHandle findCLog10f() {
    try {
      Linker linker = Linker.nativeLinker();
      Optional<java.lang.foreign.MemorySegment> symbol = linker.defaultLookup().find("log10f");
      if (symbol.isEmpty()) {
        symbol = SymbolLookup.libraryLookup("libm.so.6", java.lang.foreign.Arena.global()).find("log10f");
      }
      return symbol.map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ValueLayout.JAVA_FLOAT,
          ValueLayout.JAVA_FLOAT))).orElse(null);
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }

  /** Whether the C library's {@code log10f} can be called on this platform. */
  static boolean cLog10fAvailable() {
    return C_LOG10F != null;
  }

  /** The C library's {@code log10f} (what lmplz calls), bit for bit that of the local libc. */
  static float cLog10f(float x) {
    try {
      return (float) C_LOG10F.invokeExact(x);
    } catch (Throwable t) {
      throw new IllegalStateException("calling the C library's log10f failed", t);
    }
  }

  /**
   * log10 in float, evaluated the way the glibc {@code log10f} that lmplz was built against does (x = 2^e m with m
   * in [1, 2), or [0.5, 1) when e is negative; result {@code (e lo + log(m)/ln 10) + e hi} in float). A correctly
   * rounded log10 differs from glibc's in about 1.3% of floats by one ulp; this evaluation order agrees with it in
   * all but about 0.02% (where glibc's own {@code logf} is not correctly rounded).
   */
  static float log10f(float x) {
    if (Float.isNaN(x) || x < 0f) {
      return Float.NaN;
    }
    if (x == 0f) {
      return Float.NEGATIVE_INFINITY;
    }
    if (Float.isInfinite(x)) {
      return x;
    }
    int bits = Float.floatToRawIntBits(x);
    int e = 0;
    if (bits < 0x00800000) { // subnormal: scale into the normal range
      e = -25;
      bits = Float.floatToRawIntBits(x * 0x1p25f);
    }
    e += (bits >>> 23) - 127;
    int negative = e < 0 ? 1 : 0;
    float m = Float.intBitsToFloat((bits & 0x007fffff) | ((0x7f - negative) << 23));
    float y = (float) (e + negative);
    float z = y * LOG10_2_LO + INV_LN10 * (float) StrictMath.log(m);
    return z + y * LOG10_2_HI;
  }

  /**
   * A float as KenLM prints it (double-conversion's shortest representation that reads back as the same float,
   * decimal notation for decimal exponents -6..20, otherwise {@code d.ddde-7}; no trailing {@code .0}).
   */
  static String format(float f) {
    if (Float.isNaN(f)) {
      return "NaN";
    }
    if (Float.isInfinite(f)) {
      return f > 0 ? "inf" : "-inf";
    }
    if (f == 0f) {
      return Float.floatToRawIntBits(f) < 0 ? "-0" : "0";
    }
    BigDecimal shortest = new BigDecimal(Float.toString(Math.abs(f))).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    int n = digits.length();
    int point = n - shortest.scale(); // value = 0.digits * 10^point
    int exponent = point - 1;
    StringBuilder sb = new StringBuilder(16);
    if (f < 0) {
      sb.append('-');
    }
    if (exponent >= -6 && exponent < 21) {
      if (point <= 0) {
        sb.append("0.");
        sb.repeat('0', -point);
        sb.append(digits);
      } else if (point >= n) {
        sb.append(digits);
        sb.repeat('0', point - n);
      } else {
        sb.append(digits, 0, point).append('.').append(digits, point, n);
      }
    } else {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      sb.append('e').append(exponent);
    }
    return sb.toString();
  }
}
