package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyText;
import java.util.regex.Pattern;

/**
 * {@code detectable_content:postscript} ({@code PostscriptChecker}, kwargs {@code postscript_marker}): in the
 * lower-cased response some line holds the marker: {@code p.p.s} (spaces allowed after the periods) for
 * {@code "P.P.S"}, {@code p.s.} for {@code "P.S."}, otherwise the stripped marker lower-cased, as a regular expression.
 */
public final class Postscript implements Instruction {
  private final Pattern marker;

  public Postscript(InstructionArgs a) {
    String m = PyText.strip(a.string("postscript_marker"));
    String s = PyText.SPACE;
    String p = switch (m) {
      case "P.P.S" -> s + "*p\\." + s + "?p\\." + s + "?s.*$";
      case "P.S." -> s + "*p\\." + s + "?s\\..*$";
      default -> s + "*" + PyText.lower(m) + ".*$";
    };
    marker = Patterns.compile(p, Pattern.MULTILINE);
  }

  @Override
  public boolean follows(String response) {
    return marker.matcher(PyText.lower(response)).find();
  }
}
