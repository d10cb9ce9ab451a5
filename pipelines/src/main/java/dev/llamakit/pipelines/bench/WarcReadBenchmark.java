package dev.llamakit.pipelines.bench;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.RecordSink;
import dev.llamakit.pipelines.io.WarcReader;
import dev.llamakit.pipelines.sample.LanguagePool;
import dev.llamakit.pipelines.sample.WarcCorpusGenerator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The WARC reader's throughput on one thread: generated ~{@code pageBytes} pages (see {@link WarcCorpusGenerator}) in
 * a gzipped WARC held in memory, read {@code passes} times — gunzip, WARC framing, HTTP decoding, charset, one jsoup
 * parse and the main-content classifier per page. Figures per pass, of wall time and of the thread's CPU time.
 */
public final class WarcReadBenchmark {
  private WarcReadBenchmark() {}

  /** One pass: pages turned into documents or drops, HTML bytes, wall and thread-CPU seconds. */
  public record Pass(long pages, long documents, long htmlBytes, double seconds, double cpuSeconds) {
    public double pagesPerSecond() {
      return pages / seconds;
    }

    public double pagesPerCpuSecond() {
      return pages / cpuSeconds;
    }

    public double mbPerCpuSecond() {
      return htmlBytes / 1e6 / cpuSeconds;
    }
  }

  /** Generates the corpus: the gzipped WARC bytes and the pages' total HTML bytes. */
  public record Corpus(byte[] warc, int pages, long htmlBytes) {}

  public static Corpus corpus(int pages, int pageBytes, Path tmp) throws IOException {
    List<Path> files = new WarcCorpusGenerator(LanguagePool.all(), 42).write(tmp, "bench", pages, 1, pageBytes);
    byte[] warc = Files.readAllBytes(files.getFirst());
    Files.delete(files.getFirst());
    // the HTML bytes: what a plain pass over the generator's pages weighs
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(42);
    WarcCorpusGenerator g = new WarcCorpusGenerator(LanguagePool.all(), 42);
    long html = 0;
    for (int p = 0; p < pages; p++) {
      html += g.page(rnd, p, pageBytes).length();
    }
    return new Corpus(warc, pages, html);
  }

  public static Pass pass(Corpus c) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] counts = new long[2];
    RecordSink sink = new RecordSink() {
      @Override
      public void document(Document d) {
        counts[0]++;
      }

      @Override
      public void drop(Drop d) {
        counts[1]++;
      }
    };
    long cpu0 = threads.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    new WarcReader(ReadOptions.defaults()).read(new ByteArrayInputStream(c.warc()), "bench.warc.gz", "bench", 0, sink);
    double secs = (System.nanoTime() - t0) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
    return new Pass(counts[0] + counts[1], counts[0], c.htmlBytes(), secs, cpu);
  }
}
