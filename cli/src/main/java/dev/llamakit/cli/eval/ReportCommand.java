package dev.llamakit.cli.eval;

import dev.llamakit.eval.report.ComparisonReport;
import dev.llamakit.eval.report.RunResults;
import dev.llamakit.eval.run.AtomicFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llamakit eval report DIR...}: compares runs side by side in Markdown and HTML. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Compare run folders side by side: prints Markdown, writes a self-contained HTML page with a chart per task.")
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders (each holding results.json).")
  List<Path> runs;

  @Option(names = "--html", paramLabel = "FILE", defaultValue = "eval-report.html", description = "HTML output (default: ${DEFAULT-VALUE}).")
  Path html;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the Markdown here.")
  Path markdown;

  @Override
  public Integer call() {
    ComparisonReport r = new ComparisonReport(runs.stream().map(RunResults::load).toList());
    String md = r.markdown();
    System.out.print(md);
    if (markdown != null) {
      AtomicFiles.write(markdown, md);
    }
    AtomicFiles.write(html, r.html());
    System.err.println("wrote " + html);
    return 0;
  }
}
