package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ARC for the generation variants Meta runs (lm-eval's {@code arc_challenge_chat}): {@link ArcLoader}'s documents
 * (MosaicML's {@code {query, choices, gold}} conversion) plus {@code answer_key}, the gold letter (A-E: lm-eval maps
 * the release's numeric keys 1-4 to A-D, which the conversion's index already is), and {@code options_chat}, the
 * option lines {@code arc_challenge_chat} writes: {@code "A. "}, {@code "\nB. "}, {@code "\nC. "} and, when there
 * are more than 3 choices, {@code "\nD. "} before each text (a fifth choice is not shown, as in lm-eval's template).
 */
public class ArcLetterLoader implements DatasetLoader {
  private static final String LETTERS = "ABCDE";

  @Override
  public List<Doc> load(Path file, String split) {
    List<Doc> out = new ArrayList<>();
    for (Doc d : new ArcLoader().load(file, split)) {
      if (keep(d)) {
        List<String> c = d.list("choices");
        int gold = d.integer("answer");
        if (gold >= LETTERS.length()) {
          throw new DataFormatException(file + ": record " + (d.index() + 1) + ": gold index " + gold
              + " has no answer letter (A-E)");
        }
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < Math.min(4, c.size()); i++) {
          lines.append(i == 0 ? "" : "\n").append(LETTERS.charAt(i)).append(". ").append(c.get(i));
        }
        if (c.size() < 3) { // lm-eval's template reads choices.text[2] unconditionally: jinja renders a missing one as ""
          for (int i = c.size(); i < 3; i++) {
            lines.append(i == 0 ? "" : "\n").append(LETTERS.charAt(i)).append(". ");
          }
        }
        Map<String, Object> f = new HashMap<>(d.fields());
        f.put("answer_key", String.valueOf(LETTERS.charAt(gold)));
        f.put("options_chat", lines.toString());
        out.add(new Doc(d.id(), out.size(), f));
      }
    }
    return out;
  }

  /** Whether a document is scored; all of them here. */
  protected boolean keep(Doc d) {
    return true;
  }
}
