package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.pipelines.io.Resources;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-language perplexity percentiles in cc_net's {@code cutoff.csv} layout: a header row {@code ,lang1,lang2,...}
 * then one row per percentile {@code p,v1,v2,...} from p = 0 (cc_net's own table stops at 99). cc_net's shipped table (made with its
 * Wikipedia models) is the resource {@code ccnet-cutoff.csv}; {@link #compute} makes one from perplexities.
 */
public final class Cutoffs implements Serializable {
  /** The name of cc_net's own table. */
  public static final String CCNET = "ccnet";

  private final Map<String, double[]> byLanguage;
  private final String origin;

  private Cutoffs(Map<String, double[]> byLanguage, String origin) {
    this.byLanguage = Collections.unmodifiableMap(byLanguage);
    this.origin = origin;
  }

  /**
   * {@code ccnet} (cc_net's table), the name of a bundled model ({@code wikitext2-en}: cutoffs computed for it), or
   * a cutoff.csv file.
   */
  public static Cutoffs load(String nameOrFile) throws IOException {
    if (nameOrFile.equals(CCNET) || BundledModels.isBundled(nameOrFile)) {
      String resource = nameOrFile + "-cutoff.csv";
      return parse(Resources.text(Cutoffs.class, resource), resource);
    }
    Path p = Path.of(nameOrFile);
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(nameOrFile, null, "cutoffs file not found (or name 'ccnet' for cc_net's table)");
    }
    return parse(TextLines.readAll(p), p.toString()); // strict UTF-8: a bad byte names file:line
  }

  /** Parses cutoff.csv text; errors name {@code origin} and the line. */
  public static Cutoffs parse(String csv, String origin) throws IOException {
    String[] lines = csv.strip().split("\r?\n");
    String[] header = lines[0].split(",", -1);
    if (header.length < 2 || !header[0].isEmpty()) {
      throw new IOException(origin + ":1: not a cutoff.csv header (expected ',lang1,lang2,...')");
    }
    if (lines.length < 2) {
      throw new IOException(origin + ": no percentile rows");
    }
    int nl = header.length - 1;
    double[][] cols = new double[nl][lines.length - 1]; // cc_net's own table has rows 0..99, computed ones 0..100
    for (int r = 1; r < lines.length; r++) {
      String[] f = lines[r].split(",", -1);
      if (f.length != header.length) {
        throw new IOException(origin + ":" + (r + 1) + ": " + f.length + " fields, header has " + header.length);
      }
      try {
        if (Integer.parseInt(f[0].strip()) != r - 1) {
          throw new IOException(origin + ":" + (r + 1) + ": percentile " + f[0] + ", expected " + (r - 1));
        }
        for (int c = 0; c < nl; c++) {
          cols[c][r - 1] = Double.parseDouble(f[c + 1].strip());
        }
      } catch (NumberFormatException e) {
        throw new IOException(origin + ":" + (r + 1) + ": not a number: " + e.getMessage(), e);
      }
    }
    Map<String, double[]> m = new LinkedHashMap<>();
    for (int c = 0; c < nl; c++) {
      m.put(header[c + 1].strip(), cols[c]);
    }
    return new Cutoffs(m, origin);
  }

  /**
   * Percentiles 0..100 of each language's perplexities, by linear interpolation between order statistics (numpy's
   * default {@code percentile}); languages with no values are left out.
   */
  public static Cutoffs compute(Map<String, ? extends List<Double>> perplexities) {
    Map<String, double[]> m = new LinkedHashMap<>();
    perplexities.forEach((lang, values) -> {
      if (values.isEmpty()) {
        return;
      }
      double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      double[] p = new double[101];
      for (int q = 0; q <= 100; q++) {
        double pos = (double) q * (v.length - 1) / 100.0;
        int lo = (int) Math.floor(pos);
        int hi = Math.min(v.length - 1, lo + 1);
        p[q] = v[lo] + (v[hi] - v[lo]) * (pos - lo);
      }
      m.put(lang, p);
    });
    return new Cutoffs(m, "computed");
  }

  /** The languages in the table. */
  public List<String> languages() {
    return new ArrayList<>(byLanguage.keySet());
  }

  /** The value at {@code percentile} for {@code lang}, or NaN when the language is not in the table. */
  public double at(String lang, int percentile) {
    double[] p = byLanguage.get(lang);
    return p == null ? Double.NaN : p[percentile];
  }

  /** The highest percentile the table has (cc_net's: 99; computed tables: 100). */
  public int maxPercentile() {
    return byLanguage.values().stream().mapToInt(p -> p.length - 1).min().orElse(-1);
  }

  /** The table as cc_net's cutoff.csv text. */
  public String toCsv() {
    StringBuilder sb = new StringBuilder();
    for (String l : byLanguage.keySet()) {
      sb.append(',').append(l);
    }
    sb.append('\n');
    for (int q = 0; q <= maxPercentile(); q++) {
      sb.append(q);
      for (double[] p : byLanguage.values()) {
        double v = p[q];
        sb.append(',').append(v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "Cutoffs[" + origin + ", " + byLanguage.size() + " languages]";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Cutoffs c) || !c.byLanguage.keySet().equals(byLanguage.keySet())) {
      return false;
    }
    return byLanguage.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), c.byLanguage.get(e.getKey())));
  }

  @Override
  public int hashCode() {
    return byLanguage.keySet().hashCode();
  }
}
