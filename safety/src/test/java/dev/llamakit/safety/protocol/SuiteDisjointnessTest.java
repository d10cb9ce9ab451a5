package dev.llamakit.safety.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.safety.classifier.ModerationDataset;
import dev.llamakit.safety.data.BenignRequests;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.data.GeneratedRequests;
import dev.llamakit.safety.data.HardNegatives;
import dev.llamakit.safety.data.InjectionDocuments;
import dev.llamakit.safety.fasttext.TextFeatures;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The evaluation suites are never training data: no template, task or question of {@code protocol/eval-suites.json}
 * (hard negatives, ordinary requests, the issue-14 tour prompts) is a template or filler of the training files
 * ({@code classifier/hard-negatives-train.json}, {@code classifier/benign-requests.json}), and no suite text is,
 * after normalization, a training text — checked against the full training set when ../shared is present.
 */
class SuiteDisjointnessTest {
  @Test
  void templatesAndFillersAreDisjoint() throws Exception {
    JsonNode eval = EvalSuites.read();
    Set<String> evalParts = new TreeSet<>();
    collect(eval.at("/hardNegatives/templates"), evalParts);
    eval.at("/hardNegatives/domains").forEach(d -> {
      collect(d.path("tasks"), evalParts);
      collect(d.path("questions"), evalParts);
    });
    collect(eval.at("/benignRequests/templates"), evalParts);
    collect(eval.at("/benignRequests/tasks"), evalParts);
    collect(eval.at("/benignRequests/questions"), evalParts);
    collect(eval.at("/tour/benign"), evalParts);
    collect(eval.at("/tour/injection"), evalParts);
    assertTrue(evalParts.size() > 180, "suite parts: " + evalParts.size());

    Set<String> trainParts = new HashSet<>();
    JsonNode hn = HardNegatives.read();
    collect(hn.get("templates"), trainParts);
    hn.get("domains").forEach(d -> collect(d, trainParts));
    collect(hn.get("questions"), trainParts);
    JsonNode gen = GeneratedRequests.read();
    collect(gen.get("templates"), trainParts);
    gen.get("triggerWords").forEach(w -> w.forEach(sense -> collect(sense, trainParts)));
    gen.get("harmful").forEach(c -> collect(c, trainParts));
    JsonNode br;
    try (InputStream in = getClass().getResourceAsStream("/dev/llamakit/safety/classifier/benign-requests.json")) {
      br = new ObjectMapper().readTree(in);
    }
    br.fieldNames().forEachRemaining(f -> {
      if (!f.startsWith("_")) {
        if (br.get(f).isArray()) collect(br.get(f), trainParts);
        else br.get(f).forEach(v -> collect(v, trainParts));
      }
    });
    List<String> shared = evalParts.stream().filter(p -> trainParts.contains(norm(p))).toList();
    assertEquals(List.of(), shared, "eval suite templates/fillers that are also training templates/fillers");
  }

  @Test
  void suiteTextsAreNotGeneratedTrainingTexts() {
    Set<String> train = new HashSet<>();
    for (Example e : HardNegatives.load()) train.add(TextFeatures.normalize(e.text()));
    for (Example e : GeneratedRequests.safe()) train.add(TextFeatures.normalize(e.text()));
    for (Example e : GeneratedRequests.harmful()) train.add(TextFeatures.normalize(e.text()));
    for (Example e : BenignRequests.load("safe")) train.add(TextFeatures.normalize(e.text()));
    for (Example e : BenignRequests.creative("safe", List.of())) train.add(TextFeatures.normalize(e.text()));
    assertEquals(List.of(), overlap(suiteTexts(), train));
  }

  @Test
  void suiteTextsAreNotInTheFullTrainingSet() throws Exception {
    Path data = SharedFiles.require("data/safety-train");
    Set<String> train = new HashSet<>();
    for (Example e : new ModerationDataset().load(data, data.getParent())) train.add(TextFeatures.normalize(e.text()));
    assertEquals(List.of(), overlap(suiteTexts(), train));
  }

  @Test
  void injectionSuiteTemplatesAndPayloadsAreNotTrainingOnes() throws Exception {
    JsonNode train;
    try (InputStream in = getClass().getResourceAsStream("/dev/llamakit/safety/injection/injection-templates.json")) {
      train = new ObjectMapper().readTree(in);
    }
    Set<String> trainParts = new HashSet<>();
    collect(train.get("templates"), trainParts);
    collect(train.get("payloads"), trainParts);
    Set<String> evalParts = new TreeSet<>();
    collect(EvalSuites.read().at("/injectionSuite/templates"), evalParts);
    collect(EvalSuites.read().at("/injectionSuite/payloads"), evalParts);
    assertTrue(evalParts.size() >= 20);
    assertEquals(List.of(), evalParts.stream().filter(trainParts::contains).toList());
  }

  @Test
  void injectionEvaluationDocumentsAreNotTrainingDocuments() throws Exception {
    Path root = SharedFiles.require("data/safety-train").getParent();
    var eval = InjectionDocuments.clean(root, InjectionDocuments.EVAL_PER_TYPE, InjectionDocuments.EVAL_SEED,
        EvalSuites.read().at("/injectionSuite/email"));
    var train = InjectionDocuments.training(root, InjectionDocuments.EVAL_PER_TYPE, 400, InjectionDocuments.EVAL_SEED);
    assertTrue(eval.size() >= 5, eval.keySet().toString());
    assertTrue(!train.containsKey("email"), "emails are an unseen document type");
    for (var e : eval.entrySet()) {
      Set<String> t = new HashSet<>(train.getOrDefault(e.getKey(), List.of()));
      assertTrue(e.getValue().size() >= 40, e.getKey() + ": " + e.getValue().size());
      assertEquals(List.of(), e.getValue().stream().filter(t::contains).toList(), e.getKey());
    }
  }

  static List<String> suiteTexts() {
    List<String> xs = new ArrayList<>();
    EvalSuites.hardNegatives().forEach(e -> xs.add(e.text()));
    EvalSuites.benignRequests().forEach(e -> xs.add(e.text()));
    xs.addAll(EvalSuites.tour().benign());
    xs.addAll(EvalSuites.tour().injection());
    return xs;
  }

  private static List<String> overlap(List<String> texts, Set<String> train) {
    return texts.stream().filter(t -> train.contains(TextFeatures.normalize(t))).toList();
  }

  private static void collect(JsonNode arr, Set<String> into) {
    for (JsonNode x : arr) if (x.isTextual()) into.add(norm(x.asText()));
  }

  private static String norm(String s) { return s.strip().toLowerCase(java.util.Locale.ROOT); }
}
