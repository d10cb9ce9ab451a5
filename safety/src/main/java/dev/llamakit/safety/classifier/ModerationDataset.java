package dev.llamakit.safety.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.data.BenignRequests;
import dev.llamakit.safety.data.BenignText;
import dev.llamakit.safety.data.DataFileException;
import dev.llamakit.safety.data.DataFiles;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.data.GeneratedRequests;
import dev.llamakit.safety.data.HarmKeywords;
import dev.llamakit.safety.data.HardNegatives;
import dev.llamakit.safety.fasttext.Split;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles the moderation classifier's labelled examples from the public data under {@code safety-train/} and
 * benign text under the data root, mapping every data set's labels through {@code classifier/label-map.json}.
 */
public final class ModerationDataset {
  private final JsonNode labelMap;
  private final HarmKeywords keywords = HarmKeywords.standard();
  private final boolean hardNegatives;

  /** A builder using the shipped label map and the training hard negatives ({@link HardNegatives}). */
  public ModerationDataset() {
    this(true);
  }

  /**
   * A builder using the shipped label map; {@code hardNegatives = false} is the recipe before the hard negatives
   * were added (the model shipped until issue #14), kept so the evaluation protocol can measure both; true adds the
   * training hard negatives and the generated requests ({@link GeneratedRequests}: trigger words in safe senses and
   * harmful intents per category).
   */
  public ModerationDataset(boolean hardNegatives) {
    this.hardNegatives = hardNegatives;
    try (InputStream in = getClass().getResourceAsStream("label-map.json")) {
      labelMap = new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read classifier/label-map.json", e);
    }
  }

  /**
   * All examples: {@code safetyTrain} is the {@code safety-train} folder, {@code dataRoot} the folder holding
   * {@code benchmarks/} and {@code web/} (benign text; may be null to skip).
   */
  public List<Example> load(Path safetyTrain, Path dataRoot) throws IOException {
    return capped(loadUncapped(safetyTrain, dataRoot));
  }

  /**
   * As {@link #load} without the per-source caps: the protocol trains on {@link #capped} data but evaluates a held-out
   * source whole.
   */
  public List<Example> loadUncapped(Path safetyTrain, Path dataRoot) throws IOException {
    List<Example> out = new ArrayList<>();
    Path dav = safetyTrain.resolve("davidson-hate-offensive/labeled_data.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(dav)) {
      add(out, "davidson-hate-offensive", r.field("class"), r.field("tweet"), null, dav, r.line());
    }
    Path deg = safetyTrain.resolve("hate-speech-degibert/degibert_stormfront_sentences_train.jsonl");
    for (DataFiles.JsonLine r : DataFiles.jsonlLines(deg)) {
      add(out, "hate-speech-degibert", r.json().path("label").asText(), r.json().path("text").asText(), null, deg,
          r.line());
    }
    Path tox = safetyTrain.resolve("toxigen-prompts/toxigen_unique_statements.jsonl");
    for (DataFiles.JsonLine r : DataFiles.jsonlLines(tox)) {
      add(out, "toxigen-prompts", r.json().path("label").asText(), r.json().path("text").asText(), null, tox,
          r.line());
    }
    Path qf = safetyTrain.resolve("gptfuzz/questions_question_list.csv");
    Map<String, String> questions = new HashMap<>();
    for (DataFiles.CsvRow r : DataFiles.csv(qf)) questions.put(r.field("index"), r.field("text"));
    Path resp = safetyTrain.resolve("gptfuzz/responses_labeled_train.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(resp)) {
      String q = questions.getOrDefault(r.field("question"), "");
      add(out, "gptfuzz", r.field("label"), r.field("Response"), q, resp, r.line());
    }
    for (String q : questions.values()) out.add(Example.of(q, keywords.categorize(q), "gptfuzz:questions"));
    Path beh = safetyTrain.resolve("advbench/harmful_behaviors.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(beh)) add(out, "advbench", "*", r.field("goal"), null, beh, r.line());
    Path str = safetyTrain.resolve("advbench/harmful_strings.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(str)) add(out, "advbench", "*", r.field("target"), null, str, r.line());
    try (var files = java.nio.file.Files.list(safetyTrain.resolve("do-not-answer"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
        for (DataFiles.JsonLine r : DataFiles.jsonlLines(f)) {
          JsonNode intents = r.json().path("intents");
          String intent = intents.isArray() && !intents.isEmpty() ? intents.get(0).asText() : "";
          add(out, "do-not-answer", intent, r.json().path("prompt").asText(), null, f, r.line());
        }
      }
    }
    Path prof = safetyTrain.resolve("surge-profanity/profanity_en.csv");
    for (DataFiles.CsvRow r : DataFiles.csv(prof)) {
      add(out, "surge-profanity", r.field("category_1"), r.field("text"), null, prof, r.line());
    }
    List<String> topics = dataRoot == null ? List.of() : BenignText.topics(dataRoot);
    out.addAll(BenignRequests.load("safe", topics));
    out.addAll(BenignRequests.creative("safe", topics));
    if (hardNegatives) {
      out.addAll(HardNegatives.load());
      out.addAll(GeneratedRequests.safe());
      out.addAll(GeneratedRequests.harmful());
    }
    if (dataRoot != null) {
      out.addAll(BenignText.load(dataRoot));
      out.addAll(BenignText.flores(dataRoot));
    }
    return out;
  }

  /**
   * Applies the {@code cap} of each source in label-map.json (label -> at most that many examples, kept by FNV-1a hash
   * of the text, so the choice does not depend on file order); other examples pass unchanged and in order. The recipe
   * before issue 14 ({@code hardNegatives = false}) has no caps.
   */
  public List<Example> capped(List<Example> xs) {
    if (!hardNegatives) return xs;
    Map<String, Integer> caps = new HashMap<>();
    labelMap.fields().forEachRemaining(s -> s.getValue().path("cap").fields().forEachRemaining(
        c -> caps.put(s.getKey() + "\u0000" + c.getKey(), c.getValue().asInt())));
    if (caps.isEmpty()) return xs;
    Map<String, List<Long>> hashes = new HashMap<>();
    for (Example e : xs) {
      String k = e.source() + "\u0000" + e.label();
      if (caps.containsKey(k)) hashes.computeIfAbsent(k, x -> new ArrayList<>()).add(Split.fnv1a(e.text()));
    }
    Map<String, Long> limit = new HashMap<>();
    for (var en : hashes.entrySet()) {
      List<Long> h = en.getValue();
      h.sort(Long::compareUnsigned);
      int cap = caps.get(en.getKey());
      limit.put(en.getKey(), h.size() > cap ? h.get(cap - 1) : null);
    }
    List<Example> out = new ArrayList<>(xs.size());
    for (Example e : xs) {
      Long lim = limit.get(e.source() + "\u0000" + e.label());
      if (lim == null || Long.compareUnsigned(Split.fnv1a(e.text()), lim) <= 0) out.add(e);
    }
    return out;
  }

  /**
   * Maps {@code sourceLabel} of {@code source} and adds the example (skipped when the map says null); a label the map
   * does not know is an error naming {@code file:line}.
   */
  private void add(List<Example> out, String source, String sourceLabel, String text, String keywordText, Path file,
      long line) throws DataFileException {
    if (text == null || text.isBlank()) return;
    JsonNode map = labelMap.path(source).path("map");
    if (map.isMissingNode()) throw new IllegalStateException("label-map.json has no entry for source " + source);
    JsonNode target = map.has(sourceLabel) ? map.get(sourceLabel) : map.get("*");
    if (target == null) {
      throw new DataFileException(file, line, "label '" + sourceLabel + "' of source " + source + " is not in"
          + " label-map.json");
    }
    if (target.isNull()) return;
    String label = target.asText();
    if (label.equals("@keywords")) label = keywords.categorize(keywordText != null ? keywordText : text);
    out.add(Example.of(text, label, source));
  }
}
