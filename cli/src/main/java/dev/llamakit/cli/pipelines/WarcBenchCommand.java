package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.bench.WarcReadBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit bench warc}: WARC to main-content text, pages per second on one core. */
@Command(name = "warc", mixinStandardHelpOptions = true,
    description = {"WARC -> text on one thread: generated HTML pages of --page-bytes in a gzipped WARC (request,",
      "response, metadata records; some responses gzip- or chunk-coded) read --passes times by the warc format's",
      "reader (gunzip, framing, HTTP decoding, charset, one jsoup parse, main-content classifier). Prints pages/s",
      "and MB/s of HTML per pass, of wall time and of the thread's CPU time. Target: 500 pages/s per core at 50 KB.",
      "The whole recipe on WARC input: llamakit bench pipeline --input-format warc."})
public final class WarcBenchCommand implements Callable<Integer> {
  @Option(names = "--pages", defaultValue = "2000") int pages;

  @Option(names = "--page-bytes", defaultValue = "50000") int pageBytes;

  @Option(names = "--passes", defaultValue = "5") int passes;

  @Override
  public Integer call() throws Exception {
    if (pages < 1 || pageBytes < 2000 || passes < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--pages and --passes must be at least 1 and --page-bytes at least 2000");
    }
    Path tmp = Files.createTempDirectory("llamakit-bench-warc");
    WarcReadBenchmark.Corpus c;
    try {
      c = WarcReadBenchmark.corpus(pages, pageBytes, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
    System.out.printf("corpus: %,d pages, %.1f MB of HTML (%,.0f bytes a page), %.1f MB gzipped WARC%n", c.pages(),
        c.htmlBytes() / 1e6, (double) c.htmlBytes() / c.pages(), c.warc().length / 1e6);
    for (int i = 1; i <= passes; i++) {
      WarcReadBenchmark.Pass p = WarcReadBenchmark.pass(c);
      System.out.printf("pass %d: %,d pages (%,d documents) in %.2f s: %,.0f pages/s, %.1f MB/s of wall time; "
          + "%,.0f pages/s, %.1f MB/s per CPU-second of the thread%n", i, p.pages(), p.documents(), p.seconds(),
          p.pagesPerSecond(), p.htmlBytes() / 1e6 / p.seconds(), p.pagesPerCpuSecond(), p.mbPerCpuSecond());
    }
    return 0;
  }
}
