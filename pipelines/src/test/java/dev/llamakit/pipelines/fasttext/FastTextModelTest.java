package dev.llamakit.pipelines.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.jfasttext.JFastText;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.io.WetReader;
import dev.llamakit.pipelines.langid.LanguageIdentifier;
import dev.llamakit.safety.fasttext.QuantizeMain;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pure-Java fastText against JFastText's native fastText (the reference): lid.176.ftz on every FLORES-200 dev
 * sentence and every document of the bundled sample corpus, and models trained here on generated data for the other
 * losses, word n-grams and dense matrices; then bad files.
 */
class FastTextModelTest {
  /** Running comparison of the two implementations. */
  static final class Agreement {
    int texts;
    int labelsEqual;
    int bitEqual;
    int roundedEqual;
    double maxProbDiff;
    final List<String> mismatches = new ArrayList<>();

    void compare(JFastText ref, FastTextModel model, String text, int k) {
      texts++;
      // JFastText hands the text to fastText as a C string, cut at the first NUL; fastText's own reader (and this
      // implementation) takes NUL as a separator: the reference gets it as a space
      List<JFastText.ProbLabel> want = ref.predictProba(text.replace('\0', ' '), k);
      List<FastTextModel.Prediction> got = model.predict(text, k, 0f);
      if (want.size() != got.size()) {
        mismatches.add(want.size() + " vs " + got.size() + " predictions for: " + abbreviate(text));
        return;
      }
      if (want.isEmpty()) {
        labelsEqual++;
        bitEqual++;
        roundedEqual++;
        return;
      }
      boolean labels = true;
      boolean bits = true;
      for (int i = 0; i < want.size(); i++) {
        labels &= want.get(i).label.equals(got.get(i).label());
        bits &= Float.floatToIntBits(want.get(i).logProb) == Float.floatToIntBits(got.get(i).logProb());
        double pw = (float) Math.exp(want.get(i).logProb);
        double pg = got.get(i).probability();
        maxProbDiff = Math.max(maxProbDiff, Math.abs(pw - pg));
      }
      float p0 = (float) Math.exp(want.getFirst().logProb);
      boolean rounded = LanguageIdentifier.roundLikeCcNet(p0) == LanguageIdentifier.roundLikeCcNet(got.getFirst().probability());
      labelsEqual += labels ? 1 : 0;
      bitEqual += bits ? 1 : 0;
      roundedEqual += rounded ? 1 : 0;
      if (!labels || !rounded) {
        mismatches.add(want.getFirst().label + " " + want.getFirst().logProb + " vs " + got.getFirst().label() + " "
            + got.getFirst().logProb() + ": " + abbreviate(text));
      }
    }

    void assertAllEqual(String what) {
      String summary = what + ": " + texts + " texts, labels equal " + labelsEqual + ", rounded score equal "
          + roundedEqual + ", log-prob bit-equal " + bitEqual + ", max probability difference " + maxProbDiff;
      System.out.println(summary);
      assertTrue(mismatches.isEmpty(), summary + "\n" + String.join("\n", mismatches.subList(0, Math.min(10, mismatches.size()))));
      assertEquals(texts, labelsEqual, summary);
      assertEquals(texts, roundedEqual, summary);
      assertTrue(maxProbDiff <= 1e-5, summary);
    }
  }

  static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  static JFastText reference(Path model) {
    JFastText j = new JFastText();
    j.loadModel(model.toString());
    return j;
  }

  @Test
  void lid176EqualsJFastTextOnFloresAndTheSampleCorpus() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Path flores = SharedFiles.require("data/langid/flores200-dev");
    FastTextModel model = FastTextModel.load(lid);
    JFastText ref = reference(lid);
    try {
      Agreement sentences = new Agreement();
      int languages = 0;
      try (Stream<Path> files = Files.list(flores)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".dev")).sorted().toList()) {
          languages++;
          for (String line : Files.readAllLines(f)) {
            sentences.compare(ref, model, line, 1);
          }
        }
      }
      assertTrue(languages >= 66, languages + " FLORES languages");
      sentences.assertAllEqual("lid.176.ftz, FLORES-200 dev, " + languages + " languages");

      Agreement docs = new Agreement();
      Agreement docsTop3 = new Agreement();
      List<Path> wets;
      try (Stream<Path> s = Files.list(Path.of("../samples/ccnet"))) {
        wets = s.filter(p -> p.toString().endsWith(".wet.gz")).sorted().toList();
      }
      assertTrue(!wets.isEmpty(), "no samples/ccnet/*.wet.gz");
      List<String> texts = new ArrayList<>();
      WetReader reader = new WetReader(ReadOptions.defaults());
      for (Path wet : wets) {
        try (InputStream in = Files.newInputStream(wet)) {
          reader.read(in, wet.getFileName().toString(), "sample", 0, new RecordSink() {
            @Override
            public void document(Document d) {
              texts.add(d.rawContent());
            }

            @Override
            public void drop(Drop d) {}
          });
        }
      }
      for (String t : texts) {
        docs.compare(ref, model, LanguageIdentifier.prepare(t), 1);
        docsTop3.compare(ref, model, t, 3); // raw: several lines, fastText reads the first
      }
      docs.assertAllEqual("lid.176.ftz, samples/ccnet documents (cc_net text)");
      docsTop3.assertAllEqual("lid.176.ftz, samples/ccnet documents (raw text, top 3)");
    } finally {
      ref.unloadModel();
    }
  }

  @Test
  void languageIdentifierIsThreadSafe() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Path flores = SharedFiles.require("data/langid/flores200-dev");
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(flores)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".dev")).sorted().toList()) {
        lines.addAll(Files.readAllLines(f).subList(0, 20));
      }
    }
    try (LanguageIdentifier id = new LanguageIdentifier(lid)) {
      List<Document.Language> serial = lines.stream().map(id::identify).toList();
      List<Document.Language> parallel = lines.parallelStream().map(id::identify).toList();
      assertEquals(serial, parallel);
    }
  }

  /** Generated labelled text: each label has its own vocabulary (with accents, Cyrillic, CJK), plus shared words. */
  static List<String> corpus(int nlabels, int lines, long seed) {
    Random r = new Random(seed);
    String[] alphabets = {"abcdefghij", "klmnopqrst", "éèàçûôîâ", "абвгдежзик", "日本語中文字", "uvwxyz"};
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      int label = r.nextInt(nlabels);
      StringBuilder sb = new StringBuilder("__label__l").append(label);
      int n = 3 + r.nextInt(12);
      for (int w = 0; w < n; w++) {
        String alphabet = r.nextInt(4) == 0 ? alphabets[r.nextInt(alphabets.length)] : alphabets[label % alphabets.length];
        int len = 1 + r.nextInt(7);
        sb.append(' ');
        for (int c = 0; c < len; c++) {
          sb.append(alphabet.charAt((r.nextInt(alphabet.length()) + label) % alphabet.length()));
        }
      }
      out.add(sb.toString());
    }
    return out;
  }

  static List<String> probes(long seed) {
    List<String> texts = new ArrayList<>();
    for (String line : corpus(7, 300, seed)) {
      texts.add(line.substring(line.indexOf(' ') + 1));
    }
    texts.add("");
    texts.add("   \t ");
    texts.add("\n");
    texts.add("abc\tdef\r\nghi klm");
    texts.add("abc </s> def");
    texts.add("__label__l1 abcd __label__zz éèà");
    texts.add("x\u0000y\u000bz\fq");
    texts.add("zzzzunknownzzzz qqqq");
    texts.add("😀 emoji 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 абв");
    return texts;
  }

  static Path train(Path dir, Path data, String name, String... extra) {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("supervised", "-input", data.toString(), "-output", out.toString(),
        "-dim", "12", "-epoch", "8", "-lr", "0.5", "-wordNgrams", "2", "-minn", "2", "-maxn", "4", "-bucket", "20000",
        "-thread", "1", "-verbose", "0"));
    args.addAll(List.of(extra));
    new JFastText().runCmd(args.toArray(String[]::new));
    return dir.resolve(name + ".bin");
  }

  /** fastText's quantize ends its process: run it in a child JVM (as the project's trainer does). */
  static void quantize(Path dir, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse(
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-cp",
        System.getProperty("java.class.path"), QuantizeMain.class.getName()));
    cmd.addAll(List.of(args));
    Path log = dir.resolve("quantize.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertEquals(0, p.waitFor(), () -> "quantize failed: " + readQuietly(log));
  }

  static String readQuietly(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      return e.toString();
    }
  }

  static Agreement compareAll(Path file, int k) throws IOException {
    FastTextModel model = FastTextModel.load(file);
    JFastText ref = reference(file);
    Agreement a = new Agreement();
    try {
      for (String t : probes(99)) {
        a.compare(ref, model, t, k);
        a.compare(ref, model, t, 1);
      }
    } finally {
      ref.unloadModel();
    }
    return a;
  }

  @Test
  void trainedModelsEqualJFastText(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("train.txt");
    Files.write(data, corpus(7, 3000, 1));
    Path softmax = train(dir, data, "softmax", "-loss", "softmax");
    compareAll(softmax, 3).assertAllEqual("softmax .bin, wordNgrams 2");
    compareAll(train(dir, data, "hs", "-loss", "hs"), 3).assertAllEqual("hs .bin, wordNgrams 2");
    compareAll(train(dir, data, "ns", "-loss", "ns", "-neg", "3"), 3).assertAllEqual("ns .bin, wordNgrams 2");
    compareAll(train(dir, data, "words", "-loss", "softmax", "-maxn", "0", "-wordNgrams", "1"), 2)
        .assertAllEqual("softmax .bin, no n-grams");
    // quantized input with norms and pruning (the .ftz path)
    quantize(dir, "quantize", "-input", data.toString(), "-output", dir.resolve("softmax").toString(), "-qnorm",
        "-cutoff", "2000", "-dsub", "2", "-verbose", "0");
    compareAll(dir.resolve("softmax.ftz"), 3).assertAllEqual("softmax .ftz (qnorm, cutoff 2000)");
  }

  @Test
  void quantizedOutputEqualsJFastText(@TempDir Path dir) throws Exception {
    // -qout needs at least 256 output rows: 300 labels
    Path data = dir.resolve("train.txt");
    Files.write(data, corpus(300, 6000, 2));
    train(dir, data, "many", "-loss", "hs", "-epoch", "3");
    quantize(dir, "quantize", "-input", data.toString(), "-output", dir.resolve("many").toString(), "-qnorm", "-qout",
        "-dsub", "4", "-verbose", "0");
    compareAll(dir.resolve("many.ftz"), 5).assertAllEqual("hs .ftz with qout and qnorm, 300 labels");
  }

  @Test
  void oneVsAllRanksLikeTheSameWeightsUnderSoftmax(@TempDir Path dir) throws Exception {
    // JFastText's fastText (2018) has no ova loss: the same weights read as ova give sigmoids, ranked as softmax
    Path data = dir.resolve("train.txt");
    Files.write(data, corpus(7, 3000, 3));
    Path softmax = train(dir, data, "sm", "-loss", "softmax");
    byte[] b = Files.readAllBytes(softmax);
    b[8 + 6 * 4] = 4; // Args.loss
    Path ova = dir.resolve("ova.bin");
    Files.write(ova, b);
    FastTextModel s = FastTextModel.load(softmax);
    FastTextModel o = FastTextModel.load(ova);
    assertEquals(FastTextModel.Loss.OVA, o.args().loss());
    int compared = 0;
    for (String t : probes(5)) {
      List<FastTextModel.Prediction> ps = s.predict(t, 7, 0f);
      List<FastTextModel.Prediction> po = o.predict(t, 7, 0f);
      if (ps.isEmpty()) {
        assertTrue(po.isEmpty());
        continue;
      }
      double sum = 0;
      for (FastTextModel.Prediction p : po) {
        assertTrue(p.probability() >= 0 && p.probability() <= 1.0001, p.toString());
        sum += p.probability();
      }
      if (po.get(0).logProb() > po.get(1).logProb()) { // the sigmoid table is coarse: compare untied tops only
        assertEquals(ps.get(0).label(), po.get(0).label(), t);
        compared++;
      }
      assertTrue(sum > 0);
    }
    assertTrue(compared > 100, compared + " compared");
  }

  @Test
  void badFilesFailNamingTheFile(@TempDir Path dir) throws Exception {
    Path text = dir.resolve("notes.bin");
    Files.writeString(text, "this is not a fastText model, just some text\n");
    IOException e = assertThrows(IOException.class, () -> FastTextModel.load(text));
    assertTrue(e.getMessage().contains(text.toString()) && e.getMessage().contains("not a fastText model"), e.getMessage());

    Path empty = dir.resolve("empty.ftz");
    Files.write(empty, new byte[0]);
    e = assertThrows(IOException.class, () -> FastTextModel.load(empty));
    assertTrue(e.getMessage().contains(empty.toString()) && e.getMessage().contains("truncated"), e.getMessage());

    Path data = dir.resolve("train.txt");
    Files.write(data, corpus(3, 500, 4));
    Path model = train(dir, data, "m", "-loss", "softmax");
    long size = Files.size(model);
    for (long cut : new long[] {20, 70, size / 3, size - 1}) {
      Path cutFile = dir.resolve("cut-" + cut + ".bin");
      Files.copy(model, cutFile);
      try (RandomAccessFile f = new RandomAccessFile(cutFile.toFile(), "rw")) {
        f.setLength(cut);
      }
      e = assertThrows(IOException.class, () -> FastTextModel.load(cutFile));
      assertTrue(e.getMessage().contains(cutFile.toString()) && e.getMessage().contains("truncated"), e.getMessage());
    }
    Path longer = dir.resolve("longer.bin");
    Files.write(longer, concat(Files.readAllBytes(model), "xx".getBytes(StandardCharsets.US_ASCII)));
    e = assertThrows(IOException.class, () -> FastTextModel.load(longer));
    assertTrue(e.getMessage().contains(longer.toString()), e.getMessage());

    IllegalArgumentException iae = assertThrows(IllegalArgumentException.class, () -> new LanguageIdentifier(text));
    assertTrue(iae.getMessage().contains(text.toString()), iae.getMessage());
    assertNotNull(FastTextModel.load(model).predictTop("abc"));
    assertNull(FastTextModel.load(model).predictTop(" \t"));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
