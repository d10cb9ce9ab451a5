/**
 * The server's counters in the Prometheus text format ({@code GET /metrics}).
 *
 * <pre>{@code
 * ServerMetrics m = new ServerMetrics(queue::depth, queue::admitted);
 * m.request("/v1/completions", 200);
 * String text = m.render();   // llamakit_requests_total{endpoint="/v1/completions",status="200"} 1 ...
 * }</pre>
 */
package dev.llamakit.serve.metrics;
