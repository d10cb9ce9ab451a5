package dev.llamakit.pipelines.bench;

import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.dedup.DuplicateLines;
import dev.llamakit.pipelines.dedup.LineDedup;
import dev.llamakit.pipelines.dedup.OccurrenceTable;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.CcNetJson;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.io.WetReader;
import dev.llamakit.pipelines.langid.LanguageIdentifier;
import dev.llamakit.pipelines.text.LineHasher;
import dev.llamakit.pipelines.text.PyText;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The CCNet recipe's steps called in a plain single-threaded Java loop over the same files, with the same logic
 * classes the Beam transforms wrap: the baseline that shows what the runner costs. Two passes like the pipeline
 * (count line occurrences, then dedup + LID + write), documents held in memory between them.
 */
public final class PlainLoop {
  private PlainLoop() {}

  /** What the loop did. */
  public record Result(long read, long written, long dropped, double seconds) {}

  public static Result run(List<Path> files, Path lidModel, Path outDir, int minLength) throws IOException {
    long t0 = System.nanoTime();
    List<Document> docs = new ArrayList<>();
    long[] counts = new long[3]; // read, written, dropped
    RecordSink sink = new RecordSink() {
      @Override
      public void document(Document d) {
        counts[0]++;
        if (PyText.len(d.rawContent()) < minLength) {
          counts[2]++;
        } else {
          docs.add(d);
        }
      }

      @Override
      public void drop(Drop d) {
        counts[0]++;
        counts[2]++;
      }
    };
    WetReader reader = new WetReader(ReadOptions.defaults());
    for (int i = 0; i < files.size(); i++) {
      try (InputStream in = Files.newInputStream(files.get(i))) {
        reader.read(in, files.get(i).getFileName().toString(), files.get(i).getFileName().toString(), i, sink);
      }
    }
    LineHasher hasher = new LineHasher();
    OccurrenceTable occ = new OccurrenceTable(docs.size() * 8);
    for (int i = 0; i < docs.size(); i++) {
      Document d = docs.get(i).withLineHashes(hasher.hashLines(LineHasher.splitLines(docs.get(i).rawContent())));
      docs.set(i, d);
      for (long h : LineDedup.distinctHashes(d.lineHashes())) {
        occ.add(h, d.ordinal());
      }
    }
    DuplicateLines dups = occ.duplicates();
    LineDedup dedup = new LineDedup(DedupPolicy.REMOVE_ALL, minLength);
    Files.createDirectories(outDir);
    Map<String, BufferedWriter> writers = new HashMap<>();
    try (LanguageIdentifier lid = new LanguageIdentifier(lidModel)) {
      for (Document d : docs) {
        LineDedup.Outcome o = dedup.apply(d, dups);
        if (o.kept() == null) {
          counts[2]++;
          continue;
        }
        Document.Language l = lid.identify(o.kept().rawContent());
        if (l.score() < 0.5) {
          counts[2]++;
          continue;
        }
        BufferedWriter w = writers.computeIfAbsent(l.label(), k -> open(outDir.resolve(k + ".json.gz")));
        w.write(CcNetJson.toJson(o.kept().withLanguage(l)));
        w.write('\n');
        counts[1]++;
      }
    } finally {
      for (BufferedWriter w : writers.values()) {
        w.close();
      }
    }
    return new Result(counts[0], counts[1], counts[2], (System.nanoTime() - t0) / 1e9);
  }

  private static BufferedWriter open(Path p) {
    try {
      return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(p), 1 << 16),
          StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
