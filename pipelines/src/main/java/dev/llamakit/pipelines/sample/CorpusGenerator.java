package dev.llamakit.pipelines.sample;

import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.pipelines.io.WetWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates deterministic multilingual WET corpora that look like a crawl to the CCNet recipe: pages of real and
 * recombined FLORES sentences in ten languages, wrapped in per-site navigation lines and crawl-wide footer lines
 * (boilerplate that line dedup must remove), some pages quoting the same real sentences, some pages too short to
 * keep, and some number-and-symbol pages that language ID rejects. Same seed, same bytes.
 */
public final class CorpusGenerator {
  private static final String[] FOOTERS = {
    "Copyright © 2019 All rights reserved.",
    "This website uses cookies to improve your experience. Accept | Reject | Read more",
    "Share on Facebook | Share on Twitter | Share by email",
    "Home | About | Contact | Privacy policy | Terms of service",
  };

  private final List<LanguagePool> languages;
  private final long seed;

  public CorpusGenerator(List<LanguagePool> languages, long seed) {
    this.languages = List.copyOf(languages);
    this.seed = seed;
  }

  /** The shape of one generated corpus. */
  public record Shape(int documents, int files, int targetChars, int sites) {}

  /**
   * Writes {@code shape.files()} gzipped WET files {@code <prefix>-NNNNN.warc.wet.gz} into {@code dir}, each under a
   * temporary name then renamed.
   */
  public List<Path> write(Path dir, String prefix, Shape shape) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seed);
    int perFile = (shape.documents() + shape.files() - 1) / shape.files();
    int doc = 0;
    for (int f = 0; f < shape.files(); f++) {
      Path target = dir.resolve(String.format("%s-%05d.warc.wet.gz", prefix, f));
      int first = doc;
      AtomicFile.write(target, stream -> {
        try (WetWriter w = new WetWriter(stream, true)) {
          for (int d = first; d < Math.min(first + perFile, shape.documents()); d++) {
            page(w, rnd, d, shape);
          }
        }
      });
      doc = Math.min(first + perFile, shape.documents());
      out.add(target);
    }
    return out;
  }

  private void page(WetWriter w, SplittableRandom rnd, int doc, Shape shape) throws IOException {
    int site = rnd.nextInt(shape.sites());
    LanguagePool lang = languages.get(site % languages.size());
    StringBuilder body = new StringBuilder();
    line(body, "Site " + site + " — " + lang.label() + " news and stories");
    line(body, "Menu | Home | Archive | Site " + site + " | Subscribe");
    int kind = rnd.nextInt(100);
    if (kind < 4) {
      line(body, lang.sentence(rnd)); // too short to keep
    } else if (kind < 7) {
      for (int i = 0; i < 12; i++) {
        line(body, numbers(rnd)); // no language: low language-ID score
      }
    } else {
      while (body.length() < shape.targetChars()) {
        line(body, rnd.nextInt(10) < 2 ? lang.sentence(rnd) : lang.synthesize(rnd, 8 + rnd.nextInt(14)));
      }
    }
    line(body, FOOTERS[rnd.nextInt(FOOTERS.length)]);
    line(body, FOOTERS[0]);
    w.conversion("http://site" + site + ".example/" + lang.label() + "/page-" + doc + ".html",
        String.format("2019-03-18T%02d:%02d:%02dZ", (doc / 3600) % 24, (doc / 60) % 60, doc % 60), body.toString());
  }

  private static String numbers(SplittableRandom rnd) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append(rnd.nextInt(100000)).append(i % 3 == 0 ? " | " : " ");
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String l) {
    sb.append(l).append('\n');
  }
}
