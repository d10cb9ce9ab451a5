/**
 * Run reports: what a pipeline read, wrote and dropped (by named reason), computed from Beam metrics, with the
 * accounting check read = written + dropped, written atomically as {@code report.json}.
 *
 * <pre>{@code
 * PipelineResult r = pipeline.run(); r.waitUntilFinish();
 * RunReport report = RunReport.from(r.metrics(), seconds, cores);
 * report.writeTo(out.resolve("report.json")); report.print(System.out);
 * }</pre>
 */
package dev.llamakit.pipelines.report;
