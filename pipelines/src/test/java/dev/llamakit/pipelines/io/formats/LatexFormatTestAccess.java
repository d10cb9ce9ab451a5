package dev.llamakit.pipelines.io.formats;

import java.io.IOException;
import java.util.Map;

/** Lets tests of other packages build tar fixtures the way {@link LatexFormatTest} does. */
public final class LatexFormatTestAccess {
  private LatexFormatTestAccess() {}

  public static byte[] tar(Map<String, ?> files, boolean gzip) throws IOException {
    return LatexFormatTest.tar(files, gzip);
  }
}
