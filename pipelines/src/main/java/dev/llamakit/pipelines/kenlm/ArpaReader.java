package dev.llamakit.pipelines.kenlm;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Parses an ARPA file (plain or gzip) into {@link HeapProbingTables} and a {@link HeapVocabulary}, checking it as
 * strictly as KenLM does: the {@code \data\} counts must match the sections, every n-gram word must be a unigram,
 * every n-gram's context (its first n-1 words) and suffix (its last n-1 words) must be (n-1)-grams. Values are parsed
 * as float32. The sign-bit and negative-zero flags KenLM's probing model packs into the values are set here the way
 * its ARPA loader sets them.
 */
final class ArpaReader {
  private static final int SIGN = ProbingTables.SIGN;
  private static final int NEGATIVE_ZERO = Float.floatToRawIntBits(-0.0f);
  private static final float MISSING_UNKNOWN_LOG10 = -100f;

  private final Path file;
  private final ByteLines lines;
  private HeapVocabulary vocabulary;
  private HeapProbingTables tables;
  private boolean sawUnknown;
  // Field boundaries of the current line: fieldStart[i], fieldEnd[i].
  private int[] fieldStart = new int[8];
  private int[] fieldEnd = new int[8];

  private ArpaReader(Path file, InputStream in) {
    this.file = file;
    this.lines = new ByteLines(in);
  }

  record Loaded(HeapVocabulary vocabulary, HeapProbingTables tables) {}

  static Loaded read(Path file) throws IOException {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      InputStream in;
      try {
        in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(raw, 1 << 16) : raw;
      } catch (ZipException | EOFException e) {
        throw LanguageModelFormatException.inBinary(file, "damaged gzip header (" + e.getMessage() + ")");
      }
      ArpaReader r = new ArpaReader(file, in);
      try {
        r.readAll();
      } catch (ZipException | EOFException e) {
        throw LanguageModelFormatException.atLine(file, r.lines.number() + 1,
            "corrupt or truncated gzip data (" + e.getMessage() + ")");
      }
      return new Loaded(r.vocabulary, r.tables);
    }
  }

  private void readAll() throws IOException {
    long[] counts = readCounts();
    tables = new HeapProbingTables(counts);
    vocabulary = new HeapVocabulary(Math.toIntExact(counts[0]));
    readUnigrams(counts[0]);
    for (int n = 2; n <= counts.length; n++) {
      readNgrams(n, counts[n - 1], n == counts.length);
    }
    expectEnd();
  }

  private long[] readCounts() throws IOException {
    do {
      if (!lines.next()) {
        throw error("the file has no \\data\\ line");
      }
    } while (lines.isBlank() || lines.bytes()[lines.start()] == '#');
    if (!lines.is("\\data\\")) {
      String hint = lines.text().startsWith("mmap lm http://kheafield.com/code")
          ? " (this is a KenLM binary file; open it with KenLmBinaryModel)"
          : "";
      throw error("expected \\data\\ but found \"" + lines.text() + "\"" + hint);
    }
    List<Long> counts = new ArrayList<>();
    while (lines.next() && !lines.isBlank()) {
      String t = new String(lines.bytes(), lines.start(), lines.end() - lines.start(), StandardCharsets.ISO_8859_1);
      int eq = t.indexOf('=');
      if (!t.startsWith("ngram ") || eq < 0) {
        throw error("expected a count line \"ngram N=COUNT\" but found \"" + lines.text() + "\"");
      }
      int n;
      long c;
      try {
        n = Integer.parseInt(t.substring(6, eq).strip());
        c = Long.parseLong(t.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        throw error("bad count line \"" + lines.text() + "\"");
      }
      if (n != counts.size() + 1) {
        throw error("count lines must be ngram 1, 2, 3, ... in order; found ngram " + n + " after " + counts.size());
      }
      if (c < 1 || (n == 1 && c > Integer.MAX_VALUE - 2)) {
        throw error("unusable count " + c + " for " + n + "-grams");
      }
      counts.add(c);
    }
    if (counts.size() < 2) {
      throw error("\\data\\ declares " + counts.size() + " n-gram order(s); at least a bigram model is needed");
    }
    return counts.stream().mapToLong(Long::longValue).toArray();
  }

  private void expectHeader(int n) throws IOException {
    String want = "\\" + n + "-grams:";
    do {
      if (!lines.next()) {
        throw error("the file ends before the " + want + " section declared in \\data\\");
      }
    } while (lines.isBlank());
    if (!lines.is(want)) {
      if (lines.bytes()[lines.start()] == '\\') {
        throw error("expected the " + want + " section but found \"" + lines.text() + "\"");
      }
      throw error("more " + (n - 1) + "-grams than \\data\\ declares, or a missing " + want + " header: \""
          + lines.text() + "\"");
    }
  }

  /** Reads the next line of an n-gram section; checks it belongs to the section. */
  private void nextEntry(int n, long i, long count) throws IOException {
    if (!lines.next()) {
      throw error("the file ends after " + i + " of the " + count + " " + n + "-grams \\data\\ declares");
    }
    if (lines.isBlank() || lines.bytes()[lines.start()] == '\\') {
      throw error("\\data\\ declares " + count + " " + n + "-grams but the section has " + i);
    }
  }

  private void readUnigrams(long count) throws IOException {
    expectHeader(1);
    byte[] b;
    for (long i = 0; i < count; i++) {
      nextEntry(1, i, count);
      int fields = split(1);
      b = lines.bytes();
      float prob = parseProb();
      int id;
      if (HeapVocabulary.isUnknown(b, fieldStart[1], fieldEnd[1] - fieldStart[1])) {
        if (sawUnknown) {
          throw error("<unk> is listed twice among the 1-grams");
        }
        sawUnknown = true;
        id = 0;
      } else {
        id = vocabulary.add(b, fieldStart[1], fieldEnd[1] - fieldStart[1]);
        if (id < 0) {
          throw error("the 1-gram \"" + field(1) + "\" is listed twice");
        }
      }
      tables.unigramProb[id] = Float.floatToRawIntBits(prob);
      tables.unigramBackoff[id] = fields == 3 ? parseBackoff(2) : -0.0f;
    }
    if (!sawUnknown) {
      tables.unigramProb[0] = Float.floatToRawIntBits(MISSING_UNKNOWN_LOG10);
      tables.unigramBackoff[0] = 0.0f;
    }
  }

  private void readNgrams(int n, long count, boolean highest) throws IOException {
    expectHeader(n);
    HeapProbingTables.Table table = tables.table(n);
    HeapProbingTables.Table lower = n > 2 ? tables.table(n - 1) : null;
    int[] ids = new int[n];
    for (long i = 0; i < count; i++) {
      nextEntry(n, i, count);
      int fields = split(n);
      byte[] b = lines.bytes();
      float prob = parseProb();
      for (int w = 0; w < n; w++) {
        int s = fieldStart[w + 1];
        int len = fieldEnd[w + 1] - s;
        int id = vocabulary.index(b, s, len);
        if (id == 0 && !HeapVocabulary.isUnknown(b, s, len)) {
          throw error("the word \"" + field(w + 1) + "\" of this " + n + "-gram is not among the 1-grams");
        }
        ids[w] = id;
      }
      long suffix = NgramHash.start(ids[n - 1]);
      for (int w = n - 2; w >= 1; w--) {
        suffix = NgramHash.extend(suffix, ids[w]);
      }
      long key = NgramHash.extend(suffix, ids[0]);
      long context = NgramHash.start(ids[n - 2]);
      for (int w = n - 3; w >= 0; w--) {
        context = NgramHash.extend(context, ids[w]);
      }
      int contextSlot = lower == null ? ids[0] : lower.find(context);
      if (contextSlot < 0) {
        throw error("the context \"" + words(1, n - 1) + "\" of this " + n + "-gram is not a " + (n - 1) + "-gram");
      }
      int suffixSlot = lower == null ? ids[n - 1] : lower.find(suffix);
      if (suffixSlot < 0) {
        throw error("the suffix \"" + words(2, n) + "\" of this " + n + "-gram is not a " + (n - 1)
            + "-gram (pruned ARPA files of this kind are not supported)");
      }
      int slot = table.insert(key);
      if (slot < 0) {
        throw error("the " + n + "-gram \"" + words(1, n) + "\" is listed twice");
      }
      table.prob[slot] = Float.floatToRawIntBits(prob) | SIGN;
      if (highest) {
        if (fields == n + 2 && parseBackoff(n + 1) != 0f) {
          throw error("a backoff weight on a " + n + "-gram of the highest order");
        }
      } else {
        table.backoff[slot] = fields == n + 2 ? parseBackoff(n + 1) : -0.0f;
      }
      // The suffix now extends left; the context now has a longer n-gram after it.
      if (lower == null) {
        tables.unigramProb[suffixSlot] &= ~SIGN;
        activate(tables.unigramBackoff, contextSlot);
      } else {
        lower.prob[suffixSlot] &= ~SIGN;
        activate(lower.backoff, contextSlot);
      }
    }
  }

  private static void activate(float[] backoffs, int slot) {
    if (Float.floatToRawIntBits(backoffs[slot]) == NEGATIVE_ZERO) {
      backoffs[slot] = 0.0f;
    }
  }

  private void expectEnd() throws IOException {
    do {
      if (!lines.next()) {
        throw error("the file ends without \\end\\");
      }
    } while (lines.isBlank());
    if (!lines.is("\\end\\")) {
      throw error("expected \\end\\ after the last section (more n-grams than \\data\\ declares?) but found \""
          + lines.text() + "\"");
    }
    while (lines.next()) {
      if (!lines.isBlank()) {
        throw error("text after \\end\\: \"" + lines.text() + "\"");
      }
    }
  }

  /** Splits the current line into fields on spaces and tabs; returns their number (n+1 or n+2 are valid). */
  private int split(int n) throws LanguageModelFormatException {
    byte[] b = lines.bytes();
    int i = lines.start();
    int end = lines.end();
    int count = 0;
    while (true) {
      while (i < end && (b[i] == ' ' || b[i] == '\t')) {
        i++;
      }
      if (i == end) {
        break;
      }
      if (count == n + 2) {
        throw error("too many fields for a " + n + "-gram line (probability, " + n + " word(s), backoff)");
      }
      fieldStart[count] = i;
      while (i < end && b[i] != ' ' && b[i] != '\t') {
        i++;
      }
      fieldEnd[count++] = i;
    }
    if (count < n + 1) {
      throw error("expected a probability, " + n + " word(s) and an optional backoff, found " + count + " field(s): \""
          + lines.text() + "\"");
    }
    return count;
  }

  private float parseProb() throws LanguageModelFormatException {
    float p = parseFloat(0, "probability");
    if (p > 0f || Float.isNaN(p) || Float.isInfinite(p)) {
      throw error("log10 probability " + field(0) + " is not a finite value <= 0");
    }
    return p;
  }

  /** A backoff as KenLM stores it: zero (either sign) becomes -0.0, "no longer n-gram has this context" for now. */
  private float parseBackoff(int f) throws LanguageModelFormatException {
    float b = parseFloat(f, "backoff");
    if (Float.isNaN(b) || Float.isInfinite(b)) {
      throw error("backoff " + field(f) + " is not finite");
    }
    return b == 0f ? -0.0f : b;
  }

  private float parseFloat(int f, String what) throws LanguageModelFormatException {
    String s = new String(lines.bytes(), fieldStart[f], fieldEnd[f] - fieldStart[f], StandardCharsets.ISO_8859_1);
    try {
      return Float.parseFloat(s);
    } catch (NumberFormatException e) {
      throw error("bad " + what + " \"" + field(f) + "\"");
    }
  }

  private String field(int f) {
    return new String(lines.bytes(), fieldStart[f], fieldEnd[f] - fieldStart[f], StandardCharsets.UTF_8);
  }

  /** Words {@code from..to} (1-based, inclusive) of the current n-gram line. */
  private String words(int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int w = from; w <= to; w++) {
      sb.append(w > from ? " " : "").append(field(w));
    }
    return sb.toString();
  }

  private LanguageModelFormatException error(String problem) {
    return LanguageModelFormatException.atLine(file, lines.number(), problem);
  }
}
