package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.sample.CorpusGenerator;
import dev.llamakit.pipelines.sample.LanguagePool;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit pipeline sample}: writes a deterministic multilingual WET corpus. */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Write a deterministic multilingual WET corpus (FLORES-200 sentences, boilerplate, short and "
        + "language-less pages) for trying and benchmarking the pipelines.")
public final class SampleCommand implements Callable<Integer> {
  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR") Path output;

  @Option(names = "--documents", defaultValue = "1500") int documents;

  @Option(names = "--files", defaultValue = "3") int files;

  @Option(names = "--chars", defaultValue = "2500", description = "Target characters per page.") int chars;

  @Option(names = "--sites", defaultValue = "60") int sites;

  @Option(names = "--seed", defaultValue = "20191") long seed;

  @Option(names = "--prefix", defaultValue = "multilingual") String prefix;

  @Override
  public Integer call() throws Exception {
    var shape = new CorpusGenerator.Shape(documents, files, chars, sites);
    for (Path p : new CorpusGenerator(LanguagePool.all(), seed).write(output, prefix, shape)) {
      System.out.println(p);
    }
    return 0;
  }
}
