package dev.llamakit.pipelines.sample;

import dev.llamakit.pipelines.io.Resources;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real sentences and their words for the languages bundled with the pipelines module (ten FLORES-200 dev files,
 * CC BY-SA 4.0), from which the sample and benchmark corpora are generated.
 */
public final class LanguagePool {
  /** FLORES file stem to the label lid.176 gives that language. */
  public static final Map<String, String> LANGUAGES = languages();

  private final String label;
  private final List<String> sentences;
  private final List<String> words;
  private final boolean spaced;

  private LanguagePool(String label, List<String> sentences) {
    this.label = label;
    this.sentences = sentences;
    List<String> w = new ArrayList<>();
    boolean hasSpaces = sentences.stream().limit(20).allMatch(s -> s.split(" ").length > 3);
    for (String s : sentences) {
      if (hasSpaces) {
        for (String t : s.split(" ")) {
          if (!t.isBlank()) {
            w.add(t.replaceAll("[.,;:!?\"“”«»()]", ""));
          }
        }
      } else {
        for (int i = 0; i + 3 <= s.length(); i += 3) {
          w.add(s.substring(i, i + 3));
        }
      }
    }
    this.words = w;
    this.spaced = hasSpaces;
  }

  private static Map<String, String> languages() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("eng_Latn", "en");
    m.put("fra_Latn", "fr");
    m.put("deu_Latn", "de");
    m.put("spa_Latn", "es");
    m.put("ita_Latn", "it");
    m.put("por_Latn", "pt");
    m.put("rus_Cyrl", "ru");
    m.put("zho_Hans", "zh");
    m.put("arb_Arab", "ar");
    m.put("hin_Deva", "hi");
    return m;
  }

  /** Loads one bundled language by its FLORES stem (e.g. {@code fra_Latn}). */
  public static LanguagePool load(String stem) {
    String res = "/dev/llamakit/pipelines/sample/flores/" + stem + ".dev";
    if (!Resources.exists(LanguagePool.class, res)) {
      throw new IllegalArgumentException("no bundled sentences for " + stem + " (" + res + ")");
    }
    return new LanguagePool(LANGUAGES.get(stem),
        Resources.text(LanguagePool.class, res).lines().filter(l -> !l.isBlank()).toList());
  }

  /** Every bundled language. */
  public static List<LanguagePool> all() {
    return LANGUAGES.keySet().stream().map(LanguagePool::load).toList();
  }

  /** The lid.176 label of this language. */
  public String label() {
    return label;
  }

  /** A real sentence. */
  public String sentence(SplittableRandom rnd) {
    return sentences.get(rnd.nextInt(sentences.size()));
  }

  /** A new sentence of {@code n} words of this language, in random order (unique with high probability). */
  public String synthesize(SplittableRandom rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      if (i > 0 && spaced) {
        sb.append(' ');
      }
      sb.append(words.get(rnd.nextInt(words.size())));
    }
    if (spaced && !sb.isEmpty()) {
      sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
    }
    return sb.append(spaced ? "." : "。").toString();
  }
}
