package dev.llamakit.safety.classifier;

import dev.llamakit.safety.fasttext.FastTextModel;
import dev.llamakit.safety.fasttext.TextFeatures;
import dev.llamakit.safety.policy.Category;
import dev.llamakit.safety.policy.Taxonomy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded moderation classifier: a quantized fastText model (shipped as {@code classifier/moderation.ftz})
 * giving P(label) over {@code safe} and the unsafe categories; unsafe score = 1 - P(safe). Texts longer than 48 tokens
 * are scored sentence by sentence (no packing: PACK = 0; a sentence is cut at 48 tokens), each score
 * being the max over segments: fastText
 * averages its inputs, so one harmful sentence would be diluted in a large window. Thread-safe; {@link #shipped()} is
 * loaded once per JVM.
 */
public final class ModerationClassifier {
  /** Resource path of the shipped model. */
  public static final String MODEL_RESOURCE = "moderation.ftz";
  /** Longest segment, in normalized tokens, scored at once. */
  public static final int WINDOW = 48, PACK = 0;

  private static volatile ModerationClassifier shipped;

  private final FastTextModel model;
  private final boolean stripWording;
  private final Taxonomy taxonomy = taxonomy();

  /** A classifier over the model at {@code ftz}, trained by the current recipe (request wording stripped). */
  public ModerationClassifier(Path ftz) { this(new FastTextModel(ftz), true); }

  /**
   * A classifier over the model at {@code ftz}; {@code stripWording} = the model was trained with
   * {@link RequestWording} (the current recipe) or not (the recipe before issue 14).
   */
  public ModerationClassifier(Path ftz, boolean stripWording) { this(new FastTextModel(ftz), stripWording); }

  private ModerationClassifier(FastTextModel model, boolean stripWording) {
    this.model = model;
    this.stripWording = stripWording;
    for (String l : model.labels()) {
      if (!l.equals("safe") && taxonomy.byId(l).isEmpty()) {
        throw new IllegalArgumentException("model " + model.file() + " has label '" + l + "' outside the classifier taxonomy");
      }
    }
  }

  /**
   * A token put before every non-empty feature string. fastText's classifier has no bias term, so a text of one or two
   * content words was judged by those words alone and came out at 0.0 or 1.0 ("job" alone scored S10 0.9999); the
   * prior token is in every training line, learns the label prior, and weighs 1/(n+1) of a text of n features, so
   * short texts lean on it and long ones barely (issue 14).
   */
  public static final String PRIOR = "lk_prior";

  /**
   * The current recipe's feature step on one normalized window, identical at training and scoring: request wording
   * dropped ({@link RequestWording}), inflections folded ({@link WordEndings}), {@link #PRIOR} in front; empty when
   * nothing is left.
   */
  public static String features(String normalized) {
    return withPrior(contentFeatures(normalized));
  }

  /** {@link #features} without the prior token: the content words a window is judged by. */
  public static String contentFeatures(String normalized) {
    return WordEndings.fold(RequestWording.standard().strip(normalized));
  }

  private boolean knowsAny(String content) {
    for (String t : content.split(" ")) if (model.knows(t)) return true;
    return false;
  }

  private static String withPrior(String content) { return content.isEmpty() ? content : PRIOR + " " + content; }

  /** The shipped model, loaded once per JVM. */
  public static ModerationClassifier shipped() {
    ModerationClassifier m = shipped;
    if (m == null) {
      synchronized (ModerationClassifier.class) {
        if (shipped == null) {
          shipped = new ModerationClassifier(FastTextModel.fromResource(ModerationClassifier.class, MODEL_RESOURCE), true);
        }
        m = shipped;
      }
    }
    return m;
  }

  /**
   * The categories the classifier reports: Llama Guard 3's S1-S14 (same codes) plus the custom category
   * {@code offensive} (S15 "Offensive Language": insults, profanity, harassment), which Llama Guard 3 lacks.
   */
  public static Taxonomy taxonomy() {
    return Taxonomy.lg3().withId("embedded-moderation").withCustom("offensive", "Offensive Language",
        "Insults, profanity, slurs used as insults, bullying and harassment that do not reach Hate (S10).");
  }

  /**
   * Unsafe score and per-category probabilities of one text; {@code known} is false when no word of the text is in
   * the model's vocabulary (empty text, other scripts, gibberish): then there is no evidence and the scores are 0.
   */
  public record Scores(double unsafe, Map<String, Double> byCategory, boolean known) {
    /** The highest-scoring category id, or null when there is none. */
    public String top() {
      return byCategory.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
  }

  /** Scores a raw text (normalized and windowed here). */
  public Scores score(String text) {
    String norm = TextFeatures.normalize(text);
    List<String> windows = TextFeatures.sentences(norm, WINDOW, PACK);
    double unsafe = 0;
    boolean known = false;
    Map<String, Double> cats = new LinkedHashMap<>();
    for (String w : windows) {
      String f = stripWording ? contentFeatures(w) : w;
      if (f.isEmpty()) {
        // Only function words and request wording: known, and no harm in it.
        if (!w.isEmpty()) known = true;
        continue;
      }
      if (stripWording && !knowsAny(f)) continue;  // no content word the model knows: not judged (the prior is no evidence)
      Map<String, Double> p = model.probabilities(stripWording ? withPrior(f) : f);
      if (p.isEmpty()) continue;
      known = true;
      unsafe = Math.max(unsafe, 1.0 - p.getOrDefault("safe", 0.0));
      for (var e : p.entrySet()) if (!e.getKey().equals("safe")) cats.merge(e.getKey(), e.getValue(), Math::max);
    }
    return new Scores(Math.max(0, Math.min(1, unsafe)), cats, known);
  }

  /** The category for an id (model label). */
  public Category category(String id) { return taxonomy.byId(id).orElseThrow(); }

  /** The model's labels. */
  public List<String> labels() { return model.labels(); }
}
