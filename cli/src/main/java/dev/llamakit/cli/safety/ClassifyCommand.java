package dev.llamakit.cli.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.Shields;
import dev.llamakit.safety.data.DataFileException;
import dev.llamakit.safety.data.DataFiles;
import dev.llamakit.safety.policy.Category;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code llamakit safety classify}: one score record per input JSONL record, in order, nothing dropped; records that
 * cannot be scored (not UTF-8, not JSON, missing or non-text field) appear in the output with an {@code error} field
 * and {@code "flagged": true}: the command fails closed, an unread record never passes as safe. A damaged gzip
 * stream fails the whole run (exit 1) and no output is written.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Score every record of a JSONL file with one or more shields; output one JSONL record per input record.")
public final class ClassifyCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "FILE", description = "Input JSONL.") Path input;

  @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output JSONL (written to a temp name, then renamed).")
  Path output;

  @Option(names = "--text-field", defaultValue = "text", description = "Field holding the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--shield", split = ",", defaultValue = "embedded-moderation",
      description = "Shield ids, comma-separated: embedded-moderation, prompt-attack, code-shield (default: ${DEFAULT-VALUE}).")
  List<String> shieldIds;

  @Option(names = "--format", defaultValue = "llamakit",
      description = "Output record shape: llamakit (per-shield decisions) or openai (an OpenAI moderation results[] entry"
          + " with line/id added) (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--role", defaultValue = "user", description = "Role of the texts: user, assistant or tool (default: ${DEFAULT-VALUE}).")
  String role;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(input)) throw new NoSuchFileException(input.toString());
    Role r;
    List<Shield> shields = new ArrayList<>();
    if (!format.equals("llamakit") && !format.equals("openai")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--format must be llamakit or openai");
    }
    try {
      r = Role.parse(role);
      for (String id : shieldIds) shields.add(Shields.byId(id.strip()));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    ObjectMapper json = new ObjectMapper();
    int[] counts = new int[3];  // records, errors, flagged
    AtomicFile.writeText(output, w -> {
      try (TextLines in = TextLines.open(input)) {
        while (true) {
          String line;
          ObjectNode out = json.createObjectNode();
          try {
            line = in.next();
          } catch (TextFormatException e) {
            if (e.line() != in.lineNumber()) throw e;  // not a bad line but a bad stream (gzip): the run fails
            out.put("line", in.lineNumber());
            String where = e.file() + ":" + e.line() + ": ";
            error(out, "not UTF-8: " + (e.getMessage().startsWith(where) ? e.getMessage().substring(where.length())
                : e.getMessage()), counts);
            counts[0]++;
            w.write(json.writeValueAsString(out));
            w.newLine();
            continue;
          }
          if (line == null) break;
          if (line.isBlank()) continue;
          out.put("line", in.lineNumber());
          score(json, line, in.lineNumber(), r, shields, out, counts);
          counts[0]++;
          w.write(json.writeValueAsString(out));
          w.newLine();
        }
      }
    });
    System.out.printf("%d records scored, %d flagged, %d errors (flagged too: fail closed) -> %s%n", counts[0],
        counts[2], counts[1], output);
    return 0;
  }

  /** A record that cannot be scored: its error, and flagged, so that nothing unread ever passes as safe. */
  private static void error(ObjectNode out, String why, int[] counts) {
    out.put("error", why);
    out.put("flagged", true);
    counts[1]++;
  }

  private void score(ObjectMapper json, String line, long n, Role r, List<Shield> shields, ObjectNode out,
      int[] counts) {
    JsonNode rec;
    try {
      rec = DataFiles.jsonLine(input, n, line);
    } catch (DataFileException e) {
      error(out, e.what(), counts);
      return;
    }
    if (rec.has("id")) out.set("id", rec.get("id"));
    JsonNode t = rec.get(textField);
    if (t == null || !t.isTextual()) {
      error(out, t == null ? "missing field '" + textField + "'" : "field '" + textField + "' is not a string", counts);
      return;
    }
    boolean flagged = false;
    List<ShieldResult> all = new ArrayList<>();
    for (Shield s : shields) all.add(s.check(List.of(new Message(r, t.asText()))));
    if (format.equals("openai")) {
      ObjectNode o = dev.llamakit.safety.api.OpenAiModeration.result(all);
      out.setAll(o);
      if (o.get("flagged").asBoolean()) counts[2]++;
      return;
    }
    ObjectNode res = out.putObject("shields");
    for (ShieldResult sr : all) {
      flagged |= sr.decision().blocks();
      ObjectNode o = res.putObject(sr.shieldId());
      o.put("decision", sr.decision().name());
      o.put("score", sr.score());
      var cats = o.putArray("categories");
      for (Category c : sr.categories()) cats.add(c.code());
      var cs = o.putObject("category_scores");
      sr.categoryScores().forEach(cs::put);
      if (!sr.detail().isEmpty()) o.put("detail", sr.detail());
    }
    out.put("flagged", flagged);
    if (flagged) counts[2]++;
  }
}
