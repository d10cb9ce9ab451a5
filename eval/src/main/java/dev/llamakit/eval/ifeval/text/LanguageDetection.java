package dev.llamakit.eval.ifeval.text;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.TextObjectFactory;
import com.optimaize.langdetect.text.TextObjectFactoryBuilder;
import com.optimaize.langdetect.text.UrlTextFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code langdetect.detect(text)} as lm-eval's IFEval calls it: the character 1-3-gram profiles and naive-Bayes
 * trials of Cybozu's language-detection (of which Python's {@code langdetect} is a port), through the
 * {@code com.optimaize.languagedetector} library configured like langdetect: every text scored with the random-trial
 * algorithm (no short-text shortcut), smoothing alpha 0.5, URLs and e-mail addresses removed, text cut at 10,000
 * characters, the most probable language returned.
 *
 * <p>Where results may differ from lm-eval: the library's profile set (71 languages) is larger than langdetect's
 * (55), so a text can be given a language langdetect does not know; its random trials use a fixed seed (0), where
 * lm-eval leaves langdetect unseeded, so lm-eval itself can answer differently from run to run on a borderline text;
 * a text without any letters is reported as {@link Optional#empty()} (langdetect raises {@code LangDetectException},
 * which lm-eval counts as the instruction being followed).
 */
public final class LanguageDetection {
  private static volatile LanguageDetection instance;

  private final LanguageDetector detector;
  private final TextObjectFactory texts;

  private LanguageDetection() {
    try {
      detector = LanguageDetectorBuilder.create(NgramExtractors.standard())
          .withProfiles(new LanguageProfileReader().readAllBuiltIn())
          .seed(0L)
          .alpha(0.5)
          .shortTextAlgorithm(0)
          .probabilityThreshold(0.1)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled language profiles", e);
    }
    texts = new TextObjectFactoryBuilder().maxTextLength(10_000).withTextFilter(UrlTextFilter.getInstance()).build();
  }

  /** The shared detector (profiles are read once). */
  public static LanguageDetection get() {
    LanguageDetection d = instance;
    if (d == null) {
      synchronized (LanguageDetection.class) {
        d = instance;
        if (d == null) {
          d = new LanguageDetection();
          instance = d;
        }
      }
    }
    return d;
  }

  /**
   * The ISO 639-1 code of the most probable language of {@code text} ({@code "en"}, {@code "fr"}), or empty when the
   * text has nothing to detect from (langdetect's {@code LangDetectException}).
   */
  public Optional<String> detect(String text) {
    boolean letters = text.codePoints().anyMatch(Character::isLetter);
    if (!letters) {
      return Optional.empty();
    }
    List<DetectedLanguage> p;
    synchronized (this) {
      p = detector.getProbabilities(texts.forText(text));
    }
    if (p.isEmpty()) {
      return Optional.of("unknown"); // langdetect: no language above its 0.1 threshold
    }
    return Optional.of(p.getFirst().getLocale().toString().toLowerCase(java.util.Locale.ROOT)); // zh-cn, as langdetect
  }
}
