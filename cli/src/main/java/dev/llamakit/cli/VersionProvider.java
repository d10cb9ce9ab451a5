package dev.llamakit.cli;

import picocli.CommandLine;

/** Reports llamakit's version and the JVM it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "llamakit " + (v == null ? "0.1.0-SNAPSHOT" : v),
      "JVM: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
