import dev.llamakit.pipelines.filters.perplexity.*;
import com.fasterxml.jackson.databind.*;
import java.nio.file.*;
import java.util.*;
import java.util.zip.*;
import java.io.*;
/**
 * Makes pipelines/src/main/resources/dev/llamakit/pipelines/filters/perplexity/wikitext2-en-cutoff.csv: perplexity
 * percentiles of the bundled wikitext2-en model over a balanced mix of English text (at most 150 documents from each
 * source: WikiText-2 test paragraphs, Gutenberg pages, StackExchange posts, dolma's CCNet-head documents, and the
 * sample generator's English pages). Run from the repository root with the pipelines classpath:
 *   java -cp pipelines/target/classes:$(cat cp.txt) pipelines/tools/WikitextCutoffs.java ../shared OUT.csv
 */
public class WikitextCutoffs {
  public static void main(String[] a) throws Exception {
    Path S = Path.of(a[0]).resolve("data/web");
    Path work = Files.createTempDirectory("cutoffs");
    Path m = BundledModels.folder("wikitext2-en");
    CcNetPerplexity pp = CcNetPerplexity.open(m.resolve("en.sp.model"), m.resolve("en.arpa.gz"));
    Map<String, List<String>> src = new LinkedHashMap<>();
    List<String> wt = new ArrayList<>();
    for (String l : Files.readAllLines(S.resolve("wikitext-2/test.txt"))) if (l.strip().length() >= 300 && !l.strip().startsWith("=")) wt.add(l);
    src.put("wikitext-2 test paragraphs", wt);
    List<String> gb = new ArrayList<>();
    try (var s = Files.list(S.resolve("gutenberg/header-stripped"))) {
      for (Path p : s.filter(x -> x.toString().endsWith(".txt")).sorted().toList()) {
        String t = Files.readString(p); int n = 0;
        for (int i = 0; i + 3000 <= t.length() && n < 80; i += 30000, n++) gb.add(t.substring(i, i + 3000));
      }
    }
    src.put("gutenberg 3000-char pages", gb);
    List<String> se = new ArrayList<>();
    String xml = Files.readString(S.resolve("stackexchange-coffee/Posts.xml"));
    var mt = java.util.regex.Pattern.compile(" Body=\"([^\"]*)\"").matcher(xml);
    while (mt.find()) { String b = mt.group(1).replaceAll("&lt;[^&]*&gt;", " ").replace("&#xA;", "\n").replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;","'"); if (b.strip().length() >= 300) se.add(b); }
    src.put("stackexchange coffee posts", se);
    List<String> cc = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    for (String f : List.of("dolma/cc_en_head-0091.jsonl", "dolma/cc_en_head-0174.jsonl")) for (String l : Files.readAllLines(S.resolve(f))) cc.add(om.readTree(l).get("text").asText());
    src.put("dolma cc_en_head (CCNet head)", cc);
    List<String> salad = new ArrayList<>();
    Path corpus = work.resolve("corpus");
    new dev.llamakit.pipelines.sample.CorpusGenerator(dev.llamakit.pipelines.sample.LanguagePool.all(), 7)
        .write(corpus, "cut", new dev.llamakit.pipelines.sample.CorpusGenerator.Shape(20000, 4, 4000, 40));
    var recipe = dev.llamakit.pipelines.recipes.Recipes.parse("steps: [read, {language: {model: " + a[0]
        + "/models/fasttext/lid.176.ftz, languages: [en]}}, {write: {layout: language}}]", "cutoffs");
    dev.llamakit.pipelines.bench.PlainLoop.run(new dev.llamakit.pipelines.recipes.RecipeCompiler().compile(recipe,
        dev.llamakit.pipelines.recipes.RecipeCompiler.Inputs.of(corpus.toString()), 1), work.resolve("out"));
    try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(work.resolve("out/en.json.gz")))))) {
      String l; while ((l = r.readLine()) != null && salad.size() < 400) salad.add(om.readTree(l).get("raw_content").asText());
    }
    src.put("llamakit sample generator (word salad)", salad);
    List<Double> all = new ArrayList<>();
    for (var e : src.entrySet()) {
      List<Double> v = new ArrayList<>();
      for (String t : e.getValue()) { Double p = pp.score(t).perplexity(); if (p != null) v.add(p); }
      Collections.sort(v);
      System.out.printf("%-40s n=%4d median %.1f%n", e.getKey(), v.size(), v.get(v.size()/2));
      Collections.shuffle(v, new Random(1)); all.addAll(v.subList(0, Math.min(150, v.size())));
    }
    Cutoffs c = Cutoffs.compute(Map.of("en", all));
    System.out.printf("all n=%d p30 %.1f p60 %.1f%n", all.size(), c.at("en", 30), c.at("en", 60));
    Files.writeString(Path.of(a[1]), c.toCsv());
  }
}
