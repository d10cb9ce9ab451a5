package dev.llamakit.eval.ifeval.rules;

import dev.llamakit.eval.ifeval.Instruction;
import dev.llamakit.eval.ifeval.InstructionArgs;
import dev.llamakit.eval.ifeval.text.PyJson;
import dev.llamakit.eval.ifeval.text.PyText;

/**
 * {@code detectable_format:json_format} ({@code JsonFormat}, no kwargs): the stripped response, with one leading
 * {@code ```json}, {@code ```Json}, {@code ```JSON} and {@code ```} removed in that order (each at most once) and
 * one trailing {@code ```}, stripped again, is what Python's {@code json.loads} accepts ({@link PyJson}).
 */
public final class JsonFormat implements Instruction {
  public JsonFormat(InstructionArgs a) {}

  @Override
  public boolean follows(String response) {
    String v = PyText.strip(response);
    for (String p : new String[] {"```json", "```Json", "```JSON", "```"}) {
      if (v.startsWith(p)) {
        v = v.substring(p.length());
      }
    }
    if (v.endsWith("```")) {
      v = v.substring(0, v.length() - 3);
    }
    return PyJson.valid(PyText.strip(v));
  }
}
