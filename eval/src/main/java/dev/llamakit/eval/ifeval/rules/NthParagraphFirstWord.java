package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.List;

/**
 * {@code length_constraints:nth_paragraph_first_word} ({@code ParagraphFirstWordCheck}, kwargs {@code num_paragraphs,
 * nth_paragraph, first_word}): paragraphs are the parts between {@code "\n\n"}; the non-blank ones number exactly
 * {@code num_paragraphs}, and part {@code nth_paragraph} (counted among all parts, blank ones included, as lm-eval
 * indexes) is not blank and starts with the word, compared in lower case after leading quotes and up to the first
 * of {@code . , ? ! ' "}.
 */
public final class NthParagraphFirstWord implements Instruction {
  private static final String PUNCTUATION = ".,?!'\"";

  private final int paragraphs;
  private final int nth;
  private final String firstWord;

  public NthParagraphFirstWord(InstructionArgs a) {
    paragraphs = a.integer("num_paragraphs", 0);
    nth = a.integer("nth_paragraph", 1);
    if (nth > paragraphs) {
      throw a.error("nth_paragraph", "must be <= num_paragraphs (" + paragraphs + "), got " + nth
          + " (lm-eval would draw a random value)");
    }
    firstWord = PyText.lower(a.string("first_word"));
  }

  @Override
  public boolean follows(String response) {
    List<String> parts = PyText.split(response, "\n\n");
    int n = parts.size();
    for (String p : parts) {
      if (PyText.strip(p).isEmpty()) {
        n--;
      }
    }
    if (nth > n) {
      return false;
    }
    String paragraph = PyText.strip(parts.get(nth - 1));
    if (paragraph.isEmpty()) {
      return false;
    }
    String word = PyText.strip(PyText.split(paragraph).getFirst());
    word = PyText.lstrip(PyText.lstrip(word, "'"), "\"");
    StringBuilder first = new StringBuilder();
    for (int i = 0; i < word.length(); ) {
      int c = word.codePointAt(i);
      i += Character.charCount(c);
      if (PUNCTUATION.indexOf(c) >= 0) {
        break;
      }
      first.append(PyText.lower(new String(Character.toChars(c))));
    }
    return n == paragraphs && first.toString().equals(firstWord);
  }
}
