package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.engine.store.ModelStore;
import dev.llamakit.pipelines.io.Resources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Perplexity models shipped inside the jar, by name: {@code wikitext2-en}, a small English SentencePiece + KenLM
 * model trained by llamakit's own {@code train-lm} on WikiText-2 (see {@code wikitext2-en/PROVENANCE.txt}), so the
 * {@code ccnet} recipe runs on a machine without cc_net's models. Extracted on first use into
 * {@code $LLAMAKIT_HOME/lm_sp/<name>/} (KenLM files are read from disk, the binary one memory-mapped), written under
 * temporary names and renamed, so a crash never leaves half a model.
 */
public final class BundledModels {
  /** The bundled models folder names. */
  public static final List<String> NAMES = List.of("wikitext2-en");
  private static final List<String> FILES = List.of("en.sp.model", "en.arpa.gz");

  private BundledModels() {}

  public static boolean isBundled(String name) {
    return NAMES.contains(name);
  }

  /** The folder holding the bundled model {@code name}, extracted from the jar when missing or incomplete. */
  public static synchronized Path folder(String name) throws IOException {
    if (!isBundled(name)) {
      throw new IllegalArgumentException("no bundled perplexity model '" + name + "'; bundled: " + NAMES);
    }
    Path dir = ModelStore.defaultHome().resolve("lm_sp").resolve(name);
    Files.createDirectories(dir);
    for (String f : FILES) {
      Resources.extract(BundledModels.class, name + "/" + f, dir.resolve(f));
    }
    return dir;
  }
}
