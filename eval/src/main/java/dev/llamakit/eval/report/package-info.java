/**
 * Comparison of runs: reads each run folder's results.json and renders a Markdown table and a self-contained HTML
 * page with an inline-SVG bar chart per task.
 *
 * <pre>{@code
 * var report = new ComparisonReport(List.of(RunResults.load(Path.of("runs/a")), RunResults.load(Path.of("runs/b"))));
 * Files.writeString(Path.of("report.md"), report.markdown());
 * Files.writeString(Path.of("report.html"), report.html());
 * }</pre>
 */
package dev.llamakit.eval.report;
