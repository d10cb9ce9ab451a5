package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.langid.LanguageIdentifier;
import java.nio.file.Path;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Step 5: fastText language ID as cc_net does it; documents whose rounded score is below the threshold are dropped
 * ({@code LANGUAGE_SCORE_TOO_LOW}), and, when a language list is given, documents in other languages
 * ({@code LANGUAGE_NOT_SELECTED}). The model file must be readable on every worker.
 */
public final class IdentifyLanguage extends PTransform<PCollection<Document>, PCollectionTuple> {
  private final String modelFile;
  private final double threshold;
  private final Set<String> languages;

  private IdentifyLanguage(String modelFile, double threshold, Set<String> languages) {
    this.modelFile = modelFile;
    this.threshold = threshold;
    this.languages = Set.copyOf(languages);
  }

  /** @param languages the languages to keep; empty keeps all */
  public static IdentifyLanguage with(Path modelFile, double threshold, Set<String> languages) {
    return new IdentifyLanguage(modelFile.toString(), threshold, languages);
  }

  @Override
  public PCollectionTuple expand(PCollection<Document> docs) {
    return DocumentStep.apply(docs, "PredictLanguage", new LidFn(modelFile, threshold, languages));
  }

  static final class LidFn extends DoFn<Document, Document> {
    private final String modelFile;
    private final double threshold;
    private final Set<String> languages;
    private transient LanguageIdentifier lid;

    LidFn(String modelFile, double threshold, Set<String> languages) {
      this.modelFile = modelFile;
      this.threshold = threshold;
      this.languages = languages;
    }

    @Setup
    public void setup() {
      lid = new LanguageIdentifier(Path.of(modelFile));
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Document d = c.element();
      Document.Language l = lid.identify(d.rawContent());
      if (l.score() < threshold) {
        Routes.drop(c, new Drop(d.id(), d.url(), DropReason.LANGUAGE_SCORE_TOO_LOW,
            l.label() + " " + l.score() + " < " + threshold));
      } else if (!languages.isEmpty() && !languages.contains(l.label())) {
        Routes.drop(c, new Drop(d.id(), d.url(), DropReason.LANGUAGE_NOT_SELECTED, l.label() + " " + l.score()));
      } else {
        c.output(d.withLanguage(l));
      }
    }

    @Teardown
    public void teardown() {
      if (lid != null) {
        lid.close();
      }
    }
  }
}
