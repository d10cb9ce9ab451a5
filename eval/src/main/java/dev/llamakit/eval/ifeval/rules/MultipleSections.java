package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Pattern;

/**
 * {@code detectable_format:multiple_sections} ({@code SectionChecker}, kwargs {@code section_spliter,
 * num_sections}): the response split at {@code \s?SPLITER\s?\d+\s?} (the stripped splitter as a regular expression,
 * case kept) has at least {@code num_sections} parts after the first, i.e. that many markers.
 */
public final class MultipleSections implements Instruction {
  private final Pattern marker;
  private final int count;

  public MultipleSections(InstructionArgs a) {
    String s = PyText.SPACE;
    marker = Patterns.compile(s + "?" + PyText.strip(a.string("section_spliter")) + s + "?\\d+" + s + "?", 0);
    count = a.integer("num_sections", 0);
  }

  @Override
  public boolean follows(String response) {
    return PyText.count(marker, response) >= count;
  }
}
