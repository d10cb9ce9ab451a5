package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:number_highlighted_sections} ({@code HighlightSectionChecker}, kwargs
 * {@code num_highlights}): at least that many highlights, counting each non-blank {@code *...*} (one line, no inner
 * {@code *}) and, separately, each non-blank {@code **...**}.
 */
public final class NumberHighlightedSections implements Instruction {
  private static final Pattern SINGLE = Patterns.compile("\\*[^\\n*]*\\*", 0);
  private static final Pattern DOUBLE = Patterns.compile("\\*\\*[^\\n*]*\\*\\*", 0);

  private final int count;

  public NumberHighlightedSections(InstructionArgs a) {
    count = a.integer("num_highlights", 0);
  }

  @Override
  public boolean follows(String response) {
    int n = 0;
    Matcher m = SINGLE.matcher(response);
    while (m.find()) {
      if (!PyText.strip(PyText.strip(m.group(), "*")).isEmpty()) {
        n++;
      }
    }
    m = DOUBLE.matcher(response);
    while (m.find()) {
      String h = m.group();
      if (!PyText.strip(h.substring(2, h.length() - 2)).isEmpty()) {
        n++;
      }
    }
    return n >= count;
  }
}
