package dev.llamakit.pipelines.filters.language;

import dev.llamakit.engine.store.ModelStore;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.langid.LanguageIdentifier;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * cc_net's language identification: fastText lid.176 on {@code raw_content} with line breaks removed, the score
 * rounded as cc_net rounds it; kept with {@code language, language_score} when the score is at least
 * {@code threshold}, dropped as {@code LANGUAGE_SCORE_TOO_LOW} otherwise, and as {@code LANGUAGE_NOT_SELECTED} when
 * {@code languages} is given and the label is not in it.
 */
public final class LanguageFilter implements DocumentFilter {
  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** A fastText model file, or the name of a model in llamakit's model cache (fetched on the driver). */
    public String model = "lid176";
    /** cc_net's {@code lang_threshold}, compared with the rounded score. */
    public double threshold = 0.5;
    /** Languages to keep (empty: all). */
    public List<String> languages = new ArrayList<>();
  }

  private final String modelFile;
  private final double threshold;
  private final Set<String> languages;
  private transient LanguageIdentifier lid;

  public LanguageFilter(Params p) {
    this.modelFile = resolve(p.model);
    this.threshold = p.threshold;
    this.languages = Set.copyOf(p.languages);
  }

  /** A file path as it is; a model-cache name resolved (and fetched when missing) here, on the driver. */
  static String resolve(String model) {
    Path f = Path.of(model);
    if (Files.isRegularFile(f)) {
      return f.toAbsolutePath().toString();
    }
    if (model.contains("/") || model.contains(".")) {
      throw new IllegalArgumentException("model file " + model + " not found");
    }
    return ModelStore.standard().ensure(model, System.err).toAbsolutePath().toString();
  }

  /** The resolved model file. */
  public String modelFile() {
    return modelFile;
  }

  @Override
  public void open() {
    lid = new LanguageIdentifier(Path.of(modelFile));
  }

  @Override
  public Verdict apply(Document d) {
    Document.Language l = lid.identify(d.rawContent());
    if (l.score() < threshold) {
      return Verdict.drop(DropReason.LANGUAGE_SCORE_TOO_LOW, l.label() + " " + l.score() + " < " + threshold);
    }
    if (!languages.isEmpty() && !languages.contains(l.label())) {
      return Verdict.drop(DropReason.LANGUAGE_NOT_SELECTED, l.label() + " " + l.score());
    }
    return Verdict.keep(d.withLanguage(l));
  }

  @Override
  public void close() {
    if (lid != null) {
      lid.close();
      lid = null;
    }
  }
}
