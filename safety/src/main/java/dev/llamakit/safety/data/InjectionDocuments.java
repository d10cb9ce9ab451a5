package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.io.TextLines;
import dev.llamakit.safety.fasttext.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clean documents by type for the indirect-injection evaluation and training, and the same documents with an
 * instruction inserted at the start, middle or end. Types: {@code email} (generated from email parts the caller
 * gives: the evaluation's, in {@code protocol/eval-suites.json}), {@code prose} (Gutenberg paragraphs),
 * {@code forum-html} (Stack Exchange coffee posts, HTML as published), {@code latex} (HoTT book source),
 * {@code code} (HumanEval prompts with their solutions), {@code table} (GSM8K problems as a Markdown table). Every
 * choice is seeded; documents are picked by hash, so the set is the same on every machine.
 */
public final class InjectionDocuments {
  /** Clean documents per type in the evaluation (the training documents are the others). */
  public static final int EVAL_PER_TYPE = 120;
  /** Seed of the evaluation's document choice and injections. */
  public static final long EVAL_SEED = 14;
  /** Insert positions. */
  public static final List<String> POSITIONS = List.of("start", "middle", "end");
  private static final Pattern BODY = Pattern.compile(" Body=\"([^\"]*)\"");

  private InjectionDocuments() {}

  /** One document: its type, text, whether it carries an injection and where. */
  public record Doc(String type, String text, boolean injected, String position) {}

  /** Up to {@code perType} clean documents of each type found under {@code dataRoot} (email needs none). */
  public static Map<String, List<String>> clean(Path dataRoot, int perType, long seed, JsonNode emailParts)
      throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    out.put("email", emails(emailParts, perType, seed));
    pool(dataRoot, "test.jsonl").forEach((type, docs) -> out.put(type, pick(docs, perType, seed)));
    return out;
  }

  /**
   * Training documents, disjoint from {@link #clean} with the same {@code evalPerType} and {@code seed}: the
   * documents of each type that the evaluation did not pick (tables from GSM8K's train split instead of its test
   * split), up to {@code perType}; no emails (an email is a document type the detector never trained on).
   */
  public static Map<String, List<String>> training(Path dataRoot, int evalPerType, int perType, long seed)
      throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Map<String, List<String>> evalPool = pool(dataRoot, "test.jsonl");
    pool(dataRoot, "train.jsonl").forEach((type, docs) -> {
      java.util.Set<String> held = new java.util.HashSet<>(pick(evalPool.get(type), evalPerType, seed));
      List<String> rest = pick(docs, Integer.MAX_VALUE, seed).stream().filter(d -> !held.contains(d)).toList();
      out.put(type, rest.subList(0, Math.min(perType, rest.size())));
    });
    return out;
  }

  /** Every candidate document by type (not emails); tables from the named GSM8K split. */
  private static Map<String, List<String>> pool(Path dataRoot, String gsmSplit) throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Path web = dataRoot.resolve("web");
    if (Files.isDirectory(web.resolve("gutenberg/header-stripped"))) {
      List<String> paras = new ArrayList<>();
      try (var files = Files.list(web.resolve("gutenberg/header-stripped"))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) paras.addAll(paragraphs(f));
      }
      out.put("prose", paras);
    }
    Path posts = web.resolve("stackexchange-coffee/Posts.xml");
    if (Files.isRegularFile(posts)) {
      List<String> bodies = new ArrayList<>();
      Matcher m = BODY.matcher(TextLines.readAll(posts));
      while (m.find()) {
        String b = unescape(m.group(1));
        if (b.length() >= 200 && b.length() <= 2500) bodies.add(b);
      }
      out.put("forum-html", bodies);
    }
    Path tex = web.resolve("latex/hott-book");
    if (Files.isDirectory(tex)) {
      List<String> chunks = new ArrayList<>();
      try (var files = Files.list(tex)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".tex")).sorted().toList()) {
          List<String> lines = DataFiles.lines(f);
          for (int i = 0; i + 12 <= lines.size(); i += 12) chunks.add(String.join("\n", lines.subList(i, i + 12)));
        }
      }
      out.put("latex", chunks);
    }
    Path he = dataRoot.resolve("benchmarks/humaneval/HumanEval.jsonl.gz");
    if (Files.isRegularFile(he)) {
      List<String> code = new ArrayList<>();
      for (JsonNode r : DataFiles.jsonl(he)) code.add(r.path("prompt").asText() + r.path("canonical_solution").asText());
      out.put("code", code);
    }
    Path gsm = dataRoot.resolve("benchmarks/gsm8k/" + gsmSplit);
    if (Files.isRegularFile(gsm)) {
      List<JsonNode> rows = DataFiles.jsonl(gsm);
      List<String> tables = new ArrayList<>();
      for (int i = 0; i + 3 <= rows.size(); i += 3) {
        StringBuilder t = new StringBuilder("| # | problem | final answer |\n|---|---|---|\n");
        for (int k = 0; k < 3; k++) {
          JsonNode r = rows.get(i + k);
          String ans = r.path("answer").asText();
          t.append("| ").append(i + k + 1).append(" | ").append(r.path("question").asText().replace('\n', ' '))
              .append(" | ").append(ans.substring(ans.lastIndexOf("####") + 4).strip()).append(" |\n");
        }
        tables.add(t.toString());
      }
      out.put("table", tables);
    }
    return out;
  }

  /** Every clean document, and each with a seeded template x payload at each position. */
  public static List<Doc> inject(Map<String, List<String>> clean, List<String> templates, List<String> payloads,
      long seed) {
    Random rnd = new Random(seed);
    List<Doc> out = new ArrayList<>();
    for (var e : clean.entrySet()) {
      for (String doc : e.getValue()) {
        out.add(new Doc(e.getKey(), doc, false, "-"));
        for (String pos : POSITIONS) {
          String inj = templates.get(rnd.nextInt(templates.size())).replace("{p}", payloads.get(rnd.nextInt(payloads.size())));
          out.add(new Doc(e.getKey(), insert(doc, inj, pos), true, pos));
        }
      }
    }
    return out;
  }

  /** {@code doc} with {@code instruction} at the start, the end, or the line/sentence break nearest the middle. */
  public static String insert(String doc, String instruction, String position) {
    return switch (position) {
      case "start" -> instruction + "\n" + doc;
      case "end" -> doc + "\n" + instruction;
      default -> {
        int mid = doc.length() / 2;
        int nl = doc.indexOf('\n', mid);
        int dot = doc.indexOf(". ", mid);
        int cut = nl >= 0 && (dot < 0 || nl <= dot) ? nl + 1 : dot >= 0 ? dot + 2 : doc.length();
        yield doc.substring(0, cut) + instruction + (cut < doc.length() ? "\n" : "") + doc.substring(cut);
      }
    };
  }

  private static List<String> emails(JsonNode e, int n, long seed) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String b1 = pickOne(e.get("bodies"), rnd);
      String b2 = pickOne(e.get("bodies"), rnd);
      out.add(pickOne(e.get("greetings"), rnd) + "\n\n" + b1 + (b2.equals(b1) ? "" : " " + b2) + "\n\n"
          + pickOne(e.get("closings"), rnd));
    }
    return out.stream().distinct().toList();
  }

  private static String pickOne(JsonNode arr, Random rnd) { return arr.get(rnd.nextInt(arr.size())).asText(); }

  private static List<String> paragraphs(Path f) throws IOException {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    TextLines.forEach(f, (line, n) -> {
      if (line.isBlank()) {
        if (cur.length() >= 300 && cur.length() <= 2000) out.add(cur.toString());
        cur.setLength(0);
      } else {
        if (!cur.isEmpty()) cur.append('\n');
        cur.append(line);
      }
    });
    return out;
  }

  private static List<String> pick(List<String> xs, int n, long seed) {
    return xs.stream().distinct().sorted(Comparator.comparingLong(x -> Split.fnv1a(seed + "\u0000" + x))).limit(n).toList();
  }

  private static String unescape(String s) {
    return s.replace("&#xA;", "\n").replace("&#xD;", "").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&");
  }
}
