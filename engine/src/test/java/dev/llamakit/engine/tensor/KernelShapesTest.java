package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

/**
 * The kernels' vector shapes against the width of the JVM running the test: run at 512, 256 (AVX2) and 128 bits by
 * the surefire executions of engine/pom.xml, where {@link WeightMatrixTest} then checks the kernels of that width
 * against the scalar references.
 */
class KernelShapesTest {
  private static final int PREFERRED = FloatVector.SPECIES_PREFERRED.vectorBitSize();

  /** Classes whose kernels run at every width (the paired layouts and their operands exist only at 512 bits). */
  private static final List<Class<?>> EVERY_WIDTH = List.of(KernelShapes.class, F32Matrix.class, F16Matrix.class,
      BF16Matrix.class, FloatKernels.class, TileKernels.class);

  @Test
  void noKernelShapeIsWiderThanTheMachinesVectors() throws IllegalAccessException {
    List<String> wide = new ArrayList<>();
    int seen = 0;
    for (Class<?> c : EVERY_WIDTH) {
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) && f.getType() == VectorSpecies.class) {
          f.setAccessible(true);
          VectorSpecies<?> s = (VectorSpecies<?>) f.get(null);
          seen++;
          if (s.vectorBitSize() > Math.max(128, PREFERRED)) {
            wide.add(c.getSimpleName() + "." + f.getName() + " = " + s);
          }
        }
      }
    }
    assertTrue(seen >= 15, "found only " + seen + " species fields");
    assertTrue(wide.isEmpty(), "shapes wider than the preferred " + PREFERRED + " bits (emulated): " + wide);
  }

  @Test
  void shapesFitTogether() {
    assertEquals(PREFERRED >= 256 ? 256 : 128, KernelShapes.BITS);
    assertEquals(16, KernelShapes.SL * KernelShapes.PARTS, "a 16-weight group in whole vectors");
    assertEquals(KernelShapes.SL, KernelShapes.BW.length(), "bytes widened one to one into int16 lanes");
    assertEquals(KernelShapes.SL / 2, KernelShapes.I.length(), "pair sums");
    assertEquals(KernelShapes.I.length(), KernelShapes.FL, "pair sums converted to floats");
    assertEquals(KernelShapes.FL, KernelShapes.HF.length(), "halves widened to floats");
    assertEquals(0, 8 % KernelShapes.FL, "8 bytes convert to floats in whole vectors");
  }
}
