package dev.llamakit.engine.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench header's machine description: the vector width in use and the CPU model from cpuinfo. */
class MachineTest {
  @Test
  void vectorWidthIsThePreferredSpecies() {
    int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    assertEquals(bits, Machine.vectorBits());
    assertEquals(bits + "-bit (FloatVector.SPECIES_PREFERRED)", Machine.vectors());
    assertTrue(bits == 128 || bits == 256 || bits == 512 || bits == 64, "width " + bits);
  }

  @Test
  void x86ModelName(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("cpuinfo");
    Files.writeString(f, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel\t\t: 17\n"
        + "model name\t: AMD EPYC 7R13 Processor\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7R13 Processor\n");
    assertEquals("AMD EPYC 7R13 Processor", Machine.cpuModel(f));
  }

  @Test
  void armModelOrHardware(@TempDir Path dir) throws Exception {
    Path pi = dir.resolve("pi");
    Files.writeString(pi, "processor\t: 0\nBogoMIPS\t: 108.00\nCPU part\t: 0xd08\n\nHardware\t: BCM2835\n"
        + "Model\t\t: Raspberry Pi 4 Model B Rev 1.4\n");
    assertEquals("Raspberry Pi 4 Model B Rev 1.4", Machine.cpuModel(pi));
    Path graviton = dir.resolve("graviton");
    Files.writeString(graviton, "processor\t: 0\nBogoMIPS\t: 243.75\nCPU implementer\t: 0x41\n");
    assertEquals(System.getProperty("os.arch") + " (model unknown)", Machine.cpuModel(graviton));
  }

  @Test
  void noCpuinfoFallsBackToTheArchitecture(@TempDir Path dir) {
    assertEquals(System.getProperty("os.arch") + " (model unknown)", Machine.cpuModel(dir.resolve("absent")));
  }

  @Test
  void thisMachineHasAName() {
    String m = Machine.cpuModel();
    assertTrue(!m.isBlank(), m);
    if (Files.isReadable(Path.of("/proc/cpuinfo")) && System.getProperty("os.arch").contains("64")
        && System.getProperty("os.arch").startsWith("amd")) {
      assertTrue(!m.endsWith("(model unknown)"), m);
    }
  }
}
