package dev.llamakit.eval.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.llamakit.eval.sandbox.Sandbox;
import dev.llamakit.eval.sandbox.SandboxConfig;

/** Skips a test, with the reason, on machines where the sandbox cannot isolate programs (no namespaces, no python3). */
public final class SandboxSupport {
  private static String refusal;
  private static boolean probed;

  private SandboxSupport() {}

  public static synchronized void assumeIsolation() {
    if (!probed) {
      probed = true;
      try (Sandbox s = new Sandbox(SandboxConfig.defaults().withWorkers(1))) {
        if (!s.isolated()) {
          refusal = "not isolated";
        }
      } catch (IllegalStateException e) {
        refusal = e.getMessage();
      }
    }
    assumeTrue(refusal == null, () -> "skipped: the code sandbox is unavailable here: " + refusal);
  }
}
